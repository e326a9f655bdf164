// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

const exclusiveResourceName = "idaas_ram_role_policy_attachments_exclusive.test"

func TestAccRAMRolePolicyAttachmentsExclusive_basic(t *testing.T) {
	srv, name := newRoleTest(t)
	attach := func(policyName string) func() {
		return func() {
			err := testAccClient(t, srv).RAM().AttachPolicyToRole(context.Background(), client.PolicyAttachment{RoleName: name, PolicyType: "System", PolicyName: policyName})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	two := testAccExclusiveConfig(srv, name, "System:ReadOnlyAccess", "Custom:"+testAccCustomPolicyName)
	acctest.ParallelTest(t, testAccCheckRoleDestroy(t, srv, name), []resource.TestStep{
		{
			// Attached before: not in the set, so detached.
			Config: testAccRoleConfig(srv, name, []string{testAccIdPName}),
		},
		{
			PreConfig: attach("AliyunOSSReadOnlyAccess"),
			Config:    two,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(exclusiveResourceName, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(exclusiveResourceName, tfjsonpath.New("policies"), knownvalue.SetExact([]knownvalue.Check{
					testAccPolicyRef("System", "ReadOnlyAccess"), testAccPolicyRef("Custom", testAccCustomPolicyName),
				})),
			},
			Check: testAccCheckAttached(t, srv, name, "System:ReadOnlyAccess", "Custom:"+testAccCustomPolicyName),
		},
		{
			ResourceName:      exclusiveResourceName,
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:    exclusiveResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		{
			Config: two,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			// Attached out of band: the plan shows it removed.
			PreConfig: attach("AliyunECSReadOnlyAccess"),
			Config:    two,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(exclusiveResourceName, plancheck.ResourceActionUpdate),
			}},
			Check: testAccCheckAttached(t, srv, name, "System:ReadOnlyAccess", "Custom:"+testAccCustomPolicyName),
		},
		{
			Config: testAccExclusiveConfig(srv, name, "System:AliyunECSReadOnlyAccess"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(exclusiveResourceName, plancheck.ResourceActionUpdate),
			}},
			Check: testAccCheckAttached(t, srv, name, "System:AliyunECSReadOnlyAccess"),
		},
		{
			Config: testAccExclusiveConfig(srv, name),
			Check:  testAccCheckAttached(t, srv, name),
		},
		{
			// The role is deleted out of band: both are planned again.
			PreConfig: func() {
				if err := testAccClient(t, srv).RAM().DeleteRole(context.Background(), name); err != nil {
					t.Fatal(err)
				}
			},
			Config: two,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(roleResourceName, plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(exclusiveResourceName, plancheck.ResourceActionCreate),
			}},
			Check: testAccCheckAttached(t, srv, name, "System:ReadOnlyAccess", "Custom:"+testAccCustomPolicyName),
		},
	})
}

func TestAccRAMRolePolicyAttachmentsExclusive_errors(t *testing.T) {
	srv, name := newRoleTest(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:      testAccExclusiveConfig(srv, name, "Managed:ReadOnlyAccess"),
			PlanOnly:    true,
			ExpectError: errorPattern("policy_type", `value must be one of: ["System" "Custom"]`),
		},
		{
			Config:      testAccExclusiveConfig(srv, name, "Custom:no-such-policy"),
			ExpectError: errorPattern(`There is no Custom policy named "no-such-policy" in account `+srv.AccountID(), "EntityNotExist.Policy"),
		},
	})
}

func testAccExclusiveConfig(srv *emulator.Server, roleName string, policies ...string) string {
	var refs []string
	for _, p := range policies {
		typ, policyName, _ := strings.Cut(p, ":")
		refs = append(refs, fmt.Sprintf("    { policy_type = %q, policy_name = %q },", typ, policyName))
	}
	return testAccRoleConfig(srv, roleName, []string{testAccIdPName}) + fmt.Sprintf(`
resource "idaas_ram_role_policy_attachments_exclusive" "test" {
  role_name = idaas_ram_role.test.name
  policies = [
%s
  ]
}
`, strings.Join(refs, "\n"))
}

func testAccPolicyRef(policyType, policyName string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"policy_type": knownvalue.StringExact(policyType),
		"policy_name": knownvalue.StringExact(policyName),
	})
}
