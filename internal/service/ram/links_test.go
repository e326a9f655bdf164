// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/planner"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// linkTestClient is a client of the emulator, as the provider builds one,
// for setting up and looking at what a test needs.
func linkTestClient(t testing.TB, srv *emulator.Server) *client.Client {
	t.Helper()
	return acctest.EmulatorClient(t, srv)
}

// linkWrites returns the calls after sequence number since that change
// something: anything but reads and the IdP metadata download.
func linkWrites(t testing.TB, srv *emulator.Server, since int64) []string {
	t.Helper()
	var writes []string
	for _, r := range emulatortest.ControlOf(t, srv).Requests(since) {
		read := slices.ContainsFunc([]string{"Get", "List"}, func(p string) bool { return strings.HasPrefix(r.Action, p) })
		if !read && r.Action != "IdPMetadata" {
			writes = append(writes, r.Product+"."+r.Action)
		}
	}
	return writes
}

// lastSeq is the sequence number of the last logged call.
func lastSeq(t testing.TB, srv *emulator.Server) int64 {
	t.Helper()
	var seq int64
	for _, r := range emulatortest.ControlOf(t, srv).Requests(0) {
		seq = max(seq, r.Seq)
	}
	return seq
}

// linkedApplicationHCL is an application of the emulator's instance with
// the IdP name "idaas-linked" and extra arguments.
func linkedApplicationHCL(extra string) string {
	return `
data "idaas_instance" "this" {}

resource "idaas_role_sso_application" "console" {
  instance_id = data.idaas_instance.this.id
  name        = "console-linked"
  idp_name    = "idaas-linked"
` + extra + "\n" + acctest.RoleSSOTemplate(extra) + `}
`
}

// TestAccSAMLProvider_linkChecksFailAtPlan types a name and metadata into
// a SAML provider linked to an application: a name that is not the IdP name
// and metadata that is not the application's fail the plan, and nothing is
// written.
func TestAccSAMLProvider_linkChecksFailAtPlan(t *testing.T) {
	srv := acctest.Emulator(t)
	other := newValidSAMLTestIdP(t)
	provider := acctest.EmulatorProviderConfig(srv)
	samlProvider := func(extra string) string {
		return provider + linkedApplicationHCL("") + `
resource "idaas_ram_saml_provider" "idaas" {
  application = idaas_role_sso_application.console
` + extra + `
}
`
	}
	var since int64
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			// On the first apply the name is known, the metadata is not.
			Config:      samlProvider(`name = "idaas-other"`),
			PlanOnly:    true,
			ExpectError: errorPattern("IdP name is not the SAML provider name", `The idp_name "idaas-linked" of the IDaaS application`, `differs from the name "idaas-other" of RAM SAML provider "idaas-other"`, rolesso.IdPNameMatchRule, "Or remove name: it defaults to application.idp_name."),
		},
		{
			PreConfig: func() {
				if writes := linkWrites(t, srv, 0); len(writes) > 0 {
					t.Errorf("a failed plan wrote: %v", writes)
				}
			},
			Config: samlProvider(""),
		},
		{
			// Once the application exists, its metadata is known at plan.
			PreConfig:   func() { since = lastSeq(t, srv) },
			Config:      samlProvider(fmt.Sprintf("metadata = %q", other.XML)),
			PlanOnly:    true,
			ExpectError: errorPattern("SAML provider metadata is not the application's", `The entity ID is "`+samlTestEntityID+`" in the metadata of RAM SAML provider "idaas-linked"`, "lacks the signing certificate SHA-256", rolesso.MetadataMatchRule, "Or remove metadata: it defaults to application.idp_metadata."),
		},
		{
			PreConfig: func() {
				if writes := linkWrites(t, srv, since); len(writes) > 0 {
					t.Errorf("a failed plan wrote: %v", writes)
				}
			},
			Config:           samlProvider(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// TestAccSAMLProvider_liveMetadataCheck links a SAML provider to an
// application by ID only: the plan reads the application's current IdP
// metadata and fails when the provider's is not it.
func TestAccSAMLProvider_liveMetadataCheck(t *testing.T) {
	srv := acctest.Emulator(t)
	c := linkTestClient(t, srv)
	ctx := context.Background()
	instances, err := c.EIAM().ListInstances(ctx, client.ListInstancesInput{})
	if err != nil || len(instances) != 1 {
		t.Fatalf("ListInstances = %v, %v", instances, err)
	}
	instanceID := instances[0].InstanceID
	appID, err := c.EIAM().CreateApplication(ctx, client.CreateApplicationInput{
		InstanceID: instanceID, Name: "console", TemplateID: emulator.RoleSSOTemplateIDInternational,
	})
	if err != nil {
		t.Fatal(err)
	}
	sso, err := c.EIAM().GetApplicationSSOConfig(ctx, instanceID, appID)
	if err != nil {
		t.Fatal(err)
	}
	current, err := c.EIAM().GetIdPMetadata(ctx, sso.SAMLMetaEndpoint)
	if err != nil {
		t.Fatal(err)
	}
	other := newValidSAMLTestIdP(t)
	since := lastSeq(t, srv)
	config := func(metadata string) string {
		return acctest.EmulatorProviderConfig(srv) + fmt.Sprintf(`
resource "idaas_ram_saml_provider" "idaas" {
  name        = "idaas"
  metadata    = %q
  application = { instance_id = %q, id = %q }
}
`, metadata, instanceID, appID)
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:   config(other.XML),
			PlanOnly: true,
			ExpectError: errorPattern("SAML provider metadata is not the application's", `in the metadata of RAM SAML provider "idaas"`,
				"IDaaS application "+appID, "(as IDaaS serves it now)", rolesso.MetadataMatchRule),
		},
		{Config: config(current), PlanOnly: true, ExpectNonEmptyPlan: true},
	})
	if writes := linkWrites(t, srv, since); len(writes) > 0 {
		t.Errorf("the plans wrote: %v", writes)
	}
	if calls := emulatortest.ControlOf(t, srv).Calls("IdPMetadata"); len(calls) < 2 {
		t.Errorf("the IdP metadata was downloaded %d times, want once per plan at least", len(calls))
	}
}

// TestAccRAMRole_applicationLinkChecksFailAtPlan links a role to an
// application whose values contradict it, on the first apply; the plan
// fails and nothing is written. Then the chain wired by reference applies.
func TestAccRAMRole_applicationLinkChecksFailAtPlan(t *testing.T) {
	srv := acctest.Emulator(t)
	provider := acctest.EmulatorProviderConfig(srv)
	const linkedProvider = `
resource "idaas_ram_saml_provider" "idaas" {
  application = idaas_role_sso_application.console
}
`
	const unlinkedProvider = `
resource "idaas_ram_saml_provider" "idaas" {
  name     = idaas_role_sso_application.console.idp_name
  metadata = idaas_role_sso_application.console.idp_metadata
}
`
	role := func(names, extra string) string {
		return fmt.Sprintf(`
resource "idaas_ram_role" "admin" {
  name                = "sso-admin"
  saml_provider_names = %s
  applications        = [idaas_role_sso_application.console]
%s
}
`, names, extra)
	}
	const byReference = "[idaas_ram_saml_provider.idaas.name]"
	other := "1111111111111111"
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:   provider + linkedApplicationHCL("") + linkedProvider + role(`["okta"]`, ""),
			PlanOnly: true,
			ExpectError: errorPattern("Role does not trust the application's SAML provider",
				`The idp_name "idaas-linked" of the IDaaS application with IdP name "idaas-linked" is not among the saml_provider_names of RAM role "sso-admin" ("okta")`,
				rolesso.RoleTrustRule, "Refer to the application's SAML provider"),
		},
		{
			// The SAML provider is not linked, so that the role's check
			// is the one that fails.
			Config:   provider + linkedApplicationHCL(fmt.Sprintf("account_id = %q", other)) + unlinkedProvider + role(byReference, ""),
			PlanOnly: true,
			ExpectError: errorPattern("Application and RAM object in different accounts",
				fmt.Sprintf(`The account_id %q of the IDaaS application`, other),
				fmt.Sprintf(`differs from the account_id %q of RAM role "sso-admin"`, srv.AccountID()), rolesso.AccountMatchRule),
		},
		{
			Config:   provider + linkedApplicationHCL(`site = "china"`) + linkedProvider + role(byReference, `site = "international"`),
			PlanOnly: true,
			ExpectError: errorPattern("Application and role of different sites",
				`The site "china" of the IDaaS application`, `differs from the site "international" of RAM role "sso-admin"`, rolesso.SiteMatchRule),
		},
		{
			PreConfig: func() {
				if writes := linkWrites(t, srv, 0); len(writes) > 0 {
					t.Errorf("a failed plan wrote: %v", writes)
				}
			},
			Config: provider + linkedApplicationHCL("") + linkedProvider + role(byReference, ""),
		},
		{
			Config:           provider + linkedApplicationHCL("") + linkedProvider + role(byReference, ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// TestRolePlanWarnsOfTrustedSAMLProvidersThatDoNotExist plans a role that
// trusts the SAML provider "okta" through the provider's server, where a
// test sees warnings: a provider that neither exists nor is planned in the
// same run is a warning, and a read that fails is a warning that the check
// could not run.
func TestRolePlanWarnsOfTrustedSAMLProvidersThatDoNotExist(t *testing.T) {
	idp := newValidSAMLTestIdP(t)
	role := map[string]any{"name": "sso-admin", "saml_provider_names": []string{"okta"}}
	type testCase struct {
		// setup runs before the role's plan, in the same run.
		setup       func(t *testing.T, srv *emulator.Server, p *planner.Planner)
		wantSummary string // "": no warning.
		wantDetail  []string
	}
	tests := map[string]testCase{
		"a SAML provider that does not exist": {
			wantSummary: "Trusted SAML provider does not exist",
			wantDetail: []string{`RAM role "sso-admin" trusts SAML providers that do not exist in account 1234567890123456`,
				`no resource of this plan creates: "okta"`, "saml_provider_names = [idaas_ram_saml_provider.<name>.name]"},
		},
		"a SAML provider planned earlier in the same run": {
			setup: func(t *testing.T, _ *emulator.Server, p *planner.Planner) {
				p.PlanWithoutError("idaas_ram_saml_provider", map[string]any{"name": "OKTA", "metadata": idp.XML}, nil)
			},
		},
		"a SAML provider that exists": {
			setup: func(t *testing.T, srv *emulator.Server, _ *planner.Planner) {
				encoded, err := rolesso.EncodeMetadata(idp.XML)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := linkTestClient(t, srv).IMS().CreateSAMLProvider(context.Background(),
					client.CreateSAMLProviderInput{Name: "okta", EncodedSAMLMetadataDocument: encoded}); err != nil {
					t.Fatal(err)
				}
			},
		},
		"a read that fails": {
			setup: func(t *testing.T, srv *emulator.Server, _ *planner.Planner) {
				emulatortest.ControlOf(t, srv).FailNext("GetSAMLProvider", emulator.FaultInternalError, 1)
			},
			wantSummary: "Plan-time check could not run",
			wantDetail:  []string{`The provider could not check whether RAM SAML provider "okta" exists`, "The plan goes on without this check."},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		srv := acctest.Emulator(t)
		p := planner.NewPlanner(t, srv, map[string]any{"max_retries": 0})
		if tt.setup != nil {
			tt.setup(t, srv, p)
		}
		since := lastSeq(t, srv)
		resp := p.PlanWithoutError("idaas_ram_role", role, nil)
		planner.AssertWarning(t, resp, tt.wantSummary, "saml_provider_names", tt.wantDetail...)
		if writes := linkWrites(t, srv, since); len(writes) > 0 {
			t.Errorf("the plan wrote: %v", writes)
		}
	})
}

// TestSAMLProviderPlanOfApplicationLink plans changes of an existing SAML
// provider whose name and metadata come from its application: an IdP name
// in another case and the same metadata in another form are no change; a
// new IdP name replaces the provider; new metadata is an update.
func TestSAMLProviderPlanOfApplicationLink(t *testing.T) {
	t.Parallel()
	idp := newValidSAMLTestIdP(t)
	rotated := newValidSAMLTestIdP(t)
	application := func(idpName, metadata string) map[string]any {
		return map[string]any{"instance_id": "idaas_test", "id": "app_test", "account_id": "1234567890123456", "idp_name": idpName, "idp_metadata": metadata}
	}
	prior := map[string]any{
		"id": "IDaaS", "name": "IDaaS", "metadata": idp.XML, "application": application("IDaaS", idp.XML),
		"cert_expiry_warning_days": 30, "arn": "acs:ram::1234567890123456:saml-provider/IDaaS", "description": "d",
		"create_date": "2026-01-02T03:04:05Z", "update_date": "2026-01-02T03:04:05Z",
	}
	tests := map[string]struct {
		application             map[string]any
		wantReplace             bool
		wantName, wantMetadata  string
		wantUpdateDateUnchanged bool
	}{
		"nothing changes": {application: application("IDaaS", idp.XML), wantName: "IDaaS", wantMetadata: idp.XML, wantUpdateDateUnchanged: true},
		"the IdP name in another case, the metadata in Base64": {
			application: application("idaas", samlWrappedBase64(idp.XML)), wantName: "IDaaS", wantMetadata: idp.XML, wantUpdateDateUnchanged: true,
		},
		// Terraform plans a replacement again as a create, whose computed
		// values are unknown.
		"another IdP name": {application: application("idaas-prod", idp.XML), wantReplace: true, wantName: "idaas-prod", wantMetadata: idp.XML,
			wantUpdateDateUnchanged: true},
		"a rotated certificate": {application: application("IDaaS", rotated.XML), wantName: "IDaaS", wantMetadata: rotated.XML},
	}
	srv := acctest.Emulator(t)
	p := planner.NewPlanner(t, srv, nil)
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			resp := p.PlanWithoutError("idaas_ram_saml_provider", map[string]any{"application": tt.application, "description": "d"}, prior)
			replaced := slices.ContainsFunc(resp.RequiresReplace, func(p *tftypes.AttributePath) bool {
				return p.Equal(tftypes.NewAttributePath().WithAttributeName("name"))
			})
			if replaced != tt.wantReplace || len(resp.RequiresReplace) > 1 {
				t.Errorf("RequiresReplace = %v, want name: %t", resp.RequiresReplace, tt.wantReplace)
			}
			v, err := resp.PlannedState.Unmarshal(p.Type("idaas_ram_saml_provider"))
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := v.As(&attrs); err != nil {
				t.Fatal(err)
			}
			for attr, want := range map[string]string{"name": tt.wantName, "metadata": tt.wantMetadata} {
				if !attrs[attr].Equal(tftypes.NewValue(tftypes.String, want)) {
					t.Errorf("%s = %s, want %q", attr, attrs[attr], want)
				}
			}
			if unchanged := attrs["update_date"].Equal(tftypes.NewValue(tftypes.String, "2026-01-02T03:04:05Z")); unchanged != tt.wantUpdateDateUnchanged {
				t.Errorf("update_date = %s; unchanged: %t, want %t", attrs["update_date"], unchanged, tt.wantUpdateDateUnchanged)
			}
		})
	}
}

// TestPlanWarnsOfLinkedNamesDifferingOnlyInCase plans a SAML provider
// whose name is its application's IdP name in another case, and a role
// that trusts the IdP name only in another case: the checks accept both,
// but whether sign-in does is not documented, so each plan warns.
func TestPlanWarnsOfLinkedNamesDifferingOnlyInCase(t *testing.T) {
	t.Parallel()
	idp := newValidSAMLTestIdP(t)
	srv := acctest.Emulator(t)
	encoded, err := rolesso.EncodeMetadata(idp.XML)
	if err != nil {
		t.Fatal(err)
	}
	// The SAML providers exist, so that the role's live check does not warn.
	for _, name := range []string{"idaas", "IDAAS-2"} {
		if _, err := linkTestClient(t, srv).IMS().CreateSAMLProvider(context.Background(),
			client.CreateSAMLProviderInput{Name: name, EncodedSAMLMetadataDocument: encoded}); err != nil {
			t.Fatal(err)
		}
	}
	p := planner.NewPlanner(t, srv, nil)
	application := map[string]any{"instance_id": "idaas_test", "id": "app_test", "account_id": srv.AccountID(), "idp_name": "idaas", "idp_metadata": idp.XML}

	t.Run("SAML provider", func(t *testing.T) {
		for name, want := range map[string]bool{"idaas": false, "IDaaS": true} {
			resp := p.Plan("idaas_ram_saml_provider", map[string]any{"name": name, "application": application}, nil)
			if errs := planner.Diagnostics(resp, tfprotov6.DiagnosticSeverityError); len(errs) > 0 {
				t.Fatalf("%s: error: %s: %s", name, errs[0].Summary, errs[0].Detail)
			}
			if !want {
				planner.AssertWarning(t, resp, "", "name")
				continue
			}
			planner.AssertWarning(t, resp, "Linked names differ only in case", "name",
				`The name "IDaaS" of RAM SAML provider "IDaaS" differs from the idp_name "idaas" of IDaaS application app_test only in case.`,
				rolesso.ExactCaseRule, `in exactly the same case as the idp_name of IDaaS application app_test ("idaas")`,
				"Or remove name: it defaults to application.idp_name.")
		}
	})

	t.Run("role", func(t *testing.T) {
		for trusted, want := range map[string]bool{"idaas": false, "IDAAS-2": true} {
			app := map[string]any{"id": "app_test", "account_id": srv.AccountID(), "idp_name": strings.ToLower(trusted)}
			resp := p.Plan("idaas_ram_role", map[string]any{"name": "sso-admin", "saml_provider_names": []string{trusted}, "applications": []any{app}}, nil)
			if errs := planner.Diagnostics(resp, tfprotov6.DiagnosticSeverityError); len(errs) > 0 {
				t.Fatalf("%s: error: %s: %s", trusted, errs[0].Summary, errs[0].Detail)
			}
			warnings := planner.Diagnostics(resp, tfprotov6.DiagnosticSeverityWarning)
			if !want {
				for _, w := range warnings {
					t.Errorf("%s: unexpected warning: %s: %s", trusted, w.Summary, w.Detail)
				}
				continue
			}
			if len(warnings) != 1 {
				t.Fatalf("%d warnings, want 1: %+v", len(warnings), warnings)
			}
			w := warnings[0]
			at := tftypes.NewAttributePath().WithAttributeName("applications").WithElementKeyInt(0).WithAttributeName("idp_name")
			detail := strings.Join(strings.Fields(w.Detail), " ")
			if w.Summary != "Linked names differ only in case" || w.Attribute == nil || !w.Attribute.Equal(at) ||
				!strings.Contains(detail, `The saml_provider_names "IDAAS-2" of RAM role "sso-admin" differs from the idp_name "idaas-2" of IDaaS application app_test only in case.`) ||
				!strings.Contains(detail, rolesso.ExactCaseRule) ||
				!strings.Contains(detail, "saml_provider_names = [idaas_ram_saml_provider.<name>.name]") {
				t.Errorf("warning at %v: %s: %s", w.Attribute, w.Summary, w.Detail)
			}
		}
	})
}
