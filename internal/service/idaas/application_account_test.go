// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"fmt"
	"regexp"
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
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

const accountResource = "idaas_application_account.test"

var (
	accountIDRegexp   = regexp.MustCompile(`^aac_[a-z0-9]{26}$`)
	rfc3339UTCRegexp  = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	accountImportByID = func(f *directoryFixture) resource.ImportStateIdFunc {
		return func(s *terraform.State) (string, error) {
			rs, ok := s.RootModule().Resources[accountResource]
			if !ok {
				return "", fmt.Errorf("%s is not in the state", accountResource)
			}
			return f.instanceID + "/" + testAppID + "/" + rs.Primary.ID, nil
		}
	}
)

// errorPattern matches an error that holds the given pieces in order. The
// CLI wraps long lines, so a space in a piece matches any white space.
func errorPattern(pieces ...string) *regexp.Regexp {
	var quoted []string
	for _, p := range pieces {
		quoted = append(quoted, strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`))
	}
	return regexp.MustCompile(strings.Join(quoted, `[\s\S]*`))
}

func testAccApplicationAccountConfig(f *directoryFixture, userID, name string) string {
	return f.config(`
resource "idaas_application_account" "test" {
  instance_id    = %q
  application_id = %q
  user_id        = %q
  account_name   = %q
}
`, f.instanceID, testAppID, userID, name)
}

// testAccCheckApplicationAccountDestroyed checks through the finder that no
// account of the state exists any more.
func testAccCheckApplicationAccountDestroyed(f *directoryFixture) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "idaas_application_account" {
				continue
			}
			_, err := idaas.FindApplicationAccount(context.Background(), f.conn, client.ApplicationAccount{
				InstanceID: rs.Primary.Attributes["instance_id"], ApplicationID: rs.Primary.Attributes["application_id"],
				UserID: rs.Primary.Attributes["user_id"], ApplicationAccountID: rs.Primary.ID,
			})
			if err == nil {
				return fmt.Errorf("application account %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// testAccCheckAccounts checks a user's accounts in the test application by
// name, so that a duplicate shows.
func testAccCheckAccounts(f *directoryFixture, userID string, names ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []string
		for _, acc := range f.accounts(userID) {
			got = append(got, acc.ApplicationUsername)
		}
		if fmt.Sprint(got) != fmt.Sprint(names) {
			return fmt.Errorf("accounts of %s = %q, want %q", userID, got, names)
		}
		return nil
	}
}

func TestAccApplicationAccount_basic(t *testing.T) {
	f := newDirectoryFixture(t)
	config := testAccApplicationAccountConfig(f, aliceID, "sso-admin")
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("id"), knownvalue.StringRegexp(accountIDRegexp)),
				statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("instance_id"), knownvalue.StringExact(f.instanceID)),
				statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("application_id"), knownvalue.StringExact(testAppID)),
				statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("user_id"), knownvalue.StringExact(aliceID)),
				statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("account_name"), knownvalue.StringExact("sso-admin")),
				statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339UTCRegexp)),
			},
			Check: testAccCheckAccounts(f, aliceID, "sso-admin"),
		},
		{
			ResourceName:      accountResource,
			ImportState:       true,
			ImportStateIdFunc: accountImportByID(f),
			ImportStateVerify: true,
		},
		{
			ResourceName:      accountResource,
			ImportState:       true,
			ImportStateId:     f.instanceID + "/" + testAppID + "/" + aliceID + "/sso-admin",
			ImportStateVerify: true,
		},
		{
			ResourceName:      accountResource,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: accountImportByID(f),
		},
		{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

// TestAccApplicationAccount_replace: there is no rename, so a new name or
// user replaces the account, and no account is left behind.
func TestAccApplicationAccount_replace(t *testing.T) {
	f := newDirectoryFixture(t)
	idChanges := statecheck.CompareValue(compare.ValuesDiffer())
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{
		{
			Config:            testAccApplicationAccountConfig(f, aliceID, "sso-admin"),
			ConfigStateChecks: []statecheck.StateCheck{idChanges.AddStateValue(accountResource, tfjsonpath.New("id"))},
		},
		{
			Config: testAccApplicationAccountConfig(f, aliceID, "sso-readonly"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(accountResource, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{idChanges.AddStateValue(accountResource, tfjsonpath.New("id"))},
			Check:             testAccCheckAccounts(f, aliceID, "sso-readonly"),
		},
		{
			Config: testAccApplicationAccountConfig(f, bobID, "sso-readonly"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(accountResource, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{idChanges.AddStateValue(accountResource, tfjsonpath.New("id"))},
			Check: resource.ComposeAggregateTestCheckFunc(
				testAccCheckAccounts(f, aliceID),
				testAccCheckAccounts(f, bobID, "sso-readonly"),
			),
		},
	})
}

// TestAccApplicationAccount_disappears: an account removed out of band is
// added again.
func TestAccApplicationAccount_disappears(t *testing.T) {
	f := newDirectoryFixture(t)
	config := testAccApplicationAccountConfig(f, aliceID, "sso-admin")
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{
		{Config: config},
		{
			PreConfig: func() {
				for _, acc := range f.accounts(aliceID) {
					if err := f.conn.RemoveApplicationAccountFromUser(context.Background(), acc); err != nil {
						t.Fatal(err)
					}
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(accountResource, plancheck.ResourceActionCreate),
			}},
			Check: testAccCheckAccounts(f, aliceID, "sso-admin"),
		},
	})
}

// TestAccApplicationAccount_ambiguousFailure: the add takes effect but its
// answer is lost, and the new account is not listed for a while. The
// provider adopts it: the user ends up with exactly one account, added by
// one call.
func TestAccApplicationAccount_ambiguousFailure(t *testing.T) {
	f := newDirectoryFixture(t, emulatortest.WithKnobs(emulator.Knobs{
		Faults:      []emulator.Fault{{Action: "AddApplicationAccountToUser", Kind: emulator.FaultAmbiguous, Count: 1}},
		Consistency: map[string]emulator.Duration{"Eiam.ApplicationAccount": emulator.Duration(2 * time.Second)},
	}))
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{{
		Config: testAccApplicationAccountConfig(f, aliceID, "sso-admin"),
		Check: resource.ComposeAggregateTestCheckFunc(
			testAccCheckAccounts(f, aliceID, "sso-admin"),
			func(s *terraform.State) error {
				adds := f.eiamCalls("AddApplicationAccountToUser")
				if len(adds) != 1 || adds[0].Fault != string(emulator.FaultAmbiguous) {
					return fmt.Errorf("AddApplicationAccountToUser calls = %+v, want the one that failed ambiguously", adds)
				}
				if got, want := s.RootModule().Resources[accountResource].Primary.ID, f.accounts(aliceID)[0].ApplicationAccountID; got != want {
					return fmt.Errorf("state ID %s, want the account added, %s", got, want)
				}
				return nil
			},
		),
	}})
}

// TestAccApplicationAccount_eventualConsistency: a new account that IDaaS
// does not list yet is read again until it is.
func TestAccApplicationAccount_eventualConsistency(t *testing.T) {
	f := newDirectoryFixture(t, emulatortest.WithKnobs(emulator.Knobs{
		Consistency: map[string]emulator.Duration{"Eiam.ApplicationAccount": emulator.Duration(2 * time.Second)},
	}))
	acctest.ParallelTest(t, testAccCheckApplicationAccountDestroyed(f), []resource.TestStep{{
		Config: testAccApplicationAccountConfig(f, aliceID, "sso-admin"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(accountResource, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339UTCRegexp)),
		},
		Check: func(*terraform.State) error {
			if adds := f.eiamCalls("AddApplicationAccountToUser"); len(adds) != 1 {
				return fmt.Errorf("AddApplicationAccountToUser calls = %d, want 1", len(adds))
			}
			return nil
		},
	}})
}

// TestAccApplicationAccount_exists: an account of the name that the user
// has already is not added twice; the error says how to import it.
func TestAccApplicationAccount_exists(t *testing.T) {
	f := newDirectoryFixtureWith(t, directoryState(t, map[string]any{
		"ApplicationAccountId": "aac_existing0000000000000000000", "ApplicationId": testAppID, "UserId": aliceID, "ApplicationUsername": "sso-admin",
	}))
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: testAccApplicationAccountConfig(f, aliceID, "sso-admin"),
		ExpectError: errorPattern("Application account already exists", `already has an application account named "sso-admin"`,
			"aac_existing0000000000000000000", "import it", "import {", "to = idaas_application_account.<name>",
			`id = "`+f.instanceID+"/"+testAppID+`/aac_existing0000000000000000000"`),
	}})
	if adds := f.eiamCalls("AddApplicationAccountToUser"); len(adds) != 0 {
		t.Errorf("AddApplicationAccountToUser was called: %+v", adds)
	}
	if err := testAccCheckAccounts(f, aliceID, "sso-admin")(nil); err != nil {
		t.Error(err)
	}
}

// TestAccApplicationAccount_invalidName: a name with "_" is rejected at
// validate, naming both rules, before any IDaaS call.
func TestAccApplicationAccount_invalidName(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: testAccApplicationAccountConfig(f, aliceID, "sso_admin"),
		ExpectError: errorPattern("Invalid application account name", `"sso_admin" is invalid: it contains '_'`,
			"must equal the name of the RAM role", "A RAM role name has 1 to 64 characters", `For example "sso-admin"`),
	}})
	if calls := f.eiamCalls(); len(calls) != 0 {
		t.Errorf("Eiam was called: %+v", calls)
	}
}

// TestAccApplicationAccount_importErrors: a bad import ID and an account
// that is not there get errors that say what to give.
func TestAccApplicationAccount_importErrors(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{Config: testAccApplicationAccountConfig(f, aliceID, "sso-admin")},
		{
			ResourceName:  accountResource,
			ImportState:   true,
			ImportStateId: f.instanceID + "/" + testAppID,
			ExpectError: errorPattern("invalid import ID", "it has 2 parts",
				"<instance_id>/<application_id>/<application_account_id>", "<instance_id>/<application_id>/<user_id>/<account_name>"),
		},
		{
			ResourceName:  accountResource,
			ImportState:   true,
			ImportStateId: f.instanceID + "/" + testAppID + "/" + aliceID + "/sso-readonly",
			ExpectError:   errorPattern(`no application account named "sso-readonly"`, `its accounts there are "sso-admin"`),
		},
		{
			ResourceName:  accountResource,
			ImportState:   true,
			ImportStateId: f.instanceID + "/" + testAppID + "/aac_missing000000000000000000000",
			ExpectError:   errorPattern("has no application account aac_missing"),
		},
	})
}
