// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

func TestQPSLimit(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithKnobs(emulator.Knobs{
		// One call, then one per 1000 s: the second call is over the limit.
		QPS: map[string]float64{"Sts.GetCallerIdentity": 0.001},
	}))
	c := defaultClients(t)
	_, err := callerIdentity(t, srv, c)
	mustOK(t, err)
	_, err = callerIdentity(t, srv, c)
	wantAPIError(t, err, "Throttling.User", 400)
	// Other actions have no limit.
	_, err = c.ram.ListRoles(at(srv, ram.CreateListRolesRequest()))
	mustOK(t, err)
}

func TestFaults(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "r", trustRAM())
	get := func() error {
		req := at(srv, ram.CreateGetRoleRequest())
		req.RoleName = "r"
		_, err := c.ram.GetRole(req)
		return err
	}
	addFault := func(f emulator.Fault) {
		t.Helper()
		var out map[string]any
		if status := control(t, srv, "POST", "faults", f, &out); status != 200 {
			t.Fatalf("add fault: %d %v", status, out)
		}
	}

	addFault(emulator.Fault{Action: "Ram.GetRole", Kind: "internal-error", Count: 2})
	wantAPIError(t, get(), "InternalError", 500)
	_, err := callerIdentity(t, srv, c) // another action is not affected
	mustOK(t, err)
	wantAPIError(t, get(), "InternalError", 500)
	mustOK(t, get()) // the rule is spent

	addFault(emulator.Fault{Action: "GetRole", Kind: "unavailable", Count: 1})
	wantAPIError(t, get(), "ServiceUnavailable", 503)
	addFault(emulator.Fault{Action: "GetRole", Kind: "throttling", Count: 1})
	wantAPIError(t, get(), "Throttling.User", 400)

	// A reset drops the connection: the SDK sees no server answer.
	addFault(emulator.Fault{Action: "GetRole", Kind: "reset", Count: 1})
	err = get()
	var se *sdkerrors.ServerError
	if err == nil || errors.As(err, &se) {
		t.Errorf("reset: got %v, want a connection error", err)
	}
	mustOK(t, get())

	// An ambiguous write is applied, then the connection is dropped. It
	// skips reads.
	addFault(emulator.Fault{Action: "*", Kind: "ambiguous", Count: 1})
	mustOK(t, get())
	req := at(srv, ram.CreateCreateRoleRequest())
	req.RoleName, req.AssumeRolePolicyDocument = "ambiguous", trustRAM()
	_, err = c.ram.CreateRole(req)
	if err == nil || errors.As(err, &se) {
		t.Errorf("ambiguous write: got %v, want a connection error", err)
	}
	getAmbiguous := at(srv, ram.CreateGetRoleRequest())
	getAmbiguous.RoleName = "ambiguous"
	_, err = c.ram.GetRole(getAmbiguous)
	mustOK(t, err)

	// Probability 1 always fires until the faults are cleared.
	addFault(emulator.Fault{Action: "GetRole", Kind: "internal-error", Probability: 1})
	for range 3 {
		wantAPIError(t, get(), "InternalError", 500)
	}
	control(t, srv, "DELETE", "faults", nil, nil)
	mustOK(t, get())

	// The log records the injected faults.
	var log struct {
		Requests []struct {
			Action string `json:"action"`
			Status int    `json:"status"`
			Fault  string `json:"fault"`
		} `json:"requests"`
	}
	control(t, srv, "GET", "requests", nil, &log)
	faults := map[string]int{}
	for _, r := range log.Requests {
		if r.Fault != "" {
			faults[r.Fault]++
			if r.Fault == "reset" && r.Status != 0 {
				t.Errorf("reset logged with status %d", r.Status)
			}
		}
	}
	if faults["internal-error"] != 5 || faults["reset"] != 1 || faults["ambiguous"] != 1 || faults["unavailable"] != 1 {
		t.Errorf("logged faults: %v", faults)
	}
}

// TestLatency checks the delay is applied; only its lower bound is
// asserted.
func TestLatency(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithKnobs(emulator.Knobs{
		ActionLatency: map[string]emulator.Duration{"GetCallerIdentity": emulator.Duration(80 * time.Millisecond)},
	}))
	start := time.Now()
	_, err := callerIdentity(t, srv, defaultClients(t))
	mustOK(t, err)
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("answered after %v, before the 80ms latency", d)
	}
}

func TestControlKnobsValidation(t *testing.T) {
	srv := emulatortest.Start(t)
	bad := []struct {
		knobs emulator.Knobs
		want  string
	}{
		{emulator.Knobs{Faults: []emulator.Fault{{Action: "GetRole", Kind: "explode", Count: 1}}}, "kind"},
		{emulator.Knobs{Faults: []emulator.Fault{{Action: "GetRole", Kind: "reset"}}}, "count"},
		{emulator.Knobs{Faults: []emulator.Fault{{Kind: "reset", Count: 1}}}, "action"},
		{emulator.Knobs{QPS: map[string]float64{"*": -1}}, "QPS"},
		{emulator.Knobs{Consistency: map[string]emulator.Duration{"Ram.Nothing": 1}}, "Ram.Role"},
	}
	for _, b := range bad {
		var out struct {
			Error string `json:"error"`
		}
		if status := control(t, srv, "PUT", "knobs", b.knobs, &out); status != 400 || !strings.Contains(out.Error, b.want) {
			t.Errorf("PUT knobs %+v: %d %q, want 400 mentioning %q", b.knobs, status, out.Error, b.want)
		}
	}
	good := emulator.Knobs{Latency: emulator.Duration(time.Millisecond), QPS: map[string]float64{"*": 100}}
	var got emulator.Knobs
	if status := control(t, srv, "PUT", "knobs", good, &got); status != 200 || got.Latency != good.Latency || got.QPS["*"] != 100 {
		t.Errorf("PUT knobs: %d %+v", status, got)
	}
}

func TestControlStateRequestsResetClock(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createSAMLProvider(t, srv, c, "idaas")
	createRole(t, srv, c, "admin", trustSAML(acct, "idaas"))

	var state struct {
		AccountID string `json:"AccountId"`
		Ram       struct {
			Roles []struct {
				RoleName string `json:"RoleName"`
				RoleID   string `json:"RoleId"`
			} `json:"Roles"`
		} `json:"Ram"`
		Ims struct {
			SAMLProviders []struct {
				SAMLProviderName string `json:"SAMLProviderName"`
			} `json:"SAMLProviders"`
		} `json:"Ims"`
	}
	control(t, srv, "GET", "state", nil, &state)
	if state.AccountID != acct || len(state.Ram.Roles) != 1 || state.Ram.Roles[0].RoleName != "admin" || len(state.Ims.SAMLProviders) != 1 {
		t.Errorf("state: %+v", state)
	}

	var log struct {
		Requests []map[string]any `json:"requests"`
	}
	control(t, srv, "GET", "requests", nil, &log)
	if len(log.Requests) != 2 {
		t.Fatalf("%d logged requests, want 2", len(log.Requests))
	}
	first := log.Requests[0]
	if first["product"] != "Ims" || first["action"] != "CreateSAMLProvider" || first["status"] != float64(200) || first["signature"] != "HMAC-SHA1" || first["accessKeyId"] != emulator.DefaultAccessKeyID {
		t.Errorf("log entry: %v", first)
	}
	params, _ := first["params"].(map[string]any)
	if params["SAMLProviderName"] != "idaas" {
		t.Errorf("logged params: %v", params)
	}
	for _, secret := range []string{"Signature", "SignatureNonce", "AccessKeyId", "SecurityToken", "Timestamp"} {
		if _, ok := params[secret]; ok {
			t.Errorf("logged params include %s", secret)
		}
	}
	seq, ok := log.Requests[0]["seq"].(float64)
	if !ok {
		t.Fatalf("the log entry's seq is not a number: %v", log.Requests[0])
	}
	control(t, srv, "GET", "requests?since="+strconv.FormatInt(int64(seq), 10), nil, &log)
	if len(log.Requests) != 1 || log.Requests[0]["action"] != "CreateRole" {
		t.Errorf("requests since %v: %v", seq, log.Requests)
	}

	var now struct {
		Now string `json:"now"`
	}
	control(t, srv, "GET", "clock", nil, &now)
	before, _ := time.Parse(time.RFC3339Nano, now.Now)
	control(t, srv, "POST", "clock", map[string]string{"advance": "2h"}, &now)
	after, _ := time.Parse(time.RFC3339Nano, now.Now)
	if d := after.Sub(before); d < 2*time.Hour || d > 2*time.Hour+time.Minute {
		t.Errorf("clock advanced by %v, want 2h", d)
	}

	var info struct {
		AccountID string   `json:"accountId"`
		Actions   []string `json:"actions"`
	}
	control(t, srv, "GET", "info", nil, &info)
	if info.AccountID != acct || !contains(info.Actions, "Ram.CreateRole") || !contains(info.Actions, "Sts.AssumeRole") {
		t.Errorf("info: %+v", info)
	}

	if status := control(t, srv, "POST", "reset", nil, nil); status != 200 {
		t.Fatalf("reset: %d", status)
	}
	control(t, srv, "GET", "state", nil, &state)
	if len(state.Ram.Roles) != 0 || len(state.Ims.SAMLProviders) != 0 {
		t.Errorf("state after reset: %+v", state)
	}
	control(t, srv, "GET", "requests", nil, &log)
	if len(log.Requests) != 0 {
		t.Errorf("request log after reset: %v", log.Requests)
	}
}

func contains(list []string, v string) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}
