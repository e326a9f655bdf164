// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

// TestModifyRoleSSOApplicationPlan checks the values that default to the
// provider's configuration, the values computed at plan, and the refusal
// of an imported application of an unknown template.
func TestModifyRoleSSOApplicationPlan(t *testing.T) {
	const (
		account  = "1234567890123456"
		provider = "2222222222222222"
		custom   = "apt_custom_role"
	)
	str, null, unknown := types.StringValue, types.StringNull(), types.StringUnknown()
	international, china := rolesso.SiteInternational, rolesso.SiteChina
	arn := func(account string) types.String { return str(rolesso.SAMLProviderARN(account, "idaas")) }
	intlTemplate, chinaTemplate := str(emulator.RoleSSOTemplateIDInternational), str(emulator.RoleSSOTemplateIDChina)
	// created is the plan of a new application: computed values unknown,
	// the template as configured.
	created := idaas.PlanValues{ID: unknown, Site: unknown, TemplateID: intlTemplate, AccountID: unknown, IdPName: str("idaas"),
		SAMLProviderARN: unknown, Status: unknown, Enabled: types.BoolValue(true)}
	config := idaas.PlanValues{ID: null, Site: null, TemplateID: intlTemplate, AccountID: null, IdPName: str("idaas"),
		SAMLProviderARN: null, Status: null, Enabled: types.BoolValue(true)}
	existing := idaas.PlanValues{ID: str("app_1"), Site: str(china), TemplateID: chinaTemplate, AccountID: str(account),
		IdPName: str("idaas"), SAMLProviderARN: arn(account), Status: str("enabled"), Enabled: types.BoolValue(true)}
	// imported is an application after import whose SSO configuration
	// names neither site's service provider: its site is unknown.
	imported := idaas.PlanValues{ID: str("app_1"), Site: null, TemplateID: str(custom), AccountID: null, IdPName: null,
		SAMLProviderARN: null, Status: str("enabled"), Enabled: types.BoolValue(true)}
	with := func(v idaas.PlanValues, change func(*idaas.PlanValues)) idaas.PlanValues { change(&v); return v }

	type testCase struct {
		plan, config idaas.PlanValues
		state        *idaas.PlanValues
		unconfigured bool
		want         idaas.PlanValues
		wantErr      string
	}
	tests := map[string]testCase{
		"create with the provider's defaults": {
			plan: created, config: config,
			want: with(created, func(v *idaas.PlanValues) {
				v.Site, v.AccountID = str(international), str(provider)
				v.SAMLProviderARN, v.Status = arn(provider), str("enabled")
			}),
		},
		"create without template_id": {
			plan:    with(created, func(v *idaas.PlanValues) { v.TemplateID = unknown }),
			config:  with(config, func(v *idaas.PlanValues) { v.TemplateID = null }),
			wantErr: `Missing template_id: The application is made from the IDaaS marketplace template`,
		},
		"create while the provider is not configured": {
			plan: created, config: config, unconfigured: true,
			want: with(created, func(v *idaas.PlanValues) { v.Status = str("enabled") }),
		},
		"create at the configured site and account": {
			plan:   with(created, func(v *idaas.PlanValues) { v.Site, v.TemplateID, v.AccountID = str(china), chinaTemplate, str(account) }),
			config: with(config, func(v *idaas.PlanValues) { v.Site, v.TemplateID, v.AccountID = str(china), chinaTemplate, str(account) }),
			want: with(created, func(v *idaas.PlanValues) {
				v.Site, v.TemplateID, v.AccountID = str(china), chinaTemplate, str(account)
				v.SAMLProviderARN, v.Status = arn(account), str("enabled")
			}),
		},
		"create disabled": {
			plan:   with(created, func(v *idaas.PlanValues) { v.Enabled = types.BoolValue(false) }),
			config: with(config, func(v *idaas.PlanValues) { v.Enabled = types.BoolValue(false) }),
			want: with(created, func(v *idaas.PlanValues) {
				v.Site, v.AccountID = str(international), str(provider)
				v.SAMLProviderARN, v.Status, v.Enabled = arn(provider), str("disabled"), types.BoolValue(false)
			}),
		},
		"the site stays when the provider's site differs; the account follows the provider": {
			plan: existing, config: with(config, func(v *idaas.PlanValues) { v.TemplateID = chinaTemplate }), state: &existing,
			want: with(existing, func(v *idaas.PlanValues) { v.AccountID, v.SAMLProviderARN = str(provider), arn(provider) }),
		},
		"the account stays while the provider is not configured": {
			plan:   with(existing, func(v *idaas.PlanValues) { v.AccountID = unknown }),
			config: with(config, func(v *idaas.PlanValues) { v.TemplateID = chinaTemplate }), state: &existing, unconfigured: true,
			want: existing,
		},
		"an imported application without template_id in the configuration keeps its template": {
			plan:   with(existing, func(v *idaas.PlanValues) { v.AccountID = unknown }),
			config: with(config, func(v *idaas.PlanValues) { v.TemplateID = null }), state: &existing, unconfigured: true,
			want: existing,
		},
		"an imported standard SAML application, with sso_form left to its default": {
			plan:    with(imported, func(v *idaas.PlanValues) { v.TemplateID, v.SSOForm = null, str("template") }),
			config:  config,
			state:   ptr(with(imported, func(v *idaas.PlanValues) { v.TemplateID, v.SSOForm = null, str("standard_saml") })),
			wantErr: `Application of the other form: The application app_1 has sso_form = "standard_saml"`,
		},
		"an imported application whose SSO configuration names neither site": {
			plan: imported, config: config, state: &imported,
			wantErr: `Unknown site: The SSO configuration of application app_1 names neither site's service provider`,
		},
		"an imported application whose site the configuration names": {
			plan:   with(imported, func(v *idaas.PlanValues) { v.IdPName, v.Site = str("idaas"), str(international) }),
			config: with(config, func(v *idaas.PlanValues) { v.Site, v.TemplateID = str(international), str(custom) }),
			state:  &imported,
			want: with(imported, func(v *idaas.PlanValues) {
				v.Site, v.AccountID, v.IdPName, v.SAMLProviderARN = str(international), str(provider), str("idaas"), arn(provider)
			}),
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
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

func ptr[T any](v T) *T { return &v }

// TestWarnRoleExpressionReplaced warns only when the plan replaces a Role
// expression the state holds with another.
func TestWarnRoleExpressionReplaced(t *testing.T) {
	t.Parallel()
	derived := types.StringValue(rolesso.StandardRoleExpression)
	console := types.StringValue(`ArrayMap(user.groups, __item.groupExternalId)`)
	if d := idaas.WarnRoleExpressionReplaced(console, derived); d.WarningsCount() != 1 ||
		!strings.Contains(d[0].Detail(), `is "ArrayMap(user.groups, __item.groupExternalId)"`) || !strings.Contains(d[0].Detail(), "do not apply") {
		t.Errorf("replacing a console expression: %v, want one warning that names it", d)
	}
	for name, state := range map[string]types.String{"same": derived, "null (a new or imported template application)": types.StringNull()} {
		if d := idaas.WarnRoleExpressionReplaced(state, derived); len(d) != 0 {
			t.Errorf("%s: %v, want none", name, d)
		}
	}
}
