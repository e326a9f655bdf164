// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// TestAccInstanceDataSource_basic finds the only instance, and the same
// instance by ID.
func TestAccInstanceDataSource_basic(t *testing.T) {
	f := newApplicationFixture(t)
	u, err := url.Parse(f.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	var checks []statecheck.StateCheck
	for _, ds := range []string{"data.idaas_instance.this", "data.idaas_instance.by_id"} {
		checks = append(checks,
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(f.instanceID)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("status"), knownvalue.StringExact("running")),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("description"), knownvalue.Null()),
			// The emulator serves the instance where it was reached.
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("default_endpoint"), knownvalue.StringExact(u.Host)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("create_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
		)
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: f.config(`
data "idaas_instance" "by_id" {
  id = data.idaas_instance.this.id
}
`),
		ConfigStateChecks: checks,
	}})
}

func TestAccInstanceDataSource_notFound(t *testing.T) {
	f := newApplicationFixture(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: f.config(`
data "idaas_instance" "missing" {
  id = "idaas_nosuchinstance0000000000"
}
`),
		ExpectError: wrappedPattern(`Error reading IDaaS instance[\s\S]*EntityNotExists.Instance`),
	}})
}
