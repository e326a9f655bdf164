// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulatortest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
)

// Control drives an emulator's control API (/_emulator/) for a test. It
// works against an in-process server or the alibabacloud-emulator command.
// Every method fails the test on an error.
type Control struct {
	t       testing.TB
	baseURL string
	client  *http.Client
}

// NewControl returns a Control for the emulator at baseURL
// ("http://127.0.0.1:PORT").
func NewControl(t testing.TB, baseURL string) *Control {
	return &Control{t: t, baseURL: strings.TrimRight(baseURL, "/"), client: &http.Client{Timeout: 30 * time.Second}}
}

// ControlOf returns a Control for an in-process server.
func ControlOf(t testing.TB, srv *emulator.Server) *Control { return NewControl(t, srv.URL()) }

// State decodes the state JSON into v (see the emulator's state.go for the
// schema).
func (c *Control) State(v any) {
	c.t.Helper()
	c.do(http.MethodGet, "state", nil, v)
}

// PutState replaces the state with a fresh account plus the objects of
// stateJSON.
func (c *Control) PutState(stateJSON string) {
	c.t.Helper()
	c.do(http.MethodPut, "state", json.RawMessage(stateJSON), nil)
}

// Reset returns the emulator to its start state, revokes temporary
// credentials and clears the request log.
func (c *Control) Reset() {
	c.t.Helper()
	c.do(http.MethodPost, "reset", nil, nil)
}

// Requests returns the logged calls after sequence number since (0 for
// all).
func (c *Control) Requests(since int64) []emulator.CallRecord {
	c.t.Helper()
	var out struct {
		Requests []emulator.CallRecord `json:"requests"`
	}
	c.do(http.MethodGet, "requests?since="+strconv.FormatInt(since, 10), nil, &out)
	return out.Requests
}

// Calls returns the logged calls of one action ("Action" or
// "Product.Action").
func (c *Control) Calls(action string) []emulator.CallRecord {
	c.t.Helper()
	var out []emulator.CallRecord
	for _, r := range c.Requests(0) {
		if r.Action == action || r.Product+"."+r.Action == action {
			out = append(out, r)
		}
	}
	return out
}

// ClearRequests empties the request log.
func (c *Control) ClearRequests() {
	c.t.Helper()
	c.do(http.MethodDelete, "requests", nil, nil)
}

// Knobs returns the current knobs.
func (c *Control) Knobs() emulator.Knobs {
	c.t.Helper()
	var k emulator.Knobs
	c.do(http.MethodGet, "knobs", nil, &k)
	return k
}

// SetKnobs replaces the knobs.
func (c *Control) SetKnobs(k emulator.Knobs) {
	c.t.Helper()
	c.do(http.MethodPut, "knobs", k, nil)
}

// AddFault adds a fault rule.
func (c *Control) AddFault(f emulator.Fault) {
	c.t.Helper()
	c.do(http.MethodPost, "faults", f, nil)
}

// FailNext makes the next n calls of action fail with kind.
func (c *Control) FailNext(action string, kind emulator.FaultKind, n int) {
	c.t.Helper()
	c.AddFault(emulator.Fault{Action: action, Kind: kind, Count: n})
}

// ClearFaults removes every fault rule.
func (c *Control) ClearFaults() {
	c.t.Helper()
	c.do(http.MethodDelete, "faults", nil, nil)
}

// AdvanceClock moves the emulator's time forward.
func (c *Control) AdvanceClock(d time.Duration) {
	c.t.Helper()
	c.do(http.MethodPost, "clock", map[string]string{"advance": d.String()}, nil)
}

func (c *Control) do(method, path string, body, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatalf("emulator control %s %s: %v", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.baseURL+emulator.ControlPrefix+path, rd)
	if err != nil {
		c.t.Fatalf("emulator control %s %s: %v", method, path, err)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		c.t.Fatalf("emulator control %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("emulator control %s %s: %v", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("emulator control %s %s: HTTP %d: %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("emulator control %s %s: %v", method, path, err)
		}
	}
}

// String describes the control for failure messages.
func (c *Control) String() string { return fmt.Sprintf("emulator control at %s", c.baseURL) }
