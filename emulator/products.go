// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"sort"
)

// productSpec describes one API product the emulator serves. Each product's
// file registers its spec from an init function with registerProduct; see
// doc.go for a worked example.
type productSpec struct {
	// Name is the product code, e.g. "Ram". It is also the key of the
	// product's section in the state JSON.
	Name string
	// Version is the API version, e.g. "2015-05-01". Calls are dispatched
	// to a product by version, then by action.
	Version string
	// HostID is the HostId of the product's error bodies, its public
	// endpoint host, e.g. "ram.aliyuncs.com".
	HostID string
	// NewState returns the product's initial state: a pointer to a struct
	// that encoding/json round-trips. It is called at start and on reset,
	// before any load, so it holds what exists in a fresh account (Eiam: its
	// one instance). Nil for a product without state.
	NewState func(s *Server) any
	// Install registers the product's actions (s.register) and any extra
	// HTTP routes (s.route). It is called once per server.
	Install func(s *Server)
}

// stateNormalizer is implemented by a product state that must check or
// complete objects after a load (-load, -state, the control API): fill
// generated IDs and dates, rebuild indexes, reject broken objects.
type stateNormalizer interface {
	normalize(s *Server) error
}

// product is a registered product with its actions.
type product struct {
	productSpec
	actions map[string]action
}

// action is one registered action.
type action struct {
	handler handlerFunc
	opts    actionOpts
}

// actionOpts are an action's properties.
type actionOpts struct {
	// write marks an action that changes state: the state file is written
	// after it succeeds, and ambiguous-write faults apply to it.
	write bool
	// anonymous marks an action authenticated by its own parameters (a SAML
	// assertion, an OIDC token), not by an access key signature.
	anonymous bool
	// freshKey marks an action that needs a new RSA signing key: the call
	// gets one in c.freshKey, generated before the server's lock is taken.
	// Generating one takes tens of milliseconds, which every other call
	// would otherwise wait through.
	freshKey bool
}

// Options for register.
var (
	// readAction is a call that changes nothing.
	readAction = actionOpts{}
	// writeAction is a call that changes state.
	writeAction = actionOpts{write: true}
	// anonymousWriteAction is a call that needs no signature and changes
	// state (the STS AssumeRoleWith* calls issue credentials).
	anonymousWriteAction = actionOpts{write: true, anonymous: true}
	// keyedWriteAction is a call that changes state and needs a fresh
	// signing key (Eiam CreateApplication).
	keyedWriteAction = actionOpts{write: true, freshKey: true}
)

var productSpecs []productSpec

// registerProduct adds a product; call it from an init function.
func registerProduct(spec productSpec) {
	for _, p := range productSpecs {
		if p.Name == spec.Name || p.Version == spec.Version {
			panic(fmt.Sprintf("emulator: product %s %s registered twice", spec.Name, spec.Version))
		}
	}
	productSpecs = append(productSpecs, spec)
	sort.Slice(productSpecs, func(i, j int) bool { return productSpecs[i].Name < productSpecs[j].Name })
}

// register adds an action to a product. It panics on a programming error
// (unknown product, duplicate action), at server construction.
func (s *Server) register(productName, actionName string, opts actionOpts, h handlerFunc) {
	p := s.productByName[productName]
	if p == nil {
		panic(fmt.Sprintf("emulator: register %s.%s: no product %s", productName, actionName, productName))
	}
	if _, dup := p.actions[actionName]; dup {
		panic(fmt.Sprintf("emulator: action %s.%s registered twice", productName, actionName))
	}
	p.actions[actionName] = action{handler: h, opts: opts}
}

// Actions returns the product.action names the server serves, sorted.
func (s *Server) Actions() []string {
	var out []string
	for _, p := range s.products {
		for a := range p.actions {
			out = append(out, p.Name+"."+a)
		}
	}
	sort.Strings(out)
	return out
}
