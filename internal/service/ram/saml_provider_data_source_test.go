// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

const samlProviderDataSourceName = "data.idaas_ram_saml_provider.test"

func TestAccSAMLProviderDataSource_basic(t *testing.T) {
	srv := acctest.Emulator(t)
	name := sdkacctest.RandomWithPrefix("tf-acc-idp")
	idp := newValidSAMLTestIdP(t)
	// The resource holds Base64; the data source gives RAM's XML.
	config := testAccSAMLProviderConfig(srv, name, "IDaaS", samlWrappedBase64(idp.XML)) + `
data "idaas_ram_saml_provider" "test" {
  name = idaas_ram_saml_provider.test.name
}
`
	same := func(attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(samlProviderResourceName, tfjsonpath.New(attr), samlProviderDataSourceName, tfjsonpath.New(attr), compare.ValuesSame())
	}
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(samlTestConn(t, srv)), []resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(samlProviderDataSourceName, tfjsonpath.New("arn"), knownvalue.StringExact(rolesso.SAMLProviderARN(srv.AccountID(), name))),
			statecheck.ExpectKnownValue(samlProviderDataSourceName, tfjsonpath.New("description"), knownvalue.StringExact("IDaaS")),
			statecheck.ExpectKnownValue(samlProviderDataSourceName, tfjsonpath.New("metadata"), knownvalue.StringExact(strings.TrimSpace(idp.XML))),
			statecheck.ExpectKnownValue(samlProviderDataSourceName, samlNewestFingerprintPath, knownvalue.StringExact(idp.Fingerprint)),
			same("entity_id"), same("sso_urls"), same("certificates"), same("valid_until"), same("create_date"), same("update_date"),
		},
	}})
}

func TestAccSAMLProviderDataSource_notFound(t *testing.T) {
	srv := acctest.Emulator(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config: testAccDataSourceConfig(srv, "idaas_ram_saml_provider", `name = "no-such-idp"`),
			ExpectError: samlErrorRegexp("SAML provider not found", `The account has no RAM SAML provider named "no-such-idp".`,
				rolesso.IdPNameMatchRule, "Code: EntityNotExist.SAMLProvider"),
		},
		{
			Config:      testAccDataSourceConfig(srv, "idaas_ram_saml_provider", `name = "no such idp"`),
			ExpectError: samlErrorRegexp("Invalid SAML provider name", fmt.Sprintf("%q is invalid", "no such idp")),
		},
	})
}
