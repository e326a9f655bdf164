// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/planner"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// TestWithoutNameChecks plans configurations that break naming rules with
// a provider that checks them and one put together WithoutNameChecks; the
// first keeps its checks while the second exists, in the same process.
func TestWithoutNameChecks(t *testing.T) {
	t.Parallel()
	srv := acctest.Emulator(t)
	ctl := emulatortest.ControlOf(t, srv)
	cases := []struct {
		typeName string
		config   map[string]any
	}{
		// An account name with "_" and a link that contradicts it.
		{"idaas_application_account", map[string]any{
			"instance_id": "idaas_test", "application_id": "app_test", "user_id": "user_test", "account_name": "sso_admin",
			"role": map[string]any{"name": "sso-admin"},
		}},
		// An unlinked account whose role does not exist (a live warning).
		{"idaas_application_account", map[string]any{
			"instance_id": "idaas_test", "application_id": "app_test", "user_id": "user_test", "account_name": "sso-nobody",
		}},
		// A role name with "_", trusting a SAML provider that does not exist.
		{"idaas_ram_role", map[string]any{"name": "sso_admin", "saml_provider_names": []string{"okta"}}},
		// An IdP name and an account ID that break their rules.
		{"idaas_role_sso_application", map[string]any{
			"instance_id": "idaas_test", "name": "console", "idp_name": "-idaas", "account_id": "123",
			"template_id": emulator.RoleSSOTemplateIDInternational, "template_idp_name_param": emulator.RoleSSOIdPNameParam,
		}},
	}
	on := planner.NewPlanner(t, srv, nil)
	for i, c := range cases {
		if resp := on.Plan(c.typeName, c.config, nil); len(resp.Diagnostics) == 0 {
			t.Fatalf("case %d (%s): no diagnostic with the checks on", i, c.typeName)
		}
	}

	p := planner.NewPlanner(t, srv, nil, provider.WithoutNameChecks())
	ctl.ClearRequests()
	for _, c := range cases {
		resp := p.Plan(c.typeName, c.config, nil)
		for _, d := range resp.Diagnostics {
			t.Errorf("%s with the checks skipped: %s: %s", c.typeName, d.Summary, d.Detail)
		}
		if resp.PlannedState == nil {
			t.Errorf("%s: no plan", c.typeName)
		}
	}
	for _, r := range ctl.Requests(0) {
		t.Errorf("with the checks skipped, the plans called %s.%s", r.Product, r.Action)
	}
	// The provider with its checks still has them.
	for i, c := range cases {
		if resp := on.Plan(c.typeName, c.config, nil); len(resp.Diagnostics) == 0 {
			t.Errorf("case %d (%s): no diagnostic from the provider with its checks, after one without was made", i, c.typeName)
		}
	}
}
