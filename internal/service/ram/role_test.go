// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

const roleResourceName = "idaas_ram_role.test"

func TestAccRAMRole_basic(t *testing.T) {
	srv := testAccRoleEmulator(t)
	account := srv.AccountID()
	name := testAccRoleName()
	trust := testAccTrustPolicy(t, account, rolesso.International, testAccIdPName)
	sameARN := statecheck.CompareValue(compare.ValuesSame())
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionCreate),
				// Known at plan, for the plan-time checks of linked resources.
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("account_id"), knownvalue.StringExact(account)),
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteInternational)),
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(trust)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("arn"), knownvalue.StringExact(rolesso.RoleARN(account, name))),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("account_id"), knownvalue.StringExact(account)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("role_id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(testAccIdPName)})),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteInternational)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(trust)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("effective_assume_role_policy"), knownvalue.StringExact(trust)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("max_session_duration"), knownvalue.Int64Exact(3600)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("force_detach_policies"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("create_date"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				sameARN.AddStateValue(roleResourceName, tfjsonpath.New("arn")),
			},
		},
		{
			ResourceName:      roleResourceName,
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:      roleResourceName,
			ImportState:       true,
			ImportStateId:     rolesso.RoleARN(account, name),
			ImportStateVerify: true,
		},
		{
			ResourceName:    roleResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameARN.AddStateValue(roleResourceName, tfjsonpath.New("arn")),
			},
		},
	})
}

func TestAccRAMRole_update(t *testing.T) {
	srv, name := newRoleTest(t)
	both := testAccTrustPolicy(t, srv.AccountID(), rolesso.International, testAccIdPName, testAccOtherIdPName)
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
		},
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName, testAccOtherIdPName},
				`description          = "Administrators signing in from IDaaS"`,
				`max_session_duration = 7200`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(both)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("description"), knownvalue.StringExact("Administrators signing in from IDaaS")),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("max_session_duration"), knownvalue.Int64Exact(7200)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact(testAccIdPName), knownvalue.StringExact(testAccOtherIdPName),
				})),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("effective_assume_role_policy"), knownvalue.StringExact(both)),
			},
		},
		{
			// Removing the description keeps it (RAM cannot clear one); a site change rewrites the recipient.
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName, testAccOtherIdPName}, `site = "china"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("description"), knownvalue.StringExact("Administrators signing in from IDaaS")),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("max_session_duration"), knownvalue.Int64Exact(3600)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteChina)),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("effective_assume_role_policy"),
					knownvalue.StringExact(testAccTrustPolicy(t, srv.AccountID(), rolesso.China, testAccIdPName, testAccOtherIdPName))),
			},
		},
		{
			// force_detach_policies alone changes nothing in RAM.
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName, testAccOtherIdPName}, `site = "china"`, `force_detach_policies = true`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("effective_assume_role_policy"),
					knownvalue.StringExact(testAccTrustPolicy(t, srv.AccountID(), rolesso.China, testAccIdPName, testAccOtherIdPName))),
			}},
			Check: func(*terraform.State) error {
				if n := len(testAccCalls(t, srv, "UpdateRole")); n != 2 {
					return fmt.Errorf("UpdateRole was called %d times, want 2 (none for force_detach_policies)", n)
				}
				return nil
			},
		},
	})
}

func TestAccRAMRole_rename(t *testing.T) {
	srv := testAccRoleEmulator(t)
	name, renamed := testAccRoleName(), testAccRoleName()+"-new"
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name, renamed), []resource.TestStep{
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
		},
		{
			Config: testAccRoleConfig(srv, renamed, []string{testAccIdPName}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("arn"), knownvalue.StringExact(rolesso.RoleARN(srv.AccountID(), renamed))),
			},
			Check: testAccCheckRoleDestroy(t, srv, name),
		},
	})
}

func TestAccRAMRole_disappears(t *testing.T) {
	srv, name := newRoleTest(t)
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
		},
		{
			PreConfig: func() {
				if err := testAccClient(t, srv).RAM().DeleteRole(context.Background(), name); err != nil {
					t.Fatal(err)
				}
			},
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionCreate),
			}},
		},
	})
}

// TestAccRAMRole_changedOutOfBand changes the role in RAM; each time, the
// plan updates it back, and the difference shows where it is.
func TestAccRAMRole_changedOutOfBand(t *testing.T) {
	srv := testAccRoleEmulator(t)
	account := srv.AccountID()
	name := testAccRoleName()
	trust := testAccTrustPolicy(t, account, rolesso.International, testAccIdPName)
	update := func(in client.UpdateRoleInput) func() {
		return func() {
			in.RoleName = name
			if _, err := testAccClient(t, srv).RAM().UpdateRole(context.Background(), in); err != nil {
				t.Fatal(err)
			}
		}
	}
	withOkta := testAccTrustPolicy(t, account, rolesso.International, testAccIdPName, testAccOtherIdPName)
	// A second statement: saml_provider_names cannot express it.
	unexpressible := `{"Version":"1","Statement":[` + strings.TrimSuffix(strings.TrimPrefix(trust, `{"Version":"1","Statement":[`), `]}`) +
		`,{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::` + account + `:root"]}}]}`
	description := "changed in the console"
	config := testAccRoleConfig(srv, name, []string{testAccIdPName}, `description = "SSO administrators"`)
	backToConfig := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("effective_assume_role_policy"), knownvalue.StringExact(trust)),
		statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("description"), knownvalue.StringExact("SSO administrators")),
	}
	// changedBack is a step that makes the change in out of band, sees the
	// plan update the role back (with planChecks too), and the state be
	// the configuration's again.
	changedBack := func(in client.UpdateRoleInput, planChecks ...plancheck.PlanCheck) resource.TestStep {
		return resource.TestStep{
			PreConfig: update(in),
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionUpdate),
			}, planChecks...)},
			ConfigStateChecks: backToConfig,
		}
	}
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{Config: config},
		changedBack(client.UpdateRoleInput{NewAssumeRolePolicyDocument: &withOkta},
			plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(testAccIdPName)})),
			plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(trust)),
		),
		changedBack(client.UpdateRoleInput{NewAssumeRolePolicyDocument: &unexpressible},
			plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(trust)),
		),
		changedBack(client.UpdateRoleInput{NewDescription: &description}),
	})
}

// TestAccRAMRole_rawPolicy manages the trust policy as JSON: written
// differently (key order, one-element arrays, whitespace), it plans no
// change, and the names and site it trusts are known at plan time.
func TestAccRAMRole_rawPolicy(t *testing.T) {
	srv := testAccRoleEmulator(t)
	account := srv.AccountID()
	name := testAccRoleName()
	policy := `{
  "Version": "1",
  "Statement": [{
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Principal": {"Federated": ["acs:ram::` + account + `:saml-provider/okta", "acs:ram::` + account + `:saml-provider/idaas"]},
    "Condition": {"StringEquals": {"saml:recipient": "https://signin.aliyun.com/saml-role/sso"}}
  }]
}`
	rewritten := `{"Statement":[{"Condition":{"StringEquals":{"saml:recipient":["https://signin.aliyun.com/saml-role/sso"]}},` +
		`"Principal":{"Federated":["acs:ram::` + account + `:saml-provider/idaas","acs:ram::` + account + `:saml-provider/okta"]},` +
		`"Action":["sts:AssumeRole"],"Effect":"Allow"}],"Version":"1"}`
	trusted := knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(testAccIdPName), knownvalue.StringExact(testAccOtherIdPName)})
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{
			Config: testAccRoleRawConfig(srv, name, policy),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), trusted),
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteChina)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(policy+"\n")),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), trusted),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteChina)),
			},
		},
		{
			Config: testAccRoleRawConfig(srv, name, rewritten),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			ResourceName:      roleResourceName,
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:    roleResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		{
			// RAM answers with its own formatting: still no change.
			PreConfig: func() {
				if _, err := testAccClient(t, srv).RAM().UpdateRole(context.Background(), client.UpdateRoleInput{RoleName: name, NewAssumeRolePolicyDocument: &rewritten}); err != nil {
					t.Fatal(err)
				}
			},
			Config: testAccRoleRawConfig(srv, name, policy),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(policy+"\n")),
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("effective_assume_role_policy"), knownvalue.StringExact(rewritten)),
			},
		},
		{
			// A change of meaning in RAM is planned back.
			PreConfig: func() {
				other := testAccTrustPolicy(t, account, rolesso.China, testAccIdPName)
				if _, err := testAccClient(t, srv).RAM().UpdateRole(context.Background(), client.UpdateRoleInput{RoleName: name, NewAssumeRolePolicyDocument: &other}); err != nil {
					t.Fatal(err)
				}
			},
			Config: testAccRoleRawConfig(srv, name, policy),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), trusted),
			}},
		},
	})
}

func testAccRoleRawConfig(srv *emulator.Server, name, policy string, extra ...string) string {
	return acctest.EmulatorProviderConfig(srv) + fmt.Sprintf(`
resource "idaas_ram_role" "test" {
  name               = %q
  assume_role_policy = <<-EOT
%s
EOT
%s}
`, name, policy, indentHCL(extra))
}

// TestAccRAMRole_validation shows each invalid argument failing before any
// write reaches RAM.
func TestAccRAMRole_validation(t *testing.T) {
	srv := testAccRoleEmulator(t)
	account := srv.AccountID()
	good := testAccTrustPolicy(t, account, rolesso.International, testAccIdPName)
	provider := acctest.EmulatorProviderConfig(srv)
	tests := []struct {
		config string
		want   *regexp.Regexp
	}{
		{testAccRoleConfig(srv, "sso_admin", []string{testAccIdPName}), errorPattern("Invalid RAM role name", `contains '_' at position 4`, `letters, digits, "." and "-"`, `"sso-admin"`)},
		{testAccRoleConfig(srv, strings.Repeat("a", 65), []string{testAccIdPName}), errorPattern("Invalid RAM role name", "65 characters, more than 64")},
		{testAccRoleConfig(srv, "admin", []string{testAccIdPName}, "max_session_duration = 3599"), errorPattern("max_session_duration", "between 3600 and 43200")},
		{testAccRoleConfig(srv, "admin", []string{"-idaas"}), errorPattern("Invalid SAML provider name", `does not start or end with "."`)},
		{testAccRoleConfig(srv, "admin", []string{testAccIdPName}, `site = "europe"`), errorPattern("Invalid site", `"international"`)},
		{testAccRoleRawConfig(srv, "admin", `{"Version": "1", "Statement": [}`), errorPattern("Invalid trust policy", "line 1, column 32")},
		{testAccRoleRawConfig(srv, "admin", strings.ReplaceAll(good, "https://signin.alibabacloud.com/saml-role/sso", "urn:alibaba:cloudcomputing:international")),
			errorPattern("Invalid trust policy", "an SP entity ID; saml:recipient is the ACS URL")},
		{testAccRoleRawConfig(srv, "admin", strings.ReplaceAll(good, `"Version":"1"`, `"Version":"2012-10-17"`)), errorPattern(`"Version" is "2012-10-17"; RAM policies use "Version": "1"`)},
		{testAccRoleRawConfig(srv, "admin", strings.ReplaceAll(good, "saml-provider/idaas", "saml-provider/")), errorPattern("Principal.Federated[0]", "invalid ARN")},
		{testAccRoleRawConfig(srv, "admin", good, `site = "china"`), errorPattern("site applies only to saml_provider_names")},
		{testAccRoleRawConfig(srv, "admin", strings.ReplaceAll(good, account, "9999999999999999")), errorPattern("another account's SAML provider", "not in the role's account "+account)},
		{provider + `resource "idaas_ram_role" "test" { name = "admin" }`, errorPattern("Missing trust policy", "Set saml_provider_names")},
		{provider + fmt.Sprintf(`resource "idaas_ram_role" "test" {
  name                = "admin"
  saml_provider_names = ["okta"]
  assume_role_policy  = %q
}`, good), errorPattern("Two trust policies", "not both", "only when they are the same policy")},
	}
	steps := make([]resource.TestStep, len(tests))
	for i, tt := range tests {
		steps[i] = resource.TestStep{Config: tt.config, PlanOnly: true, ExpectError: tt.want}
	}
	acctest.ParallelTest(t, nil, steps)
	testAccExpectNoWrites(t, srv)
}

// TestAccRAMRole_eventualConsistency creates a role trusting a SAML
// provider RAM does not accept in trust policies yet, and reads it back
// while reads do not see it yet; then updates it to trust another new SAML
// provider. Each delay is retried.
func TestAccRAMRole_eventualConsistency(t *testing.T) {
	delayed := func(kinds ...string) emulator.Knobs {
		k := emulator.Knobs{Consistency: map[string]emulator.Duration{}}
		for _, kind := range kinds {
			k.Consistency[kind] = emulator.Duration(time.Hour)
		}
		return k
	}
	srv := testAccRoleEmulator(t, emulatortest.WithKnobs(delayed("Ims.SAMLProvider", "Ram.Role")))
	liftConsistencyDelay(t, srv, "CreateRole", client.CodeMalformedPolicyDocument, "Ims.SAMLProvider")
	liftConsistencyDelay(t, srv, "GetRole", client.CodeRoleNotExist, "Ram.Role")
	liftConsistencyDelay(t, srv, "UpdateRole", client.CodeMalformedPolicyDocument, "Ims.SAMLProvider")
	name := testAccRoleName()
	firstThenSuccess := func(action, code string) error {
		calls := testAccCalls(t, srv, action)
		if len(calls) < 2 || calls[0].Code != code || calls[len(calls)-1].Status != 200 {
			return fmt.Errorf("%s calls = %+v, want %s, then a success", action, calls, code)
		}
		return nil
	}
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
			Check: func(*terraform.State) error {
				if err := firstThenSuccess("CreateRole", client.CodeMalformedPolicyDocument); err != nil {
					return err
				}
				return firstThenSuccess("GetRole", client.CodeRoleNotExist)
			},
		},
		{
			PreConfig: func() {
				emulatortest.ControlOf(t, srv).SetKnobs(delayed("Ims.SAMLProvider"))
				_, err := testAccClient(t, srv).IMS().CreateSAMLProvider(context.Background(), client.CreateSAMLProviderInput{
					Name: "azure-ad", EncodedSAMLMetadataDocument: testAccEncodedMetadata(t),
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName, "azure-ad"}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleResourceName, tfjsonpath.New("saml_provider_names"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact(testAccIdPName), knownvalue.StringExact("azure-ad"),
				})),
			},
			Check: func(*terraform.State) error {
				return firstThenSuccess("UpdateRole", client.CodeMalformedPolicyDocument)
			},
		},
	})
}

// TestAccRAMRole_missingSAMLProvider fails at once, naming the provider.
func TestAccRAMRole_missingSAMLProvider(t *testing.T) {
	srv, name := newRoleTest(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config:      testAccRoleConfig(srv, name, []string{testAccIdPName, "azure-ad"}),
		ExpectError: errorPattern("names SAML providers that do not exist in account "+srv.AccountID()+`: "azure-ad"`, "Create them first"),
	}})
	if n := len(testAccCalls(t, srv, "CreateRole")); n != 1 {
		t.Errorf("CreateRole was called %d times, want 1: a missing SAML provider is not retried", n)
	}
}

// TestAccRAMRole_forceDetachPolicies: without force_detach_policies, the
// destroy fails naming the attached policies and keeps the role; with it,
// they are detached and the role deleted.
func TestAccRAMRole_forceDetachPolicies(t *testing.T) {
	srv, name := newRoleTest(t)
	attach := func() {
		for _, p := range []string{"ReadOnlyAccess", "AliyunECSReadOnlyAccess"} {
			err := testAccClient(t, srv).RAM().AttachPolicyToRole(context.Background(), client.PolicyAttachment{RoleName: name, PolicyType: "System", PolicyName: p})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	config := testAccRoleConfig(srv, name, []string{testAccIdPName})
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{Config: config},
		{
			PreConfig:   attach,
			Config:      config,
			Destroy:     true,
			ExpectError: errorPattern(`has attached policies: System "AliyunECSReadOnlyAccess", System "ReadOnlyAccess"`, "force_detach_policies = true"),
		},
		{
			// The role and its state are intact.
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{Config: testAccRoleConfig(srv, name, []string{testAccIdPName}, "force_detach_policies = true")},
	})
	if detaches := testAccCalls(t, srv, "DetachPolicyFromRole"); len(detaches) != 2 {
		t.Errorf("DetachPolicyFromRole was called %d times, want 2", len(detaches))
	}
}

// TestAccRAMRole_ambiguousFailures: the emulator creates the role, and
// attaches the policy, then drops the connection. The provider looks
// before it sends again, and adopts what its own call made.
func TestAccRAMRole_ambiguousFailures(t *testing.T) {
	srv := testAccRoleEmulator(t, emulatortest.WithKnobs(emulator.Knobs{Faults: []emulator.Fault{
		{Action: "CreateRole", Kind: emulator.FaultAmbiguous, Count: 1},
		{Action: "AttachPolicyToRole", Kind: emulator.FaultAmbiguous, Count: 1},
	}}))
	name := testAccRoleName()
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{{
		Config: testAccAttachmentConfig(srv, name, "System", "ReadOnlyAccess"),
		Check: resource.ComposeTestCheckFunc(
			testAccCheckAttached(t, srv, name, "System:ReadOnlyAccess"),
			func(*terraform.State) error {
				creates, attaches := testAccCalls(t, srv, "CreateRole"), testAccCalls(t, srv, "AttachPolicyToRole")
				if len(creates) != 1 || creates[0].Fault != string(emulator.FaultAmbiguous) {
					return fmt.Errorf("CreateRole calls = %+v, want the one ambiguous call: the role it made is adopted", creates)
				}
				if len(attaches) != 2 || attaches[1].Code != client.CodeRolePolicyAlreadyExists {
					return fmt.Errorf("AttachPolicyToRole calls = %+v, want the ambiguous call, then %s", attaches, client.CodeRolePolicyAlreadyExists)
				}
				return nil
			},
		),
	}})
}

// TestAccRAMRole_nameTaken: RAM role names are unique without regard to
// case; the error says how to adopt the existing role.
func TestAccRAMRole_nameTaken(t *testing.T) {
	trust := testAccTrustPolicy(t, "1234567890123456", rolesso.International, testAccIdPName)
	srv := acctest.Emulator(t, emulatortest.WithLoad(testAccRoleState(t, testAccLoadedRole("sso-admin", trust))))
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: testAccRoleConfig(srv, "SSO-Admin", []string{testAccIdPName}),
		ExpectError: errorPattern(`A RAM role named "SSO-Admin" exists already`, "Nothing was written", "import {",
			"to = idaas_ram_role.<name>", `id = "SSO-Admin"`, "EntityAlreadyExists.Role"),
	}})
}

func TestAccRAMRole_importErrors(t *testing.T) {
	srv, name := newRoleTest(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{Config: testAccRoleConfig(srv, name, []string{testAccIdPName})},
		{
			ResourceName:  roleResourceName,
			ImportState:   true,
			ImportStateId: rolesso.RoleARN("9999999999999999", name),
			ExpectError:   errorPattern("of account 9999999999999999, but the provider works in account " + srv.AccountID()),
		},
		{
			ResourceName:  roleResourceName,
			ImportState:   true,
			ImportStateId: "sso admin",
			ExpectError:   errorPattern("Invalid import ID", `Import a RAM role by its name, for example "sso-admin", or by its ARN`),
		},
	})
}

func testAccRoleConfig(srv *emulator.Server, name string, idpNames []string, extra ...string) string {
	return acctest.EmulatorProviderConfig(srv) + fmt.Sprintf(`
resource "idaas_ram_role" "test" {
  name                = %q
  saml_provider_names = [%s]
%s}
`, name, quoteHCL(idpNames), indentHCL(extra))
}

func quoteHCL(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return strings.Join(quoted, ", ")
}

func indentHCL(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// TestAccRAMRole_importAnyCase imports a role by its name in another case:
// the state takes the name as RAM holds it, so that a configuration naming
// it so plans no replacement.
func TestAccRAMRole_importAnyCase(t *testing.T) {
	trust := testAccTrustPolicy(t, "1234567890123456", rolesso.International, testAccIdPName)
	srv := acctest.Emulator(t, emulatortest.WithLoad(testAccRoleState(t, testAccLoadedRole("sso-billing", trust))))
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		// An import block in the first step needs the provider's source.
		Config: `terraform {
  required_providers {
    idaas = { source = "registry.terraform.io/idaas-rolesso/idaas" }
  }
}
` + testAccRoleConfig(srv, "sso-billing", []string{testAccIdPName}),
		ResourceName:    "idaas_ram_role.test",
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithID,
		ImportStateId:   "SSO-BILLING",
		// The loaded role's max_session_duration is not the default: an
		// update, but no replacement.
		ExpectNonEmptyPlan: true,
		ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction("idaas_ram_role.test", plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue("idaas_ram_role.test", tfjsonpath.New("name"), knownvalue.StringExact("sso-billing")),
		}},
	}})
}
