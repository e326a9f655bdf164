// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

// linkedChainHCL is the whole chain of role-based SSO wired by reference:
// an application, its SAML provider, a role trusting it and an account of
// alice linked to the application and the role. roleExtra and
// accountExtra are added to the role and the account.
func linkedChainHCL(f *directoryFixture, roleExtra, accountExtra string) string {
	return fmt.Sprintf(`
resource "idaas_role_sso_application" "console" {
  instance_id = %[1]q
  name        = "console-linked"
  idp_name    = "idaas-linked"
}

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
`, f.instanceID, roleExtra, aliceID, accountExtra)
}

// TestAccApplicationAccount_linkedByReference applies the chain wired by
// reference on its first apply: every default comes from a link, and the
// whole resource objects convert to the link attributes.
func TestAccApplicationAccount_linkedByReference(t *testing.T) {
	f := newDirectoryFixture(t)
	account := "idaas_application_account.alice_admin"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApplicationAccountDestroyed(f),
		Steps: []resource.TestStep{
			{
				Config: f.config("%s", linkedChainHCL(f, "", "")),
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
				Config:           f.config("%s", linkedChainHCL(f, "", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
