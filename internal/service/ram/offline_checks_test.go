// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// TestAccOfflineChecks_ram shows each naming rule of the RAM resources, and
// each link check between literals, failing at validate: with no
// credentials anywhere, the errors come before the provider is configured,
// and the emulator the provider points at receives no call at all.
func TestAccOfflineChecks_ram(t *testing.T) {
	srv, provider := acctest.OfflineEmulator(t)
	idp := newValidSAMLTestIdP(t)
	other := newValidSAMLTestIdP(t)
	samlProvider := func(args string) string {
		return provider + fmt.Sprintf("resource \"idaas_ram_saml_provider\" \"test\" {\n  %s\n}\n", args)
	}
	role := func(args string) string {
		return provider + fmt.Sprintf("resource \"idaas_ram_role\" \"test\" {\n  %s\n}\n", args)
	}
	steps := []resource.TestStep{
		// A valid configuration reaches Configure, which finds no
		// credentials: the steps below fail before it.
		{Config: role(`name = "sso-admin"` + "\n  saml_provider_names = [\"idaas\"]"), ExpectError: errorPattern("No Alibaba Cloud credentials")},
		{Config: role(`name = "sso_admin"` + "\n  saml_provider_names = [\"idaas\"]"), ExpectError: errorPattern(
			"Invalid RAM role name", `"sso_admin" is invalid: it contains '_' at position 4`, rolesso.RoleNameRule, `"sso-admin"`)},
		{Config: role(`name = "sso-admin"` + "\n  saml_provider_names = [\"idaas_\"]"), ExpectError: errorPattern("Invalid SAML provider name", `"idaas_"`)},
		{Config: role(`name = "sso-admin"` + "\n  saml_provider_names = [\"idaas\"]\n  site = \"China\""), ExpectError: errorPattern("Invalid site", `Write it as "china"`)},
		{Config: role(`name = "sso-admin"` + "\n  saml_provider_names = [\"idaas\"]\n  applications = [{ account_id = \"123\" }]"),
			ExpectError: errorPattern("Invalid Alibaba Cloud account ID", `"123"`, rolesso.AccountIDRule)},
		{Config: samlProvider(fmt.Sprintf("name = \"idaas prod\"\n  metadata = %q", idp.XML)), ExpectError: errorPattern(
			"Invalid SAML provider name", `"idaas prod" is invalid`, rolesso.SAMLProviderNameRule, rolesso.IdPNameMatchRule)},
		{Config: samlProvider(fmt.Sprintf("metadata = %q", idp.XML)), ExpectError: errorPattern("Missing SAML provider name",
			"application = idaas_role_sso_application.<name>", rolesso.IdPNameMatchRule)},
		{Config: samlProvider(`application = { idp_name = "idaas" }`), ExpectError: errorPattern("Missing SAML IdP metadata")},
		{Config: samlProvider(`application = { idp_name = "-idaas", idp_metadata = "x" }`), ExpectError: errorPattern("Invalid SAML provider name", `"-idaas"`)},
		{Config: samlProvider(fmt.Sprintf("name = \"idaas-prod\"\n  application = { id = \"app_1\", idp_name = \"idaas\", idp_metadata = %q }", idp.XML)),
			ExpectError: errorPattern("IdP name is not the SAML provider name",
				`The idp_name "idaas" of IDaaS application app_1 differs from the name "idaas-prod" of RAM SAML provider "idaas-prod"`,
				rolesso.IdPNameMatchRule, "Or remove name: it defaults to application.idp_name.")},
		{Config: samlProvider(fmt.Sprintf("metadata = %q\n  application = { id = \"app_1\", idp_name = \"idaas\", idp_metadata = %q }", other.XML, idp.XML)),
			ExpectError: errorPattern("SAML provider metadata is not the application's", `of RAM SAML provider "idaas" lacks the signing certificate SHA-256 `+idp.Fingerprint,
				rolesso.MetadataMatchRule, "Or remove metadata: it defaults to application.idp_metadata.")},
	}
	acctest.PlanOffline(t, srv, steps)
}
