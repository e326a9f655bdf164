// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

func TestAccUsersDataSource_basic(t *testing.T) {
	// More users than one page holds, so that the list is read in pages.
	var bulk []map[string]any
	for i := range 60 {
		bulk = append(bulk, map[string]any{"UserId": eiamID("user_", fmt.Sprintf("bulk%03d", i)), "Username": fmt.Sprintf("bulk-%03d", i)})
	}
	f := newDirectoryFixtureWith(t, directoryStateWithUsers(t, bulk))
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: f.config(`
data "idaas_users" "alices" {
  instance_id     = %[1]q
  username_prefix = "alice"
}

data "idaas_users" "all" {
  instance_id = %[1]q
}

data "idaas_users" "none" {
  instance_id     = %[1]q
  username_prefix = "nobody"
}
`, f.instanceID),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.idaas_users.alices", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(aliceID), knownvalue.StringExact(aliceSmith),
			})),
			statecheck.ExpectKnownValue("data.idaas_users.alices", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(aliceID), "username": knownvalue.StringExact("alice"),
					"display_name": knownvalue.StringExact("Alice"), "email": knownvalue.StringExact("alice@example.com"),
					"status": knownvalue.StringExact("enabled"), "create_time": knownvalue.StringRegexp(rfc3339UTCRegexp),
				}),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{"username": knownvalue.StringExact("alice.smith")}),
			})),
			statecheck.ExpectKnownValue("data.idaas_users.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(4+60)),
			statecheck.ExpectKnownValue("data.idaas_users.all", tfjsonpath.New("users").AtSliceIndex(63).AtMapKey("username"), knownvalue.StringExact("bulk-059")),
			statecheck.ExpectKnownValue("data.idaas_users.none", tfjsonpath.New("users"), knownvalue.ListSizeExact(0)),
		},
	}})
}
