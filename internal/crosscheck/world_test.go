// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/signin"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// otherAccountID is the account of the second emulator of a world split
// across accounts.
const otherAccountID = "2345678901234567"

// users are the IDaaS users every world starts with, as directory sync
// would bring them.
var users = []string{"alice", "bob"}

// world is the cloud a configuration is applied to: the IDaaS instance
// and the RAM account, in one emulator, or in two emulators that are two
// Alibaba Cloud accounts.
type world struct {
	// idaas holds the IDaaS instance, with the users.
	idaas *emulator.Server
	// ram holds the RAM account of the roles and SAML providers.
	ram *emulator.Server
}

// newWorld starts a world whose IDaaS instance and RAM account are one
// account.
func newWorld(t *testing.T) world {
	t.Helper()
	srv := acctest.Emulator(t, emulatortest.WithLoad(usersLoad()))
	return world{idaas: srv, ram: srv}
}

// newSplitWorld starts a world whose IDaaS instance is in the emulator's
// default account and whose RAM objects are in otherAccountID.
func newSplitWorld(t *testing.T) world {
	t.Helper()
	return world{
		idaas: acctest.Emulator(t, emulatortest.WithLoad(usersLoad())),
		ram:   acctest.Emulator(t, emulatortest.WithAccountID(otherAccountID)),
	}
}

func (w world) split() bool { return w.idaas != w.ram }

func usersLoad() string {
	quoted := make([]string, len(users))
	for i, u := range users {
		quoted[i] = fmt.Sprintf(`{"Username": %q}`, u)
	}
	return `{"Eiam": {"Users": [` + strings.Join(quoted, ", ") + `]}}`
}

// providers returns the provider blocks of the world: idaas for the
// IDaaS side, and for a split world idaasram for the RAM side (see
// ramProviderSource). ramProvider is what a RAM resource's provider
// argument is ("" for the default).
func (w world) providers() (hcl, ramProvider string) {
	hcl = acctest.EmulatorProviderConfig(w.idaas) + templateVariables
	if !w.split() {
		return hcl, ""
	}
	ram := strings.Replace(acctest.EmulatorProviderConfig(w.ram), `provider "idaas"`, `provider "idaasram"`, 1)
	return hcl + ram, "idaasram"
}

// writes returns the calls of the world's request logs that change
// something: every call but a Get*, a List* and the download of IdP
// metadata. A rule rather than a list, so that a write action added later
// counts too.
func (w world) writes(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, srv := range slices.Compact([]*emulator.Server{w.idaas, w.ram}) {
		for _, r := range emulatortest.ControlOf(t, srv).Requests(0) {
			if strings.HasPrefix(r.Action, "Get") || strings.HasPrefix(r.Action, "List") || r.Action == "IdPMetadata" {
				continue
			}
			out = append(out, r.Product+"."+r.Action)
		}
	}
	return out
}

// calls returns the number of API calls the world received.
func (w world) calls(t *testing.T) int {
	t.Helper()
	n := 0
	for _, srv := range slices.Compact([]*emulator.Server{w.idaas, w.ram}) {
		n += len(emulatortest.ControlOf(t, srv).Requests(0))
	}
	return n
}

// application is what IDaaS holds of a role-based SSO application: what
// its sign-in sends.
type application struct {
	ID        string
	Name      string
	AccountID string
	IdPName   string
}

// application returns the role-based SSO application of the world's IDaaS
// instance that has the name, from the emulator's state.
func (w world) application(t *testing.T, name string) application {
	t.Helper()
	apps := w.applications(t)
	i := slices.IndexFunc(apps, func(a application) bool { return a.Name == name })
	if i < 0 {
		t.Fatalf("no role-based SSO application named %q in IDaaS: %+v", name, apps)
	}
	return apps[i]
}

// applications reads the role-based SSO applications of the world's
// IDaaS instance from the emulator's state.
func (w world) applications(t *testing.T) []application {
	t.Helper()
	var st struct {
		Eiam struct {
			Applications []struct {
				ApplicationID         string            `json:"ApplicationId"`
				ApplicationName       string            `json:"ApplicationName"`
				ApplicationTemplateID string            `json:"ApplicationTemplateId"`
				TemplateParams        map[string]string `json:"TemplateParams"`
			} `json:"Applications"`
		} `json:"Eiam"`
	}
	emulatortest.ControlOf(t, w.idaas).State(&st)
	var out []application
	for _, a := range st.Eiam.Applications {
		if a.ApplicationTemplateID == "" {
			continue
		}
		out = append(out, application{
			ID:        a.ApplicationID,
			Name:      a.ApplicationName,
			AccountID: a.TemplateParams[rolesso.DefaultAccountIDParam],
			IdPName:   a.TemplateParams[emulator.RoleSSOIdPNameParam],
		})
	}
	return out
}

// grant is an application account as a configuration means it: the user
// should sign in to the RAM role named role, through an account named
// accountName.
type grant struct {
	user        string
	accountName string
	role        string
}

// signIn signs the users of grants in to the application, as a person
// does in the IDaaS portal (internal/demo: IdP-initiated SSO, then
// AssumeRoleWithSAML at the RAM account's STS with the Role attribute
// value IDaaS sent). It returns nil when every grant gave its user
// credentials of its role in the RAM account, else what failed.
func (w world) signIn(t *testing.T, app application, grants []grant) error {
	t.Helper()
	accounts := make([]signin.Account, len(grants))
	for i, g := range grants {
		accounts[i] = signin.Account{
			Username: g.user,
			RoleName: g.accountName,
			// What IDaaS sends for the account (emulator/sso.go), so that
			// the sign-in tries whatever IDaaS offers.
			RoleAttribute: rolesso.RoleARN(app.AccountID, g.accountName) + "," + rolesso.SAMLProviderARN(app.AccountID, app.IdPName),
			SignInURL:     w.idaas.URL() + "/login/app/" + app.ID + "/saml2/sso",
		}
	}
	results, err := signin.SignIn(context.Background(), signin.Config{
		STSEndpoint:     w.ram.URL(),
		AccessKeyID:     emulator.DefaultAccessKeyID,
		AccessKeySecret: emulator.DefaultAccessKeySecret,
	}, accounts)
	if err != nil {
		t.Fatalf("sign-in: %v", err)
	}
	var problems []string
	for _, g := range grants {
		i := slices.IndexFunc(results, func(r signin.Result) bool { return r.Username == g.user && r.RoleName == g.accountName })
		switch {
		case i < 0:
			// The user's rows say why: a sign-in refused, or a Role
			// attribute value RAM cannot read.
			why := "no row"
			for _, r := range results {
				if r.Username == g.user && !r.OK() {
					why = r.Err.Error()
				}
			}
			problems = append(problems, fmt.Sprintf("%s as %q: %s", g.user, g.accountName, why))
		case !results[i].OK():
			problems = append(problems, fmt.Sprintf("%s as %q: %v", g.user, g.accountName, results[i].Err))
		default:
			if want := rolesso.RoleARN(w.ram.AccountID(), g.role); !sameAssumedRole(results[i].Identity, want) {
				problems = append(problems, fmt.Sprintf("%s as %q: signed in as %s, not to the role %s", g.user, g.accountName, results[i].Identity, want))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// sameAssumedRole reports whether identity, the ARN GetCallerIdentity
// returns for role credentials
// (acs:ram::<account>:assumed-role/<role>/<session>), is a session of the
// role roleARN.
func sameAssumedRole(identity, roleARN string) bool {
	rest, ok := strings.CutPrefix(identity, rolesso.ARNPrefix)
	if !ok {
		return false
	}
	account, resource, _ := strings.Cut(rest, ":")
	roleName, _, _ := strings.Cut(strings.TrimPrefix(resource, "assumed-role/"), "/")
	role, err := rolesso.ParseRoleARN(rolesso.RoleARN(account, roleName))
	if err != nil {
		return false
	}
	want, err := rolesso.ParseRoleARN(roleARN)
	return err == nil && role.Equal(want)
}
