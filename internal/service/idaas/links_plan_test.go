// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/planner"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The live plan-time checks of the IDaaS resources, through the provider's
// server, where a test sees warnings (the CLI does not show them to
// terraform-plugin-testing).

// emulatorClient is a client of the emulator for setting up a test.
func emulatorClient(t *testing.T, srv *emulator.Server) *client.Client {
	t.Helper()
	return acctest.EmulatorClient(t, srv)
}

func TestApplicationAccountPlanLooksUpAnUnlinkedRole(t *testing.T) {
	unlinked := map[string]any{
		"instance_id": "idaas_test", "application_id": testAppID, "user_id": aliceID, "account_name": "sso-admin",
	}
	linked := map[string]any{
		"instance_id": "idaas_test", "application_id": testAppID, "user_id": aliceID,
		"role": map[string]any{"name": "sso-admin"},
	}
	otherAccount := map[string]any{
		"application": map[string]any{"instance_id": "idaas_test", "id": testAppID, "account_id": "1111111111111111"},
		"user_id":     aliceID, "account_name": "sso-admin",
	}
	type testCase struct {
		config      map[string]any
		setup       func(t *testing.T, srv *emulator.Server, p *planner.Planner)
		wantSummary string // "": no warning.
		wantDetail  []string
		wantGetRole bool
	}
	tests := map[string]testCase{
		"a role that does not exist": {
			config: unlinked, wantGetRole: true, wantSummary: "No RAM role of this name",
			wantDetail: []string{`The account_name "sso-admin" of the IDaaS application account of user ` + aliceID,
				"names no RAM role in account " + emulator.DefaultAccountID, rolesso.AccountNameMatchRule, "role = idaas_ram_role.<name>"},
		},
		"a role that exists": {
			config: unlinked, wantGetRole: true,
			setup: func(t *testing.T, srv *emulator.Server, _ *planner.Planner) {
				doc := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::` +
					srv.AccountID() + `:root"]}}]}`
				// Another case: RAM compares role names without regard to case.
				if _, err := emulatorClient(t, srv).RAM().CreateRole(context.Background(), client.CreateRoleInput{
					RoleName: "SSO-Admin", AssumeRolePolicyDocument: doc,
				}); err != nil {
					t.Fatal(err)
				}
			},
		},
		"a role planned earlier in the same run": {
			config: unlinked,
			setup: func(t *testing.T, _ *emulator.Server, p *planner.Planner) {
				p.PlanWithoutError("idaas_ram_role", map[string]any{"name": "sso-admin", "saml_provider_names": []string{"idaas"}}, nil)
			},
		},
		"a linked role, planned or managed":                                 {config: linked},
		"an application of another account, which the provider cannot read": {config: otherAccount},
		"a read that fails": {
			config: unlinked, wantGetRole: true,
			setup: func(t *testing.T, srv *emulator.Server, _ *planner.Planner) {
				emulatortest.ControlOf(t, srv).FailNext("GetRole", emulator.FaultInternalError, 1)
			},
			wantSummary: "Plan-time check could not run",
			wantDetail:  []string{`The provider could not check whether RAM role "sso-admin" exists`},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		srv := acctest.Emulator(t)
		p := planner.NewPlanner(t, srv, map[string]any{"max_retries": 0})
		if tt.setup != nil {
			tt.setup(t, srv, p)
		}
		ctl := emulatortest.ControlOf(t, srv)
		ctl.ClearRequests()
		resp := p.PlanWithoutError("idaas_application_account", tt.config, nil)
		planner.AssertWarning(t, resp, tt.wantSummary, "account_name", tt.wantDetail...)
		if got := len(ctl.Calls("GetRole")) > 0; got != tt.wantGetRole {
			t.Errorf("GetRole called: %t, want %t", got, tt.wantGetRole)
		}
		assertOnlyReads(t, ctl)
	})
}

func TestRoleSSOApplicationPlanWarnsWhenNoSAMLProviderHasTheIdPName(t *testing.T) {
	template := map[string]any{"template_id": emulator.RoleSSOTemplateIDInternational, "template_idp_name_param": emulator.RoleSSOIdPNameParam}
	config := map[string]any{"instance_id": "idaas_test", "name": "console", "idp_name": "idaas"}
	maps.Copy(config, template)
	existing := func(idpName, accountID string) map[string]any {
		return map[string]any{
			"id": testAppID, "instance_id": "idaas_test", "name": "console", "idp_name": idpName, "account_id": accountID,
			"site": rolesso.SiteInternational, "template_id": emulator.RoleSSOTemplateIDInternational,
			"authorize_all_users": true, "enabled": true,
		}
	}
	type testCase struct {
		prior       map[string]any
		config      map[string]any
		setup       func(t *testing.T, srv *emulator.Server)
		wantSummary string
		wantDetail  []string
		wantLookup  bool
	}
	tests := map[string]testCase{
		"an application without its SAML provider": {
			prior: existing("idaas", emulator.DefaultAccountID), config: config, wantLookup: true,
			wantSummary: "No SAML provider of the IdP name",
			wantDetail: []string{"No RAM SAML provider of account " + emulator.DefaultAccountID + ` has the idp_name "idaas" of IDaaS application ` + testAppID,
				rolesso.IdPNameMatchRule, "idaas_ram_saml_provider with application = idaas_role_sso_application.<name>"},
		},
		"an application with its SAML provider": {
			prior: existing("idaas", emulator.DefaultAccountID), config: config, wantLookup: true,
			setup: func(t *testing.T, srv *emulator.Server) {
				xml, _ := samltest.IdPMetadata(t, "idaas", time.Now().Add(-time.Hour), 365*24*time.Hour,
					"https://idp.example.com/meta", "https://idp.example.com/sso")
				encoded, err := rolesso.EncodeMetadata(xml)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := emulatorClient(t, srv).IMS().CreateSAMLProvider(context.Background(), client.CreateSAMLProviderInput{
					Name: "IDaaS", EncodedSAMLMetadataDocument: encoded,
				}); err != nil {
					t.Fatal(err)
				}
			},
		},
		// The SAML provider of a new application, or of a changed IdP name,
		// is planned after the application: it cannot exist yet.
		"a new application":  {config: config},
		"a changed IdP name": {prior: existing("idaas-old", emulator.DefaultAccountID), config: config},
		"an application of another account, which the provider cannot read": {
			prior: existing("idaas", "1111111111111111"), config: map[string]any{
				"instance_id": "idaas_test", "name": "console", "idp_name": "idaas", "account_id": "1111111111111111",
				"template_id": template["template_id"], "template_idp_name_param": template["template_idp_name_param"],
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		srv := acctest.Emulator(t)
		if tt.setup != nil {
			tt.setup(t, srv)
		}
		p := planner.NewPlanner(t, srv, nil)
		ctl := emulatortest.ControlOf(t, srv)
		ctl.ClearRequests()
		resp := p.PlanWithoutError("idaas_role_sso_application", tt.config, tt.prior)
		planner.AssertWarning(t, resp, tt.wantSummary, "idp_name", tt.wantDetail...)
		if got := len(ctl.Calls("GetSAMLProvider")) > 0; got != tt.wantLookup {
			t.Errorf("GetSAMLProvider called: %t, want %t", got, tt.wantLookup)
		}
		assertOnlyReads(t, ctl)
	})
}

// assertOnlyReads fails the test when the emulator received a write.
func assertOnlyReads(t *testing.T, ctl *emulatortest.Control) {
	t.Helper()
	for _, r := range ctl.Requests(0) {
		if !strings.HasPrefix(r.Action, "Get") && !strings.HasPrefix(r.Action, "List") {
			t.Errorf("the plan called %s.%s", r.Product, r.Action)
		}
	}
}

// TestApplicationAccountPlanOfLinks plans changes of an existing account
// whose values come from its links: a default that changes replaces the
// account, as a changed argument does; a change of a link's other values
// is an update in place.
func TestApplicationAccountPlanOfLinks(t *testing.T) {
	t.Parallel()
	role := func(name string, trusted ...string) map[string]any {
		return map[string]any{"name": name, "account_id": emulator.DefaultAccountID, "saml_provider_names": trusted, "site": "international"}
	}
	application := func(id any) map[string]any {
		return map[string]any{"instance_id": "idaas_test", "id": id, "account_id": emulator.DefaultAccountID, "idp_name": "idaas", "site": "international"}
	}
	prior := map[string]any{
		"id": "aac_test", "instance_id": "idaas_test", "application_id": testAppID, "user_id": aliceID, "account_name": "sso-admin",
		"create_time": "2026-01-02T03:04:05Z", "application": application(testAppID), "role": role("sso-admin", "idaas"),
	}
	tests := map[string]struct {
		config      map[string]any
		wantReplace []string
		wantName    tftypes.Value
		wantAppID   tftypes.Value
	}{
		"nothing changes": {
			config:   map[string]any{"user_id": aliceID, "application": application(testAppID), "role": role("sso-admin", "idaas")},
			wantName: tftypes.NewValue(tftypes.String, "sso-admin"), wantAppID: tftypes.NewValue(tftypes.String, testAppID),
		},
		"the role trusts one more SAML provider": {
			config:   map[string]any{"user_id": aliceID, "application": application(testAppID), "role": role("sso-admin", "idaas", "okta")},
			wantName: tftypes.NewValue(tftypes.String, "sso-admin"), wantAppID: tftypes.NewValue(tftypes.String, testAppID),
		},
		"the role is renamed": {
			config:      map[string]any{"user_id": aliceID, "application": application(testAppID), "role": role("sso-ops", "idaas")},
			wantReplace: []string{"account_name"},
			wantName:    tftypes.NewValue(tftypes.String, "sso-ops"), wantAppID: tftypes.NewValue(tftypes.String, testAppID),
		},
		"the application is replaced": {
			config:      map[string]any{"user_id": aliceID, "application": application(planner.Unknown), "role": role("sso-admin", "idaas")},
			wantReplace: []string{"application_id"},
			wantName:    tftypes.NewValue(tftypes.String, "sso-admin"), wantAppID: tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		},
		"an argument replaces a default with the same value": {
			config: map[string]any{"user_id": aliceID, "application_id": testAppID, "application": application(testAppID),
				"role": role("sso-admin", "idaas")},
			wantName: tftypes.NewValue(tftypes.String, "sso-admin"), wantAppID: tftypes.NewValue(tftypes.String, testAppID),
		},
	}
	srv := acctest.Emulator(t)
	p := planner.NewPlanner(t, srv, nil)
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			resp := p.PlanWithoutError("idaas_application_account", tt.config, prior)
			var got []string
			for _, p := range resp.RequiresReplace {
				got = append(got, p.String())
			}
			var want []string
			for _, name := range tt.wantReplace {
				want = append(want, tftypes.NewAttributePath().WithAttributeName(name).String())
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("RequiresReplace = %v, want %v", got, want)
			}
			planned := plannedAttributes(t, p, "idaas_application_account", resp)
			if !planned["account_name"].Equal(tt.wantName) {
				t.Errorf("account_name = %s, want %s", planned["account_name"], tt.wantName)
			}
			if !planned["application_id"].Equal(tt.wantAppID) {
				t.Errorf("application_id = %s, want %s", planned["application_id"], tt.wantAppID)
			}
		})
	}
}

// plannedAttributes returns the attributes of a planned state.
func plannedAttributes(t *testing.T, p *planner.Planner, typeName string, resp *tfprotov6.PlanResourceChangeResponse) map[string]tftypes.Value {
	t.Helper()
	v, err := resp.PlannedState.Unmarshal(p.Type(typeName))
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

// TestApplicationAccountPlanWarnsOfNamesDifferingOnlyInCase plans an
// account whose name is its role's in another case: the checks accept it,
// but whether sign-in does is not documented, so the plan warns.
func TestApplicationAccountPlanWarnsOfNamesDifferingOnlyInCase(t *testing.T) {
	t.Parallel()
	application := map[string]any{"instance_id": "idaas_test", "id": testAppID, "account_id": emulator.DefaultAccountID, "idp_name": "idaas", "site": "international"}
	role := map[string]any{"name": "sso-admin", "account_id": emulator.DefaultAccountID, "saml_provider_names": []string{"idaas"}, "site": "international"}
	tests := map[string]struct {
		accountName string
		wantSummary string // "": no warning.
		wantDetail  []string
	}{
		"the same name": {accountName: "sso-admin"},
		"the name in another case": {
			accountName: "SSO-Admin",
			wantSummary: "Linked names differ only in case",
			wantDetail: []string{`The account_name "SSO-Admin" of`, `differs from the name "sso-admin" of RAM role "sso-admin" only in case.`,
				rolesso.ExactCaseRule, `in exactly the same case as the name of RAM role "sso-admin" ("sso-admin")`,
				"Or remove account_name: it defaults to role.name."},
		},
	}
	srv := acctest.Emulator(t)
	p := planner.NewPlanner(t, srv, nil)
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			resp := p.PlanWithoutError("idaas_application_account", map[string]any{
				"user_id": aliceID, "account_name": tt.accountName, "application": application, "role": role,
			}, nil)
			planner.AssertWarning(t, resp, tt.wantSummary, "account_name", tt.wantDetail...)
		})
	}
}
