// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

// TestStateFileRoundTrip writes state through one emulator and reads it
// back through the next.
func TestStateFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	cfg := emulator.Config{StateFile: path, Logf: t.Logf}
	srv, err := emulator.Start(cfg)
	mustOK(t, err)
	c := defaultClients(t)
	createSAMLProvider(t, srv, c, "idaas")
	role := createRole(t, srv, c, "admin", trustSAML(acct, "idaas"))
	attach := at(srv, ram.CreateAttachPolicyToRoleRequest())
	attach.PolicyType, attach.PolicyName, attach.RoleName = "System", "AdministratorAccess", "admin"
	_, err = c.ram.AttachPolicyToRole(attach)
	mustOK(t, err)
	mustOK(t, srv.Close())

	b, err := os.ReadFile(path)
	mustOK(t, err)
	if strings.Contains(string(b), emulator.DefaultAccessKeySecret) {
		t.Error("the state file holds the access key secret")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the state file: %v", entries)
	}

	srv, err = emulator.Start(cfg)
	mustOK(t, err)
	defer srv.Close()
	get := at(srv, ram.CreateGetRoleRequest())
	get.RoleName = "admin"
	got, err := c.ram.GetRole(get)
	mustOK(t, err)
	if got.Role.RoleId != role.Role.RoleId || got.Role.CreateDate != role.Role.CreateDate || got.Role.AssumeRolePolicyDocument != trustSAML(acct, "idaas") {
		t.Errorf("role after restart: %+v, created %+v", got.Role, role.Role)
	}
	list := at(srv, ram.CreateListPoliciesForRoleRequest())
	list.RoleName = "admin"
	pol, err := c.ram.ListPoliciesForRole(list)
	mustOK(t, err)
	if len(pol.Policies.Policy) != 1 {
		t.Errorf("attachments after restart: %+v", pol.Policies)
	}
	sp := at(srv, ims.CreateGetSAMLProviderRequest())
	sp.SAMLProviderName = "idaas"
	_, err = c.ims.GetSAMLProvider(sp)
	mustOK(t, err)
}

// TestLoad pre-populates an account, as -load does, to test imports of
// existing setups: omitted IDs and dates are generated.
func TestLoad(t *testing.T) {
	metadata := testMetadata(t, "https://idp.example.com/meta")
	load := `{
	  "AccountId": "` + acct + `",
	  "Ims": {"SAMLProviders": [{"SAMLProviderName": "idaas", "EncodedSAMLMetadataDocument": "` + metadata + `"}]},
	  "Ram": {
	    "Roles": [{"RoleName": "clicked-together", "AssumeRolePolicyDocument": ` + mustJSON(trustSAML(acct, "idaas")) + `,
	               "AttachedPolicies": [{"PolicyType": "System", "PolicyName": "ReadOnlyAccess"}]}],
	    "Policies": [{"PolicyName": "custom-read", "PolicyDocument": ` + mustJSON(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}`) + `}]
	  }
	}`
	srv := emulatortest.Start(t, emulatortest.WithLoad(load))
	c := defaultClients(t)
	get := at(srv, ram.CreateGetRoleRequest())
	get.RoleName = "clicked-together"
	got, err := c.ram.GetRole(get)
	mustOK(t, err)
	if len(got.Role.RoleId) != 16 || got.Role.MaxSessionDuration != 3600 || !isoRe.MatchString(got.Role.CreateDate) {
		t.Errorf("loaded role: %+v", got.Role)
	}
	gp := at(srv, ram.CreateGetPolicyRequest())
	gp.PolicyType, gp.PolicyName = "Custom", "custom-read"
	_, err = c.ram.GetPolicy(gp)
	mustOK(t, err)

	// A reset returns to the loaded state.
	del := at(srv, ram.CreateDetachPolicyFromRoleRequest())
	del.PolicyType, del.PolicyName, del.RoleName = "System", "ReadOnlyAccess", "clicked-together"
	_, err = c.ram.DetachPolicyFromRole(del)
	mustOK(t, err)
	mustOK(t, srv.Reset())
	list := at(srv, ram.CreateListPoliciesForRoleRequest())
	list.RoleName = "clicked-together"
	pol, err := c.ram.ListPoliciesForRole(list)
	mustOK(t, err)
	if len(pol.Policies.Policy) != 1 {
		t.Errorf("after reset: %+v", pol.Policies)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ load, want string }{
		{`{"AccountId": "6543210987654321"}`, "account 6543210987654321"},
		{`{"Nope": {}}`, `unknown section "Nope"`},
		{`{"Ram": {"Roles": [{"RoleName": "bad_name", "AssumeRolePolicyDocument": "{}"}]}}`, "contains invalid chars"},
		{`{"Ram": {"Roles": [{"RoleName": "r", "AssumeRolePolicyDocument": "{}"}]}}`, "AssumeRolePolicyDocument"},
		{`{"Ram": {"Roles": [{"RoleName": "r", "AssumeRolePolicyDocument": ` + mustJSON(trustRAM()) + `}, {"RoleName": "R", "AssumeRolePolicyDocument": ` + mustJSON(trustRAM()) + `}]}}`, "same name"},
		{`{"Ram": {"Roles": [{"RoleName": "r", "Colour": "red"}]}}`, "Colour"},
		{`{"Ram": {"Roles": [{"RoleName": "r", "AssumeRolePolicyDocument": ` + mustJSON(trustRAM()) + `, "AttachedPolicies": [{"PolicyType": "System", "PolicyName": "Nope"}]}]}}`, "does not exist"},
		{`{"Ims": {"SAMLProviders": [{"SAMLProviderName": "p", "EncodedSAMLMetadataDocument": "bm90IHhtbA=="}]}}`, "EncodedSAMLMetadataDocument"},
	}
	for _, tt := range tests {
		_, err := emulator.New(emulator.Config{Load: []byte(tt.load)})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("load %s: got %v, want an error mentioning %q", tt.load, err, tt.want)
		}
	}
}

func TestPutState(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "old", trustRAM())
	body := map[string]any{"Ram": map[string]any{"Roles": []map[string]any{{"RoleName": "new", "AssumeRolePolicyDocument": trustRAM()}}}}
	var out map[string]any
	if status := control(t, srv, "PUT", "state", body, &out); status != 200 {
		t.Fatalf("PUT state: %d %v", status, out)
	}
	list, err := c.ram.ListRoles(at(srv, ram.CreateListRolesRequest()))
	mustOK(t, err)
	if len(list.Roles.Role) != 1 || list.Roles.Role[0].RoleName != "new" {
		t.Errorf("roles after PUT state: %+v", list.Roles.Role)
	}
	if status := control(t, srv, "PUT", "state", map[string]any{"Ram": "x"}, &out); status != 400 {
		t.Errorf("PUT of a bad state: %d %v", status, out)
	}
}

// TestConcurrentUse runs writers and readers in parallel; run it with
// -race.
func TestConcurrentUse(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithStateFile(filepath.Join(t.TempDir(), "state.json")))
	c := defaultClients(t)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One SDK client per goroutine: the legacy SDK client is not
			// safe for concurrent use (it mutates its transport and
			// timeouts per call).
			c := defaultClients(t)
			for i := range 5 {
				name := fmt.Sprintf("w%d-r%d", w, i)
				req := at(srv, ram.CreateCreateRoleRequest())
				req.RoleName, req.AssumeRolePolicyDocument = name, trustRAM()
				if _, err := c.ram.CreateRole(req); err != nil {
					errs <- err
					return
				}
				get := at(srv, ram.CreateGetRoleRequest())
				get.RoleName = name
				if _, err := c.ram.GetRole(get); err != nil {
					errs <- err
					return
				}
				if _, err := c.ram.ListRoles(at(srv, ram.CreateListRolesRequest())); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	// The control API is used at the same time.
	for range 5 {
		control(t, srv, "GET", "state", nil, &map[string]any{})
		control(t, srv, "GET", "requests", nil, &map[string]any{})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	req := at(srv, ram.CreateListRolesRequest())
	req.MaxItems = "1000"
	list, err := c.ram.ListRoles(req)
	mustOK(t, err)
	if len(list.Roles.Role) != 40 {
		t.Errorf("%d roles, want 40", len(list.Roles.Role))
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
