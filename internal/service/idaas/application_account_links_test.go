// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// linkedChainHCL is the whole chain of role-based SSO wired by reference:
// an application, its SAML provider, a role trusting it and an account of
// alice linked to the application and the role. accountExtra is added to
// the account.
func linkedChainHCL(f *directoryFixture, accountExtra string) string {
	return linkedChainWith(f, "", "", accountExtra)
}

// linkedChainWith is linkedChainHCL with extra arguments for the
// application and the role too.
func linkedChainWith(f *directoryFixture, applicationExtra, roleExtra, accountExtra string) string {
	return fmt.Sprintf(`
resource "idaas_role_sso_application" "console" {
  instance_id = %[1]q
  name        = "console-linked"
  idp_name    = "idaas-linked"
%[5]s
%[6]s}

resource "idaas_ram_saml_provider" "idaas" {
  application = idaas_role_sso_application.console
}

resource "idaas_ram_role" "admin" {
  name                = "sso-admin"
  saml_provider_names = [idaas_ram_saml_provider.idaas.name]
%[2]s
}

resource "idaas_application_account" "alice_admin" {
  application = idaas_role_sso_application.console
  role        = idaas_ram_role.admin
  user_id     = %[3]q
%[4]s
}
`, f.instanceID, roleExtra, aliceID, accountExtra, applicationExtra, acctest.RoleSSOTemplate(applicationExtra))
}

// TestAccApplicationAccount_linkedByReference applies the chain wired by
// reference on its first apply: every default comes from a link, and the
// whole resource objects convert to the link attributes.
func TestAccApplicationAccount_linkedByReference(t *testing.T) {
	f := newDirectoryFixture(t)
	account := "idaas_application_account.alice_admin"
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{
		{
			Config: f.config("%s", linkedChainHCL(f, "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(account, tfjsonpath.New("account_name"), knownvalue.StringExact("sso-admin")),
				plancheck.ExpectKnownValue(account, tfjsonpath.New("instance_id"), knownvalue.StringExact(f.instanceID)),
				plancheck.ExpectUnknownValue(account, tfjsonpath.New("application_id")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(account, tfjsonpath.New("account_name"), knownvalue.StringExact("sso-admin")),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("role").AtMapKey("name"), knownvalue.StringExact("sso-admin")),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("application").AtMapKey("idp_name"), knownvalue.StringExact("idaas-linked")),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("application").AtMapKey("account_id"), knownvalue.StringExact(f.srv.AccountID())),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("role").AtMapKey("saml_provider_names"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("idaas-linked")})),
			},
		},
		{
			Config:           f.config("%s", linkedChainHCL(f, "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// TestAccApplicationAccount_linkChecksFailAtPlan types a literal into one
// object of the chain, which is otherwise wired by reference, for each
// link check of the account: the values come from other resources, so
// only the plan knows them; each fails the plan of the first apply, and
// nothing is written.
func TestAccApplicationAccount_linkChecksFailAtPlan(t *testing.T) {
	f := newDirectoryFixture(t)
	other := "1111111111111111"
	steps := []resource.TestStep{
		{
			Config: f.config("%s", linkedChainHCL(f, `account_name = "sso-ops"`)),
			ExpectError: errorPattern("Application account name is not the RAM role name",
				`The account_name "sso-ops" of the IDaaS application account of user `+aliceID,
				`differs from the name "sso-admin" of RAM role "sso-admin"`, rolesso.AccountNameMatchRule,
				"Or remove account_name: it defaults to role.name."),
		},
		{
			Config: f.config("%s", strings.Replace(linkedChainHCL(f, ""),
				"saml_provider_names = [idaas_ram_saml_provider.idaas.name]", `saml_provider_names = ["okta"]`, 1)),
			ExpectError: errorPattern("Role does not trust the application's SAML provider",
				`The idp_name "idaas-linked" of the IDaaS application`, `is not among the saml_provider_names of RAM role "sso-admin" ("okta")`,
				rolesso.RoleTrustRule),
		},
		{
			// The role trusts another SAML provider of the configuration, by
			// reference: its name is known at plan, so the check runs.
			Config: f.config("%s", strings.Replace(linkedChainHCL(f, ""),
				"saml_provider_names = [idaas_ram_saml_provider.idaas.name]", `saml_provider_names = [idaas_ram_saml_provider.okta.name]`, 1)+`
resource "idaas_ram_saml_provider" "okta" {
  name     = "okta"
  metadata = idaas_role_sso_application.console.idp_metadata
}
`),
			ExpectError: errorPattern("Role does not trust the application's SAML provider",
				`is not among the saml_provider_names of RAM role "sso-admin" ("okta")`),
		},
		{
			// The SAML provider is not linked, so that the account's check
			// is the one that fails.
			Config: f.config("%s", strings.Replace(linkedChainWith(f, fmt.Sprintf("account_id = %q", other), "", ""),
				"  application = idaas_role_sso_application.console\n}", `  name     = idaas_role_sso_application.console.idp_name
  metadata = idaas_role_sso_application.console.idp_metadata
}`, 1)),
			ExpectError: errorPattern("Application and RAM object in different accounts",
				fmt.Sprintf(`The account_id %q of the IDaaS application`, other),
				fmt.Sprintf(`differs from the account_id %q of RAM role "sso-admin"`, f.srv.AccountID()), rolesso.AccountMatchRule),
		},
		{
			Config: f.config("%s", linkedChainWith(f, fmt.Sprintf("account_id = %q", other), "", "")),
			ExpectError: errorPattern("Application and RAM object in different accounts",
				fmt.Sprintf(`differs from the account %q of RAM SAML provider "idaas-linked" (the account of the provider's credentials)`, f.srv.AccountID())),
		},
		{
			Config: f.config("%s", linkedChainWith(f, `site = "china"`, `site = "international"`, "")),
			ExpectError: errorPattern("Application and role of different sites",
				`The site "china" of the IDaaS application`, `differs from the site "international" of RAM role "sso-admin"`,
				rolesso.SiteMatchRule),
		},
	}
	for i := range steps {
		steps[i].PlanOnly = true
	}
	acctest.ParallelTest(t, nil, steps)
	expectNoWrites(t, f)
}

// expectNoWrites fails the test when the emulator received a call that
// changes something: anything but reads, the IdP metadata download and
// GetCallerIdentity.
func expectNoWrites(t *testing.T, f *directoryFixture) {
	t.Helper()
	var writes []string
	for _, r := range f.ctl.Requests(0) {
		read := slices.ContainsFunc([]string{"Get", "List"}, func(p string) bool { return strings.HasPrefix(r.Action, p) })
		if !read && r.Action != "IdPMetadata" {
			writes = append(writes, r.Product+"."+r.Action)
		}
	}
	if len(writes) > 0 {
		t.Errorf("the plans wrote: %s", strings.Join(writes, ", "))
	}
}

// TestAccApplicationAccount_linkedToDataSources links an account to an
// application and a role that another configuration manages, through
// their data sources. The application data source has no account_id or
// idp_name (IDaaS cannot read them back): the conversion leaves them null
// and the checks that need them are skipped; the account name still
// defaults to the role's.
func TestAccApplicationAccount_linkedToDataSources(t *testing.T) {
	f := newDirectoryFixture(t)
	doc := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::` +
		f.srv.AccountID() + `:root"]}}]}`
	if _, err := f.client.RAM().CreateRole(context.Background(), client.CreateRoleInput{RoleName: "sso-auditor", AssumeRolePolicyDocument: doc}); err != nil {
		t.Fatal(err)
	}
	account := "idaas_application_account.alice"
	config := f.config(`
data "idaas_role_sso_application" "console" {
  instance_id = %q
  id          = %q
}

data "idaas_ram_role" "auditor" {
  name = "sso-auditor"
}

resource "idaas_application_account" "alice" {
  application = data.idaas_role_sso_application.console
  role        = data.idaas_ram_role.auditor
  user_id     = %q
}
`, f.instanceID, testAppID, aliceID)
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(account, tfjsonpath.New("account_name"), knownvalue.StringExact("sso-auditor")),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("application_id"), knownvalue.StringExact(testAppID)),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("instance_id"), knownvalue.StringExact(f.instanceID)),
				statecheck.ExpectKnownValue(account, tfjsonpath.New("application").AtMapKey("idp_name"), knownvalue.Null()),
			},
			Check: testAccCheckAccounts(f, aliceID, "sso-auditor"),
		},
		{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}
