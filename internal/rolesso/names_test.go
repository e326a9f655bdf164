// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// errText returns the error's text, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkParsed checks one case of a parser: the text of its error ("" for
// none), then the value it returned.
func checkParsed[T any](t *testing.T, got T, err error, want T, wantErr string) {
	t.Helper()
	if diff := cmp.Diff(wantErr, errText(err)); diff != "" {
		t.Fatalf("error (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("value (-want +got):\n%s", diff)
	}
}

// errTextCase is an input of a validator and the text of the error it
// gets ("" for none).
type errTextCase struct{ in, want string }

// checkErrTexts checks validate, named fn, on each case.
func checkErrTexts(t *testing.T, fn string, validate func(string) error, tests map[string]errTextCase) {
	t.Helper()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, errText(validate(tc.in))); diff != "" {
				t.Errorf("%s(%q) (-want +got):\n%s", fn, tc.in, diff)
			}
		})
	}
}

func TestValidateRoleName(t *testing.T) {
	t.Parallel()
	tests := map[string]errTextCase{
		"simple":          {in: "sso-admin"},
		"dots and digits": {in: "ops.Admin.2"},
		"one character":   {in: "a"},
		"64 characters":   {in: strings.Repeat("r", 64)},
		"empty": {
			in:   "",
			want: `invalid RAM role name "": it is empty. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". Choose a name that satisfies the rule.`,
		},
		"65 characters": {
			in:   strings.Repeat("r", 65),
			want: `invalid RAM role name "` + strings.Repeat("r", 65) + `": it has 65 characters, more than 64. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". For example "` + strings.Repeat("r", 64) + `".`,
		},
		"underscore": {
			in:   "ops_admin",
			want: `invalid RAM role name "ops_admin": it contains '_' at position 4. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". For example "ops-admin".`,
		},
		"at sign of the 2021 docs": {
			in:   "admin@corp",
			want: `invalid RAM role name "admin@corp": it contains '@' at position 6. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". For example "admin-corp".`,
		},
		"space": {
			in:   "sso admin",
			want: `invalid RAM role name "sso admin": it contains ' ' at position 4. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". For example "sso-admin".`,
		},
		"non-ASCII": {
			in:   "管理员",
			want: `invalid RAM role name "管理员": it contains '管' at position 1. A RAM role name has 1 to 64 characters: letters, digits, "." and "-". Choose a name that satisfies the rule.`,
		},
	}
	checkErrTexts(t, "ValidateRoleName", rolesso.ValidateRoleName, tests)
}

func TestValidateApplicationAccountName(t *testing.T) {
	t.Parallel()
	tests := map[string]errTextCase{
		"role name": {in: "sso-admin"},
		"underscore": {
			in:   "ops_admin",
			want: `invalid application account name "ops_admin": it contains '_' at position 4; IDaaS may accept it, but no RAM role can have this name, so this account can never sign in. An application account name must equal the name of the RAM role it signs in to, so it must satisfy the RAM role-name rule: 1 to 64 characters: letters, digits, "." and "-". For example "ops-admin". Rename the RAM role to match.`,
		},
		"too long": {
			in:   strings.Repeat("a", 65),
			want: `invalid application account name "` + strings.Repeat("a", 65) + `": it has 65 characters, more than 64. An application account name must equal the name of the RAM role it signs in to, so it must satisfy the RAM role-name rule: 1 to 64 characters: letters, digits, "." and "-". For example "` + strings.Repeat("a", 64) + `". Rename the RAM role to match.`,
		},
	}
	checkErrTexts(t, "ValidateApplicationAccountName", rolesso.ValidateApplicationAccountName, tests)
}

func TestValidateSAMLProviderNameAndIdPName(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		name    string
		problem string // "" when valid.
		fix     string
	}{
		"simple":           {name: "idaas"},
		"all specials":     {name: "a.b-c_d"},
		"one character":    {name: "x"},
		"128 characters":   {name: strings.Repeat("p", 128)},
		"empty":            {name: "", problem: "it is empty", fix: "Choose a name that satisfies the rule."},
		"129 characters":   {name: strings.Repeat("p", 129), problem: "it has 129 characters, more than 128", fix: `For example "` + strings.Repeat("p", 128) + `".`},
		"leading dot":      {name: ".idaas", problem: "it starts or ends with a special character", fix: `For example "idaas".`},
		"trailing hyphen":  {name: "idaas-", problem: "it starts or ends with a special character", fix: `For example "idaas".`},
		"only underscore":  {name: "_", problem: "it starts or ends with a special character", fix: "Choose a name that satisfies the rule."},
		"slash":            {name: "corp/idaas", problem: "it contains '/' at position 5", fix: `For example "corp-idaas".`},
		"space in the end": {name: "idaas ", problem: "it contains ' ' at position 6", fix: `For example "idaas".`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for subject, validate := range map[string]func(string) error{
				"SAML provider name": rolesso.ValidateSAMLProviderName,
				"IdP name":           rolesso.ValidateIdPName,
			} {
				err := validate(tc.name)
				if tc.problem == "" {
					if err != nil {
						t.Errorf("%s %q: unexpected error %v", subject, tc.name, err)
					}
					continue
				}
				var ne *rolesso.NameError
				if !errors.As(err, &ne) {
					t.Fatalf("%s %q: error %v is not a *NameError", subject, tc.name, err)
				}
				want := &rolesso.NameError{Subject: subject, Value: tc.name, Problem: tc.problem, Rule: rolesso.SAMLProviderNameRule, Fix: tc.fix}
				if diff := cmp.Diff(want, ne); diff != "" {
					t.Errorf("%s %q (-want +got):\n%s", subject, tc.name, diff)
				}
			}
		})
	}
}

func TestValidateAccountID(t *testing.T) {
	t.Parallel()
	fix := ` Copy it from the account menu of the Alibaba Cloud console, or from "aliyun sts GetCallerIdentity" (field AccountId).`
	tests := map[string]errTextCase{
		"16 digits":  {in: "1234567890123456"},
		"empty":      {in: "", want: `invalid Alibaba Cloud account ID "": it is empty. An Alibaba Cloud account ID has 16 digits.` + fix},
		"15 digits":  {in: "123456789012345", want: `invalid Alibaba Cloud account ID "123456789012345": it has 15 digits. An Alibaba Cloud account ID has 16 digits.` + fix},
		"masked":     {in: "123456789012****", want: `invalid Alibaba Cloud account ID "123456789012****": it contains '*' at position 13. An Alibaba Cloud account ID has 16 digits.` + fix},
		"leading sp": {in: " 1234567890123456", want: `invalid Alibaba Cloud account ID " 1234567890123456": it contains ' ' at position 1. An Alibaba Cloud account ID has 16 digits.` + fix},
	}
	checkErrTexts(t, "ValidateAccountID", rolesso.ValidateAccountID, tests)
}

func TestValidateRoleSessionName(t *testing.T) {
	type testCase struct {
		name    string
		problem string
	}
	tests := map[string]testCase{
		"username":      {name: "alice"},
		"email":         {name: "alice@example.com"},
		"all specials":  {name: "a.b@c=d,e+f_g-h"},
		"two":           {name: "ab"},
		"thirty-two":    {name: strings.Repeat("s", 32)},
		"one":           {name: "a", problem: "it has 1 character, fewer than 2"},
		"thirty-three":  {name: strings.Repeat("s", 33), problem: "it has 33 characters, more than 32"},
		"space":         {name: "alice smith", problem: "it contains ' ' at position 6"},
		"slash":         {name: "corp/alice", problem: "it contains '/' at position 5"},
		"invalid UTF-8": {name: "ab\xff", problem: "it is not valid UTF-8 at position 3"},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		err := rolesso.ValidateRoleSessionName(tc.name)
		if tc.problem == "" {
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		var ne *rolesso.NameError
		if !errors.As(err, &ne) {
			t.Fatalf("error %v is not a *NameError", err)
		}
		if diff := cmp.Diff(tc.problem, ne.Problem); diff != "" {
			t.Errorf("problem (-want +got):\n%s", diff)
		}
		if ne.Rule != rolesso.RoleSessionNameRule {
			t.Errorf("rule = %q", ne.Rule)
		}
	})
}

// TestPatternsAgreeWithLimits guards the exported constants that docs and
// validators are built from: each pattern must accept exactly the lengths
// its limits state.
func TestPatternsAgreeWithLimits(t *testing.T) {
	type testCase struct {
		pattern  string
		char     string
		min, max int
	}
	tests := map[string]testCase{
		"role name":          {rolesso.RoleNamePattern, "a", rolesso.RoleNameMinLength, rolesso.RoleNameMaxLength},
		"SAML provider name": {rolesso.SAMLProviderNamePattern, "a", rolesso.SAMLProviderNameMinLength, rolesso.SAMLProviderNameMaxLength},
		"account ID":         {rolesso.AccountIDPattern, "1", rolesso.AccountIDLength, rolesso.AccountIDLength},
		"role session name":  {rolesso.RoleSessionNamePattern, "a", rolesso.RoleSessionNameMinLength, rolesso.RoleSessionNameMaxLength},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		re := regexp.MustCompile(tc.pattern)
		for n := 0; n <= tc.max+1; n++ {
			got := re.MatchString(strings.Repeat(tc.char, n))
			want := n >= tc.min && n <= tc.max
			if got != want {
				t.Errorf("length %d: match = %v, want %v", n, got, want)
			}
		}
	})
}

func TestSameNames(t *testing.T) {
	t.Parallel()
	pairs := []namePair{
		{"sso-admin", "sso-admin", true},
		{"SSO-Admin", "sso-admin", true},
		{"sso-admin", "sso-admin2", false},
		{"sso_admin", "sso-admin", false},
		{"", "", true},
	}
	checkNamePairs(t, "SameRoleName", rolesso.SameRoleName, pairs)
	checkNamePairs(t, "SameSAMLProviderName", rolesso.SameSAMLProviderName, pairs)
}

// namePair is two names and whether a comparison of them holds.
type namePair struct {
	a, b string
	want bool
}

// checkNamePairs checks compare, named fn, on each pair.
func checkNamePairs(t *testing.T, fn string, compare func(a, b string) bool, pairs []namePair) {
	t.Helper()
	for _, p := range pairs {
		if got := compare(p.a, p.b); got != p.want {
			t.Errorf("%s(%q, %q) = %v, want %v", fn, p.a, p.b, got, p.want)
		}
	}
}

func TestSuggestions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, role, provider string
	}{
		{"ops_admin", "ops-admin", "ops_admin"},
		{"a b", "a-b", "a-b"},
		{"_x_", "-x-", "x"},
		{"___", "", ""},
		{"", "", ""},
		{strings.Repeat("x", 70), strings.Repeat("x", 64), strings.Repeat("x", 70)},
	}
	for _, tc := range tests {
		if got := rolesso.SuggestRoleName(tc.in); got != tc.role {
			t.Errorf("SuggestRoleName(%q) = %q, want %q", tc.in, got, tc.role)
		}
		if got := rolesso.SuggestSAMLProviderName(tc.in); got != tc.provider {
			t.Errorf("SuggestSAMLProviderName(%q) = %q, want %q", tc.in, got, tc.provider)
		}
		if s := rolesso.SuggestRoleName(tc.in); s != "" && rolesso.ValidateRoleName(s) != nil {
			t.Errorf("SuggestRoleName(%q) = %q, which is not valid", tc.in, s)
		}
		if s := rolesso.SuggestSAMLProviderName(tc.in); s != "" && rolesso.ValidateSAMLProviderName(s) != nil {
			t.Errorf("SuggestSAMLProviderName(%q) = %q, which is not valid", tc.in, s)
		}
	}
}
