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

const userDataSource = "data.idaas_user.test"

func testAccUserDataSourceConfig(f *directoryFixture, argument, value string) string {
	return f.config(`
data "idaas_user" "test" {
  instance_id = %q
  %s = %q
}
`, f.instanceID, argument, value)
}

func aliceChecks(f *directoryFixture) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("id"), knownvalue.StringExact(aliceID)),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("user_id"), knownvalue.StringExact(aliceID)),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("username"), knownvalue.StringExact("alice")),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("display_name"), knownvalue.StringExact("Alice")),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("email"), knownvalue.StringExact("alice@example.com")),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("status"), knownvalue.StringExact("enabled")),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("external_id"), knownvalue.StringExact(aliceID)),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("instance_id"), knownvalue.StringExact(f.instanceID)),
		statecheck.ExpectKnownValue(userDataSource, tfjsonpath.New("create_time"), knownvalue.StringRegexp(rfc3339UTCRegexp)),
	}
}

// TestAccUserDataSource_byUsername finds alice exactly, although
// alice.smith shares the prefix the lookup lists by.
func TestAccUserDataSource_byUsername(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config:            testAccUserDataSourceConfig(f, "username", "alice"),
		ConfigStateChecks: aliceChecks(f),
	}})
}

func TestAccUserDataSource_byID(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config:            testAccUserDataSourceConfig(f, "user_id", aliceID),
		ConfigStateChecks: aliceChecks(f),
	}})
}

func TestAccUserDataSource_errors(t *testing.T) {
	f := newDirectoryFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config: testAccUserDataSourceConfig(f, "username", "Alice"),
			ExpectError: errorPattern("IDaaS user not found", `has the username "Alice"`, "compared exactly, with their case",
				`Close usernames: "alice", "alice.smith".`),
		},
		{
			Config:      testAccUserDataSourceConfig(f, "username", "zed"),
			ExpectError: errorPattern(`has the username "zed"`, "No username is close to it."),
		},
		{
			Config:      testAccUserDataSourceConfig(f, "user_id", eiamID("user_", "nobody")),
			ExpectError: errorPattern("Error reading IDaaS user", eiamID("user_", "nobody"), "EntityNotExists.User"),
		},
		{
			Config: f.config(`
data "idaas_user" "test" {
  instance_id = %q
}
`, f.instanceID),
			ExpectError: errorPattern("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [user_id,username]"),
		},
		{
			Config: f.config(`
data "idaas_user" "test" {
  instance_id = %q
  user_id     = %q
  username    = "alice"
}
`, f.instanceID, aliceID),
			ExpectError: errorPattern("Invalid Attribute Combination", "Exactly one of these attributes must be configured: [user_id,username]"),
		},
	})
}
