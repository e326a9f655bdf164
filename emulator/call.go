// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/rsa"
	"strconv"
	"strings"
	"time"
)

// obj is a JSON object: the body a handler answers with. The dispatcher
// adds "RequestId".
type obj = map[string]any

// handlerFunc serves one action. It runs with the server's state lock held,
// so it may read and change state freely, and must not block.
type handlerFunc func(c *call) (obj, error)

// call is one API call as a handler sees it: its parameters with typed
// accessors, the caller, the time, and the server.
//
// The parameter accessors record the first problem they meet and return a
// zero value, so a handler reads all its parameters and then checks once:
//
//	name := c.required("RoleName")
//	max := c.int("MaxSessionDuration", 3600)
//	if err := c.paramErr(); err != nil {
//		return nil, err
//	}
type call struct {
	s         *Server
	product   *product
	action    string
	requestID string
	params    Params
	// caller is who signed the call; the zero principal for anonymous
	// actions.
	caller principal
	// now is the emulator's time when the call arrived.
	now time.Time
	// host is the host (and port) the call was sent to, for URLs an answer
	// holds, such as an application's IdP metadata URL.
	host string
	// freshKey is a new RSA key of samlsso.KeyBits bits for an action
	// registered with freshKey, nil for others.
	freshKey *rsa.PrivateKey
	err      error
}

// paramErr returns the first parameter problem met so far, or nil.
func (c *call) paramErr() error { return c.err }

func (c *call) fail(err *APIError) {
	if c.err == nil {
		c.err = err
	}
}

// required returns the value of name, recording MissingName when it is
// absent or empty.
func (c *call) required(name string) string {
	v := c.params.Get(name)
	if v == "" {
		c.fail(errMissingParam(name))
	}
	return v
}

// optional returns the value of name, "" when absent.
func (c *call) optional(name string) string { return c.params.Get(name) }

// has reports whether name was sent with a non-empty value.
func (c *call) has(name string) bool { return c.params.Has(name) }

// int returns name as an integer, def when absent, recording
// InvalidParameter when it is not one.
func (c *call) int(name string, def int64) int64 {
	v := c.params.Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		c.fail(errInvalidParam(name, "it must be an integer"))
		return def
	}
	return n
}

// bool returns name as a boolean ("true" or "false", any case), false when
// absent, recording InvalidParameter otherwise.
func (c *call) bool(name string) bool {
	switch strings.ToLower(c.params.Get(name)) {
	case "", "false":
		return false
	case "true":
		return true
	}
	c.fail(errInvalidParam(name, `it must be "true" or "false"`))
	return false
}

// list returns the repeated parameter name ("name.1", "name.2", …).
func (c *call) list(name string) []string { return c.params.List(name) }

// requiredList is list, recording MissingName when it is empty.
func (c *call) requiredList(name string) []string {
	l := c.params.List(name)
	if len(l) == 0 {
		c.fail(errMissingParam(name))
	}
	return l
}

// structList returns the repeated structure name ("name.1.Field", …).
func (c *call) structList(name string) []Params { return c.params.StructList(name) }
