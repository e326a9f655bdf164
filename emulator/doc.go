// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package emulator is a local, wire-faithful emulator of the Alibaba Cloud
// APIs the provider uses: Ram 2015-05-01, Ims 2019-08-15, Sts 2015-04-01 and
// Eiam 2021-12-01, all on one port, driven by the real SDKs. Facts and their
// sources: FACTS.md at the root of the repository.
//
// # Using it
//
// In-process: srv, err := emulator.Start(emulator.Config{}); point an SDK
// request at srv.Addr() with scheme "http"; srv.Close() at the end. Tests
// use emulatortest.Start(t), which registers the Close. As a command:
// emulator/cmd/alibabacloud-emulator.
//
// # How a call is served
//
// serveAPI (dispatch.go) reads the action and version from the ACS3 headers
// (x-acs-action, x-acs-version) or the v1 parameters (Action, Version),
// picks the product by version and the action by name, merges query and
// form parameters, applies the latency knob, verifies the signature
// (auth.go; skipped for anonymous actions), applies QPS limits and faults
// (knobs.go), and runs the action's handler with the state lock held. A
// handler returns a JSON object (RequestId is added) or an error; every
// error code lives in errors.go with its source. After a successful write
// the state file is rewritten (state.go). Every call is logged without
// secrets (requestlog.go).
//
// # Adding a product's actions
//
// A product lives in its own files. Register it from an init function:
//
//	const productFoo = "Foo"
//
//	func init() {
//		registerProduct(productSpec{
//			Name:     productFoo,         // also its key in the state JSON
//			Version:  "2020-01-01",       // calls are routed by version
//			HostID:   "foo.aliyuncs.com", // HostId of its error bodies
//			NewState: func(s *Server) any { return &fooState{} },
//			Install: func(s *Server) {
//				s.register(productFoo, "CreateThing", writeAction, s.fooCreateThing)
//				s.register(productFoo, "GetThing", readAction, s.fooGetThing)
//			},
//		})
//		registerConsistencyKind("Foo.Thing", "a new thing is invisible to GetThing and ListThings")
//	}
//
// The state is a struct that encoding/json round-trips (exported fields,
// JSON names as the API writes them); it is the product's section of the
// state JSON. If loaded objects need IDs, dates or indexes filled in,
// implement normalize(s *Server) error on it (stateNormalizer). Reach it
// from handlers through a typed accessor:
//
//	func (s *Server) foo() *fooState { return stateOf[*fooState](s, productFoo) }
//
// A handler reads its parameters through the call, checks once, and
// answers an obj or an error from errors.go:
//
//	func (s *Server) fooGetThing(c *call) (obj, error) {
//		id := c.required("ThingId")          // MissingThingId when absent
//		size := c.int("PageSize", 20)        // InvalidParameter when not a number
//		ids := c.list("UserIds")             // UserIds.1, UserIds.2, …
//		kvs := c.structList("Params")        // Params.1.Name, Params.1.Value, …
//		if err := c.paramErr(); err != nil {
//			return nil, err
//		}
//		t := s.foo().things[id]
//		if t == nil || !s.visible("Foo.Thing", t.created, c.now) {
//			return nil, errThingNotExist() // add it to errors.go with its source
//		}
//		return obj{"Thing": obj{"ThingId": t.ID, "CreateTime": epochMillis(t.created)}}, nil
//	}
//
// The call also carries c.caller (who signed it), c.now (the emulated time:
// use it, never time.Now) and c.requestID; the account's ID is s.accountID.
// Handlers run with the server's lock held: they may change state freely
// but must not block. Slow work that needs no state is done before the lock
// is taken: an action registered with keyedWriteAction finds a new RSA
// signing key in c.freshKey.
// Extra HTTP endpoints (an IdP metadata URL) are added with s.route from
// Install; they run without the lock, so they take s.mu themselves. Time
// formats: isoTime for RAM/IMS/STS, epochMillis for EIAM.
//
// Helpers other products reuse: s.roleByARN and s.visibleRole (RAM roles
// as STS sees them), s.ims().samlProvider (SAML providers),
// sessionDuration and checkSessionPolicy (STS parameters), and
// s.issueRoleCredentials, which issues the temporary credentials of every
// AssumeRole* answer.
//
// # Knobs, control API, state
//
// Knobs (knobs.go) set latency, per-action QPS limits, faults (HTTP 500 and
// 503, throttling, connection resets, ambiguous writes; by probability or
// for the next N calls) and consistency delays. The control API
// (control.go) is served under /_emulator/: state, requests, reset, knobs,
// faults, clock, info. The state JSON schema is described in state.go.
//
// # Eventual consistency
//
// s.visible(kind, created, now) is false while an object is younger than
// its kind's delay (Knobs.Consistency). Declare a kind with
// registerConsistencyKind; reads treat an invisible object as absent,
// references treat it as unusable.
package emulator
