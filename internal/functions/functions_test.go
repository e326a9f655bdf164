// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions_test

import (
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// functionsTestCase runs steps with the provider's functions, which need
// Terraform 1.8 or OpenTofu 1.7 and later.
func functionsTestCase(t *testing.T, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps:                    steps,
	}
}

func TestAccFunctions_names(t *testing.T) {
	trust, err := rolesso.BuildTrustPolicy(account, []string{"idaas", "okta"}, rolesso.International)
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, functionsTestCase(t, resource.TestStep{
		Config: `
locals {
  account_id = "1234567890123456"
}

output "role_arn" {
  value = provider::idaas::role_arn(local.account_id, "sso-admin")
}

output "saml_provider_arn" {
  value = provider::idaas::saml_provider_arn(local.account_id, "idaas")
}

output "role_attribute" {
  value = provider::idaas::role_attribute(local.account_id, "sso-admin", "idaas")
}

output "trust_policy" {
  value = provider::idaas::trust_policy(local.account_id, ["okta", "idaas"], "international")
}

output "trust_policy_statement" {
  value = jsondecode(provider::idaas::trust_policy(local.account_id, ["idaas"], "china")).Statement[0]
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("role_arn", knownvalue.StringExact("acs:ram::1234567890123456:role/sso-admin")),
			statecheck.ExpectKnownOutputValue("saml_provider_arn", knownvalue.StringExact("acs:ram::1234567890123456:saml-provider/idaas")),
			statecheck.ExpectKnownOutputValue("role_attribute", knownvalue.StringExact(
				"acs:ram::1234567890123456:role/sso-admin,acs:ram::1234567890123456:saml-provider/idaas")),
			statecheck.ExpectKnownOutputValue("trust_policy", knownvalue.StringExact(trust)),
			statecheck.ExpectKnownOutputValue("trust_policy_statement", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"Effect":    knownvalue.StringExact("Allow"),
				"Action":    knownvalue.StringExact("sts:AssumeRole"),
				"Principal": knownvalue.ObjectExact(map[string]knownvalue.Check{"Federated": knownvalue.TupleExact([]knownvalue.Check{knownvalue.StringExact("acs:ram::1234567890123456:saml-provider/idaas")})}),
				"Condition": knownvalue.ObjectExact(map[string]knownvalue.Check{"StringEquals": knownvalue.ObjectExact(map[string]knownvalue.Check{
					"saml:recipient": knownvalue.TupleExact([]knownvalue.Check{knownvalue.StringExact(rolesso.China.ACSURL)}),
				})}),
			})),
		},
	}))
}

func TestAccFunctions_parseSAMLMetadata(t *testing.T) {
	notBefore := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	doc, _ := idpMetadata(t, notBefore, 365*24*time.Hour)
	m, err := rolesso.ParseMetadata(doc)
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, functionsTestCase(t, resource.TestStep{
		Config: fmt.Sprintf(`
locals {
  metadata = provider::idaas::parse_saml_metadata(%q)
}

output "metadata" {
  value = local.metadata
}

output "from_xml" {
  value = provider::idaas::parse_saml_metadata(base64decode(%[1]q)) == local.metadata
}
`, base64.StdEncoding.EncodeToString([]byte(doc))),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("metadata", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"entity_id": knownvalue.StringExact(entityID),
				"certificates": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"sha256_fingerprint": knownvalue.StringExact(m.SigningCertificates[0].SHA256Fingerprint),
					"not_before":         knownvalue.StringExact("2026-01-02T03:04:05Z"),
					"not_after":          knownvalue.StringExact("2027-01-02T03:04:05Z"),
					"subject":            knownvalue.StringExact("CN=IDaaS app_test"),
				})}),
				"sso_urls": knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"binding": knownvalue.StringExact(rolesso.BindingHTTPRedirect), "location": knownvalue.StringExact(ssoURL)}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"binding": knownvalue.StringExact(rolesso.BindingHTTPPost), "location": knownvalue.StringExact(ssoURL)}),
				}),
				"valid_until": knownvalue.Null(),
			})),
			statecheck.ExpectKnownOutputValue("from_xml", knownvalue.Bool(true)),
		},
	}))
}

// TestAccFunctions_badArguments shows each argument error as Terraform
// reports it: on the argument, with rolesso's message.
func TestAccFunctions_badArguments(t *testing.T) {
	// Terraform wraps messages, so a space in want matches any white space.
	step := func(call, want string) resource.TestStep {
		return resource.TestStep{
			Config:      fmt.Sprintf("output \"x\" {\n  value = provider::idaas::%s\n}\n", call),
			ExpectError: regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`)),
		}
	}
	resource.UnitTest(t, functionsTestCase(t,
		step(`role_arn("1234567890123456", "sso_admin")`, `(?s)Invalid value for "role_name" parameter.*invalid RAM role name "sso_admin".*contains '_'.*For example "sso-admin"\.($|\s)`),
		step(`role_arn("12345", "sso-admin")`, `(?s)Invalid value for "account_id" parameter.*has 5 digits.*16 digits`),
		step(`saml_provider_arn("1234567890123456", "idaas-")`, `(?s)Invalid value for "name" parameter.*invalid SAML provider name "idaas-"`),
		step(`role_attribute("1234567890123456", "sso-admin", "")`, `(?s)Invalid value for "idp_name" parameter.*invalid IdP name "": it is empty`),
		step(`trust_policy("1234567890123456", [], "international")`, `(?s)Invalid value for "idp_names" parameter.*at least one SAML provider`),
		step(`trust_policy("1234567890123456", ["idaas"], "mars")`, `(?s)Invalid value for "site" parameter.*not a known site`),
		step(`parse_saml_metadata("<html/>")`, `(?s)Invalid value for "metadata" parameter.*root element is "html"`),
		step(`parse_saml_metadata("https://idaas.example.com/meta")`, `(?s)Invalid value for "metadata" parameter.*it is a URL`),
		step(`role_arn(null, "sso-admin")`, `(?s)Invalid function argument.*account_id`),
	))
}

// TestAccFunctions_noCredentials calls the functions with no credentials
// anywhere. Functions never need the provider configured, so without a
// provider block they work offline. OpenTofu configures every provider
// block in a plan, though, whether or not anything but functions uses it,
// and the provider's Configure fails without credentials: a configuration
// that has a provider block needs credentials for plan even if it only
// calls functions.
func TestAccFunctions_noCredentials(t *testing.T) {
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "ALIBABA_CLOUD_") || strings.HasPrefix(name, "ALICLOUD_") || strings.HasPrefix(name, "IDAAS_") {
			t.Setenv(name, "")
		}
	}
	t.Setenv("HOME", t.TempDir()) // No ~/.aliyun/config.json.
	const outputs = `
output "role_arn" {
  value = provider::idaas::role_arn("1234567890123456", "sso-admin")
}
`
	want := []statecheck.StateCheck{
		statecheck.ExpectKnownOutputValue("role_arn", knownvalue.StringExact("acs:ram::1234567890123456:role/sso-admin")),
	}
	resource.UnitTest(t, functionsTestCase(t,
		resource.TestStep{Config: outputs, ConfigStateChecks: want},
		resource.TestStep{
			Config:      "provider \"idaas\" {}\n" + outputs,
			ExpectError: regexp.MustCompile(`No Alibaba Cloud credentials`),
		},
	))
}
