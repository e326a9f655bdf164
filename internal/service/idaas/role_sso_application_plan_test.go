// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

// TestModifyRoleSSOApplicationPlan checks the values that default to the
// provider's configuration, the values computed at plan, and the refusal
// of an imported application of an unknown template.
func TestModifyRoleSSOApplicationPlan(t *testing.T) {
	t.Parallel()
	const (
		account  = "1234567890123456"
		provider = "2222222222222222"
		custom   = "apt_custom_role"
	)
	str, null, unknown := types.StringValue, types.StringNull(), types.StringUnknown()
	international, china := rolesso.SiteInternational, rolesso.SiteChina
	arn := func(account string) types.String { return str(rolesso.SAMLProviderARN(account, "idaas")) }
	// created is the plan of a new application: computed values unknown.
	created := idaas.PlanValues{ID: unknown, Site: unknown, TemplateID: unknown, AccountID: unknown, IdPName: str("idaas"),
		SAMLProviderARN: unknown, Status: unknown, Enabled: types.BoolValue(true)}
	config := idaas.PlanValues{ID: null, Site: null, TemplateID: null, AccountID: null, IdPName: str("idaas"),
		SAMLProviderARN: null, Status: null, Enabled: types.BoolValue(true)}
	existing := idaas.PlanValues{ID: str("app_1"), Site: str(china), TemplateID: str(emulator.RoleSSOTemplateIDChina), AccountID: str(account),
		IdPName: str("idaas"), SAMLProviderARN: arn(account), Status: str("enabled"), Enabled: types.BoolValue(true)}
	// imported is an application of an unknown template after import.
	imported := idaas.PlanValues{ID: str("app_1"), Site: null, TemplateID: str(custom), AccountID: null, IdPName: null,
		SAMLProviderARN: null, Status: str("enabled"), Enabled: types.BoolValue(true)}
	with := func(v idaas.PlanValues, change func(*idaas.PlanValues)) idaas.PlanValues { change(&v); return v }

	tests := map[string]struct {
		plan, config idaas.PlanValues
		state        *idaas.PlanValues
		unconfigured bool
		want         idaas.PlanValues
		wantErr      string
	}{
		"create with the provider's defaults": {
			plan: created, config: config,
			want: with(created, func(v *idaas.PlanValues) {
				v.Site, v.TemplateID, v.AccountID = str(international), str(emulator.RoleSSOTemplateIDInternational), str(provider)
				v.SAMLProviderARN, v.Status = arn(provider), str("enabled")
			}),
		},
		"create while the provider is not configured": {
			plan: created, config: config, unconfigured: true,
			want: with(created, func(v *idaas.PlanValues) { v.Status = str("enabled") }),
		},
		"create at the configured site and account": {
			plan:   with(created, func(v *idaas.PlanValues) { v.Site, v.AccountID = str(china), str(account) }),
			config: with(config, func(v *idaas.PlanValues) { v.Site, v.AccountID = str(china), str(account) }),
			want: with(created, func(v *idaas.PlanValues) {
				v.Site, v.TemplateID, v.AccountID = str(china), str(emulator.RoleSSOTemplateIDChina), str(account)
				v.SAMLProviderARN, v.Status = arn(account), str("enabled")
			}),
		},
		"create disabled": {
			plan:   with(created, func(v *idaas.PlanValues) { v.Enabled = types.BoolValue(false) }),
			config: with(config, func(v *idaas.PlanValues) { v.Enabled = types.BoolValue(false) }),
			want: with(created, func(v *idaas.PlanValues) {
				v.Site, v.TemplateID, v.AccountID = str(international), str(emulator.RoleSSOTemplateIDInternational), str(provider)
				v.SAMLProviderARN, v.Status, v.Enabled = arn(provider), str("disabled"), types.BoolValue(false)
			}),
		},
		"the site stays when the provider's site differs; the account follows the provider": {
			plan: existing, config: config, state: &existing,
			want: with(existing, func(v *idaas.PlanValues) { v.AccountID, v.SAMLProviderARN = str(provider), arn(provider) }),
		},
		"the account stays while the provider is not configured": {
			plan: with(existing, func(v *idaas.PlanValues) { v.AccountID = unknown }), config: config, state: &existing, unconfigured: true,
			want: existing,
		},
		"a new site brings its template": {
			plan:   with(existing, func(v *idaas.PlanValues) { v.Site = str(international) }),
			config: with(config, func(v *idaas.PlanValues) { v.Site = str(international) }),
			state:  &existing,
			want: with(existing, func(v *idaas.PlanValues) {
				v.Site, v.TemplateID, v.AccountID, v.SAMLProviderARN = str(international), str(emulator.RoleSSOTemplateIDInternational), str(provider), arn(provider)
			}),
		},
		"the default site with the other site's template": {
			plan:    with(created, func(v *idaas.PlanValues) { v.TemplateID = str(emulator.RoleSSOTemplateIDChina) }),
			config:  with(config, func(v *idaas.PlanValues) { v.TemplateID = str(emulator.RoleSSOTemplateIDChina) }),
			wantErr: `Template of another site: template_id "` + emulator.RoleSSOTemplateIDChina + `" is the role-based SSO template of the "china" site`,
		},
		"an imported application of an unknown template": {
			plan: imported, config: config, state: &imported,
			wantErr: `Not a role-based SSO application: The application app_1 was made from the template "apt_custom_role"`,
		},
		"an imported application of an unknown template, another template configured": {
			plan:    with(imported, func(v *idaas.PlanValues) { v.TemplateID = str("apt_other") }),
			config:  with(config, func(v *idaas.PlanValues) { v.TemplateID = str("apt_other") }),
			state:   &imported,
			wantErr: `Not a role-based SSO application`,
		},
		"an imported application of a template the configuration names": {
			plan:   with(imported, func(v *idaas.PlanValues) { v.IdPName = str("idaas") }),
			config: with(config, func(v *idaas.PlanValues) { v.TemplateID = str(custom) }),
			state:  &imported,
			want: with(imported, func(v *idaas.PlanValues) {
				v.Site, v.AccountID, v.IdPName, v.SAMLProviderARN = str(international), str(provider), str("idaas"), arn(provider)
			}),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			site, accountID := international, provider
			sitePtr, accountPtr := &site, &accountID
			if tt.unconfigured {
				sitePtr, accountPtr = nil, nil
			}
			got, diags := idaas.ModifyRoleSSOApplicationPlan(tt.plan, tt.config, tt.state, sitePtr, accountPtr)
			if tt.wantErr != "" {
				if !diags.HasError() || !strings.HasPrefix(diags[0].Summary()+": "+diags[0].Detail(), tt.wantErr) {
					t.Fatalf("diagnostics = %v, want an error starting %q", diags, tt.wantErr)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("diagnostics = %v", diags)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("plan (-want +got):\n%s", diff)
			}
		})
	}
}
