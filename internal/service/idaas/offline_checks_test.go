// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// TestAccOfflineChecks_idaas shows each naming rule of the IDaaS resources,
// and each link check between literals, failing at validate: with no
// credentials anywhere, the errors come before the provider is configured,
// and the emulator the provider points at receives no call at all.
func TestAccOfflineChecks_idaas(t *testing.T) {
	srv, provider := acctest.OfflineEmulator(t)
	application := func(args string) string {
		return provider + fmt.Sprintf(`
resource "idaas_role_sso_application" "test" {
  instance_id = "idaas_offline"
  name        = "console"
  %s
}
`, args)
	}
	account := func(args string) string {
		return provider + fmt.Sprintf(`
resource "idaas_application_account" "test" {
  user_id = %q
  %s
}
`, aliceID, args)
	}
	const ids = `
  instance_id    = "idaas_offline"
  application_id = "app_offline"`
	linked := func(app, role, extra string) string {
		return account(fmt.Sprintf("application = %s\n  role = %s\n  %s", app, role, extra))
	}
	steps := []resource.TestStep{
		// A valid configuration reaches Configure, which finds no
		// credentials: the steps below fail before it.
		{Config: application(`idp_name = "idaas"`), ExpectError: errorPattern("No Alibaba Cloud credentials")},
		{Config: account(ids + "\n  account_name = \"sso_admin\""), ExpectError: errorPattern(
			"Invalid application account name", `"sso_admin" is invalid: it contains '_'`,
			"IDaaS may accept it, but no RAM role can have this name, so this account can never sign in",
			rolesso.ApplicationAccountNameRule, rolesso.RoleNameRule, `For example "sso-admin"`)},
		{Config: application(`idp_name = "-idaas"`), ExpectError: errorPattern("Invalid IdP name", `"-idaas"`, "does not start or end with")},
		{Config: application(`idp_name = "idaas"` + "\n  account_id = \"12345\""), ExpectError: errorPattern(
			"Invalid Alibaba Cloud account ID", `"12345"`, rolesso.AccountIDRule)},
		{Config: application(`idp_name = "idaas"` + "\n  site = \"China\""), ExpectError: errorPattern("Invalid site", `Write it as "china"`)},
		{Config: account(ids + "\n  role = { name = \"sso_admin\" }"), ExpectError: errorPattern("Invalid RAM role name", `"sso_admin"`)},
		{Config: account(`application = { instance_id = "idaas_offline", id = "app_offline", account_id = "123" }` + "\n  account_name = \"sso-admin\""),
			ExpectError: errorPattern("Invalid Alibaba Cloud account ID", `"123"`)},
		{Config: account(ids), ExpectError: errorPattern("Missing account name", "Set account_name, or link the object it comes from: role.name")},
		{Config: account(`account_name = "sso-admin"`), ExpectError: errorPattern("Missing IDaaS instance ID", "application.instance_id")},
		{Config: account(`instance_id = "idaas_other"` + "\n  application = { instance_id = \"idaas_offline\", id = \"app_offline\" }\n  account_name = \"sso-admin\""),
			ExpectError: errorPattern("Account and its link disagree", `instance_id is "idaas_other", but application.instance_id is "idaas_offline"`)},
		{Config: account(ids + "\n  role = { name = \"sso-admin\" }\n  account_name = \"sso-ops\""), ExpectError: errorPattern(
			"Application account name is not the RAM role name", `The account_name "sso-ops" of the IDaaS application account of user `+aliceID,
			`differs from the name "sso-admin" of RAM role "sso-admin"`, rolesso.AccountNameMatchRule,
			`Set the account_name`, `to "sso-admin"`, "Or remove account_name: it defaults to role.name.")},
		{Config: linked(`{ instance_id = "idaas_offline", id = "app_offline", idp_name = "idaas" }`, `{ name = "sso-admin", saml_provider_names = ["okta"] }`, ""),
			ExpectError: errorPattern("Role does not trust the application's SAML provider",
				`The idp_name "idaas" of IDaaS application app_offline is not among the saml_provider_names of RAM role "sso-admin" ("okta")`,
				rolesso.RoleTrustRule, `Add "idaas" to the saml_provider_names`)},
		{Config: linked(`{ instance_id = "idaas_offline", id = "app_offline", account_id = "1111111111111111" }`, `{ name = "sso-admin", account_id = "2222222222222222" }`, ""),
			ExpectError: errorPattern("Application and RAM object in different accounts",
				`The account_id "1111111111111111" of IDaaS application app_offline differs from the account_id "2222222222222222" of RAM role "sso-admin"`,
				rolesso.AccountMatchRule)},
		{Config: linked(`{ instance_id = "idaas_offline", id = "app_offline", site = "china" }`, `{ name = "sso-admin", site = "international" }`, ""),
			ExpectError: errorPattern("Application and role of different sites",
				`The site "china" of IDaaS application app_offline differs from the site "international" of RAM role "sso-admin"`,
				rolesso.SiteMatchRule, `Set the site of RAM role "sso-admin" to "china"`)},
	}
	acctest.PlanOffline(t, srv, steps)
}
