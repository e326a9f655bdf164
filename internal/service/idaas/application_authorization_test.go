// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

const authorizationResource = "idaas_application_authorization.test"

// testAccApplicationAuthorizationConfig grants the test application to
// users and groups; a nil list leaves the argument out.
func testAccApplicationAuthorizationConfig(f *directoryFixture, userIDs, groupIDs []string) string {
	var args []string
	if userIDs != nil {
		args = append(args, "  user_ids       = "+hclList(userIDs))
	}
	if groupIDs != nil {
		args = append(args, "  group_ids      = "+hclList(groupIDs))
	}
	return f.config(`
resource "idaas_application_authorization" "test" {
  instance_id    = %q
  application_id = %q
%s
}
`, f.instanceID, testAppID, strings.Join(args, "\n"))
}

func hclList(values []string) string {
	quoted := make([]string, 0, len(values))
	for _, v := range values {
		quoted = append(quoted, fmt.Sprintf("%q", v))
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func setOf(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.SetExact(checks)
}

// testAccCheckAuthorization checks the test application's direct grants
// through the finder.
func testAccCheckAuthorization(f *directoryFixture, userIDs, groupIDs []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := idaas.FindApplicationAuthorization(context.Background(), f.conn, f.instanceID, testAppID)
		if err != nil {
			return err
		}
		slices.Sort(got.UserIDs)
		slices.Sort(got.GroupIDs)
		want := &idaas.ApplicationAuthorization{UserIDs: slices.Sorted(slices.Values(userIDs)), GroupIDs: slices.Sorted(slices.Values(groupIDs))}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("grants of the application = %+v, want %+v", got, want)
		}
		return nil
	}
}

func TestAccApplicationAuthorization_basic(t *testing.T) {
	f := newDirectoryFixture(t)
	config := testAccApplicationAuthorizationConfig(f, []string{aliceID, bobID}, []string{opsGroupID})
	acctest.ParallelTest(t, testAccCheckAuthorization(f, nil, nil), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(authorizationResource, tfjsonpath.New("id"), knownvalue.StringExact(f.instanceID+"/"+testAppID)),
				statecheck.ExpectKnownValue(authorizationResource, tfjsonpath.New("user_ids"), setOf(aliceID, bobID)),
				statecheck.ExpectKnownValue(authorizationResource, tfjsonpath.New("group_ids"), setOf(opsGroupID)),
			},
			Check: testAccCheckAuthorization(f, []string{aliceID, bobID}, []string{opsGroupID}),
		},
		{
			ResourceName:  authorizationResource,
			ImportState:   true,
			ImportStateId: testAppID,
			ExpectError:   errorPattern(`invalid import ID "`+testAppID+`": it has no "/"`, `Give "<instance_id>/<application_id>"`),
		},
		{
			ResourceName:      authorizationResource,
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:    authorizationResource,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// In place: one user more, one less, and the groups no
			// longer managed.
			Config: testAccApplicationAuthorizationConfig(f, []string{aliceID, carolID}, nil),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(authorizationResource, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(authorizationResource, tfjsonpath.New("user_ids"), setOf(aliceID, carolID)),
				statecheck.ExpectKnownValue(authorizationResource, tfjsonpath.New("group_ids"), knownvalue.Null()),
			},
			Check: testAccCheckAuthorization(f, []string{aliceID, carolID}, []string{opsGroupID}),
		},
		{
			// Unmanaged groups are left alone on destroy.
			Config:  testAccApplicationAuthorizationConfig(f, []string{aliceID, carolID}, nil),
			Destroy: true,
			Check:   testAccCheckAuthorization(f, nil, []string{opsGroupID}),
		},
	})
}

// TestAccApplicationAuthorization_drift: a grant made out of band to a
// principal of a managed kind is revoked, and a grant revoked out of band
// is made again.
func TestAccApplicationAuthorization_drift(t *testing.T) {
	f := newDirectoryFixture(t)
	config := testAccApplicationAuthorizationConfig(f, []string{aliceID, bobID}, []string{opsGroupID})
	ctx := context.Background()
	// repaired is a step that makes a drift, sees the plan update the
	// resource, and the grants be the configuration's again.
	repaired := func(drift func()) resource.TestStep {
		return resource.TestStep{
			PreConfig: drift,
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(authorizationResource, plancheck.ResourceActionUpdate),
			}},
			Check: testAccCheckAuthorization(f, []string{aliceID, bobID}, []string{opsGroupID}),
		}
	}
	acctest.ParallelTest(t, testAccCheckAuthorization(f, nil, nil), []resource.TestStep{
		{Config: config},
		repaired(func() {
			mustDo(t, f.conn.AuthorizeApplicationToUsers(ctx, f.instanceID, testAppID, []string{carolID}))
			mustDo(t, f.conn.AuthorizeApplicationToGroups(ctx, f.instanceID, testAppID, []string{auditGroup}))
		}),
		repaired(func() {
			mustDo(t, f.conn.RevokeApplicationFromUsers(ctx, f.instanceID, testAppID, []string{bobID}))
			mustDo(t, f.conn.RevokeApplicationFromGroups(ctx, f.instanceID, testAppID, []string{opsGroupID}))
		}),
		{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// TestAccApplicationAuthorization_existingGrants: creating the resource over
// grants it does not list is an error, and nothing is revoked.
func TestAccApplicationAuthorization_existingGrants(t *testing.T) {
	f := newDirectoryFixture(t)
	mustDo(t, f.conn.AuthorizeApplicationToUsers(context.Background(), f.instanceID, testAppID, []string{carolID}))
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: testAccApplicationAuthorizationConfig(f, []string{aliceID}, nil),
		ExpectError: errorPattern("Application already authorizes other users", "already authorizes users not in user_ids: "+carolID,
			"import the resource", f.instanceID+"/"+testAppID),
	}})
	if writes := f.eiamCalls("AuthorizeApplicationToUsers", "RevokeApplicationFromUsers"); len(writes) != 1 {
		t.Errorf("authorization calls = %+v, want only the test's own grant", writes)
	}
}

// TestAccApplicationAuthorization_disappears: an application deleted out of
// band takes its authorization with it: the refresh drops it, the plan
// creates it again, and the apply fails on the missing application.
func TestAccApplicationAuthorization_disappears(t *testing.T) {
	f := newDirectoryFixture(t)
	config := testAccApplicationAuthorizationConfig(f, []string{aliceID}, nil)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{Config: config},
		{
			PreConfig: func() {
				ctx := context.Background()
				mustDo(t, f.client.EIAM().DisableApplication(ctx, f.instanceID, testAppID))
				mustDo(t, f.client.EIAM().DeleteApplication(ctx, f.instanceID, testAppID))
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(authorizationResource, plancheck.ResourceActionCreate),
			}},
			ExpectError: errorPattern("Error creating IDaaS application authorization", "EntityNotExists.Application"),
		},
	})
}

// TestAccApplicationAuthorization_validation: a configuration that grants
// nothing and an empty ID are errors at validate, before any grant.
func TestAccApplicationAuthorization_validation(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:      testAccApplicationAuthorizationConfig(f, nil, nil),
			ExpectError: errorPattern("Missing Attribute Configuration", "At least one of these attributes must be configured: [user_ids,group_ids]"),
		},
		{
			Config:      testAccApplicationAuthorizationConfig(f, []string{""}, nil),
			ExpectError: errorPattern("user_ids", "string length must be at least 1"),
		},
	})
	if calls := f.eiamCalls("AuthorizeApplicationToUsers", "AuthorizeApplicationToGroups"); len(calls) != 0 {
		t.Errorf("authorization calls = %+v, want none", calls)
	}
}

// TestAccApplicationAuthorization_manyUsers: more users than one call takes
// are granted in several calls.
func TestAccApplicationAuthorization_manyUsers(t *testing.T) {
	users := make([]map[string]any, 0, client.MaxIDsPerAuthorizationCall+20)
	var userIDs []string
	for i := range client.MaxIDsPerAuthorizationCall + 20 {
		id := eiamID("user_", fmt.Sprintf("bulk%03d", i))
		users = append(users, map[string]any{"UserId": id, "Username": fmt.Sprintf("bulk-%03d", i)})
		userIDs = append(userIDs, id)
	}
	f := newDirectoryFixtureWith(t, directoryStateWithUsers(t, users))
	acctest.ParallelTest(t, testAccCheckAuthorization(f, nil, nil), []resource.TestStep{{
		Config: testAccApplicationAuthorizationConfig(f, userIDs, nil),
		Check: resource.ComposeAggregateTestCheckFunc(
			testAccCheckAuthorization(f, userIDs, nil),
			func(*terraform.State) error {
				if calls := f.eiamCalls("AuthorizeApplicationToUsers"); len(calls) != 2 {
					return fmt.Errorf("AuthorizeApplicationToUsers calls = %d, want 2", len(calls))
				}
				return nil
			},
		),
	}})
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
