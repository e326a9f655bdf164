// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// otherAccountID is a second Alibaba Cloud account that applications may
// sign in to.
const otherAccountID = "6543210987654321"

func expectValue(name string, value knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New(name), value)
}

// TestAccRoleSSOApplication_basic creates an application with the
// defaults, imports it twice, updates every updatable argument, and
// destroys it.
func TestAccRoleSSOApplication_basic(t *testing.T) {
	f := newApplicationFixture(t)
	account := f.srv.AccountID()
	name := sdkacctest.RandomWithPrefix("tf-acc-app")
	importID := func(s *terraform.State) (string, error) {
		rs := s.RootModule().Resources[applicationResourceAddress]
		return rs.Primary.Attributes["instance_id"] + "/" + rs.Primary.ID, nil
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	created := f.config(applicationHCL(name, "idaas", ""))
	updated := f.config(applicationHCL(name+"-renamed", "idaas-prod", fmt.Sprintf(`
  description                  = "Console access"
  account_id                   = %q
  enabled                      = false
  authorize_all_users          = false
  session_duration             = 7200
  role_session_name_expression = "user.email"
  name_id_format               = %q
`, otherAccountID, rolesso.NameIDFormatPersistent)))

	acctest.Test(t, f.checkDestroyed, []resource.TestStep{
		{
			Config: created,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionCreate),
				// What the link checks read is known at plan, also on create.
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("account_id"), knownvalue.StringExact(account)),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteInternational)),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("saml_provider_arn"),
					knownvalue.StringExact(rolesso.SAMLProviderARN(account, "idaas"))),
				plancheck.ExpectUnknownValue(applicationResourceAddress, tfjsonpath.New("id")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(applicationResourceAddress, tfjsonpath.New("id")),
				expectValue("id", knownvalue.StringRegexp(regexp.MustCompile(`^app_[a-z0-9]{26}$`))),
				expectValue("instance_id", knownvalue.StringExact(f.instanceID)),
				expectValue("name", knownvalue.StringExact(name)),
				expectValue("description", knownvalue.Null()),
				expectValue("site", knownvalue.StringExact(rolesso.SiteInternational)),
				expectValue("template_id", knownvalue.StringExact(emulator.RoleSSOTemplateIDInternational)),
				expectValue("account_id", knownvalue.StringExact(account)),
				expectValue("idp_name", knownvalue.StringExact("idaas")),
				expectValue("authorize_all_users", knownvalue.Bool(true)),
				expectValue("enabled", knownvalue.Bool(true)),
				expectValue("status", knownvalue.StringExact("enabled")),
				expectValue("session_duration", knownvalue.Null()),
				expectValue("name_id_format", knownvalue.StringExact(rolesso.DefaultNameIDFormat)),
				expectValue("name_id_expression", knownvalue.StringExact(rolesso.DefaultNameIDExpression)),
				expectValue("role_session_name_expression", knownvalue.StringExact(rolesso.DefaultRoleSessionNameExpression)),
				expectValue("signature_algorithm", knownvalue.StringExact(rolesso.DefaultSignatureAlgorithm)),
				expectValue("saml_provider_arn", knownvalue.StringExact("acs:ram::"+account+":saml-provider/idaas")),
				expectValue("client_id", knownvalue.NotNull()),
				expectValue("create_time", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				expectValue("idp_metadata_url", knownvalue.StringRegexp(regexp.MustCompile(`^http://127\.0\.0\.1:\d+/api/v2/app_[a-z0-9]+/saml2/meta$`))),
				expectValue("idp_sso_url", knownvalue.StringRegexp(regexp.MustCompile(`/login/app/app_[a-z0-9]+/saml2/sso$`))),
				checkMetadataMatchesURL(),
				f.checkEmulatedApplication(func(a emulatedApplication) error {
					want := map[string]string{rolesso.DefaultAccountIDParam: account, emulator.RoleSSOIdPNameParam: "idaas"}
					if fmt.Sprint(a.TemplateParams) != fmt.Sprint(want) || a.Status != "enabled" || a.SsoStatus != "enabled" ||
						a.AuthorizationType != "default_all" || a.SsoConfig.SpSsoAcsURL != rolesso.International.ACSURL || !a.SsoConfig.AssertionSigned {
						return fmt.Errorf("emulated application = %+v", a)
					}
					return nil
				}),
			},
		},
		{
			ResourceName:      applicationResourceAddress,
			ImportState:       true,
			ImportStateIdFunc: importID,
			ImportStateVerify: true,
			// No API reads the SSO form parameters back, so an import
			// leaves them and the ARN made of them null; the next apply
			// sets them from the configuration (next step).
			// The form parameters and their names cannot be read back.
			ImportStateVerifyIgnore: []string{"account_id", "idp_name", "saml_provider_arn", "template_idp_name_param", "template_account_id_param"},
		},
		{
			ResourceName:       applicationResourceAddress,
			ImportState:        true,
			ImportStateKind:    resource.ImportBlockWithID,
			ImportStateIdFunc:  importID,
			ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("idp_name"), knownvalue.StringExact("idaas")),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("account_id"), knownvalue.StringExact(account)),
			}},
		},
		{
			Config: updated,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("saml_provider_arn"),
					knownvalue.StringExact(rolesso.SAMLProviderARN(otherAccountID, "idaas-prod"))),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("status"), knownvalue.StringExact("disabled")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(applicationResourceAddress, tfjsonpath.New("id")),
				expectValue("name", knownvalue.StringExact(name+"-renamed")),
				expectValue("description", knownvalue.StringExact("Console access")),
				expectValue("account_id", knownvalue.StringExact(otherAccountID)),
				expectValue("idp_name", knownvalue.StringExact("idaas-prod")),
				expectValue("enabled", knownvalue.Bool(false)),
				expectValue("status", knownvalue.StringExact("disabled")),
				expectValue("authorize_all_users", knownvalue.Bool(false)),
				expectValue("session_duration", knownvalue.Int64Exact(7200)),
				expectValue("role_session_name_expression", knownvalue.StringExact("user.email")),
				expectValue("name_id_format", knownvalue.StringExact(rolesso.NameIDFormatPersistent)),
				expectValue("saml_provider_arn", knownvalue.StringExact(rolesso.SAMLProviderARN(otherAccountID, "idaas-prod"))),
				checkMetadataMatchesURL(),
				f.checkEmulatedApplication(func(a emulatedApplication) error {
					want := map[string]string{rolesso.DefaultAccountIDParam: otherAccountID, emulator.RoleSSOIdPNameParam: "idaas-prod"}
					if fmt.Sprint(a.TemplateParams) != fmt.Sprint(want) || a.Status != "disabled" || a.AuthorizationType != "authorize_required" ||
						a.ApplicationName != name+"-renamed" || a.Description != "Console access" {
						return fmt.Errorf("emulated application = %+v", a)
					}
					return nil
				}),
			},
		},
		{
			Config: updated,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			// Back to the defaults: the description is cleared and the
			// application and its SSO are enabled again.
			Config: created,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				expectValue("description", knownvalue.Null()),
				expectValue("enabled", knownvalue.Bool(true)),
				expectValue("session_duration", knownvalue.Null()),
				expectValue("account_id", knownvalue.StringExact(account)),
				f.checkEmulatedApplication(func(a emulatedApplication) error {
					if a.Description != "" || a.Status != "enabled" || a.SsoStatus != "enabled" || len(a.SsoConfig.AttributeStatements) != 1 {
						return fmt.Errorf("emulated application = %+v", a)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccRoleSSOApplication_china makes the application of the China site:
// its template and service provider.
func TestAccRoleSSOApplication_china(t *testing.T) {
	f := newApplicationFixture(t)
	acctest.ParallelTest(t, f.checkDestroyed, []resource.TestStep{{
		Config: f.config(applicationHCL(sdkacctest.RandomWithPrefix("tf-acc-app"), "idaas", `  site = "china"`)),
		ConfigStateChecks: []statecheck.StateCheck{
			expectValue("site", knownvalue.StringExact(rolesso.SiteChina)),
			expectValue("template_id", knownvalue.StringExact(emulator.RoleSSOTemplateIDChina)),
			f.checkEmulatedApplication(func(a emulatedApplication) error {
				if a.SsoConfig.SpEntityID != rolesso.China.SPEntityID || a.SsoConfig.SpSsoAcsURL != rolesso.China.ACSURL {
					return fmt.Errorf("service provider %q %q, want the China site's", a.SsoConfig.SpEntityID, a.SsoConfig.SpSsoAcsURL)
				}
				return nil
			}),
		},
	}})
}

// TestAccRoleSSOApplication_disappears deletes the application out of
// band: the next plan creates it again.
func TestAccRoleSSOApplication_disappears(t *testing.T) {
	f := newApplicationFixture(t)
	config := f.config(applicationHCL(sdkacctest.RandomWithPrefix("tf-acc-app"), "idaas", ""))
	var id string
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	acctest.ParallelTest(t, f.checkDestroyed, []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				differentID.AddStateValue(applicationResourceAddress, tfjsonpath.New("id")),
				stateCheck(func(s *tfjson.State) error {
					values, err := applicationValues(s)
					id, _ = values["id"].(string)
					return err
				}),
			},
		},
		{
			PreConfig: func() {
				f.sdkCall("DisableApplication", map[string]string{"ApplicationId": id})
				f.sdkCall("DeleteApplication", map[string]string{"ApplicationId": id})
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				differentID.AddStateValue(applicationResourceAddress, tfjsonpath.New("id")),
			},
		},
	})
}

// TestAccRoleSSOApplication_changedOutOfBand changes the application
// through the SDK, as the console would: the next plan puts back what the
// configuration says, and the form parameters, which no API reads, are
// asserted again by that update.
func TestAccRoleSSOApplication_changedOutOfBand(t *testing.T) {
	f := newApplicationFixture(t)
	name := sdkacctest.RandomWithPrefix("tf-acc-app")
	config := f.config(applicationHCL(name, "idaas", `  session_duration = 3600`))
	var id string
	certificate := statecheck.CompareValue(compare.ValuesDiffer())
	restored := func(a emulatedApplication) error {
		if a.ApplicationName != name || a.Description != "" || a.Status != "enabled" || a.SsoStatus != "enabled" ||
			a.AuthorizationType != "default_all" || a.TemplateParams[emulator.RoleSSOIdPNameParam] != "idaas" {
			return fmt.Errorf("emulated application = %+v", a)
		}
		return nil
	}
	acctest.ParallelTest(t, f.checkDestroyed, []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(s *tfjson.State) error {
				values, err := applicationValues(s)
				id, _ = values["id"].(string)
				return err
			})},
		},
		{
			PreConfig: func() {
				app := map[string]string{"ApplicationId": id}
				f.sdkCall("DisableApplication", app)
				f.sdkCall("UpdateApplicationInfo", map[string]string{"ApplicationId": id, "ApplicationName": "renamed-in-the-console"})
				f.sdkCall("UpdateApplicationDescription", map[string]string{"ApplicationId": id, "Description": "edited"})
				f.sdkCall("UpdateApplicationAuthorizationType", map[string]string{"ApplicationId": id, "AuthorizationType": "authorize_required"})
				f.sdkCall("SetApplicationSsoConfig", map[string]string{
					"ApplicationId": id, "SamlSsoConfig.NameIdFormat": rolesso.NameIDFormatTransient,
					"SamlSsoConfig.AttributeStatements.1.AttributeName":            rolesso.RoleSessionNameAttributeName,
					"SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": "user.userId",
				})
				// Invisible to the provider: no API reads it back.
				f.sdkCall("UpdateApplicationSsoFormParams", map[string]string{
					"ApplicationId": id, "ApplicationTemplateParams.1.TemplateParamName": emulator.RoleSSOIdPNameParam,
					"ApplicationTemplateParams.1.TemplateParamValue": "changed-in-the-console",
				})
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				expectValue("name", knownvalue.StringExact(name)),
				expectValue("enabled", knownvalue.Bool(true)),
				expectValue("authorize_all_users", knownvalue.Bool(true)),
				expectValue("name_id_format", knownvalue.StringExact(rolesso.DefaultNameIDFormat)),
				expectValue("role_session_name_expression", knownvalue.StringExact(rolesso.DefaultRoleSessionNameExpression)),
				expectValue("session_duration", knownvalue.Int64Exact(3600)),
				f.checkEmulatedApplication(restored),
			},
		},
		{
			// SSO disabled alone shows as enabled = false.
			PreConfig: func() { f.sdkCall("DisableApplicationSso", map[string]string{"ApplicationId": id}) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				certificate.AddStateValue(applicationResourceAddress, tfjsonpath.New("signing_certificate_sha256")),
				f.checkEmulatedApplication(restored),
			},
		},
		{
			// A new IdP certificate: nothing to change, but the state
			// shows the new metadata and certificate.
			PreConfig: func() { f.rotateSigningKey(id) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				certificate.AddStateValue(applicationResourceAddress, tfjsonpath.New("signing_certificate_sha256")),
				checkMetadataMatchesURL(),
			},
		},
	})
}

// rotateSigningKey gives an application a new IdP signing key, as a
// certificate rotation in the console would: the emulator makes one for a
// loaded application without a key.
func (f *applicationFixture) rotateSigningKey(id string) {
	f.t.Helper()
	var state map[string]any
	f.ctl.State(&state)
	eiam, _ := state["Eiam"].(map[string]any)
	apps, _ := eiam["Applications"].([]any)
	for _, a := range apps {
		if app, _ := a.(map[string]any); app["ApplicationId"] == id {
			app["SigningKeyPEM"] = ""
		}
	}
	b, err := json.Marshal(state)
	if err != nil {
		f.t.Fatal(err)
	}
	f.ctl.PutState(string(b))
}

// TestAccRoleSSOApplication_ambiguousCreate makes CreateApplication create
// the application and then lose the connection: the provider finds the
// application instead of making a second one.
func TestAccRoleSSOApplication_ambiguousCreate(t *testing.T) {
	f := newApplicationFixture(t, emulatortest.WithKnobs(emulator.Knobs{Faults: []emulator.Fault{
		{Action: "CreateApplication", Kind: emulator.FaultAmbiguous, Count: 1},
	}}))
	name := sdkacctest.RandomWithPrefix("tf-acc-app")
	acctest.ParallelTest(t, f.checkDestroyed, []resource.TestStep{{
		Config: f.config(applicationHCL(name, "idaas", "")),
		ConfigStateChecks: []statecheck.StateCheck{
			stateCheck(func(s *tfjson.State) error {
				values, err := applicationValues(s)
				if err != nil {
					return err
				}
				ids := f.applicationIDsNamed(name)
				if len(ids) != 1 || ids[0] != values["id"] {
					return fmt.Errorf("applications named %q: %v, want exactly the one in state (%v)", name, ids, values["id"])
				}
				creates := f.ctl.Calls("Eiam.CreateApplication")
				if len(creates) != 1 || creates[0].Fault != string(emulator.FaultAmbiguous) {
					return fmt.Errorf("CreateApplication calls = %+v, want the one ambiguous call", creates)
				}
				return nil
			}),
			expectValue("enabled", knownvalue.Bool(true)),
			f.checkEmulatedApplication(func(a emulatedApplication) error {
				if a.TemplateParams[emulator.RoleSSOIdPNameParam] != "idaas" || a.Status != "enabled" {
					return fmt.Errorf("the adopted application was not configured: %+v", a)
				}
				return nil
			}),
		},
	}})
}

// TestAccRoleSSOApplication_failureAfterCreate fails a call after
// CreateApplication: the application stays in state, tainted, and the next
// apply replaces it, leaving no orphan.
func TestAccRoleSSOApplication_failureAfterCreate(t *testing.T) {
	f := newApplicationFixture(t, emulatortest.WithKnobs(emulator.Knobs{Faults: []emulator.Fault{
		{Action: "SetApplicationSsoConfig", Kind: emulator.FaultInternalError, Count: 1},
	}}))
	name := sdkacctest.RandomWithPrefix("tf-acc-app")
	config := f.config(applicationHCL(name, "idaas", ""), "max_retries = 0")
	acctest.ParallelTest(t, f.checkDestroyed, []resource.TestStep{
		{
			Config:      config,
			ExpectError: wrappedPattern(`Error configuring IDaaS role-based SSO application[\s\S]*SetApplicationSsoConfig[\s\S]*InternalError`),
		},
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionReplace),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				stateCheck(func(s *tfjson.State) error {
					values, err := applicationValues(s)
					if err != nil {
						return err
					}
					if ids := f.applicationIDsNamed(name); len(ids) != 1 || ids[0] != values["id"] {
						return fmt.Errorf("applications named %q: %v, want only the one in state (%v)", name, ids, values["id"])
					}
					if n := len(f.ctl.Calls("Eiam.DeleteApplication")); n != 1 {
						return fmt.Errorf("%d DeleteApplication calls, want 1 (the tainted application)", n)
					}
					return nil
				}),
				checkMetadataMatchesURL(),
			},
		},
	})
}

// TestAccRoleSSOApplication_newApplicationInvisible creates an application
// that IDaaS does not find for a while after creating it.
func TestAccRoleSSOApplication_newApplicationInvisible(t *testing.T) {
	f := newApplicationFixture(t, emulatortest.WithKnobs(emulator.Knobs{Consistency: map[string]emulator.Duration{
		"Eiam.Application": emulator.Duration(2 * time.Second),
	}}))
	acctest.ParallelTest(t, f.checkDestroyed, []resource.TestStep{{
		Config: f.config(applicationHCL(sdkacctest.RandomWithPrefix("tf-acc-app"), "idaas", "")),
		ConfigStateChecks: []statecheck.StateCheck{
			expectValue("enabled", knownvalue.Bool(true)),
			checkMetadataMatchesURL(),
		},
	}})
}

// TestAccRoleSSOApplication_invalid shows each rule failing at validate or
// plan, before any write.
func TestAccRoleSSOApplication_invalid(t *testing.T) {
	f := newApplicationFixture(t)
	step := func(extra, idpName string, want string) resource.TestStep {
		return resource.TestStep{
			Config:      f.config(applicationHCL("tf-acc-invalid", idpName, extra)),
			ExpectError: wrappedPattern(want),
		}
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{
		step("", "_idaas", `Invalid IdP name[\s\S]*"_idaas"[\s\S]*does not start or end with`),
		step("", "idaas.", `Invalid IdP name`),
		step(`  account_id = "12345"`, "idaas", `Invalid Alibaba Cloud account ID[\s\S]*16 digits`),
		step(`  site = "China"`, "idaas", `Invalid site[\s\S]*Write it as "china"`),
		step(`  site = "intl"`, "idaas", `Invalid site`),
		step(`  session_duration = 60`, "idaas", `Invalid session duration[\s\S]*900 to 43200`),
		step(`  name_id_format = "email"`, "idaas", `name_id_format[\s\S]*value must be one of`),
		step(`  role_session_name_expression = "user.mail"`, "idaas",
			`Invalid IDaaS value expression[\s\S]*"user.mail" is invalid: it names no field IDaaS documents`),
		step(`  name_id_expression = "'alice'"`, "idaas", `Invalid IDaaS value expression[\s\S]*double quotation marks`),
		// No public source gives the template, so the configuration
		// must name it and its IdP-name parameter.
		{Config: f.config(`
resource "idaas_role_sso_application" "test" {
  instance_id = data.idaas_instance.this.id
  name        = "tf-acc-invalid"
  idp_name    = "idaas"
}
`), ExpectError: wrappedPattern(`Missing template_id[\s\S]*ApplicationTemplateId`)},
		step(fmt.Sprintf("  template_id = %q", emulator.RoleSSOTemplateIDInternational), "idaas",
			`Missing template_idp_name_param[\s\S]*UpdateApplicationSsoFormParams`),
	})
	if writes := f.writeCalls(); len(writes) > 0 {
		t.Errorf("invalid configurations made write calls: %v", writes)
	}
}

// ramUserTemplateID is the RAM user SSO template, the example of the
// CreateApplication docs: not a role-based SSO template.
const ramUserTemplateID = "apt_ramuser_mjqrsi"

// TestAccRoleSSOApplication_importOther refuses at plan to import an
// application not made from a template, and one whose site its SSO
// configuration does not tell unless the configuration names the site;
// and imports an application of the China site without replacing it.
func TestAccRoleSSOApplication_importOther(t *testing.T) {
	const (
		ramUserApp  = "app_ramuserssoapp000000000000"
		standardApp = "app_standardapp00000000000000"
		chinaApp    = "app_chinaroleapp0000000000000"
	)
	f := newApplicationFixture(t, loadApplications(t,
		map[string]any{"ApplicationId": ramUserApp, "ApplicationName": "ram-user-sso", "ApplicationTemplateId": ramUserTemplateID},
		map[string]any{"ApplicationId": standardApp, "ApplicationName": "custom-saml"},
		map[string]any{"ApplicationId": chinaApp, "ApplicationName": "china-console", "ApplicationTemplateId": emulator.RoleSSOTemplateIDChina, "AuthorizationType": "default_all"},
	))
	importStep := func(appID, extra string) resource.TestStep {
		return resource.TestStep{
			Config:          f.config(applicationHCL("imported", "idaas", extra)),
			ResourceName:    applicationResourceAddress,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   f.instanceID + "/" + appID,
		}
	}
	templateArgs := func(id string) string {
		return fmt.Sprintf("  template_id = %q\n  template_idp_name_param = %q\n", id, emulator.RoleSSOIdPNameParam)
	}
	// The provider knows no template IDs, so an application of another
	// template imports too; its SSO configuration names no site, so the
	// plan asks for one.
	unknownSite, standard := importStep(ramUserApp, templateArgs(ramUserTemplateID)), importStep(standardApp, "")
	unknownSite.ExpectError = wrappedPattern(`Unknown site[\s\S]*` + ramUserApp + `[\s\S]*Set site to international or china`)
	standard.ExpectError = wrappedPattern(`Application of the other form[\s\S]*has sso_form = "standard_saml"`)
	declared := importStep(ramUserApp, templateArgs(ramUserTemplateID)+"  site = \"international\"")
	declared.ExpectNonEmptyPlan = true
	declared.ImportPlanChecks.PreApply = []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
		plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteInternational)),
	}
	china := importStep(chinaApp, templateArgs(emulator.RoleSSOTemplateIDChina))
	china.ExpectNonEmptyPlan = true
	china.ImportPlanChecks.PreApply = []plancheck.PlanCheck{
		// Not replaced: the site comes from the template, not the
		// provider's site.
		plancheck.ExpectResourceAction(applicationResourceAddress, plancheck.ResourceActionUpdate),
		plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteChina)),
		plancheck.ExpectKnownValue(applicationResourceAddress, tfjsonpath.New("template_id"), knownvalue.StringExact(emulator.RoleSSOTemplateIDChina)),
	}
	// An import block must be the first step of a test case, so each is
	// a test case of its own.
	for name, step := range map[string]resource.TestStep{
		"RAM user template": unknownSite, "standard": standard, "declared template": declared, "China site": china,
	} {
		t.Run(name, func(t *testing.T) {
			acctest.Test(t, nil, []resource.TestStep{step})
		})
	}
	if writes := f.writeCalls(); len(writes) > 0 {
		t.Errorf("plans made write calls: %v", writes)
	}
}

// TestAccRoleSSOApplication_badImportID gives the format and an example.
func TestAccRoleSSOApplication_badImportID(t *testing.T) {
	f := newApplicationFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config:          f.config(applicationHCL("imported", "idaas", "")),
		ResourceName:    applicationResourceAddress,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithID,
		ImportStateId:   "app_only",
		ExpectError:     wrappedPattern(`Invalid import ID[\s\S]*"<instance_id>/<application_id>" \(for example`),
	}})
}
