// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Phases a check reports at.
const (
	// atValidate: offline. `validate` reports it, which never configures
	// the provider, and so does a plan with no credentials at all, before
	// any API call.
	atValidate = "validate"
	// atPlan: `validate` does not report it, a plan without credentials
	// stops at the provider's configuration before it, and a plan with
	// credentials reports it, with read-only calls at most.
	atPlan = "plan"
)

// wantDiagnostic is the diagnostic a check must report.
type wantDiagnostic struct {
	severity string
	summary  string
	// address is the resource the diagnostic is about.
	address string
	// detail holds fragments the detail must contain: the objects, the
	// attributes, the rule and the fix.
	detail []string
}

// failingCase is a configuration that one check must refuse (or warn of).
type failingCase struct {
	name  string
	phase string
	// config returns the configuration for the world with the given
	// provider blocks.
	config func(t *testing.T, w world, providers string) string
	// world starts the world; nil means newWorld.
	world func(t *testing.T) world
	// guide names the guide's example that quotes the diagnostic, if any.
	guide string
	// before runs against the world before the case is planned, e.g. an
	// apply of an earlier configuration; its writes are not the case's.
	before func(t *testing.T, w world, wd *workdir)
	want   wantDiagnostic
}

// recommended returns recommendedChain after edits, each
// {block, "argument = value"} as set takes them.
func recommended(edits ...[2]string) func(*testing.T, world, string) string {
	return func(t *testing.T, _ world, providers string) string {
		config := providers + recommendedChain
		for _, e := range edits {
			config = set(t, config, e[0], e[1])
		}
		return config
	}
}

// Blocks of recommendedChain.
const (
	applicationBlock  = `resource "idaas_role_sso_application" "console"`
	samlProviderBlock = `resource "idaas_ram_saml_provider" "idaas"`
	roleBlock         = `resource "idaas_ram_role" "admin"`
	accountBlock      = `resource "idaas_application_account" "alice"`
)

// Addresses of recommendedChain.
const (
	applicationAddress  = "idaas_role_sso_application.console"
	samlProviderAddress = "idaas_ram_saml_provider.idaas"
	roleAddress         = "idaas_ram_role.admin"
	accountAddress      = "idaas_application_account.alice"
)

// auxSAMLProvider is a second SAML provider, of another IdP.
const auxSAMLProvider = `
resource "idaas_ram_saml_provider" "aux" {
  name     = "idaas-aux"
  metadata = idaas_role_sso_application.console.idp_metadata
}
`

// TestAccCrossCheck_matrix makes one configuration per
// check that the check refuses, at its phase, naming both objects, both
// attributes and the fix, with nothing written.
func TestAccCrossCheck_matrix(t *testing.T) {
	requireAcceptance(t)
	withoutCredentials(t)
	wd := newWorkdir(t)
	for _, c := range failingCases() {
		t.Run(c.name, func(t *testing.T) { runFailingCase(t, wd, c) })
	}
}

func failingCases() []failingCase {
	return []failingCase{
		// Offline, at validate: the name rules.
		{
			name: "role name rule", phase: atValidate,
			config: recommended([2]string{roleBlock, `name = "sso_admin"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid RAM role name", address: roleAddress,
				detail: []string{`"sso_admin"`, rolesso.RoleNameRule, `"sso-admin"`}},
		},
		{
			// IDaaS accepts the name; no RAM role can have it.
			name: "account name with underscore", phase: atValidate,
			config: recommended([2]string{accountBlock, `account_name = "sso_admin"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid application account name", address: accountAddress,
				detail: []string{`"sso_admin"`, "can never sign in", rolesso.ApplicationAccountNameRule, rolesso.RoleNameRule, `"sso-admin"`}},
		},
		{
			name: "IdP name rule", phase: atValidate,
			config: recommended([2]string{applicationBlock, `idp_name = "idaas_"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid IdP name", address: applicationAddress,
				detail: []string{`"idaas_"`, rolesso.SAMLProviderNameRule, `"idaas"`}},
		},
		{
			name: "SAML provider name rule", phase: atValidate,
			config: recommended([2]string{samlProviderBlock, `name = "idaas sso"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid SAML provider name", address: samlProviderAddress,
				detail: []string{`"idaas sso"`, rolesso.SAMLProviderNameRule, `"idaas-sso"`}},
		},
		{
			name: "account ID format", phase: atValidate,
			config: recommended([2]string{applicationBlock, `account_id = "12345678901234"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid Alibaba Cloud account ID", address: applicationAddress,
				detail: []string{`"12345678901234"`, rolesso.AccountIDRule}},
		},
		{
			name: "trusted SAML provider name rule", phase: atValidate,
			config: recommended([2]string{roleBlock, `saml_provider_names = [idaas_ram_saml_provider.idaas.name, "-idaas"]`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid SAML provider name", address: roleAddress,
				detail: []string{`"-idaas"`, rolesso.SAMLProviderNameRule, `"idaas"`}},
		},
		{
			name: "application site", phase: atValidate,
			config: recommended([2]string{applicationBlock, `site = "mars"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid site", address: applicationAddress,
				detail: []string{`"mars"`, `"international"`, `"china"`}},
		},
		{
			name: "role site", phase: atValidate,
			config: recommended([2]string{roleBlock, `site = "International"`}),
			want: wantDiagnostic{severity: "error", summary: "Invalid site", address: roleAddress,
				detail: []string{`"International"`, `"international"`}},
		},
		{
			// A link written out as a literal is known at validate.
			name: "literal role link", phase: atValidate,
			config: recommended(
				[2]string{accountBlock, `role = { name = "sso-admin" }`},
				[2]string{accountBlock, `account_name = "sso-ops"`}),
			want: wantDiagnostic{severity: "error", summary: "Application account name is not the RAM role name", address: accountAddress,
				detail: []string{`account_name "sso-ops"`, `name "sso-admin" of RAM role "sso-admin"`, rolesso.AccountNameMatchRule, `Set the account_name`}},
		},

		// Linked, at plan, on the first apply: a literal typed into a chain
		// wired by reference.
		{
			name: "account name is not the role name", phase: atPlan, guide: "error account-name",
			config: recommended([2]string{accountBlock, `account_name = "sso-ops"`}),
			want: wantDiagnostic{severity: "error", summary: "Application account name is not the RAM role name", address: accountAddress,
				detail: []string{`account_name "sso-ops"`, `name "sso-admin" of RAM role "sso-admin"`, rolesso.AccountNameMatchRule, `Set the account_name of`, `"sso-admin"`}},
		},
		{
			name: "IdP name is not the SAML provider name", phase: atPlan,
			config: recommended([2]string{samlProviderBlock, `name = "idaas-other"`}),
			want: wantDiagnostic{severity: "error", summary: "IdP name is not the SAML provider name", address: samlProviderAddress,
				detail: []string{`idp_name "idaas"`, `name "idaas-other" of RAM SAML provider "idaas-other"`, rolesso.IdPNameMatchRule, `Set the name of RAM SAML provider "idaas-other" to "idaas"`}},
		},
		{
			name: "IdP name not trusted by the role", phase: atPlan,
			// The role does not list the application: the account checks.
			config: func(t *testing.T, w world, providers string) string {
				return add(recommended(
					[2]string{roleBlock, `saml_provider_names = [idaas_ram_saml_provider.aux.name]`},
					[2]string{roleBlock, `applications = null`})(t, w, providers), auxSAMLProvider)
			},
			want: wantDiagnostic{severity: "error", summary: "Role does not trust the application's SAML provider", address: accountAddress,
				detail: []string{`idp_name "idaas"`, `saml_provider_names of RAM role "sso-admin" ("idaas-aux")`, rolesso.RoleTrustRule, `Add "idaas" to the saml_provider_names`}},
		},
		{
			name: "IdP name not trusted by the role, at the role", phase: atPlan,
			config: func(t *testing.T, w world, providers string) string {
				return add(recommended([2]string{roleBlock, `saml_provider_names = [idaas_ram_saml_provider.aux.name]`})(t, w, providers), auxSAMLProvider)
			},
			want: wantDiagnostic{severity: "error", summary: "Role does not trust the application's SAML provider", address: roleAddress,
				detail: []string{`idp_name "idaas"`, `saml_provider_names of RAM role "sso-admin" ("idaas-aux")`, rolesso.RoleTrustRule, `Add "idaas" to the saml_provider_names`}},
		},
		{
			// The role does not list the application, and the SAML provider is
			// wired by literals: the account checks.
			name: "application in another account than the role", phase: atPlan,
			config: recommended(
				[2]string{applicationBlock, `account_id = "` + strangerAccountID + `"`},
				[2]string{samlProviderBlock, `application = null`},
				[2]string{samlProviderBlock, `name = "idaas"`},
				[2]string{samlProviderBlock, `metadata = idaas_role_sso_application.console.idp_metadata`},
				[2]string{roleBlock, `applications = null`}),
			want: wantDiagnostic{severity: "error", summary: "Application and RAM object in different accounts", address: accountAddress,
				detail: []string{`account_id "` + strangerAccountID + `"`, `account_id "1234567890123456" of RAM role "sso-admin"`, rolesso.AccountMatchRule}},
		},
		{
			name: "application in another account than the role, at the role", phase: atPlan,
			config: recommended(
				[2]string{applicationBlock, `account_id = "` + strangerAccountID + `"`},
				[2]string{samlProviderBlock, `application = null`},
				[2]string{samlProviderBlock, `name = "idaas"`},
				[2]string{samlProviderBlock, `metadata = idaas_role_sso_application.console.idp_metadata`}),
			want: wantDiagnostic{severity: "error", summary: "Application and RAM object in different accounts", address: roleAddress,
				detail: []string{`account_id "` + strangerAccountID + `"`, `account_id "1234567890123456" of RAM role "sso-admin"`, rolesso.AccountMatchRule}},
		},
		{
			name: "application in another account than the SAML provider", phase: atPlan,
			config: recommended([2]string{applicationBlock, `account_id = "` + strangerAccountID + `"`}),
			want: wantDiagnostic{severity: "error", summary: "Application and RAM object in different accounts", address: samlProviderAddress,
				detail: []string{`account_id "` + strangerAccountID + `"`, `"1234567890123456"`, rolesso.AccountMatchRule}},
		},
		{
			// The role does not list the application: the account checks.
			name: "application and role of different sites", phase: atPlan,
			config: recommended([2]string{roleBlock, `site = "china"`}, [2]string{roleBlock, `applications = null`}),
			want: wantDiagnostic{severity: "error", summary: "Application and role of different sites", address: accountAddress,
				detail: []string{`site "international"`, `site "china" of RAM role "sso-admin"`, rolesso.SiteMatchRule, `Set the site of RAM role "sso-admin" to "international"`}},
		},
		{
			name: "application and role of different sites, at the role", phase: atPlan,
			config: recommended([2]string{roleBlock, `site = "china"`}),
			want: wantDiagnostic{severity: "error", summary: "Application and role of different sites", address: roleAddress,
				detail: []string{`site "international"`, `site "china" of RAM role "sso-admin"`, rolesso.SiteMatchRule}},
		},

		// Live, at plan, with read-only calls.
		{
			name: "account whose role does not exist", phase: atPlan,
			config: func(t *testing.T, _ world, providers string) string {
				config := providers + recommendedChain
				config = set(t, config, accountBlock, `role = null`)
				config = set(t, config, accountBlock, `application = null`)
				config = set(t, config, accountBlock, `instance_id = data.idaas_instance.this.id`)
				config = set(t, config, accountBlock, `application_id = idaas_role_sso_application.console.id`)
				return set(t, config, accountBlock, `account_name = "sso-nobody"`)
			},
			want: wantDiagnostic{severity: "warning", summary: "No RAM role of this name", address: accountAddress,
				detail: []string{`"sso-nobody"`, "account 1234567890123456", rolesso.AccountNameMatchRule, "role = idaas_ram_role.<name>"}},
		},
		{
			name: "application whose IdP name has no SAML provider", phase: atPlan,
			// The application exists; its SAML provider was never made.
			before: func(t *testing.T, w world, wd *workdir) {
				wd.write(w.withCredentials() + applicationOnly)
				if errs := wd.apply().errors(); len(errs) > 0 {
					t.Fatalf("apply of the application: %s", errs.full())
				}
			},
			config: func(_ *testing.T, _ world, providers string) string { return providers + applicationOnly },
			want: wantDiagnostic{severity: "warning", summary: "No SAML provider of the IdP name", address: applicationAddress,
				detail: []string{`idp_name "idaas"`, "account 1234567890123456", rolesso.IdPNameMatchRule, "application = idaas_role_sso_application.<name>"}},
		},
		{
			name: "role trusting a SAML provider that does not exist", phase: atPlan,
			config: recommended([2]string{roleBlock, `saml_provider_names = [idaas_ram_saml_provider.idaas.name, "idaas-gone"]`}),
			want: wantDiagnostic{severity: "warning", summary: "Trusted SAML provider does not exist", address: roleAddress,
				detail: []string{`RAM role "sso-admin"`, `"idaas-gone"`, "account 1234567890123456", "saml_provider_names = [idaas_ram_saml_provider.<name>.name]"}},
		},
		{
			// The SAML provider is loaded with the metadata of another
			// application: what RAM holds when IDaaS rotated a certificate
			// that nobody uploaded.
			name: "SAML provider metadata that is not the application's", phase: atPlan,
			world: func(t *testing.T) world {
				return consoleApplications(t, "Alibaba Cloud", "Alibaba Cloud (old)")
			},
			config: func(t *testing.T, w world, providers string) string {
				apps := map[string]application{}
				for _, a := range w.applications(t) {
					apps[a.Name] = a
				}
				return providers + `
data "idaas_instance" "this" {}

resource "idaas_ram_saml_provider" "idaas" {
  name        = "idaas"
  application = { instance_id = data.idaas_instance.this.id, id = "` + apps["Alibaba Cloud"].ID + `" }
  metadata    = ` + hclString(idpMetadata(t, w, apps["Alibaba Cloud (old)"].ID)) + `
}
`
			},
			want: wantDiagnostic{severity: "error", summary: "SAML provider metadata is not the application's", address: samlProviderAddress,
				detail: []string{`RAM SAML provider "idaas"`, "entity ID", "signing certificate", rolesso.MetadataMatchRule, "Set the metadata of"}},
		},
	}
}

// applicationOnly is an application without its SAML provider.
var applicationOnly = `
data "idaas_instance" "this" {}

resource "idaas_role_sso_application" "console" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud"
  idp_name    = "idaas"
` + templateArgs + `}
`

// idpMetadata downloads an application's IdP metadata from the world's
// IDaaS.
func idpMetadata(t *testing.T, w world, appID string) string {
	t.Helper()
	resp, err := http.Get(w.idaas.URL() + "/api/v2/" + appID + "/saml2/meta")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("IdP metadata of %s: HTTP %d, %v", appID, resp.StatusCode, err)
	}
	return string(body)
}

// runFailingCase runs one case at its phase; see atValidate and atPlan.
func runFailingCase(t *testing.T, wd *workdir, c failingCase) {
	newCaseWorld := newWorld
	if c.world != nil {
		newCaseWorld = c.world
	}
	w := newCaseWorld(t)
	wd.reset()
	if c.before != nil {
		c.before(t, w, wd)
		for _, srv := range []*emulatortest.Control{emulatortest.ControlOf(t, w.idaas), emulatortest.ControlOf(t, w.ram)} {
			srv.ClearRequests()
		}
	}

	// Without credentials.
	wd.write(c.config(t, w, w.noCredentials()))
	validated := wd.validate()
	planned := wd.plan()
	switch c.phase {
	case atValidate:
		expectDiagnostic(t, "validate", validated, c.want)
		expectDiagnostic(t, "plan without credentials", planned, c.want)
		if n := w.calls(t); n > 0 {
			t.Errorf("an offline check made %d API calls", n)
		}
		return
	case atPlan:
		if errs := validated.errors(); len(errs) > 0 {
			t.Errorf("validate reported errors; a plan-time check must not need them:\n%s", errs.full())
		}
		if !hasSummary(planned, "No Alibaba Cloud credentials") || hasSummary(planned, c.want.summary) {
			t.Errorf("a plan without credentials should stop at the provider's configuration, before the check; it reported:\n%s", planned.full())
		}
	}

	// With credentials.
	wd.write(c.config(t, w, w.withCredentials()))
	d := expectDiagnostic(t, "plan", wd.plan(), c.want)
	if c.guide != "" && d != nil {
		expectGuideQuotes(t, c.guide, *d)
	}
	if writes := w.writes(t); len(writes) > 0 {
		t.Errorf("the plan wrote %v", writes)
	}
}

// expectDiagnostic fails the test unless ds holds the wanted diagnostic,
// and returns it (nil when it is missing).
func expectDiagnostic(t *testing.T, command string, ds diagnostics, want wantDiagnostic) *diagnostic {
	t.Helper()
	for _, d := range ds {
		if d.Severity != want.severity || d.Summary != want.summary || d.Address != want.address {
			continue
		}
		for _, fragment := range want.detail {
			if !strings.Contains(d.Detail, fragment) {
				t.Errorf("%s: the %s %q of %s lacks %q:\n%s", command, d.Severity, d.Summary, d.Address, fragment, d.Detail)
			}
		}
		return &d
	}
	t.Errorf("%s: no %s %q of %s; it reported:\n%s", command, want.severity, want.summary, want.address, ds.full())
	return nil
}

func hasSummary(ds diagnostics, summary string) bool {
	for _, d := range ds {
		if d.Summary == summary {
			return true
		}
	}
	return false
}

// TestAccCrossCheck_metadataOfNewApplication shows the limit of the
// metadata check: on a first apply, the metadata of an application IDaaS
// has yet to create is unknown at plan, so a SAML provider loaded with the
// metadata of another new application passes the plan. The check runs when
// the value is known, in the apply, before the SAML provider is written:
// the broken provider is never made.
func TestAccCrossCheck_metadataOfNewApplication(t *testing.T) {
	requireAcceptance(t)
	wd := newWorkdir(t)
	w := newWorld(t)
	config := add(set(t, w.withCredentials()+recommendedChain, samlProviderBlock, `metadata = idaas_role_sso_application.other.idp_metadata`), `
resource "idaas_role_sso_application" "other" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud (other)"
  idp_name    = "idaas"
`+templateArgs+`}
`)
	wd.write(config)
	if errs := wd.plan().errors(); len(errs) > 0 {
		t.Fatalf("the plan cannot know the metadata of a new application, yet it reported:\n%s", errs.full())
	}
	expectDiagnostic(t, "apply", wd.apply(), wantDiagnostic{
		severity: "error", summary: "SAML provider metadata is not the application's", address: samlProviderAddress,
		detail: []string{"entity ID", "signing certificate", rolesso.MetadataMatchRule, "Or remove metadata: it defaults to application.idp_metadata."},
	})
	for _, write := range w.writes(t) {
		if !strings.HasPrefix(write, "Eiam.") {
			t.Errorf("the apply wrote %s; it should stop before any RAM write", write)
		}
	}
}
