// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

// The passing half of the matrix: configurations the checks accept, each
// planned first without a single diagnostic (a correct configuration is
// quiet: no warning either), then applied with terraform-plugin-testing,
// and signed in to. The tests do not run in parallel: the property test of
// this package turns the checks off.

// alice is the grant of every passing configuration.
var alice = grant{user: "alice", accountName: "sso-admin", role: "sso-admin"}

// TestAccCrossCheck_passesWiredByReference applies the recommended wiring,
// in which every name is written once.
func TestAccCrossCheck_passesWiredByReference(t *testing.T) {
	requireAcceptance(t)
	w := newWorld(t)
	applyQuietly(t, w.withCredentials()+recommendedChain, w.signsIn(t, "Alibaba Cloud", alice),
		// The names that come from the links.
		statecheck.ExpectKnownValue(samlProviderAddress, tfjsonpath.New("name"), knownvalue.StringExact("idaas")),
		statecheck.ExpectKnownValue(accountAddress, tfjsonpath.New("account_name"), knownvalue.StringExact("sso-admin")),
	)
}

// TestAccCrossCheck_passesWithLiterals applies the chain with every name
// typed and no links: only the offline and live checks apply, and they
// find nothing to say.
func TestAccCrossCheck_passesWithLiterals(t *testing.T) {
	requireAcceptance(t)
	w := newWorld(t)
	applyQuietly(t, w.withCredentials()+literalChain, w.signsIn(t, "Alibaba Cloud", alice))
}

// TestAccCrossCheck_passesSplitInTwo applies the chain as two teams do,
// in two configurations with two states, sharing one emulator: the RAM
// side first, then the IDaaS side, as the guide shows them. The
// application was made in the console (in the emulator's account, the
// guide's); both sides read it with the data source and pass it to the
// links, adding the two facts IDaaS cannot read back (its IdP name and
// account ID). The IDaaS side links the role through the idaas_ram_role
// data source, so its plan checks the account against a role the other
// configuration made.
func TestAccCrossCheck_passesSplitInTwo(t *testing.T) {
	requireAcceptance(t)
	w := consoleApplications(t, "Alibaba Cloud")
	// The configurations are the guide's.
	ramSide := w.withCredentials() + guideExample(t, "split-ram")
	idaasSide := w.withCredentials() + guideExample(t, "split-idaas")

	// The RAM side's state must outlive its run, which terraform-plugin-
	// testing would end with a destroy: it is applied by the CLI directly.
	ram := newWorkdir(t)
	ram.write(ramSide)
	if ds := ram.plan(); len(ds) > 0 {
		t.Fatalf("the plan of the RAM side reported:\n%s", ds.full())
	}
	if errs := ram.apply().errors(); len(errs) > 0 {
		t.Fatalf("the apply of the RAM side failed:\n%s", errs.full())
	}
	applyQuietly(t, idaasSide, w.signsIn(t, "Alibaba Cloud", alice),
		statecheck.ExpectKnownValue(accountAddress, tfjsonpath.New("account_name"), knownvalue.StringExact("sso-admin")),
	)
}

// applyQuietly is the life of a passing configuration: its plan, made
// first on its own, is quiet; terraform-plugin-testing applies it, checks
// the state and runs check (a sign-in); and a second plan is empty.
func applyQuietly(t *testing.T, config string, check resource.TestCheckFunc, stateChecks ...statecheck.StateCheck) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:         func() { expectQuietPlan(t, config) },
				Config:            config,
				ConfigStateChecks: stateChecks,
				Check:             check,
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// expectQuietPlan plans config, in a working directory of its own with no
// state, and fails the test on any diagnostic.
func expectQuietPlan(t *testing.T, config string) {
	t.Helper()
	wd := newWorkdir(t)
	wd.write(config)
	if ds := wd.plan(); len(ds) > 0 {
		t.Errorf("the plan of a correct configuration reported:\n%s", ds.full())
	}
}

// signsIn is a check that the users of grants sign in to the application
// of the world named appName.
func (w world) signsIn(t *testing.T, appName string, grants ...grant) resource.TestCheckFunc {
	return func(*terraform.State) error {
		return w.signIn(t, w.application(t, appName), grants)
	}
}
