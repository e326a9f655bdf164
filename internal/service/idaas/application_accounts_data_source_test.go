// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

func TestAccApplicationAccountsDataSource_basic(t *testing.T) {
	account := func(id, appID, userID, name string) map[string]any {
		return map[string]any{"ApplicationAccountId": id, "ApplicationId": appID, "UserId": userID, "ApplicationUsername": name}
	}
	f := newDirectoryFixtureWith(t, directoryState(t,
		account("aac_a1000000000000000000000000", testAppID, aliceID, "sso-admin"),
		account("aac_b1000000000000000000000000", testAppID, bobID, "sso-readonly"),
		account("aac_a2000000000000000000000000", testAppID, aliceID, "sso-billing"),
		account("aac_x1000000000000000000000000", testAppID2, aliceID, "billing-admin"),
	))
	accountCheck := func(id, userID, name string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(id), "user_id": knownvalue.StringExact(userID),
			"account_name": knownvalue.StringExact(name), "create_time": knownvalue.StringRegexp(rfc3339UTCRegexp),
		})
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: f.config(`
data "idaas_application_accounts" "all" {
  instance_id    = %[1]q
  application_id = %[2]q
}

data "idaas_application_accounts" "alice" {
  instance_id    = %[1]q
  application_id = %[2]q
  user_id        = %[3]q
}

data "idaas_application_accounts" "carol" {
  instance_id    = %[1]q
  application_id = %[2]q
  user_id        = %[4]q
}
`, f.instanceID, testAppID, aliceID, carolID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.idaas_application_accounts.all", tfjsonpath.New("accounts"), knownvalue.ListExact([]knownvalue.Check{
				accountCheck("aac_a1000000000000000000000000", aliceID, "sso-admin"),
				accountCheck("aac_b1000000000000000000000000", bobID, "sso-readonly"),
				accountCheck("aac_a2000000000000000000000000", aliceID, "sso-billing"),
			})),
			statecheck.ExpectKnownValue("data.idaas_application_accounts.alice", tfjsonpath.New("accounts"), knownvalue.ListExact([]knownvalue.Check{
				accountCheck("aac_a1000000000000000000000000", aliceID, "sso-admin"),
				accountCheck("aac_a2000000000000000000000000", aliceID, "sso-billing"),
			})),
			statecheck.ExpectKnownValue("data.idaas_application_accounts.carol", tfjsonpath.New("accounts"), knownvalue.ListSizeExact(0)),
		},
	}})
}
