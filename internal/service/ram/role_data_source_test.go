// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

// testAccLoadedRole is a role for the emulator's load state.
func testAccLoadedRole(name, trust string, attached ...string) map[string]any {
	role := map[string]any{"RoleName": name, "AssumeRolePolicyDocument": trust, "MaxSessionDuration": 7200, "Description": "loaded"}
	var policies []map[string]any
	for _, p := range attached {
		policies = append(policies, map[string]any{"PolicyType": "System", "PolicyName": p})
	}
	if policies != nil {
		role["AttachedPolicies"] = policies
	}
	return role
}

func TestAccRAMRoleDataSource_basic(t *testing.T) {
	account := "1234567890123456"
	trust := testAccTrustPolicy(t, account, rolesso.China, testAccIdPName, testAccOtherIdPName)
	srv := acctest.Emulator(t, emulatortest.WithLoad(testAccRoleState(t, testAccLoadedRole("sso-admin", trust, "AdministratorAccess", "ReadOnlyAccess"))))
	const ds = "data.idaas_ram_role.test"
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			// RAM compares role names without regard to case.
			Config: testAccDataSourceConfig(srv, "idaas_ram_role", `name = "SSO-Admin"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("name"), knownvalue.StringExact("SSO-Admin")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("arn"), knownvalue.StringExact(rolesso.RoleARN(account, "sso-admin"))),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("account_id"), knownvalue.StringExact(account)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("description"), knownvalue.StringExact("loaded")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("max_session_duration"), knownvalue.Int64Exact(7200)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("assume_role_policy"), knownvalue.StringExact(trust)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteChina)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("saml_provider_names"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact(testAccIdPName), knownvalue.StringExact(testAccOtherIdPName),
				})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("attached_policies"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"policy_type": knownvalue.StringExact("System"), "policy_name": knownvalue.StringExact("AdministratorAccess")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"policy_type": knownvalue.StringExact("System"), "policy_name": knownvalue.StringExact("ReadOnlyAccess")}),
				})),
			},
		},
		{
			Config:      testAccDataSourceConfig(srv, "idaas_ram_role", `name = "sso-nobody"`),
			ExpectError: errorPattern(`There is no RAM role named "sso-nobody" in account ` + account),
		},
	})
}

func TestAccRAMRolesDataSource_filters(t *testing.T) {
	account := "1234567890123456"
	idaasIntl := testAccTrustPolicy(t, account, rolesso.International, testAccIdPName)
	oktaChina := testAccTrustPolicy(t, account, rolesso.China, testAccOtherIdPName)
	both := testAccTrustPolicy(t, account, rolesso.International, testAccIdPName, testAccOtherIdPName)
	service := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ecs.aliyuncs.com"]}}]}`
	denied := `{"Version":"1","Statement":[` + trimPolicy(idaasIntl) + `,{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"Federated":["` +
		rolesso.SAMLProviderARN(account, testAccIdPName) + `"]},"Condition":{"StringEquals":{"saml:recipient":["` + rolesso.International.ACSURL + `"]}}}]}`
	roles := []map[string]any{
		testAccLoadedRole("sso-readonly", both), testAccLoadedRole("sso-admin", idaasIntl),
		testAccLoadedRole("sso-dev", oktaChina), testAccLoadedRole("ecs-service", service),
		testAccLoadedRole("sso-denied", denied),
	}
	for i := range 1001 { // More than a page of ListRoles (1000).
		roles = append(roles, testAccLoadedRole(fmt.Sprintf("bulk-%04d", i), service))
	}
	srv := acctest.Emulator(t, emulatortest.WithLoad(testAccRoleState(t, roles...)))
	const ds = "data.idaas_ram_roles.test"
	names := func(want ...string) statecheck.StateCheck {
		checks := make([]knownvalue.Check, len(want))
		for i, n := range want {
			checks[i] = knownvalue.StringExact(n)
		}
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New("names"), knownvalue.ListExact(checks))
	}
	config := func(args string) string {
		return testAccDataSourceConfig(srv, "idaas_ram_roles", args)
	}
	getRolesSince := 0
	expectGetRoles := func(n int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			all := testAccCalls(t, srv, "GetRole")
			got := len(all) - getRolesSince
			getRolesSince = len(all)
			if got%n != 0 { // Each plan, apply and refresh reads once.
				return fmt.Errorf("GetRole was called %d times, want a multiple of %d: one per role whose name matches", got, n)
			}
			return nil
		}
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:      config(`name_regex = "(?=sso)"`),
			PlanOnly:    true,
			ExpectError: errorPattern("Invalid regular expression", "look-ahead"),
		},
		{
			Config:            config(`name_regex = "^sso-"`),
			ConfigStateChecks: []statecheck.StateCheck{names("sso-admin", "sso-denied", "sso-dev", "sso-readonly")},
			Check:             expectGetRoles(4),
		},
		{
			Config: config(`trusts_saml_provider = "idaas"` + "\n" + `name_regex = "^sso-"`),
			ConfigStateChecks: []statecheck.StateCheck{
				names("sso-admin", "sso-readonly"),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("roles").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name":                knownvalue.StringExact("sso-admin"),
					"arn":                 knownvalue.StringExact(rolesso.RoleARN(account, "sso-admin")),
					"site":                knownvalue.StringExact(rolesso.SiteInternational),
					"saml_provider_names": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(testAccIdPName)}),
					"assume_role_policy":  knownvalue.StringExact(idaasIntl),
				})),
			},
		},
		{
			Config:            config(`trusts_saml_provider = "okta"` + "\n" + `name_regex = "^sso-"`),
			ConfigStateChecks: []statecheck.StateCheck{names("sso-dev", "sso-readonly")},
		},
		{
			// The last role is on the second page.
			Config:            config(`name_regex = "^bulk-100[0-9]$|^ecs-"`),
			ConfigStateChecks: []statecheck.StateCheck{names("bulk-1000", "ecs-service")},
			Check: func(s *terraform.State) error {
				var markers int
				for _, c := range testAccCalls(t, srv, "ListRoles") {
					if c.Params["Marker"] != "" {
						markers++
					}
				}
				if markers == 0 {
					return fmt.Errorf("ListRoles was never called with a Marker: the second page was not read")
				}
				return expectGetRoles(2)(s)
			},
		},
	})
}

// trimPolicy returns the statements of a policy built by rolesso, without
// the brackets around them.
func trimPolicy(doc string) string {
	const prefix, suffix = `{"Version":"1","Statement":[`, `]}`
	return doc[len(prefix) : len(doc)-len(suffix)]
}

// TestFindRolesConcurrency checks that findRoles reads the matching roles,
// and only those, four at a time.
func TestFindRolesConcurrency(t *testing.T) {
	t.Parallel()
	want := []string{"role-1", "role-10", "role-11", "role-12", "role-13", "role-14", "role-15", "role-16", "role-17", "role-18", "role-19"}
	fake := &gatedRAM{roles: 20, matches: len(want), release: make(chan struct{})}
	roles, err := ram.FindRoles(context.Background(), fake, "^role-1", "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range roles {
		names = append(names, r.RoleName)
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
	if fake.maxInFlight != 4 || fake.stuck {
		t.Errorf("at most %d GetRole calls were in flight (stuck: %t), want 4", fake.maxInFlight, fake.stuck)
	}
	if fake.started != len(want) {
		t.Errorf("GetRole was called %d times, want %d", fake.started, len(want))
	}
}

// gatedRAM lists roles role-0 … role-(roles-1). GetRole holds each call
// until four are in flight (or every matching role has been asked for),
// so that the test sees the concurrency bound without timing.
type gatedRAM struct {
	client.RAM
	roles, matches int

	mu          sync.Mutex
	release     chan struct{}
	inFlight    int
	maxInFlight int
	started     int
	stuck       bool
}

func (f *gatedRAM) ListRoles(context.Context) ([]client.Role, error) {
	out := make([]client.Role, f.roles)
	for i := range out {
		out[i] = client.Role{RoleName: fmt.Sprintf("role-%d", i)}
	}
	return out, nil
}

func (f *gatedRAM) GetRole(_ context.Context, name string) (*client.Role, error) {
	f.mu.Lock()
	f.inFlight++
	f.started++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	wait := f.release
	if f.inFlight == 4 || f.started == f.matches {
		close(f.release)
		f.release = make(chan struct{})
	}
	f.mu.Unlock()
	select {
	case <-wait:
	case <-time.After(10 * time.Second): // Only when the bound is not 4.
		f.mu.Lock()
		f.stuck = true
		f.mu.Unlock()
	}
	f.mu.Lock()
	f.inFlight--
	f.mu.Unlock()
	return &client.Role{RoleName: name, ARN: rolesso.RoleARN("1234567890123456", name)}, nil
}
