// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

const account = "1234567890123456"

func TestBuildARNs(t *testing.T) {
	t.Parallel()
	if diff := cmp.Diff("acs:ram::1234567890123456:role/sso-admin", rolesso.RoleARN(account, "sso-admin")); diff != "" {
		t.Errorf("RoleARN (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("acs:ram::1234567890123456:saml-provider/idaas", rolesso.SAMLProviderARN(account, "idaas")); diff != "" {
		t.Errorf("SAMLProviderARN (-want +got):\n%s", diff)
	}
	for _, example := range []string{rolesso.ExampleRoleARN, rolesso.ExampleSAMLProviderARN} {
		if _, err := rolesso.ParseARN(example); err != nil {
			t.Errorf("example %q does not parse: %v", example, err)
		}
	}
}

func TestParseARN(t *testing.T) {
	roleExpected := ` A role ARN looks like acs:ram::<account ID>:role/<role name>, for example "acs:ram::1234567890123456:role/sso-admin".`
	providerExpected := ` A SAML provider ARN looks like acs:ram::<account ID>:saml-provider/<name>, for example "acs:ram::1234567890123456:saml-provider/idaas".`
	anyExpected := ` A RAM ARN looks like acs:ram::<account ID>:<role|saml-provider>/<name>, for example "acs:ram::1234567890123456:role/sso-admin" or "acs:ram::1234567890123456:saml-provider/idaas".`
	type testCase struct {
		parse   func(string) (rolesso.ARN, error)
		in      string
		want    rolesso.ARN
		wantErr string
	}
	tests := map[string]testCase{
		"role": {
			parse: rolesso.ParseRoleARN, in: "acs:ram::1234567890123456:role/Sso.Admin",
			want: rolesso.ARN{AccountID: account, ResourceType: "role", Name: "Sso.Admin"},
		},
		"provider": {
			parse: rolesso.ParseSAMLProviderARN, in: "acs:ram::1234567890123456:saml-provider/corp_idaas",
			want: rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "corp_idaas"},
		},
		"any, provider": {
			parse: rolesso.ParseARN, in: "acs:ram::1234567890123456:saml-provider/idaas",
			want: rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "idaas"},
		},
		"role wanted, provider given": {
			parse: rolesso.ParseRoleARN, in: "acs:ram::1234567890123456:saml-provider/idaas",
			wantErr: `invalid ARN "acs:ram::1234567890123456:saml-provider/idaas": the resource type is "saml-provider", not "role".` + roleExpected,
		},
		"bare name": {
			parse: rolesso.ParseRoleARN, in: "sso-admin",
			wantErr: `invalid ARN "sso-admin": it does not start with "acs:ram::".` + roleExpected,
		},
		"upper-case prefix": {
			parse: rolesso.ParseRoleARN, in: "ACS:RAM::1234567890123456:role/a",
			wantErr: `invalid ARN "ACS:RAM::1234567890123456:role/a": it must start with "acs:ram::" in lower case.` + roleExpected,
		},
		"masked account": {
			parse: rolesso.ParseSAMLProviderARN, in: "acs:ram::123456789012****:saml-provider/idaas",
			wantErr: `invalid ARN "acs:ram::123456789012****:saml-provider/idaas": the account ID "123456789012****" is not 16 digits.` + providerExpected,
		},
		"no colon after account": {
			parse: rolesso.ParseARN, in: "acs:ram::1234567890123456",
			wantErr: `invalid ARN "acs:ram::1234567890123456": it has no ":" after the account ID.` + anyExpected,
		},
		"no slash": {
			parse: rolesso.ParseARN, in: "acs:ram::1234567890123456:root",
			wantErr: `invalid ARN "acs:ram::1234567890123456:root": it has no "/" between the resource type and the name.` + anyExpected,
		},
		"other type": {
			parse: rolesso.ParseARN, in: "acs:ram::1234567890123456:user/alice",
			wantErr: `invalid ARN "acs:ram::1234567890123456:user/alice": the resource type "user" is neither "role" nor "saml-provider".` + anyExpected,
		},
		"bad role name": {
			parse: rolesso.ParseRoleARN, in: "acs:ram::1234567890123456:role/ops_admin",
			wantErr: `invalid ARN "acs:ram::1234567890123456:role/ops_admin": the RAM role name "ops_admin" is invalid: it contains '_' at position 4. A RAM role name has 1 to 64 characters: letters, digits, "." and "-".` + roleExpected,
		},
		"empty provider name": {
			parse: rolesso.ParseSAMLProviderARN, in: "acs:ram::1234567890123456:saml-provider/",
			wantErr: `invalid ARN "acs:ram::1234567890123456:saml-provider/": the SAML provider name "" is invalid: it is empty. ` + rolesso.SAMLProviderNameRule[:len(rolesso.SAMLProviderNameRule)-1] + `.` + providerExpected,
		},
		"role session ARN": {
			parse: rolesso.ParseRoleARN, in: "acs:ram::1234567890123456:role/admin/alice",
			wantErr: `invalid ARN "acs:ram::1234567890123456:role/admin/alice": the RAM role name "admin/alice" is invalid: it contains '/' at position 6. A RAM role name has 1 to 64 characters: letters, digits, "." and "-".` + roleExpected,
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		got, err := tc.parse(tc.in)
		checkParsed(t, got, err, tc.want, tc.wantErr)
		if err == nil && got.String() != tc.in {
			t.Errorf("String() = %q, want %q", got.String(), tc.in)
		}
	})
}

func TestARNEqual(t *testing.T) {
	role := rolesso.ARN{AccountID: account, ResourceType: "role", Name: "Admin"}
	type testCase struct {
		a, b rolesso.ARN
		want bool
	}
	tests := map[string]testCase{
		"same":             {role, role, true},
		"case of the name": {role, rolesso.ARN{AccountID: account, ResourceType: "role", Name: "admin"}, true},
		"other account":    {role, rolesso.ARN{AccountID: "6543210987654321", ResourceType: "role", Name: "Admin"}, false},
		"other type":       {role, rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "Admin"}, false},
		"other name":       {role, rolesso.ARN{AccountID: account, ResourceType: "role", Name: "Admin2"}, false},
		"provider case": {
			rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "IDaaS"},
			rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "idaas"}, true,
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		if got := tc.a.Equal(tc.b); got != tc.want {
			t.Errorf("Equal = %v, want %v", got, tc.want)
		}
		if got := tc.b.Equal(tc.a); got != tc.want {
			t.Errorf("Equal (swapped) = %v, want %v", got, tc.want)
		}
	})
}
