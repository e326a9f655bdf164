// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulatortest_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

const trust = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + emulator.DefaultAccountID + `:root"}}]}`

func TestControl(t *testing.T) {
	srv := emulatortest.Start(t)
	ctl := emulatortest.ControlOf(t, srv)
	client, err := ram.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	getRole := func() error {
		req := ram.CreateGetRoleRequest()
		req.Domain, req.Scheme, req.RoleName = srv.Addr(), "http", "loaded"
		_, err := client.GetRole(req)
		return err
	}

	ctl.PutState(`{"Ram": {"Roles": [{"RoleName": "loaded", "AssumeRolePolicyDocument": ` + quote(trust) + `}]}}`)
	if err := getRole(); err != nil {
		t.Fatalf("GetRole after PutState: %v", err)
	}
	var state struct {
		Ram struct {
			Roles []struct{ RoleName string } `json:"Roles"`
		} `json:"Ram"`
	}
	ctl.State(&state)
	if len(state.Ram.Roles) != 1 || state.Ram.Roles[0].RoleName != "loaded" {
		t.Errorf("State: %+v", state)
	}

	ctl.FailNext("GetRole", emulator.FaultUnavailable, 1)
	var se *sdkerrors.ServerError
	if err := getRole(); !errors.As(err, &se) || se.HttpStatus() != 503 {
		t.Errorf("after FailNext: %v", err)
	}
	if err := getRole(); err != nil {
		t.Errorf("the fault should be spent: %v", err)
	}
	calls := ctl.Calls("Ram.GetRole")
	if len(calls) != 3 || calls[1].Status != 503 || calls[1].Fault != string(emulator.FaultUnavailable) || calls[2].Status != 200 {
		t.Errorf("Calls: %+v", calls)
	}
	if got := ctl.Requests(calls[1].Seq); len(got) != 1 {
		t.Errorf("Requests since %d: %+v", calls[1].Seq, got)
	}

	ctl.SetKnobs(emulator.Knobs{QPS: map[string]float64{"GetRole": 50}})
	if k := ctl.Knobs(); k.QPS["GetRole"] != 50 {
		t.Errorf("Knobs: %+v", k)
	}
	ctl.AddFault(emulator.Fault{Action: "*", Kind: emulator.FaultInternalError, Probability: 1})
	if err := getRole(); err == nil {
		t.Error("a probability-1 fault did not fire")
	}
	ctl.ClearFaults()
	ctl.AdvanceClock(time.Hour)
	ctl.ClearRequests()
	if got := ctl.Requests(0); len(got) != 0 {
		t.Errorf("after ClearRequests: %+v", got)
	}
	ctl.Reset()
	if err := getRole(); !errors.As(err, &se) || se.ErrorCode() != "EntityNotExist.Role" {
		t.Errorf("after Reset: %v", err)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
