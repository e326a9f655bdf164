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
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

const attachmentResourceName = "idaas_ram_role_policy_attachment.test"

func TestAccRAMRolePolicyAttachment_basic(t *testing.T) {
	srv, name := newRoleTest(t)
	id := name + ":Custom:" + testAccCustomPolicyName
	acctest.ParallelTest(t, testAccCheckAttachmentDestroy(t, srv, name, "Custom", testAccCustomPolicyName), []resource.TestStep{
		{
			Config: testAccAttachmentConfig(srv, name, "Custom", testAccCustomPolicyName),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(attachmentResourceName, tfjsonpath.New("id"), knownvalue.StringExact(id)),
				statecheck.ExpectKnownValue(attachmentResourceName, tfjsonpath.New("role_name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(attachmentResourceName, tfjsonpath.New("policy_type"), knownvalue.StringExact("Custom")),
				statecheck.ExpectKnownValue(attachmentResourceName, tfjsonpath.New("policy_name"), knownvalue.StringExact(testAccCustomPolicyName)),
			},
			Check: testAccCheckAttached(t, srv, name, "Custom:"+testAccCustomPolicyName),
		},
		{
			ResourceName:      attachmentResourceName,
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:    attachmentResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		{
			// The alicloud provider's ID form, role:<policy>:<type>:<role>.
			ResourceName:      attachmentResourceName,
			ImportState:       true,
			ImportStateId:     "role:" + testAccCustomPolicyName + ":Custom:" + name,
			ImportStateVerify: true,
		},
		{
			Config: testAccAttachmentConfig(srv, name, "Custom", testAccCustomPolicyName),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			Config: testAccAttachmentConfig(srv, name, "System", "ReadOnlyAccess"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(attachmentResourceName, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: testAccCheckAttached(t, srv, name, "System:ReadOnlyAccess"),
		},
		{
			// Detached out of band: the plan attaches it again.
			PreConfig: func() {
				err := testAccClient(t, srv).RAM().DetachPolicyFromRole(context.Background(), client.PolicyAttachment{RoleName: name, PolicyType: "System", PolicyName: "ReadOnlyAccess"})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config: testAccAttachmentConfig(srv, name, "System", "ReadOnlyAccess"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(attachmentResourceName, plancheck.ResourceActionCreate),
			}},
			Check: testAccCheckAttached(t, srv, name, "System:ReadOnlyAccess"),
		},
	})
}

func TestAccRAMRolePolicyAttachment_errors(t *testing.T) {
	srv, name := newRoleTest(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:      testAccAttachmentConfig(srv, name, "system", "ReadOnlyAccess"),
			PlanOnly:    true,
			ExpectError: errorPattern("policy_type", `value must be one of: ["System" "Custom"]`),
		},
		{
			Config:      testAccAttachmentConfig(srv, name, "System", ""),
			PlanOnly:    true,
			ExpectError: errorPattern("policy_name", "string length must be between 1 and 128"),
		},
		{
			Config: testAccAttachmentConfig(srv, name, "System", "ReadOnlyAccess"),
		},
		{
			ResourceName:  attachmentResourceName,
			ImportState:   true,
			ImportStateId: name + ":System",
			ExpectError:   errorPattern("it has 2 parts", "<role_name>:<policy_type>:<policy_name>", "sso-admin:System:AdministratorAccess"),
		},
		{
			Config:      testAccAttachmentConfig(srv, name, "System", "NoSuchAccess"),
			ExpectError: errorPattern("Error attaching policy to RAM role", `There is no System policy named "NoSuchAccess"`, "EntityNotExist.Policy"),
		},
	})
	var attached []string
	for _, call := range testAccCalls(t, srv, "AttachPolicyToRole") {
		attached = append(attached, call.Params["PolicyName"])
	}
	if !sameElements(attached, []string{"ReadOnlyAccess", "NoSuchAccess"}) {
		t.Errorf("AttachPolicyToRole was called for %v; the invalid arguments must not reach RAM", attached)
	}
}

// TestAccRAMRolePolicyAttachment_exists refuses a second attachment of a
// policy the role has already, with the import block that adopts it.
func TestAccRAMRolePolicyAttachment_exists(t *testing.T) {
	srv := testAccRoleEmulator(t)
	name := testAccRoleName()
	config := testAccAttachmentConfig(srv, name, "System", "ReadOnlyAccess")
	acctest.ParallelTest(t, testAccCheckAttachmentDestroy(t, srv, name, "System", "ReadOnlyAccess"), []resource.TestStep{
		{Config: config},
		{
			Config: config + `
resource "idaas_ram_role_policy_attachment" "again" {
  role_name   = idaas_ram_role.test.name
  policy_type = "System"
  policy_name = "ReadOnlyAccess"
}
`,
			ExpectError: errorPattern(`The System policy "ReadOnlyAccess" is attached to RAM role`, "Nothing was written", "import {",
				"to = idaas_ram_role_policy_attachment.<name>", `id = "`+name+`:System:ReadOnlyAccess"`),
		},
	})
}

func TestParseRolePolicyAttachmentID(t *testing.T) {
	type testCase struct {
		id      string
		wantErr []string
	}
	tests := map[string]testCase{
		"System":           {id: "sso-admin:System:AdministratorAccess"},
		"Custom":           {id: "sso-admin:Custom:ecs-read"},
		"name with colons": {id: "sso-admin:Custom:a:b"},
		"two parts":        {id: "sso-admin:AdministratorAccess", wantErr: []string{`it has 2 parts separated by ":"`, `(for example "sso-admin:System:AdministratorAccess")`}},
		"bad type":         {id: "sso-admin:system:AdministratorAccess", wantErr: []string{`part 2 (policy_type) must be "System" or "Custom", not "system"`, `(for example "sso-admin:System:AdministratorAccess")`}},
		"long name":        {id: "sso-admin:Custom:" + strings.Repeat("a", 129), wantErr: []string{"part 3 (policy_name) must have 1 to 128 characters"}},
		"every part wrong": {id: "sso_admin:Managed:", wantErr: []string{"part 1 (role_name) is invalid: it contains '_'", "part 2 (policy_type)", "part 3 (policy_name) is empty"}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, err := ram.ParseRolePolicyAttachmentID(tt.id)
		if wanterr.ContainsAll(t, err, tt.wantErr...) {
			return
		}
		if got != tt.id {
			t.Fatalf("ParseRolePolicyAttachmentID(%q) = %q", tt.id, got)
		}
	})
}

// FuzzParseRolePolicyAttachmentID: an accepted ID prints back as itself.
func FuzzParseRolePolicyAttachmentID(f *testing.F) {
	for _, id := range []string{"sso-admin:System:AdministratorAccess", "a:Custom:b:c", "::", "a:b", ""} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		got, err := ram.ParseRolePolicyAttachmentID(id)
		if err == nil && got != id {
			t.Fatalf("ParseRolePolicyAttachmentID(%q) prints as %q", id, got)
		}
	})
}

func testAccAttachmentConfig(srv *emulator.Server, roleName, policyType, policyName string) string {
	return testAccRoleConfig(srv, roleName, []string{testAccIdPName}) + fmt.Sprintf(`
resource "idaas_ram_role_policy_attachment" "test" {
  role_name   = idaas_ram_role.test.name
  policy_type = %q
  policy_name = %q
}
`, policyType, policyName)
}

// testAccCheckAttached checks that the role's policies are exactly want
// ("Type:Name").
func testAccCheckAttached(t *testing.T, srv *emulator.Server, roleName string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		policies, err := testAccClient(t, srv).RAM().ListPoliciesForRole(context.Background(), roleName)
		if err != nil {
			return err
		}
		var got []string
		for _, p := range policies {
			got = append(got, p.PolicyType+":"+p.PolicyName)
		}
		if !sameElements(got, want) {
			return fmt.Errorf("policies of RAM role %q = %v, want %v", roleName, got, want)
		}
		return nil
	}
}

// testAccCheckAttachmentDestroy checks through the finder that the policy
// is not attached (the role may be gone too).
func testAccCheckAttachmentDestroy(t *testing.T, srv *emulator.Server, roleName, policyType, policyName string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, err := ram.FindRolePolicyAttachment(context.Background(), testAccClient(t, srv).RAM(), roleName, policyType, policyName)
		if err == nil {
			return fmt.Errorf("the %s policy %q is still attached to RAM role %q", policyType, policyName, roleName)
		}
		if !client.IsNotFound(err) {
			return err
		}
		return nil
	}
}

func sameElements(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
