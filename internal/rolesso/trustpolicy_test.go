// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The two documented forms (FACTS.md).
const (
	policy2021 = `{
  "Statement": [
    {
      "Action": "sts:AssumeRole",
      "Effect": "Allow",
      "Principal": { "Federated": [ "acs:ram::1234567890123456:saml-provider/testprovider" ] },
      "Condition": { "StringEquals": { "saml:recipient": "https://signin.alibabacloud.com/saml-role/sso" } }
    }
  ],
  "Version": "1"
}`
	policyCurrent = `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"acs:ram::1234567890123456:saml-provider/testprovider"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}}]}`
)

func TestBuildTrustPolicy(t *testing.T) {
	type testCase struct {
		account string
		idps    []string
		site    rolesso.Site
		want    string
		wantErr string
	}
	tests := map[string]testCase{
		"one provider": {
			account: account, idps: []string{"idaas"}, site: rolesso.International,
			want: `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:saml-provider/idaas"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}}]}`,
		},
		"China site, providers sorted and deduplicated": {
			account: account, idps: []string{"okta", "idaas", "okta"}, site: rolesso.China,
			want: `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:saml-provider/idaas","acs:ram::1234567890123456:saml-provider/okta"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.aliyun.com/saml-role/sso"]}}}]}`,
		},
		"no provider":  {account: account, site: rolesso.China, wantErr: "a trust policy needs at least one SAML provider name"},
		"bad account":  {account: "12", idps: []string{"idaas"}, site: rolesso.China, wantErr: `invalid Alibaba Cloud account ID "12"`},
		"bad provider": {account: account, idps: []string{"idaas_"}, site: rolesso.China, wantErr: `invalid SAML provider name "idaas_"`},
		"zero site":    {account: account, idps: []string{"idaas"}, wantErr: `invalid site ""`},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		got, err := rolesso.BuildTrustPolicy(tc.account, tc.idps, tc.site)
		if wanterr.Prefix(t, err, tc.wantErr) {
			return
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("policy (-want +got):\n%s", diff)
		}
		if err := rolesso.ValidateTrustPolicy(got); err != nil {
			t.Errorf("the built policy does not validate: %v", err)
		}
		p, err := rolesso.ParseTrustPolicy(got)
		if err != nil {
			t.Fatal(err)
		}
		for _, idp := range tc.idps {
			if !p.Trusts(rolesso.SAMLProviderARN(tc.account, idp), tc.site.ACSURL) {
				t.Errorf("the built policy does not trust %q", idp)
			}
		}
	})
}

func TestParseTrustPolicy(t *testing.T) {
	t.Parallel()
	want := &rolesso.TrustPolicy{
		Version: "1",
		Statements: []rolesso.TrustStatement{{
			Effect:     "Allow",
			Actions:    []string{"sts:AssumeRole"},
			Principals: map[string][]string{"Federated": {"acs:ram::1234567890123456:saml-provider/testprovider"}},
			Conditions: map[string]map[string][]string{"StringEquals": {"saml:recipient": {"https://signin.alibabacloud.com/saml-role/sso"}}},
		}},
	}
	for name, doc := range map[string]string{"2021 form": policy2021, "current form": policyCurrent} {
		got, err := rolesso.ParseTrustPolicy(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff([]string{"acs:ram::1234567890123456:saml-provider/testprovider"}, got.SAMLProviderARNs()); diff != "" {
			t.Errorf("%s: SAMLProviderARNs (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff([]string{"https://signin.alibabacloud.com/saml-role/sso"}, got.Recipients()); diff != "" {
			t.Errorf("%s: Recipients (-want +got):\n%s", name, diff)
		}
	}
}

func TestParseTrustPolicyErrors(t *testing.T) {
	type testCase struct {
		doc  string
		want []string
	}
	tests := map[string]testCase{
		"syntax error with line and column": {
			doc:  "{\n  \"Version\": \"1\",\n  \"Statement\": [}\n}",
			want: []string{`the JSON is not valid at line 3, column 17: invalid character '}' looking for beginning of value.`},
		},
		"missing comma": {
			doc:  "{\"Version\": \"1\"\n \"Statement\": []}",
			want: []string{`the JSON is not valid at line 2, column 2: invalid character '"' after object key:value pair.`},
		},
		"ends early": {
			doc:  "{\"Version\": \"1\",\n",
			want: []string{`the JSON ends early at line 2, column 1; check for a missing "}" or "]".`},
		},
		"empty": {
			doc:  "  ",
			want: []string{`the document is empty; a trust policy looks like {"Version": "1", "Statement": [...]}.`},
		},
		"trailing data": {
			doc:  `{"Version":"1","Statement":[]}` + "\n {}",
			want: []string{`unexpected data after the JSON object at line 2, column 2; a document holds one object.`},
		},
		"array": {
			doc:  `[]`,
			want: []string{`the document is an array, not a JSON object; a trust policy looks like {"Version": "1", "Statement": [...]}.`},
		},
		"wrong types and unknown keys": {
			doc: `{"Version":1,"Id":"x","Statement":[{"Effect":true,"Action":["sts:AssumeRole",3,{}],"Principal":{"Federated":{},"User":"x"},"Condition":[],"Sid":"s"},"x"]}`,
			want: []string{
				`unknown key "Id" at the top level; a trust policy has only "Version" and "Statement".`,
				`Statement[0].Action[2] is an object; it must be a string.`,
				`Statement[0].Condition is an array; it must be an object such as {"StringEquals": {"saml:recipient": ["https://signin.alibabacloud.com/saml-role/sso"]}}.`,
				`Statement[0].Effect is a boolean; use "Allow" or "Deny".`,
				`Statement[0].Principal.Federated is an object; it must be a string or an array of strings.`,
				`Statement[0].Principal has the unknown type "User"; use "Federated", "RAM" or "Service".`,
				`Statement[0] has the unknown key "Sid"; a statement has "Effect", "Principal", "Action" and "Condition".`,
				`Statement[1] is a string; each statement must be a JSON object.`,
				`"Version" is a number; write it as the string "1".`,
			},
		},
		"statement is a string": {
			doc:  `{"Version":"1","Statement":"x"}`,
			want: []string{`"Statement" is a string; it must be an array of statement objects.`},
		},
		"condition operator not an object": {
			doc:  `{"Version":"1","Statement":[{"Condition":{"StringEquals":"x"}}]}`,
			want: []string{`Statement[0].Condition.StringEquals is a string; it must be an object whose values are strings or arrays of strings.`},
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		_, err := rolesso.ParseTrustPolicy(tc.doc)
		var pe *rolesso.TrustPolicyError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v is not a *TrustPolicyError", err)
		}
		if diff := cmp.Diff(tc.want, pe.Problems); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
	})
}

func TestValidateTrustPolicy(t *testing.T) {
	hint := `set "Condition": {"StringEquals": {"saml:recipient": ["https://signin.alibabacloud.com/saml-role/sso"]}} (or "https://signin.aliyun.com/saml-role/sso" for the China site).`
	type testCase struct {
		doc  string
		want []string
	}
	tests := map[string]testCase{
		"2021 form":    {doc: policy2021},
		"current form": {doc: policyCurrent},
		"China site and a second statement for a RAM principal": {
			doc: `{"Version":"1","Statement":[
				{"Effect":"Allow","Principal":{"Federated":"acs:ram::1234567890123456:saml-provider/idaas"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":"https://signin.aliyun.com/saml-role/sso"}}},
				{"Effect":"Allow","Principal":{"RAM":"acs:ram::1234567890123456:root"},"Action":"sts:AssumeRole"}]}`,
		},
		"a Deny statement needs no recipient": {
			doc: `{"Version":"1","Statement":[{"Effect":"Deny","Principal":{"Federated":"acs:ram::1234567890123456:saml-provider/idaas"},"Action":"sts:AssumeRole"}]}`,
		},
		"version and statements": {
			doc:  `{"Version":"2012-10-17"}`,
			want: []string{`"Version" is "2012-10-17"; RAM policies use "Version": "1".`, `"Statement" is missing or empty; add a statement that allows "sts:AssumeRole" to a Federated SAML provider.`},
		},
		"missing version": {
			doc:  `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.aliyuncs.com"},"Action":"sts:AssumeRole"}]}`,
			want: []string{`"Version" is missing; set "Version": "1".`},
		},
		"effect, action, principal": {
			doc: `{"Version":"1","Statement":[{"Effect":"allow","Action":["sts:AssumeRole","ecs:*"],"Principal":{}},{"Effect":"Allow","Principal":{"RAM":[]}}]}`,
			want: []string{
				`Statement[0].Effect is "allow"; use "Allow" or "Deny".`,
				`Statement[0].Action has "ecs:*"; a trust policy allows only "sts:AssumeRole".`,
				`Statement[0].Principal is missing or empty; for role-based SSO set "Principal": {"Federated": ["acs:ram::1234567890123456:saml-provider/idaas"]}.`,
				`Statement[1].Action is missing; set "Action": "sts:AssumeRole".`,
				`Statement[1].Principal.RAM is empty; list at least one principal or remove it.`,
			},
		},
		"federated principal not a provider ARN": {
			doc: `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":["idaas","acs:ram::1234567890123456:oidc-provider/gh"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":"https://signin.alibabacloud.com/saml-role/sso"}}}]}`,
			want: []string{
				`Statement[0].Principal.Federated[0]: invalid ARN "idaas": it does not start with "acs:ram::". A SAML provider ARN looks like acs:ram::<account ID>:saml-provider/<name>, for example "acs:ram::1234567890123456:saml-provider/idaas".`,
				`Statement[0].Principal.Federated[1]: invalid ARN "acs:ram::1234567890123456:oidc-provider/gh": the resource type is "oidc-provider", not "saml-provider". A SAML provider ARN looks like acs:ram::<account ID>:saml-provider/<name>, for example "acs:ram::1234567890123456:saml-provider/idaas".`,
			},
		},
		"no recipient": {
			doc:  `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"acs:ram::1234567890123456:saml-provider/idaas"},"Action":"sts:AssumeRole"}]}`,
			want: []string{`Statement[0] has a Federated principal but no saml:recipient condition; ` + hint},
		},
		"wrong recipients and keys": {
			doc: `{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"acs:ram::1234567890123456:saml-provider/idaas"},"Action":"sts:AssumeRole","Condition":{
				"StringEquals":{"saml:recipient":["urn:alibaba:cloudcomputing","https://signin.aliyun.com/saml-role/sso/","https://example.com/sso"]},
				"StringLike":{"saml:sub":"x"}}}]}`,
			want: []string{
				`Statement[0].Condition.StringLike has the key "saml:sub"; a statement with a Federated SAML provider supports only the StringEquals "saml:recipient" condition.`,
				`Statement[0].Condition.StringEquals.saml:recipient[0] is "urn:alibaba:cloudcomputing", an SP entity ID; saml:recipient is the ACS URL: ` + hint,
				`Statement[0].Condition.StringEquals.saml:recipient[1] is "https://signin.aliyun.com/saml-role/sso/"; write it exactly, without the trailing "/": ` + hint,
				`Statement[0].Condition.StringEquals.saml:recipient[2] is "https://example.com/sso", which is not the ACS URL of a site; ` + hint,
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		err := rolesso.ValidateTrustPolicy(tc.doc)
		checkProblems(t, err, tc.want, func(e *rolesso.TrustPolicyError) []string { return e.Problems })
	})
}

func TestTrustPolicyErrorText(t *testing.T) {
	t.Parallel()
	one := &rolesso.TrustPolicyError{Problems: []string{"a."}}
	two := &rolesso.TrustPolicyError{Problems: []string{"a.", "b."}}
	if diff := cmp.Diff("invalid trust policy: a.", one.Error()); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff("invalid trust policy:\n- a.\n- b.", two.Error()); diff != "" {
		t.Error(diff)
	}
}

func TestEquivalentTrustPolicies(t *testing.T) {
	t.Parallel()
	const (
		idaas = "acs:ram::1234567890123456:saml-provider/idaas"
		okta  = "acs:ram::1234567890123456:saml-provider/okta"
		intl  = "https://signin.alibabacloud.com/saml-role/sso"
		cn    = "https://signin.aliyun.com/saml-role/sso"
	)
	stmt := func(effect, federated, recipients string) string {
		return `{"Effect":"` + effect + `","Principal":{"Federated":` + federated + `},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":` + recipients + `}}}`
	}
	doc := func(statements ...string) string {
		return `{"Version":"1","Statement":[` + strings.Join(statements, ",") + `]}`
	}
	tests := map[string]struct {
		a, b string
		want bool
	}{
		"documented forms": {policy2021, policyCurrent, true},
		"whitespace and key order": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			"{\n \"Statement\" : [ {\"Condition\":{\"StringEquals\":{\"saml:recipient\":\"" + intl + "\"}},\"Action\":\"sts:AssumeRole\",\n\"Principal\":{\"Federated\":\"" + idaas + "\"},\"Effect\":\"Allow\"} ],\n \"Version\":\"1\"}",
			true,
		},
		"order of principals and recipients": {
			doc(stmt("Allow", `["`+idaas+`","`+okta+`"]`, `["`+intl+`","`+cn+`"]`)),
			doc(stmt("Allow", `["`+okta+`","`+idaas+`"]`, `["`+cn+`","`+intl+`"]`)),
			true,
		},
		"duplicate values": {
			doc(stmt("Allow", `["`+idaas+`","`+idaas+`"]`, `"`+intl+`"`)),
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			true,
		},
		"statement order": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`), stmt("Deny", `"`+okta+`"`, `"`+cn+`"`)),
			doc(stmt("Deny", `"`+okta+`"`, `"`+cn+`"`), stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			true,
		},
		"case of a provider name in an ARN": {
			doc(stmt("Allow", `"acs:ram::1234567890123456:saml-provider/IDaaS"`, `"`+intl+`"`)),
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			true,
		},
		"another provider": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			doc(stmt("Allow", `"`+okta+`"`, `"`+intl+`"`)),
			false,
		},
		"another site": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			doc(stmt("Allow", `"`+idaas+`"`, `"`+cn+`"`)),
			false,
		},
		"an extra provider": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			doc(stmt("Allow", `["`+idaas+`","`+okta+`"]`, `"`+intl+`"`)),
			false,
		},
		"effect": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			doc(stmt("Deny", `"`+idaas+`"`, `"`+intl+`"`)),
			false,
		},
		"an extra statement": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`), stmt("Allow", `"`+okta+`"`, `"`+intl+`"`)),
			false,
		},
		"a duplicated statement": {
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`), stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			true,
		},
		"version": {
			`{"Version":"1","Statement":[]}`,
			`{"Version":"2","Statement":[]}`,
			false,
		},
		"a single statement object versus an array": {
			`{"Version":"1","Statement":` + stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`) + `}`,
			doc(stmt("Allow", `"`+idaas+`"`, `"`+intl+`"`)),
			true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, pair := range [][2]string{{tc.a, tc.b}, {tc.b, tc.a}} {
				got, err := rolesso.EquivalentTrustPolicies(pair[0], pair[1])
				if err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Errorf("EquivalentTrustPolicies(\n%s,\n%s) = %v, want %v", pair[0], pair[1], got, tc.want)
				}
			}
		})
	}
	if _, err := rolesso.EquivalentTrustPolicies(policyCurrent, "{"); err == nil {
		t.Error("EquivalentTrustPolicies with invalid JSON: no error")
	}
	if _, err := rolesso.EquivalentTrustPolicies("[", policyCurrent); err == nil {
		t.Error("EquivalentTrustPolicies with invalid JSON first: no error")
	}
}

func TestCanonicalTrustPolicy(t *testing.T) {
	t.Parallel()
	got, err := rolesso.CanonicalTrustPolicy(policy2021)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Statement":[{"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}},"Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:saml-provider/testprovider"]}}],"Version":"1"}`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("canonical (-want +got):\n%s", diff)
	}
	again, err := rolesso.CanonicalTrustPolicy(got)
	if err != nil {
		t.Fatal(err)
	}
	if again != got {
		t.Errorf("canonical form is not stable:\n%s\n%s", got, again)
	}
}

func TestTrustPolicyTrusts(t *testing.T) {
	const (
		idaas = "acs:ram::1234567890123456:saml-provider/idaas"
		intl  = "https://signin.alibabacloud.com/saml-role/sso"
		cn    = "https://signin.aliyun.com/saml-role/sso"
	)
	built, err := rolesso.BuildTrustPolicy(account, []string{"idaas"}, rolesso.International)
	if err != nil {
		t.Fatal(err)
	}
	type testCase struct {
		doc, provider, recipient string
		want                     bool
	}
	tests := map[string]testCase{
		"built policy":               {built, idaas, intl, true},
		"case of the provider name":  {built, "acs:ram::1234567890123456:saml-provider/IDAAS", intl, true},
		"another site's recipient":   {built, idaas, cn, false},
		"another provider":           {built, "acs:ram::1234567890123456:saml-provider/okta", intl, false},
		"another account":            {built, "acs:ram::6543210987654321:saml-provider/idaas", intl, false},
		"not an ARN":                 {built, "idaas", intl, false},
		"2021 form":                  {policy2021, "acs:ram::1234567890123456:saml-provider/testprovider", intl, true},
		"invalid JSON trusts nobody": {"{", idaas, intl, false},
		"no condition means any recipient": {
			`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + idaas + `"},"Action":"sts:AssumeRole"}]}`, idaas, cn, true,
		},
		"an unknown condition is never met": {
			`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + idaas + `"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":"` + intl + `"},"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}`, idaas, intl, false,
		},
		"another action": {
			`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + idaas + `"},"Action":"ecs:*"}]}`, idaas, intl, false,
		},
		"sts wildcard": {
			`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + idaas + `"},"Action":"sts:*"}]}`, idaas, intl, true,
		},
		"deny wins": {
			`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + idaas + `"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"Federated":"` + idaas + `"},"Action":"sts:AssumeRole"}]}`, idaas, intl, false,
		},
		"a RAM principal is not a SAML provider": {
			`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":"` + idaas + `"},"Action":"sts:AssumeRole"}]}`, idaas, intl, false,
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		if got := rolesso.TrustPolicyTrusts(tc.doc, tc.provider, tc.recipient); got != tc.want {
			t.Errorf("TrustPolicyTrusts = %v, want %v", got, tc.want)
		}
	})
}

// checkProblems checks that err lists the problems want: an error of type
// E, whose problems are read by problems, or nil for none.
func checkProblems[E error](t *testing.T, err error, want []string, problems func(E) []string) {
	t.Helper()
	var got []string
	var e E
	if errors.As(err, &e) {
		got = problems(e)
	} else if err != nil {
		t.Fatalf("error %v is not a %T", err, e)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
