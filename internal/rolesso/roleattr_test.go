// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

func TestNewRoleAttribute(t *testing.T) {
	type testCase struct {
		account, role, idp string
		want               string
		wantErr            string
	}
	tests := map[string]testCase{
		"valid": {
			account: account, role: "sso-admin", idp: "idaas",
			want: "acs:ram::1234567890123456:role/sso-admin,acs:ram::1234567890123456:saml-provider/idaas",
		},
		"bad account": {account: "123", role: "sso-admin", idp: "idaas", wantErr: `invalid Alibaba Cloud account ID "123"`},
		"bad role":    {account: account, role: "sso_admin", idp: "idaas", wantErr: `invalid RAM role name "sso_admin"`},
		"bad idp":     {account: account, role: "sso-admin", idp: "-idaas", wantErr: `invalid IdP name "-idaas"`},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		got, err := rolesso.NewRoleAttribute(tc.account, tc.role, tc.idp)
		if wanterr.Prefix(t, err, tc.wantErr) {
			return
		}
		if diff := cmp.Diff(tc.want, got.String()); diff != "" {
			t.Errorf("String() (-want +got):\n%s", diff)
		}
		parsed, err := rolesso.ParseRoleAttribute(got.String())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, parsed); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	})
}

func TestParseRoleAttribute(t *testing.T) {
	role := rolesso.RoleARN(account, "sso-admin")
	provider := rolesso.SAMLProviderARN(account, "idaas")
	format := ` A Role attribute value is the role ARN, a comma and the SAML provider ARN, with no spaces, for example "acs:ram::1234567890123456:role/sso-admin,acs:ram::1234567890123456:saml-provider/idaas".`
	type testCase struct {
		in      string
		want    rolesso.RoleAttribute
		wantErr string
	}
	tests := map[string]testCase{
		"documented order": {
			in: role + "," + provider,
			want: rolesso.RoleAttribute{
				Role:         rolesso.ARN{AccountID: account, ResourceType: "role", Name: "sso-admin"},
				SAMLProvider: rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "idaas"},
			},
		},
		"reversed": {
			in:      provider + "," + role,
			wantErr: `invalid Role attribute value "` + provider + "," + role + `": the SAML provider ARN comes first; swap the two ARNs.` + format,
		},
		"space after comma": {
			in:      role + ", " + provider,
			wantErr: `invalid Role attribute value "` + role + ", " + provider + `": it has spaces around a part.` + format,
		},
		"one part": {
			in:      role,
			wantErr: `invalid Role attribute value "` + role + `": it has 1 comma-separated parts, not 2.` + format,
		},
		"three parts": {
			in:      role + "," + provider + "," + provider,
			wantErr: `invalid Role attribute value "` + role + "," + provider + "," + provider + `": it has 3 comma-separated parts, not 2.` + format,
		},
		"two roles": {
			in:      role + "," + role,
			wantErr: `invalid Role attribute value "` + role + "," + role + `": the second part: invalid ARN "` + role + `": the resource type is "role", not "saml-provider". A SAML provider ARN looks like acs:ram::<account ID>:saml-provider/<name>, for example "acs:ram::1234567890123456:saml-provider/idaas".` + format,
		},
		"bad role name": {
			in:      "acs:ram::1234567890123456:role/ops_admin," + provider,
			wantErr: `invalid Role attribute value "acs:ram::1234567890123456:role/ops_admin,` + provider + `": the first part: invalid ARN "acs:ram::1234567890123456:role/ops_admin": the RAM role name "ops_admin" is invalid: it contains '_' at position 4. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". A role ARN looks like acs:ram::<account ID>:role/<role name>, for example "acs:ram::1234567890123456:role/sso-admin".` + format,
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		got, err := rolesso.ParseRoleAttribute(tc.in)
		checkParsed(t, got, err, tc.want, tc.wantErr)
	})
}

func TestRoleAttributeMatches(t *testing.T) {
	t.Parallel()
	attr, err := rolesso.ParseRoleAttribute(rolesso.ExampleRoleAttribute)
	if err != nil {
		t.Fatal(err)
	}
	role := rolesso.ARN{AccountID: account, ResourceType: "role", Name: "SSO-Admin"}
	provider := rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "idaas"}
	if !attr.Matches(role, provider) {
		t.Error("a role name differing only in case does not match")
	}
	other := rolesso.ARN{AccountID: account, ResourceType: "saml-provider", Name: "okta"}
	if attr.Matches(role, other) {
		t.Error("another provider matches")
	}
}
