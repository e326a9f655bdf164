// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

const unitAccount = "1234567890123456"

var unitTrust = `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":["acs:ram::` + unitAccount +
	`:saml-provider/idaas"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}}]}`

func TestTrustPolicySemanticEquals(t *testing.T) {
	type testCase struct {
		a, b string
		want bool
	}
	tests := map[string]testCase{
		"same text": {unitTrust, unitTrust, true},
		"whitespace and key order": {unitTrust, `{
  "Statement": [
    {
      "Condition": {"StringEquals": {"saml:recipient": ["https://signin.alibabacloud.com/saml-role/sso"]}},
      "Action": "sts:AssumeRole",
      "Principal": {"Federated": ["acs:ram::` + unitAccount + `:saml-provider/idaas"]},
      "Effect": "Allow"
    }
  ],
  "Version": "1"
}`, true},
		"strings for one-element arrays": {unitTrust, `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"acs:ram::` + unitAccount +
			`:saml-provider/idaas"},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"saml:recipient":"https://signin.alibabacloud.com/saml-role/sso"}}}]}`, true},
		"provider name in another case": {unitTrust, strings.Replace(unitTrust, "saml-provider/idaas", "saml-provider/IDaaS", 1), true},
		"another provider":              {unitTrust, strings.Replace(unitTrust, "saml-provider/idaas", "saml-provider/okta", 1), false},
		"another site":                  {unitTrust, strings.Replace(unitTrust, "alibabacloud.com", "aliyun.com", 1), false},
		"not JSON":                      {unitTrust, "{", false},
		"same invalid text":             {"{", "{", true},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, diags := ram.TrustPolicyValue(tt.a).StringSemanticEquals(context.Background(), ram.TrustPolicyValue(tt.b))
		if diags.HasError() {
			t.Fatal(diags)
		}
		if got != tt.want {
			t.Errorf("StringSemanticEquals = %t, want %t", got, tt.want)
		}
	})
}

func TestRoleValidators(t *testing.T) {
	p := path.Root("x")
	type testCase struct {
		validator   validator.String
		value       types.String
		wantSummary string
		// wantDetail are phrases the detail must hold.
		wantDetail []string
	}
	tests := map[string]testCase{
		"role name ok":           {validator: ram.RoleNameValidator(), value: types.StringValue("sso-admin.prod")},
		"role name null":         {validator: ram.RoleNameValidator(), value: types.StringNull()},
		"role name unknown":      {validator: ram.RoleNameValidator(), value: types.StringUnknown()},
		"role name with _":       {validator: ram.RoleNameValidator(), value: types.StringValue("sso_admin"), wantSummary: "Invalid RAM role name", wantDetail: []string{`contains '_' at position 4`, rolesso.RoleNameRule, `"sso-admin"`}},
		"role name empty":        {validator: ram.RoleNameValidator(), value: types.StringValue(""), wantSummary: "Invalid RAM role name", wantDetail: []string{"it is empty"}},
		"SAML provider ok":       {validator: ram.TrustedSAMLProviderNameValidator(), value: types.StringValue("idaas_prod")},
		"SAML provider trailing": {validator: ram.TrustedSAMLProviderNameValidator(), value: types.StringValue("idaas-"), wantSummary: "Invalid SAML provider name", wantDetail: []string{rolesso.SAMLProviderNameRule}},
		"site ok":                {validator: ram.RoleSiteValidator(), value: types.StringValue("china")},
		"site in capitals":       {validator: ram.RoleSiteValidator(), value: types.StringValue("China"), wantSummary: "Invalid site", wantDetail: []string{`Write it as "china"`}},
		"trust policy ok":        {validator: ram.TrustPolicyValidator(), value: types.StringValue(unitTrust)},
		"trust policy bad JSON": {validator: ram.TrustPolicyValidator(), value: types.StringValue("{\n  \"Version\": \"1\",\n  \"Statement\": [,]\n}"),
			wantSummary: "Invalid trust policy", wantDetail: []string{"line 3, column 17", "looks like this", "saml_provider_names"}},
		"trust policy without recipient": {validator: ram.TrustPolicyValidator(), value: types.StringValue(strings.Replace(unitTrust, `,"Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}`, "", 1)),
			wantSummary: "Invalid trust policy", wantDetail: []string{"no saml:recipient condition"}},
		"trust policy wrong action": {validator: ram.TrustPolicyValidator(), value: types.StringValue(strings.Replace(unitTrust, "sts:AssumeRole", "sts:AssumeRoleWithSAML", 1)),
			wantSummary: "Invalid trust policy", wantDetail: []string{`allows only "sts:AssumeRole"`}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var resp validator.StringResponse
		tt.validator.ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: tt.value}, &resp)
		if tt.wantSummary == "" {
			if diff := cmp.Diff(diag.Diagnostics(nil), resp.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			return
		}
		if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != tt.wantSummary {
			t.Fatalf("diagnostics = %v, want one %q", resp.Diagnostics, tt.wantSummary)
		}
		detail := resp.Diagnostics[0].Detail()
		for _, phrase := range tt.wantDetail {
			if !strings.Contains(detail, phrase) {
				t.Errorf("detail %q lacks %q", detail, phrase)
			}
		}
		if d, ok := resp.Diagnostics[0].(diag.DiagnosticWithPath); !ok || !d.Path().Equal(p) {
			t.Errorf("diagnostic is not on the path %s", p)
		}
	})
}

func TestParseRoleImportID(t *testing.T) {
	type testCase struct {
		id      string
		want    string
		wantErr []string
	}
	tests := map[string]testCase{
		"name":               {id: "sso-admin", want: "sso-admin"},
		"ARN":                {id: rolesso.RoleARN(unitAccount, "sso-admin"), want: "sso-admin"},
		"ARN of another one": {id: rolesso.RoleARN("9999999999999999", "sso-admin"), wantErr: []string{"of account 9999999999999999", "works in account " + unitAccount}},
		"SAML provider ARN":  {id: rolesso.SAMLProviderARN(unitAccount, "idaas"), wantErr: []string{`not "role"`, `Import a RAM role by its name, for example "sso-admin", or by its ARN`}},
		"upper-case prefix":  {id: "ACS:RAM::" + unitAccount + ":role/x", wantErr: []string{"lower case"}},
		"bad name":           {id: "sso admin", wantErr: []string{`contains ' '`, "Import a RAM role by"}},
		"empty":              {id: "", wantErr: []string{"it is empty"}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, err := ram.ParseRoleImportID(tt.id, unitAccount)
		if wanterr.ContainsAll(t, err, tt.wantErr...) {
			return
		}
		if got != tt.want {
			t.Fatalf("ParseRoleImportID(%q) = %q; want %q", tt.id, got, tt.want)
		}
	})
}

// FuzzParseRoleImportID: an accepted ID names a valid role, and a role's
// name and ARN are both accepted.
func FuzzParseRoleImportID(f *testing.F) {
	for _, id := range []string{"sso-admin", rolesso.RoleARN(unitAccount, "a.b-c"), "acs:ram::1:role/x", "", "acs:", "a:b:c"} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		name, err := ram.ParseRoleImportID(id, unitAccount)
		if err != nil {
			return
		}
		if rolesso.ValidateRoleName(name) != nil {
			t.Fatalf("ParseRoleImportID(%q) = %q, not a valid role name", id, name)
		}
		for _, again := range []string{name, rolesso.RoleARN(unitAccount, name)} {
			if got, err := ram.ParseRoleImportID(again, unitAccount); err != nil || got != name {
				t.Fatalf("ParseRoleImportID(%q) = %q, %v; want %q", again, got, err, name)
			}
		}
	})
}

func TestRoleRetry(t *testing.T) {
	errTransient := errors.New("not yet")
	errFinal := errors.New("broken")
	isTransient := func(err error) bool { return errors.Is(err, errTransient) }
	type testCase struct {
		results    []error
		cancelled  bool
		wantErr    error
		wantCalls  int
		wantSleeps []time.Duration
	}
	tests := map[string]testCase{
		"first try":           {results: []error{nil}, wantCalls: 1},
		"after retries":       {results: []error{errTransient, errTransient, errTransient, errTransient, errTransient, nil}, wantCalls: 6, wantSleeps: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second}},
		"not retryable":       {results: []error{errTransient, errFinal}, wantErr: errFinal, wantCalls: 2, wantSleeps: []time.Duration{time.Second}},
		"timeout: last error": {results: []error{errTransient, errTransient}, cancelled: true, wantErr: errTransient, wantCalls: 1},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var sleeps []time.Duration
		sleep := func(context.Context, time.Duration) error { return nil }
		if tt.cancelled {
			sleep = func(context.Context, time.Duration) error { return context.DeadlineExceeded }
		}
		calls := 0
		err := ram.RetryWithSleep(context.Background(), func(ctx context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			return sleep(ctx, d)
		}, func(context.Context) error {
			calls++
			return tt.results[calls-1]
		}, isTransient)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
			t.Errorf("error = %v, want %v", err, tt.wantErr)
		}
		if calls != tt.wantCalls {
			t.Errorf("calls = %d, want %d", calls, tt.wantCalls)
		}
		if tt.cancelled {
			return
		}
		if diff := cmp.Diff(tt.wantSleeps, sleeps); diff != "" {
			t.Errorf("sleeps (-want +got):\n%s", diff)
		}
	})
}
