// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// TestAccRoleSSOApplicationDataSource_basic reads an application by ID and
// by name: both hold what the resource holds.
func TestAccRoleSSOApplicationDataSource_basic(t *testing.T) {
	f := newApplicationFixture(t)
	name := sdkacctest.RandomWithPrefix("tf-acc-app")
	const byID, byName = "data.idaas_role_sso_application.by_id", "data.idaas_role_sso_application.by_name"
	config := f.config(applicationHCL(name, "idaas", `  session_duration = 1800
  description      = "Console"`) + `
data "idaas_role_sso_application" "by_id" {
  instance_id = idaas_role_sso_application.test.instance_id
  id          = idaas_role_sso_application.test.id
}

data "idaas_role_sso_application" "by_name" {
  instance_id = idaas_role_sso_application.test.instance_id
  name        = idaas_role_sso_application.test.name
}
`)
	var checks []statecheck.StateCheck
	for _, attr := range []string{
		"id", "name", "description", "site", "template_id", "client_id", "authorize_all_users", "enabled", "session_duration",
		"name_id_format", "name_id_expression", "role_session_name_expression", "signature_algorithm", "idp_entity_id",
		"idp_metadata", "idp_metadata_url", "idp_sso_url", "signing_certificate_sha256", "signing_certificate_not_after",
		"create_time", "status",
	} {
		for _, ds := range []string{byID, byName} {
			checks = append(checks, statecheck.CompareValuePairs(applicationResourceAddress, tfjsonpath.New(attr), ds, tfjsonpath.New(attr), compare.ValuesSame()))
		}
	}
	checks = append(checks,
		statecheck.ExpectKnownValue(byName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteInternational)),
		statecheck.ExpectKnownValue(byName, tfjsonpath.New("session_duration"), knownvalue.Int64Exact(1800)),
		statecheck.ExpectKnownValue(byName, tfjsonpath.New("signing_certificate_sha256"), knownvalue.StringRegexp(sha256Hex)),
	)
	acctest.ParallelTest(t, nil, []resource.TestStep{{Config: config, ConfigStateChecks: checks}})
}

// TestAccRoleSSOApplicationDataSource_errors: an unknown name, a name that
// several applications have, and neither name nor ID.
func TestAccRoleSSOApplicationDataSource_errors(t *testing.T) {
	const (
		first  = "app_duplicatenamefirst0000000"
		second = "app_duplicatenamesecond000000"
	)
	f := newApplicationFixture(t, loadApplications(t,
		map[string]any{"ApplicationId": first, "ApplicationName": "console", "ApplicationTemplateId": emulator.RoleSSOTemplateIDInternational},
		map[string]any{"ApplicationId": second, "ApplicationName": "console", "ApplicationTemplateId": emulator.RoleSSOTemplateIDInternational},
		map[string]any{"ApplicationId": "app_consoletwo000000000000000", "ApplicationName": "console-2", "ApplicationTemplateId": emulator.RoleSSOTemplateIDInternational},
	))
	step := func(args, want string) resource.TestStep {
		return resource.TestStep{
			Config: f.config(`
data "idaas_role_sso_application" "test" {
  instance_id = data.idaas_instance.this.id
` + args + `
}
`),
			ExpectError: wrappedPattern(want),
		}
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{
		step(`  name = "nothing"`, `Error reading IDaaS role-based SSO application[\s\S]*application "nothing" not found`),
		step(`  name = "console"`, `2 applications of instance \S+ are named "console" \(`+first+`, `+second+`\); look the application up by id instead`),
		step(`  id = "app_nosuchapplication000000000"`, `EntityNotExists.Application`),
		step(``, `Missing Attribute Configuration[\s\S]*Exactly one of these attributes must be configured: \[id,name\]`),
		step(`  id = "app_x"
  name = "console"`, `Invalid Attribute Combination`),
	})
	if writes := f.writeCalls(); len(writes) > 0 {
		t.Errorf("data sources made write calls: %v", writes)
	}
}
