// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	linkAccount  = rolesso.LinkEnd{Object: "IDaaS application account of user u1", Attribute: "account_name"}
	linkRole     = rolesso.LinkEnd{Object: `RAM role "sso-admin"`, Attribute: "name"}
	linkApp      = rolesso.LinkEnd{Object: "IDaaS application app_1", Attribute: "idp_name"}
	linkProvider = rolesso.LinkEnd{Object: `RAM SAML provider "idaas"`, Attribute: "name"}
)

func with(e rolesso.LinkEnd, value string) rolesso.LinkEnd {
	e.Value = value
	return e
}

func TestLinkRulesOfNames(t *testing.T) {
	type testCase struct {
		check func() error
		want  *rolesso.LinkError // nil: no error.
	}
	tests := map[string]testCase{
		"account name equals the role name": {
			check: func() error {
				return rolesso.CheckAccountNameMatchesRole(with(linkAccount, "sso-admin"), with(linkRole, "sso-admin"))
			},
		},
		"account name differs from the role name only in case": {
			check: func() error {
				return rolesso.CheckAccountNameMatchesRole(with(linkAccount, "SSO-Admin"), with(linkRole, "sso-admin"))
			},
		},
		"account name differs from the role name": {
			check: func() error {
				return rolesso.CheckAccountNameMatchesRole(with(linkAccount, "sso_admin"), with(linkRole, "sso-admin"))
			},
			want: &rolesso.LinkError{
				Summary: "Application account name is not the RAM role name",
				Problem: `The account_name "sso_admin" of IDaaS application account of user u1 differs from the name "sso-admin" of RAM role "sso-admin".`,
				Rule:    rolesso.AccountNameMatchRule,
				Fix:     `Set the account_name of IDaaS application account of user u1 to "sso-admin", the name of RAM role "sso-admin".`,
			},
		},
		"IdP name equals the SAML provider name": {
			check: func() error {
				return rolesso.CheckIdPNameMatchesSAMLProvider(with(linkApp, "idaas"), with(linkProvider, "idaas"))
			},
		},
		"IdP name differs from the SAML provider name only in case": {
			check: func() error {
				return rolesso.CheckIdPNameMatchesSAMLProvider(with(linkApp, "IDaaS"), with(linkProvider, "idaas"))
			},
		},
		"IdP name differs from the SAML provider name": {
			check: func() error {
				return rolesso.CheckIdPNameMatchesSAMLProvider(with(linkApp, "idaas"), with(linkProvider, "idaas-prod"))
			},
			want: &rolesso.LinkError{
				Summary: "IdP name is not the SAML provider name",
				Problem: `The idp_name "idaas" of IDaaS application app_1 differs from the name "idaas-prod" of RAM SAML provider "idaas".`,
				Rule:    rolesso.IdPNameMatchRule,
				Fix:     `Set the name of RAM SAML provider "idaas" to "idaas", the idp_name of IDaaS application app_1 (or set that idp_name to "idaas-prod").`,
			},
		},
		"role trusts the IdP": {
			check: func() error {
				return rolesso.CheckRoleTrustsIdP(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", []string{"other", "idaas"})
			},
		},
		"role trusts the IdP in another case": {
			check: func() error {
				return rolesso.CheckRoleTrustsIdP(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", []string{"IDAAS"})
			},
		},
		"role trusts other SAML providers": {
			check: func() error {
				return rolesso.CheckRoleTrustsIdP(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", []string{"okta", "azure"})
			},
			want: &rolesso.LinkError{
				Summary: "Role does not trust the application's SAML provider",
				Problem: `The idp_name "idaas" of IDaaS application app_1 is not among the saml_provider_names of RAM role "sso-admin" ("okta", "azure").`,
				Rule:    rolesso.RoleTrustRule,
				Fix:     `Add "idaas" to the saml_provider_names of RAM role "sso-admin", or link a role that trusts it.`,
			},
		},
		"role trusts no SAML provider": {
			check: func() error {
				return rolesso.CheckRoleTrustsIdP(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", nil)
			},
			want: &rolesso.LinkError{
				Summary: "Role does not trust the application's SAML provider",
				Problem: `The idp_name "idaas" of IDaaS application app_1 is not among the saml_provider_names of RAM role "sso-admin" (none).`,
				Rule:    rolesso.RoleTrustRule,
				Fix:     `Add "idaas" to the saml_provider_names of RAM role "sso-admin", or link a role that trusts it.`,
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		assertLinkError(t, tt.check(), tt.want)
	})
}

func TestLinkRulesOfAccountsAndSites(t *testing.T) {
	appAccount := rolesso.LinkEnd{Object: "IDaaS application app_1", Attribute: "account_id"}
	roleAccount := rolesso.LinkEnd{Object: `RAM role "sso-admin"`, Attribute: "account_id"}
	appSite := rolesso.LinkEnd{Object: "IDaaS application app_1", Attribute: "site"}
	roleSite := rolesso.LinkEnd{Object: `RAM role "sso-admin"`, Attribute: "site"}
	type testCase struct {
		err  error
		want *rolesso.LinkError
	}
	tests := map[string]testCase{
		"same account": {err: rolesso.CheckSameAccount(with(appAccount, "1234567890123456"), with(roleAccount, "1234567890123456"))},
		"different accounts": {
			err: rolesso.CheckSameAccount(with(appAccount, "1111111111111111"), with(roleAccount, "1234567890123456")),
			want: &rolesso.LinkError{
				Summary: "Application and RAM object in different accounts",
				Problem: `The account_id "1111111111111111" of IDaaS application app_1 differs from the account_id "1234567890123456" of RAM role "sso-admin".`,
				Rule:    rolesso.AccountMatchRule,
				Fix:     `Set the account_id of IDaaS application app_1 to "1234567890123456", or create RAM role "sso-admin" in account 1111111111111111 (with a provider configured for that account).`,
			},
		},
		"same site": {err: rolesso.CheckSameSite(with(appSite, rolesso.SiteChina), with(roleSite, rolesso.SiteChina))},
		"different sites": {
			err: rolesso.CheckSameSite(with(appSite, rolesso.SiteChina), with(roleSite, rolesso.SiteInternational)),
			want: &rolesso.LinkError{
				Summary: "Application and role of different sites",
				Problem: `The site "china" of IDaaS application app_1 differs from the site "international" of RAM role "sso-admin".`,
				Rule:    rolesso.SiteMatchRule,
				Fix:     `Set the site of RAM role "sso-admin" to "china", or the site of IDaaS application app_1 to "international".`,
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		assertLinkError(t, tt.err, tt.want)
	})
}

func TestCheckMetadataMatches(t *testing.T) {
	now := time.Now()
	oldCert := newCertDER(t, "old", now.Add(-48*time.Hour), now.Add(24*time.Hour))
	newCert := newCertDER(t, "new", now.Add(-time.Hour), now.Add(365*24*time.Hour))
	sso := [][2]string{{rolesso.BindingHTTPPost, "https://idp.example.com/sso"}}
	doc := func(entityID string, certs ...[]byte) string {
		return metadataXML{EntityID: entityID, Certs: certs, SSO: sso}.String()
	}
	provider := rolesso.LinkEnd{Object: `RAM SAML provider "idaas"`, Attribute: "metadata"}
	application := rolesso.LinkEnd{Object: "IDaaS application app_1", Attribute: "idp_metadata"}
	type testCase struct {
		provider, application string
		wantProblem           string // "": no error.
	}
	tests := map[string]testCase{
		"same metadata":                     {provider: doc("https://idp", newCert), application: doc("https://idp", newCert)},
		"provider has an older certificate": {provider: doc("https://idp", oldCert, newCert), application: doc("https://idp", newCert)},
		"provider in Base64":                {provider: base64.StdEncoding.EncodeToString([]byte(doc("https://idp", newCert))), application: doc("https://idp", newCert)},
		"metadata that does not parse":      {provider: "<nope", application: doc("https://idp", newCert)},
		"another entity ID": {
			provider: doc("https://old-idp", newCert), application: doc("https://idp", newCert),
			wantProblem: `The entity ID is "https://old-idp" in the metadata of RAM SAML provider "idaas" but "https://idp" in the idp_metadata of IDaaS application app_1.`,
		},
		"a rotated certificate not uploaded": {
			provider: doc("https://idp", oldCert), application: doc("https://idp", newCert),
			wantProblem: `The metadata of RAM SAML provider "idaas" lacks the signing certificate SHA-256 ` + fingerprint(newCert) +
				` of the idp_metadata of IDaaS application app_1.`,
		},
		"both": {
			provider: doc("https://old-idp", oldCert), application: doc("https://idp", newCert),
			wantProblem: `The entity ID is "https://old-idp" in the metadata of RAM SAML provider "idaas" but "https://idp" in the idp_metadata ` +
				`of IDaaS application app_1; the metadata of RAM SAML provider "idaas" lacks the signing certificate SHA-256 ` +
				fingerprint(newCert) + ` of the idp_metadata of IDaaS application app_1.`,
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		err := rolesso.CheckMetadataMatches(with(provider, tt.provider), with(application, tt.application))
		if tt.wantProblem == "" {
			assertLinkError(t, err, nil)
			return
		}
		assertLinkError(t, err, &rolesso.LinkError{
			Summary: "SAML provider metadata is not the application's",
			Problem: tt.wantProblem,
			Rule:    rolesso.MetadataMatchRule,
			Fix: `Set the metadata of RAM SAML provider "idaas" to the current idp_metadata of IDaaS application app_1, ` +
				`for example by reference, so that a certificate rotated in IDaaS is uploaded to RAM.`,
		})
	})
}

func TestLinkErrorJoinsItsParts(t *testing.T) {
	t.Parallel()
	err := rolesso.CheckAccountNameMatchesRole(with(linkAccount, "a"), with(linkRole, "b"))
	le, ok := errors.AsType[*rolesso.LinkError](err)
	if !ok {
		t.Fatalf("error %v is not a *LinkError", err)
	}
	if want := le.Problem + " " + le.Rule + " " + le.Fix; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

func assertLinkError(t *testing.T, err error, want *rolesso.LinkError) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	got, ok := errors.AsType[*rolesso.LinkError](err)
	if !ok {
		t.Fatalf("error %v, want a *LinkError", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LinkError (-want +got):\n%s", diff)
	}
}

func TestCaseOnlyDifference(t *testing.T) {
	t.Parallel()
	checkNamePairs(t, "CaseOnlyDifference", rolesso.CaseOnlyDifference, []namePair{
		{"sso-admin", "sso-admin", false},
		{"SSO-Admin", "sso-admin", true},
		{"idaas", "IDAAS", true},
		{"sso-admin", "sso_admin", false},
		{"", "", false},
		{"a", "", false},
	})
}

func TestExactCaseWarnings(t *testing.T) {
	type testCase struct {
		warn func() *rolesso.LinkWarning
		want *rolesso.LinkWarning // nil: no warning.
	}
	tests := map[string]testCase{
		"account name equals the role name": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckExactCase(with(linkAccount, "sso-admin"), with(linkRole, "sso-admin"))
			},
		},
		"account name differs from the role name only in case": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckExactCase(with(linkAccount, "SSO-Admin"), with(linkRole, "sso-admin"))
			},
			want: &rolesso.LinkWarning{
				Summary: "Linked names differ only in case",
				Problem: `The account_name "SSO-Admin" of IDaaS application account of user u1 differs from the name "sso-admin" of RAM role "sso-admin" only in case.`,
				Rule:    rolesso.ExactCaseRule,
				Fix:     `Write the account_name of IDaaS application account of user u1 in exactly the same case as the name of RAM role "sso-admin" ("sso-admin"), or set it by reference.`,
			},
		},
		"account name differs from the role name otherwise (an error, not a warning)": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckExactCase(with(linkAccount, "sso_admin"), with(linkRole, "sso-admin"))
			},
		},
		"SAML provider name differs from the IdP name only in case": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckExactCase(with(linkProvider, "IDaaS"), with(linkApp, "idaas"))
			},
			want: &rolesso.LinkWarning{
				Summary: "Linked names differ only in case",
				Problem: `The name "IDaaS" of RAM SAML provider "idaas" differs from the idp_name "idaas" of IDaaS application app_1 only in case.`,
				Rule:    rolesso.ExactCaseRule,
				Fix:     `Write the name of RAM SAML provider "idaas" in exactly the same case as the idp_name of IDaaS application app_1 ("idaas"), or set it by reference.`,
			},
		},
		"role trusts the IdP name exactly": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckRoleTrustsIdPExactCase(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", []string{"IDAAS", "idaas"})
			},
		},
		"role trusts the IdP name only in another case": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckRoleTrustsIdPExactCase(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", []string{"okta", "IDAAS"})
			},
			want: &rolesso.LinkWarning{
				Summary: "Linked names differ only in case",
				Problem: `The saml_provider_names "IDAAS" of RAM role "sso-admin" differs from the idp_name "idaas" of IDaaS application app_1 only in case.`,
				Rule:    rolesso.ExactCaseRule,
				Fix:     `Write the saml_provider_names of RAM role "sso-admin" in exactly the same case as the idp_name of IDaaS application app_1 ("idaas"), or set it by reference.`,
			},
		},
		"role does not trust the IdP name (an error, not a warning)": {
			warn: func() *rolesso.LinkWarning {
				return rolesso.CheckRoleTrustsIdPExactCase(with(linkApp, "idaas"), `RAM role "sso-admin"`, "saml_provider_names", []string{"okta"})
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if diff := cmp.Diff(tt.want, tt.warn()); diff != "" {
			t.Errorf("warning (-want +got):\n%s", diff)
		}
	})
}
