// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

const testTrust = `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":["acs:ram::` + testAccountID +
	`:saml-provider/idaas"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}}]}`

// testTrustReformatted means the same as testTrust, written as RAM might
// return it.
const testTrustReformatted = `{"Statement": [{"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"saml:recipient": "https://signin.alibabacloud.com/saml-role/sso"}},
  "Effect": "Allow", "Principal": {"Federated": "acs:ram::` + testAccountID + `:saml-provider/idaas"}}], "Version": "1"}`

func roleBody(name, trust, description string, maxSession int64) map[string]any {
	return map[string]any{
		"RoleName": name, "RoleId": "301234567890123", "Arn": "acs:ram::" + testAccountID + ":role/" + name,
		"AssumeRolePolicyDocument": trust, "Description": description, "MaxSessionDuration": maxSession,
		"CreateDate": "2026-01-02T03:04:05Z", "UpdateDate": "2026-01-02T03:04:06Z",
	}
}

// wantRole is the client's Role of roleBody(name, testTrust, ...).
func wantRole(name, description string, maxSession int64) *client.Role {
	return &client.Role{
		RoleName: name, RoleID: "301234567890123", ARN: "acs:ram::" + testAccountID + ":role/" + name,
		AssumeRolePolicyDocument: testTrust, Description: description, MaxSessionDuration: maxSession,
		CreateDate: "2026-01-02T03:04:05Z", UpdateDate: "2026-01-02T03:04:06Z",
	}
}

func fail(status int, code string) fakeReply {
	return fakeReply{Status: status, Body: apiError(code, code)}
}

// TestRAMCalls checks each RAM call's action, parameters and answer.
func TestRAMCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	desc, maxSession := "new", int64(7200)
	tests := map[string]callCase[client.RAM]{
		"CreateRole": {
			reply: ok(map[string]any{"Role": roleBody("sso-admin", testTrust, "admins", 7200)}),
			call: func(r client.RAM) (any, error) {
				return r.CreateRole(ctx, client.CreateRoleInput{RoleName: "sso-admin", AssumeRolePolicyDocument: testTrust, Description: "admins", MaxSessionDuration: 7200})
			},
			wantAction: "CreateRole",
			wantParams: map[string]string{"RoleName": "sso-admin", "AssumeRolePolicyDocument": testTrust, "Description": "admins", "MaxSessionDuration": "7200"},
			want:       wantRole("sso-admin", "admins", 7200),
		},
		"CreateRole without optional values": {
			reply: ok(map[string]any{"Role": roleBody("r", testTrust, "", 3600)}),
			call: func(r client.RAM) (any, error) {
				return r.CreateRole(ctx, client.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: testTrust})
			},
			wantAction: "CreateRole",
			absent:     []string{"Description", "MaxSessionDuration"},
			want:       wantRole("r", "", 3600),
		},
		"UpdateRole all": {
			reply: ok(map[string]any{"Role": roleBody("r", testTrust, "new", 7200)}),
			call: func(r client.RAM) (any, error) {
				doc := testTrust
				return r.UpdateRole(ctx, client.UpdateRoleInput{RoleName: "r", NewAssumeRolePolicyDocument: &doc, NewDescription: &desc, NewMaxSessionDuration: &maxSession})
			},
			wantAction: "UpdateRole",
			wantParams: map[string]string{"RoleName": "r", "NewAssumeRolePolicyDocument": testTrust, "NewDescription": "new", "NewMaxSessionDuration": "7200"},
			want:       wantRole("r", "new", 7200),
		},
		"UpdateRole description only": {
			reply: ok(map[string]any{"Role": roleBody("r", testTrust, "new", 3600)}),
			call: func(r client.RAM) (any, error) {
				return r.UpdateRole(ctx, client.UpdateRoleInput{RoleName: "r", NewDescription: &desc})
			},
			wantAction: "UpdateRole",
			wantParams: map[string]string{"RoleName": "r", "NewDescription": "new"},
			absent:     []string{"NewAssumeRolePolicyDocument", "NewMaxSessionDuration"},
			want:       wantRole("r", "new", 3600),
		},
		"DeleteRole": {
			reply:      ok(map[string]any{}),
			call:       func(r client.RAM) (any, error) { return nil, r.DeleteRole(ctx, "r") },
			wantAction: "DeleteRole",
			wantParams: map[string]string{"RoleName": "r"},
		},
		"AttachPolicyToRole": {
			reply: ok(map[string]any{}),
			call: func(r client.RAM) (any, error) {
				return nil, r.AttachPolicyToRole(ctx, client.PolicyAttachment{RoleName: "r", PolicyType: "System", PolicyName: "ReadOnlyAccess"})
			},
			wantAction: "AttachPolicyToRole",
			wantParams: map[string]string{"RoleName": "r", "PolicyType": "System", "PolicyName": "ReadOnlyAccess"},
		},
		"DetachPolicyFromRole": {
			reply: ok(map[string]any{}),
			call: func(r client.RAM) (any, error) {
				return nil, r.DetachPolicyFromRole(ctx, client.PolicyAttachment{RoleName: "r", PolicyType: "Custom", PolicyName: "ecs-read"})
			},
			wantAction: "DetachPolicyFromRole",
			wantParams: map[string]string{"RoleName": "r", "PolicyType": "Custom", "PolicyName": "ecs-read"},
		},
		"ListPoliciesForRole": {
			reply: ok(map[string]any{"Policies": map[string]any{"Policy": []map[string]any{{
				"PolicyName": "ReadOnlyAccess", "PolicyType": "System", "Description": "read", "DefaultVersion": "v1", "AttachDate": "2026-01-02T03:04:05Z",
			}}}}),
			call:       func(r client.RAM) (any, error) { return r.ListPoliciesForRole(ctx, "r") },
			wantAction: "ListPoliciesForRole",
			wantParams: map[string]string{"RoleName": "r"},
			want: []client.AttachedPolicy{{
				PolicyName: "ReadOnlyAccess", PolicyType: "System", Description: "read", DefaultVersion: "v1", AttachDate: "2026-01-02T03:04:05Z",
			}},
		},
		"GetPolicy": {
			reply: ok(map[string]any{"Policy": map[string]any{
				"PolicyName": "ecs-read", "PolicyType": "Custom", "Description": "d", "DefaultVersion": "v2", "AttachmentCount": 3,
				"CreateDate": "2026-01-02T03:04:05Z", "UpdateDate": "2026-01-02T03:04:06Z",
			}}),
			call:       func(r client.RAM) (any, error) { return r.GetPolicy(ctx, "Custom", "ecs-read") },
			wantAction: "GetPolicy",
			wantParams: map[string]string{"PolicyType": "Custom", "PolicyName": "ecs-read"},
			want: &client.Policy{
				PolicyName: "ecs-read", PolicyType: "Custom", Description: "d", DefaultVersion: "v2", AttachmentCount: 3,
				CreateDate: "2026-01-02T03:04:05Z", UpdateDate: "2026-01-02T03:04:06Z",
			},
		},
	}
	runCallCases(t, "2015-05-01", (*client.Client).RAM, tests)
}

// TestListRolesPages follows Marker until IsTruncated is false.
func TestListRolesPages(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		page, _ := strconv.Atoi(fc.Params.Get("Marker"))
		body := map[string]any{"Roles": map[string]any{"Role": []map[string]any{roleBody("role-"+strconv.Itoa(page), "", "", 3600)}}}
		if page < 2 {
			body["IsTruncated"] = true
			body["Marker"] = strconv.Itoa(page + 1)
		}
		return ok(body)
	})
	roles, err := newClient(t, fake.config()).RAM().ListRoles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkListed(t, []string{"role-0", "role-1", "role-2"}, roles, func(r client.Role) string { return r.RoleName })
	calls := fake.Calls()
	if len(calls) != 3 || calls[0].Params.Has("Marker") || calls[2].Params.Get("Marker") != "2" || calls[0].Params.Get("MaxItems") != "1000" {
		t.Errorf("calls = %+v, want 3 pages of MaxItems 1000, the first without a Marker", calls)
	}
}

// TestCreateRoleAfterAnAmbiguousFailure checks that CreateRole looks before
// it creates again, and adopts only the role it sent.
func TestCreateRoleAfterAnAmbiguousFailure(t *testing.T) {
	in := client.CreateRoleInput{RoleName: "sso-admin", AssumeRolePolicyDocument: testTrust, Description: "admins", MaxSessionDuration: 7200}
	created := ok(map[string]any{"Role": roleBody("sso-admin", testTrust, "admins", 7200)})
	notFound := fail(http.StatusNotFound, "EntityNotExist.Role")
	ambiguous := fail(http.StatusInternalServerError, "InternalError")
	type testCase struct {
		replies     []fakeReply
		wantActions []string
		wantErr     string // an error code, or "" for success
	}
	tests := map[string]testCase{
		"the first call created it: adopted": {
			replies:     []fakeReply{ambiguous, ok(map[string]any{"Role": roleBody("sso-admin", testTrustReformatted, "admins", 7200)})},
			wantActions: []string{"CreateRole", "GetRole"},
		},
		"the first call did not create it: created again": {
			replies:     []fakeReply{ambiguous, notFound, created},
			wantActions: []string{"CreateRole", "GetRole", "CreateRole"},
		},
		"created but not yet readable: looked for again": {
			replies: []fakeReply{
				ambiguous, notFound, fail(http.StatusConflict, "EntityAlreadyExists.Role"),
				ok(map[string]any{"Role": roleBody("sso-admin", testTrust, "admins", 7200)}),
			},
			wantActions: []string{"CreateRole", "GetRole", "CreateRole", "GetRole"},
		},
		"someone else's role: not adopted": {
			replies:     []fakeReply{ambiguous, ok(map[string]any{"Role": roleBody("sso-admin", testTrust, "other team", 7200)})},
			wantActions: []string{"CreateRole", "GetRole"},
			wantErr:     "InternalError",
		},
		"not ambiguous: no second look": {
			replies:     []fakeReply{fail(http.StatusConflict, "EntityAlreadyExists.Role")},
			wantActions: []string{"CreateRole"},
			wantErr:     "EntityAlreadyExists.Role",
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		fake := newFakeAPI(t, sequence(t, tt.replies))
		c := newClientWithClock(t, fake.config(), client.NewFakeClock(), "")
		role, err := c.RAM().CreateRole(context.Background(), in)
		if got := client.ErrorCode(err); got != tt.wantErr {
			t.Fatalf("error = %v, want code %q", err, tt.wantErr)
		}
		if err == nil && role.RoleName != "sso-admin" {
			t.Errorf("role = %+v", role)
		}
		if diff := cmp.Diff(tt.wantActions, fake.Actions()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
	})
}

// TestAttachmentsAfterAnAmbiguousFailure: the second answer that the work
// is done is success only after an ambiguous failure.
func TestAttachmentsAfterAnAmbiguousFailure(t *testing.T) {
	a := client.PolicyAttachment{RoleName: "r", PolicyType: "System", PolicyName: "ReadOnlyAccess"}
	ambiguous := fail(http.StatusServiceUnavailable, "ServiceUnavailable")
	type testCase struct {
		call      func(client.RAM) error
		replies   []fakeReply
		wantCalls int
		wantErr   string
	}
	tests := map[string]testCase{
		"attach: already attached by the first call": {
			call:      func(r client.RAM) error { return r.AttachPolicyToRole(context.Background(), a) },
			replies:   []fakeReply{ambiguous, fail(http.StatusConflict, client.CodeRolePolicyAlreadyExists)},
			wantCalls: 2,
		},
		"attach: already attached before": {
			call:      func(r client.RAM) error { return r.AttachPolicyToRole(context.Background(), a) },
			replies:   []fakeReply{fail(http.StatusConflict, client.CodeRolePolicyAlreadyExists)},
			wantCalls: 1,
			wantErr:   client.CodeRolePolicyAlreadyExists,
		},
		"detach: detached by the first call": {
			call:      func(r client.RAM) error { return r.DetachPolicyFromRole(context.Background(), a) },
			replies:   []fakeReply{ambiguous, fail(http.StatusNotFound, client.CodeRolePolicyNotExist)},
			wantCalls: 2,
		},
		"detach: the second call fails otherwise": {
			call:      func(r client.RAM) error { return r.DetachPolicyFromRole(context.Background(), a) },
			replies:   []fakeReply{ambiguous, fail(http.StatusNotFound, client.CodeRoleNotExist)},
			wantCalls: 2,
			wantErr:   client.CodeRoleNotExist,
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		fake := newFakeAPI(t, sequence(t, tt.replies))
		err := tt.call(newClient(t, fake.config()).RAM())
		if got := client.ErrorCode(err); got != tt.wantErr {
			t.Fatalf("error = %v, want code %q", err, tt.wantErr)
		}
		if got := len(fake.Calls()); got != tt.wantCalls {
			t.Errorf("calls = %d, want %d", got, tt.wantCalls)
		}
	})
}

// sequence answers the calls with replies in order, and fails the test on
// a call too many.
func sequence(t *testing.T, replies []fakeReply) func(fakeCall) fakeReply {
	var mu sync.Mutex
	n := 0
	return func(fc fakeCall) fakeReply {
		mu.Lock()
		defer mu.Unlock()
		if n >= len(replies) {
			t.Errorf("unexpected call %d: %s", n+1, fc.Action)
			return fail(http.StatusBadRequest, "Unexpected")
		}
		n++
		return replies[n-1]
	}
}
