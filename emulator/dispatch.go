// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBodyBytes bounds a request body. SAML assertions are at most 100,000
// characters (FACTS.md); metadata documents about as large.
const maxBodyBytes = 4 << 20

// serveAPI serves one RPC call: POST (or GET) "/" with the action and
// version in x-acs-action/x-acs-version headers (ACS3) or in the Action and
// Version parameters (v1).
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rec := CallRecord{RequestID: newRequestID(), Time: s.now()}
	reply := func(status int, body any) {
		rec.Status = status
		s.logCall(rec)
		writeJSON(w, status, body)
	}
	fail := func(p *product, err *APIError) {
		hostID, name := r.Host, ""
		if p != nil {
			hostID, name = p.HostID, p.Name
		}
		rec.Code = err.Code
		reply(err.Status, err.body(rec.RequestID, hostID, name))
	}

	if r.URL.Path != "/" {
		fail(nil, errActionNotFound())
		return
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		fail(nil, apiErr(http.StatusMethodNotAllowed, "UnsupportedHTTPMethod", "The HTTP method %s is not supported; use POST or GET.", r.Method))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		fail(nil, apiErr(http.StatusBadRequest, "InvalidParameter", "The request body could not be read: %v", err))
		return
	}
	if len(body) > maxBodyBytes {
		fail(nil, apiErr(http.StatusRequestEntityTooLarge, "InvalidParameter", "The request body is larger than %d bytes.", maxBodyBytes))
		return
	}
	query := r.URL.Query()
	var form url.Values
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" && len(body) > 0 {
		if form, err = url.ParseQuery(string(body)); err != nil {
			fail(nil, apiErr(http.StatusBadRequest, "InvalidParameter", "The form body is not valid: %v", err))
			return
		}
	}
	params := mergeParams(query, form)
	req := signedRequest{r: r, body: body, query: query, params: params}

	// An ACS3 request names its action in headers; a v1 request in
	// parameters (the legacy SDK sends both).
	actionName, version := params.Get("Action"), params.Get("Version")
	if strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-") {
		actionName, version = r.Header.Get("x-acs-action"), r.Header.Get("x-acs-version")
		rec.Signature = sigACS3
	} else if params.Has("Signature") {
		rec.Signature = sigV1
	}
	rec.Action = actionName
	rec.Version = version
	rec.Params = redactParams(params)
	if actionName == "" {
		fail(nil, errMissingParam("Action"))
		return
	}
	if version == "" {
		fail(nil, errMissingParam("Version"))
		return
	}
	p := s.productByVersion[version]
	if p == nil {
		fail(nil, errActionOrVersion())
		return
	}
	rec.Product = p.Name
	act, ok := p.actions[actionName]
	if !ok {
		fail(p, errActionNotFound())
		return
	}

	if d := s.latencyFor(p.Name, actionName); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}

	c := &call{s: s, product: p, action: actionName, requestID: rec.RequestID, params: params, host: r.Host}
	if act.opts.freshKey {
		// Made here, the key delays this call only; under the lock it would
		// delay every call.
		if c.freshKey, err = s.generateKey(); err != nil {
			s.logf("emulator: %s.%s: generating a signing key: %v", p.Name, actionName, err)
			fail(p, errInternal())
			return
		}
	}
	s.mu.Lock()
	c.now = s.now()
	if !act.opts.anonymous {
		who, err := s.authenticate(req, c.now)
		if err != nil {
			s.mu.Unlock()
			fail(p, err)
			return
		}
		c.caller = who
		rec.AccessKeyID = who.AccessKeyID
	}
	if !s.knobs.allow(p.Name, actionName, c.now) {
		s.mu.Unlock()
		fail(p, errThrottlingUser())
		return
	}
	fault := s.knobs.pickFault(p.Name, actionName, act.opts.write, s.rand)
	rec.Fault = string(fault)
	switch fault {
	case FaultInternalError:
		s.mu.Unlock()
		fail(p, errInternal())
		return
	case FaultUnavailable:
		s.mu.Unlock()
		fail(p, errServiceUnavailable())
		return
	case FaultThrottling:
		s.mu.Unlock()
		fail(p, errThrottlingUser())
		return
	case FaultReset:
		s.mu.Unlock()
		s.logCall(rec)
		dropConnection(w)
		return
	}

	out, herr := s.runHandler(act.handler, c)
	if herr == nil && act.opts.write {
		if err := s.persist(); err != nil {
			s.logf("emulator: %v", err)
		}
	}
	s.mu.Unlock()

	if fault == FaultAmbiguous {
		if herr != nil {
			rec.Code = asAPIError(herr).Code
		}
		s.logCall(rec)
		dropConnection(w)
		return
	}
	if herr != nil {
		fail(p, asAPIError(herr))
		return
	}
	out["RequestId"] = rec.RequestID
	reply(http.StatusOK, out)
}

// runHandler runs a handler, turning a panic into InternalError so that one
// bad call cannot take the server down with the lock held.
func (s *Server) runHandler(h handlerFunc, c *call) (out obj, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("emulator: %s.%s panicked: %v", c.product.Name, c.action, v)
			out, err = nil, fmt.Errorf("panic: %v", v)
		}
	}()
	out, err = h(c)
	if err == nil && out == nil {
		out = obj{}
	}
	return out, err
}

// writeJSON writes a JSON response with the content type the real APIs use
// (FACTS.md).
func writeJSON(w http.ResponseWriter, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"Code":"InternalError","Message":"An internal error occurred."}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	writeBody(w, b)
}

// writeBody writes a response body. Its error is dropped on purpose: the
// status line has gone out, and a write fails only when the client has hung
// up, so there is no one left to tell.
func writeBody(w http.ResponseWriter, b []byte) {
	_, _ = w.Write(b)
}

// dropConnection closes the client's connection without a response, with
// a TCP reset where possible, as a failing network or load balancer would.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		// Without the linger setting the close below still drops the
		// connection, with a FIN instead of a reset; good enough.
		_ = tc.SetLinger(0)
	}
	conn.Close()
}
