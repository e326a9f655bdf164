// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package expression_test

import (
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/expression"
)

var env = expression.Env{
	User: map[string]any{
		"userId": "user_alice", "username": "alice", "email": "alice@example.com", "status": "enabled",
		"primaryOrganizationalUnitId": "ou_root",
		"organizationalUnits": []any{
			map[string]any{"organizationalUnitId": "ou_root", "organizationalUnitName": "Root"},
		},
		"groups": []any{
			map[string]any{"groupId": "group_a", "groupName": "Admins", "groupExternalId": "sso-admin"},
			map[string]any{"groupId": "group_b", "groupName": "Readers", "groupExternalId": "sso-readonly"},
		},
		"customFieldMap": map[string]any{"department": map[string]any{"fieldName": "department", "fieldValue": "ops"}},
	},
	AppUser: map[string]any{"username": "sso-admin"},
}

// TestEval evaluates the expressions the IDaaS documentation lists.
func TestEval(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`user.username`:                    "alice",
		`user.userId`:                      "user_alice",
		`user.status`:                      "enabled",
		`user.primaryOrganizationalUnitId`: "ou_root",
		`user.displayName`:                 "",
		`appUser.username`:                 "sso-admin",
		`"3600"`:                           "3600",
		`"a \"quoted\" constant"`:          `a "quoted" constant`,
		`ArrayJoin(ArrayMap(user.groups, __item.groupExternalId), ",")`:                   "sso-admin,sso-readonly",
		`ArrayJoin(ArrayMap(user.groups, __item.groupId), ",")`:                           "group_a,group_b",
		`ArrayJoin(ArrayMap(user.organizationalUnits, __item.organizationalUnitId), ",")`: "ou_root",
		`ObjectToJsonString(user.organizationalUnits)`:                                    `[{"organizationalUnitId":"ou_root","organizationalUnitName":"Root"}]`,
		`user.customFieldMap.department.fieldValue`:                                       "ops",
		`user.customFieldMap.$department$.fieldValue`:                                     "ops",
		`user.customFieldMap.location.fieldValue`:                                         "",
		` ArrayJoin( ArrayMap( user.groups , __item.groupName ) , "|" ) `:                 "Admins|Readers",
	}
	for src, want := range tests {
		e, err := expression.Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if got := e.Eval(env); got != want {
			t.Errorf("%s = %q, want %q", src, got, want)
		}
	}
}

func TestAppUserMissing(t *testing.T) {
	t.Parallel()
	e, err := expression.Parse("appUser.username")
	if err != nil {
		t.Fatal(err)
	}
	if !e.UsesAppUser() {
		t.Error("UsesAppUser is false")
	}
	if got := e.Eval(expression.Env{User: env.User}); got != "" {
		t.Errorf("without an application account: %q, want \"\"", got)
	}
	if e, _ := expression.Parse(`ArrayJoin(ArrayMap(user.groups, __item.groupId), ",")`); e.UsesAppUser() {
		t.Error("a user-only expression UsesAppUser")
	}
}

// TestParseErrors refuses what the documentation does not describe, with
// a message that says what is wrong.
func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		``:                               "unexpected end of expression",
		`user`:                           "name a field of user",
		`user.`:                          "a field name must follow",
		`user.mail`:                      `user has no field "mail"`,
		`appUser.email`:                  `appUser has no field "email"`,
		`account.username`:               "neither a model",
		`__item.groupId`:                 "known only in ArrayMap's second argument",
		`Concat(user.username, "x")`:     `"Concat" is not a function IDaaS documents`,
		`ArrayJoin(user.groups)`:         "ArrayJoin takes 2 arguments, not 1",
		`ArrayJoin(user.groups, ","`:     `expected "," or ")"`,
		`"open`:                          "not closed",
		`user.username user.email`:       "unexpected",
		`'single'`:                       "unexpected",
		`user.username + "@example.com"`: "unexpected",
	}
	for src, want := range tests {
		_, err := expression.Parse(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", src, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{`user.username`, `ArrayJoin(ArrayMap(user.groups, __item.groupExternalId), ",")`, `"x"`, `ObjectToJsonString(user.groups)`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := expression.Parse(src)
		if err != nil {
			return
		}
		_ = e.Eval(env)
		_ = e.Eval(expression.Env{})
	})
}
