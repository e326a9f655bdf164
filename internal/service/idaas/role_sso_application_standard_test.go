// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// standardApplicationHCL is a standard SAML application of site named
// name, with extra HCL.
func standardApplicationHCL(resourceName, name, site, extra string) string {
	return fmt.Sprintf(`
resource "idaas_role_sso_application" %q {
  instance_id = data.idaas_instance.this.id
  name        = %q
  idp_name    = "idaas"
  site        = %q
  sso_form    = "standard_saml"
%s}
`, resourceName, name, site, extra)
}

// TestAccRoleSSOApplication_standardSAML creates standard SAML applications
// of both sites, checks the SSO configuration IDaaS holds (the site's
// service provider, a signed assertion, the derived Role statement and the
// extra ones), that a second plan is empty, that an import reads the form
// back, and that a Role statement changed in the console shows as a
// difference.
func TestAccRoleSSOApplication_standardSAML(t *testing.T) {
	f := newApplicationFixture(t)
	china := "idaas_role_sso_application.china"
	config := f.config(standardApplicationHCL("test", "console-saml", rolesso.SiteInternational, `
  extra_attribute_statements = [
    { name = "email", value_expression = "user.email" },
  ]
`) + standardApplicationHCL("china", "console-saml-cn", rolesso.SiteChina, ""))

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             f.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// What links read is known at plan.
					plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("role_attribute_expression"),
						knownvalue.StringExact(rolesso.StandardRoleExpression)),
					plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("role_mapping"),
						knownvalue.StringExact(rolesso.RoleMappingApplicationAccount)),
					plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("template_account_id_param"), knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("sso_form", knownvalue.StringExact(rolesso.SSOFormStandardSAML)),
					expectValue("template_id", knownvalue.Null()),
					expectValue("extra_attribute_statements", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("email"), "value_expression": knownvalue.StringExact("user.email"),
					})})),
					statecheck.ExpectKnownValue(china, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteChina)),
				},
				Check: resource.ComposeTestCheckFunc(
					f.checkStandardSSOConfig(applicationResourceAddress, facts.International, "email"),
					f.checkStandardSSOConfig(china, facts.China),
				),
			},
			{
				ResourceName:      applicationResourceAddress,
				ImportState:       true,
				ImportStateIdFunc: applicationImportID(applicationResourceAddress),
				ImportStateVerify: true,
				// No API reads these back (writeOnlyNote).
				ImportStateVerifyIgnore: []string{"account_id", "idp_name", "saml_provider_arn", "timeouts"},
			},
			{
				// The Role statement changed out of band is drift.
				PreConfig: func() { f.setRoleExpression("console-saml", `user.username`) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
				}},
				Check: f.checkStandardSSOConfig(applicationResourceAddress, facts.International, "email"),
			},
		},
	})
}

// TestAccRoleSSOApplication_formAttributes refuses at validate an
// attribute of the form the configuration did not choose, and an extra
// statement that would replace a derived one.
func TestAccRoleSSOApplication_formAttributes(t *testing.T) {
	f := newApplicationFixture(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      f.config(standardApplicationHCL("test", "x", rolesso.SiteInternational, acctest.RoleSSOTemplateOf(rolesso.SiteInternational))),
				PlanOnly:    true,
				ExpectError: wrappedPattern(`Attribute of the other form[\s\S]*template_id belongs to applications of sso_form = "template"`),
			},
			{
				Config:      f.config(applicationHCL("x", "idaas", `  role_mapping = "application_account"`)),
				PlanOnly:    true,
				ExpectError: wrappedPattern(`Attribute of the other form[\s\S]*role_mapping belongs to applications of sso_form = "standard_saml"`),
			},
			{
				Config: f.config(standardApplicationHCL("test", "x", rolesso.SiteInternational, fmt.Sprintf(`
  extra_attribute_statements = [{ name = %q, value_expression = "user.username" }]
`, rolesso.RoleAttributeName))),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`value must be none of`),
			},
		},
	})
}

// TestAccApplicationAccount_standardSAMLName refuses at plan an account of
// a standard SAML application named after its role alone: its name must be
// the whole Role value. (examples/standard-saml, applied in
// TestAccExampleStandardSAML, signs in with the name it defaults to.)
func TestAccApplicationAccount_standardSAMLName(t *testing.T) {
	f := newApplicationFixture(t)
	account := func(extra string) string {
		return f.config(standardApplicationHCL("test", "console-saml", rolesso.SiteInternational, "") + `
resource "idaas_ram_role" "admin" {
  name                = "sso-admin"
  saml_provider_names = ["idaas"]
}

resource "idaas_application_account" "admin" {
  application = idaas_role_sso_application.test
  role        = idaas_ram_role.admin
  user_id     = "user_d6sbsuumeta4h66ec3il7yxxxx"
` + extra + `}
`)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      account(`  account_name = "sso-admin"` + "\n"),
				PlanOnly:    true,
				ExpectError: wrappedPattern(`Account name is not the Role value[\s\S]*"sso-admin"[\s\S]*role_attribute_expression = appUser.username`),
			},
		},
	})
}

// applicationImportID is the import ID of the application at address.
func applicationImportID(address string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs := s.RootModule().Resources[address]
		return rs.Primary.Attributes["instance_id"] + "/" + rs.Primary.ID, nil
	}
}

// checkStandardSSOConfig checks the SSO configuration IDaaS holds for a
// standard application: the site's service provider, a signed assertion,
// and the statements Role, RoleSessionName, then those named extra.
func (f *applicationFixture) checkStandardSSOConfig(address string, site facts.Site, extra ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources[address]
		cfg, err := f.conn.GetApplicationSSOConfig(context.Background(), f.instanceID, rs.Primary.ID)
		if err != nil {
			return err
		}
		saml := cfg.SAML
		if saml.SPEntityID != site.SPEntityID || saml.SPSSOACSURL != site.ACSURL || !saml.AssertionSigned {
			return fmt.Errorf("%s: SP %q, ACS %q, assertion signed %t; want %q, %q, true", address, saml.SPEntityID, saml.SPSSOACSURL,
				saml.AssertionSigned, site.SPEntityID, site.ACSURL)
		}
		var names []string
		for _, a := range saml.AttributeStatements {
			names = append(names, a.Name)
			if a.Name == rolesso.RoleAttributeName && a.ValueExpression != rolesso.StandardRoleExpression {
				return fmt.Errorf("%s: the Role statement is %q, want %q", address, a.ValueExpression, rolesso.StandardRoleExpression)
			}
		}
		want := append([]string{rolesso.RoleAttributeName}, extra...)
		want = append(want, rolesso.RoleSessionNameAttributeName)
		if !slices.Equal(names, want) {
			return fmt.Errorf("%s: attribute statements %q, want %q", address, names, want)
		}
		return nil
	}
}

// setRoleExpression changes the Role statement of the application named
// name as the console would.
func (f *applicationFixture) setRoleExpression(name, expression string) {
	f.t.Helper()
	ctx := context.Background()
	ids := f.applicationIDsNamed(name)
	if len(ids) != 1 {
		f.t.Fatalf("applications named %q: %v, want one", name, ids)
	}
	id := ids[0]
	cfg, err := f.conn.GetApplicationSSOConfig(ctx, f.instanceID, id)
	if err != nil {
		f.t.Fatal(err)
	}
	saml := cfg.SAML
	for i, a := range saml.AttributeStatements {
		if a.Name == rolesso.RoleAttributeName {
			saml.AttributeStatements[i].ValueExpression = expression
		}
	}
	if err := f.conn.SetApplicationSSOConfig(ctx, client.SetApplicationSSOConfigInput{
		InstanceID: f.instanceID, ApplicationID: id, InitLoginType: cfg.InitLoginType, SAML: saml,
	}); err != nil {
		f.t.Fatal(err)
	}
}
