// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// serviceProviderChecks checks that data source name holds the facts of
// site, as rolesso states them.
func serviceProviderChecks(name string, site rolesso.Site) []statecheck.StateCheck {
	check := func(attr, want string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(name, tfjsonpath.New(attr), knownvalue.StringExact(want))
	}
	return []statecheck.StateCheck{
		check("site", site.Name),
		check("sp_entity_id", site.SPEntityID),
		check("acs_url", site.ACSURL),
		check("sp_metadata_url", site.SPMetadataURL),
		check("sign_in_url", site.SignInURL),
	}
}

func TestAccServiceProviderDataSource_basic(t *testing.T) {
	srv := acctest.Emulator(t)
	control := emulatortest.ControlOf(t, srv)
	config := acctest.EmulatorProviderConfig(srv) + `
data "idaas_ram_service_provider" "default" {}

data "idaas_ram_service_provider" "china" {
  site = "china"
}
`
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: config,
		ConfigStateChecks: append(
			serviceProviderChecks("data.idaas_ram_service_provider.default", rolesso.International),
			serviceProviderChecks("data.idaas_ram_service_provider.china", rolesso.China)...),
	}})
	// The facts come from rolesso: the only calls are the provider's own
	// (its account ID).
	for _, call := range control.Requests(0) {
		if call.Action != "GetCallerIdentity" {
			t.Errorf("the data source called %s.%s", call.Product, call.Action)
		}
	}
}

func TestAccServiceProviderDataSource_providerSite(t *testing.T) {
	srv := acctest.Emulator(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:      testAccDataSourceConfig(srv, "idaas_ram_service_provider", `site = "China"`),
			ExpectError: samlErrorRegexp("Invalid site", `Write it as "china": site names are lower case.`),
		},
		{
			Config:            acctest.EmulatorProviderConfig(srv, `site = "china"`) + `data "idaas_ram_service_provider" "test" {}`,
			ConfigStateChecks: serviceProviderChecks("data.idaas_ram_service_provider.test", rolesso.China),
		},
	})
}
