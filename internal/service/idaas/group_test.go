// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

const groupResourceAddress = "idaas_group.test"

// groupHCL is an idaas_group of the fixture's instance with the given
// arguments.
func (f *directoryFixture) groupHCL(args string) string {
	return f.config(`
resource "idaas_group" "test" {
  instance_id = %q
%s}
`, f.instanceID, args)
}

// TestAccGroup_basic creates a group that maps to a role (its external ID
// defaults to the role's name) with members, imports it, then renames it,
// maps it to another role and changes its members, and checks each time
// what IDaaS holds.
func TestAccGroup_basic(t *testing.T) {
	f := newDirectoryFixture(t)
	created := f.groupHCL(fmt.Sprintf(`  name        = "admins"
  description = "Console administrators"
  role        = { name = "sso-admin" }
  user_ids    = [%q, %q]
`, aliceID, bobID))
	updated := f.groupHCL(fmt.Sprintf(`  name     = "billing"
  role     = { name = "sso-billing" }
  user_ids = [%q]
`, carolID))
	acctest.Test(t, f.checkGroupsGone("admins", "billing"), []resource.TestStep{
		{
			Config: created,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				// Known at plan, so that the link checks can read it.
				plancheck.ExpectKnownValue(groupResourceAddress, tfjsonpath.New("external_id"), knownvalue.StringExact("sso-admin")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(groupResourceAddress, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339UTCRegexp)),
			},
			Check: f.checkGroup("admins", "sso-admin", "Console administrators", aliceID, bobID),
		},
		{
			ResourceName: groupResourceAddress,
			ImportState:  true,
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return f.instanceID + "/" + s.RootModule().Resources[groupResourceAddress].Primary.ID, nil
			},
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"role", "user_ids", "timeouts"},
		},
		{
			Config: updated,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(groupResourceAddress, plancheck.ResourceActionUpdate),
			}},
			Check: f.checkGroup("billing", "sso-billing", "", carolID),
		},
		{
			// A member added in the console is drift, removed by the apply.
			PreConfig: func() {
				g := f.group("billing")
				if err := f.client.EIAM().AddUsersToGroup(context.Background(), f.instanceID, g.GroupID, []string{bobID}); err != nil {
					t.Fatal(err)
				}
			},
			Config: updated,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(groupResourceAddress, plancheck.ResourceActionUpdate),
			}},
			Check: f.checkGroup("billing", "sso-billing", "", carolID),
		},
	})
}

// TestAccGroup_checks refuses at plan a group whose external ID is not the
// name of the role it maps to, and a group whose name is taken, with the
// import block that adopts the existing group. Nothing is created.
func TestAccGroup_checks(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.Test(t, nil, []resource.TestStep{
		{
			Config:   f.groupHCL("  name = \"admins\"\n  external_id = \"sso-admins\"\n  role = { name = \"sso-admin\" }\n"),
			PlanOnly: true,
			ExpectError: errorPattern(`Group external ID is not the RAM role name`, `external_id "sso-admins"`, `RAM role "sso-admin"`,
				`Set the external_id of IDaaS group "admins" to "sso-admin"`),
		},
		{
			Config:      f.groupHCL("  name = \"ops\"\n"),
			ExpectError: errorPattern(`Group already exists`, `Nothing was created`, `import {`, `to = idaas_group.<name>`, f.instanceID+"/"+opsGroupID),
		},
	})
	if g := f.group("admins"); g != nil {
		t.Errorf("a refused plan created group %+v", g)
	}
}

// group returns the group named name, or nil.
func (f *directoryFixture) group(name string) *client.Group {
	f.t.Helper()
	g, err := f.client.EIAM().FindGroupByName(context.Background(), f.instanceID, name)
	if client.IsNotFound(err) {
		return nil
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return g
}

// checkGroup checks the group IDaaS holds under name.
func (f *directoryFixture) checkGroup(name, externalID, description string, members ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		g := f.group(name)
		if g == nil {
			return fmt.Errorf("no group named %q", name)
		}
		if g.GroupExternalID != externalID || g.Description != description {
			return fmt.Errorf("group %q: external ID %q, description %q; want %q, %q", name, g.GroupExternalID, g.Description, externalID, description)
		}
		got, err := f.client.EIAM().ListUsersForGroup(context.Background(), f.instanceID, g.GroupID)
		if err != nil {
			return err
		}
		slices.Sort(got)
		slices.Sort(members)
		if !slices.Equal(got, members) {
			return fmt.Errorf("group %q: members %v, want %v", name, got, members)
		}
		return nil
	}
}

// checkGroupsGone checks that no group of the given names is left.
func (f *directoryFixture) checkGroupsGone(names ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, name := range names {
			if g := f.group(name); g != nil {
				return fmt.Errorf("group %q (%s) still exists", name, g.GroupID)
			}
		}
		return nil
	}
}
