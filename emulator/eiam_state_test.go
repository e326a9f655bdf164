// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// TestEiamStateRoundTrip restarts the emulator on its state file: the
// application keeps its key, so a SAML provider made from its metadata
// before the restart still verifies its responses after it.
func TestEiamStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, err := emulator.Start(emulator.Config{StateFile: path, Logf: t.Logf})
	mustOK(t, err)
	f := eiamFixtureFor(t, srv)
	s := &ssoSetup{f: f, c: defaultClients(t)}
	s.app = f.roleApp("persisted", facts.International, "idaas")
	s.alice = f.createUser("alice")
	account := f.addAccount(s.app, s.alice, "sso-admin")
	group := str(f.ok("CreateGroup", params{"GroupName": "ops"}), "GroupId")
	f.ok("AddUsersToGroup", params{"GroupId": group, "UserIds.1": s.alice})
	metadata := f.metadata(s.app)
	s.createProvider("idaas", metadata)
	trust, err := emulatortest.SAMLTrustPolicy(acct, facts.International, "idaas"), error(nil)
	mustOK(t, err)
	createRole(t, srv, s.c, "sso-admin", trust)
	before := f.ok("GetApplication", params{"ApplicationId": s.app})["Application"]
	firstURL := srv.URL()
	mustOK(t, srv.Close())

	b, err := os.ReadFile(path)
	mustOK(t, err)
	if !strings.Contains(string(b), "BEGIN PRIVATE KEY") {
		t.Error("the state file lacks the application's signing key")
	}

	srv, err = emulator.Start(emulator.Config{StateFile: path, Logf: t.Logf})
	mustOK(t, err)
	defer srv.Close()
	f = eiamFixtureFor(t, srv)
	s.f = f
	after := f.ok("GetApplication", params{"ApplicationId": s.app})["Application"]
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("application after restart:\n%v\nbefore:\n%v", after, before)
	}
	if srv.URL() == firstURL {
		t.Fatalf("the restarted emulator listens on %s again; the test needs another port", firstURL)
	}
	if got := f.metadata(s.app); got != metadata {
		t.Errorf("the metadata changed across a restart on another port, so it no longer equals the SAML provider's:\n%s\nbefore:\n%s", got, metadata)
	}
	if out := f.ok("ListApplicationAccountsForUser", params{"ApplicationId": s.app, "UserId": s.alice}); ids(out["ApplicationAccounts"], "ApplicationAccountId")[0] != account {
		t.Errorf("accounts after restart: %v", out)
	}
	if g := items(field(f.ok("GetUser", params{"UserId": s.alice}), "User"), "Groups"); len(g) != 1 {
		t.Errorf("groups after restart: %v", g)
	}
	if _, err := s.assume(f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas"); err != nil {
		t.Errorf("sign-in after restart: %v", err)
	}
}

// TestEiamLoad brings users, a group and an application account in with a
// load file, as a directory sync would; omitted IDs are filled in, the same
// on every start.
func TestEiamLoad(t *testing.T) {
	load := `{"Eiam": {
	  "Users": [{"Username": "alice", "DisplayName": "Alice", "Email": "alice@example.com"}, {"Username": "bob"}],
	  "Groups": [{"GroupName": "admins", "UserIds": []}],
	  "Applications": [{"ApplicationName": "loaded", "ApplicationTemplateId": "` + emulator.RoleSSOTemplateIDChina + `",
	    "TemplateParams": {"aliyunUid": "` + acct + `", "` + emulator.RoleSSOIdPNameParam + `": "idaas"}, "AuthorizationType": "default_all"}]
	}}`
	f := newEiamFixture(t, emulatortest.WithLoad(load))
	users := f.ok("ListUsers", nil)
	if got := ids(users["Users"], "Username"); fmt.Sprint(got) != "[alice bob]" {
		t.Fatalf("loaded users: %v", users)
	}
	alice := ids(users["Users"], "UserId")[0]
	if !eiamIDRe("user").MatchString(alice) {
		t.Errorf("loaded user ID %q", alice)
	}
	if again := newEiamFixture(t, emulatortest.WithLoad(load)); ids(again.ok("ListUsers", nil)["Users"], "UserId")[0] != alice {
		t.Error("a loaded user's ID differs between starts")
	}
	u := field(f.ok("GetUser", params{"UserId": alice}), "User")
	if u["PrimaryOrganizationalUnitId"] != f.rootOU || u["Status"] != "enabled" || u["Email"] != "alice@example.com" {
		t.Errorf("loaded user: %v", u)
	}
	apps := f.ok("ListApplications", nil)
	app := ids(apps["Applications"], "ApplicationId")[0]
	if !eiamIDRe("app").MatchString(app) || str(items(apps, "Applications")[0], "Status") != "enabled" {
		t.Errorf("loaded application: %v", apps)
	}
	f.addAccount(app, alice, "admin")
	if roles := assertionRoles(t, f.signIn(app, "alice").SAMLResponse); len(roles) != 1 || !strings.HasSuffix(roles[0], ":saml-provider/idaas") {
		t.Errorf("loaded application's Role values: %v", roles)
	}

	for _, bad := range []string{
		`{"Eiam": {"Users": [{"Username": "a b"}]}}`,
		`{"Eiam": {"Users": [{"Username": "a"}, {"Username": "a"}]}}`,
		`{"Eiam": {"Users": [{"Username": "a", "PrimaryOrganizationalUnitId": "ou_nope"}]}}`,
		`{"Eiam": {"Groups": [{"GroupName": "g", "UserIds": ["user_nope"]}]}}`,
		`{"Eiam": {"Applications": [{"ApplicationName": "x", "ApplicationTemplateId": "apt_nope"}]}}`,
		`{"Eiam": {"ApplicationAccounts": [{"ApplicationId": "app_nope", "UserId": "user_nope", "ApplicationUsername": "x"}]}}`,
		`{"Eiam": {"Users": [{"Username": "a", "Unknown": 1}]}}`,
	} {
		if _, err := emulator.New(emulator.Config{Load: []byte(bad)}); err == nil {
			t.Errorf("load %s: no error", bad)
		}
	}
}

// TestEiamConcurrent drives the Eiam API from several goroutines; run with
// -race.
func TestEiamConcurrent(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("shared", emulator.RoleSSOTemplateIDInternational)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		f := f.forGoroutine()
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				name := fmt.Sprintf("user-%d-%d", g, i)
				out, err := f.call("CreateUser", params{"Username": name, "PrimaryOrganizationalUnitId": f.rootOU})
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := f.call("AddApplicationAccountToUser", params{"ApplicationId": app, "UserId": str(out, "UserId"), "ApplicationUsername": "role"}); err != nil {
					t.Error(err)
				}
				if _, err := f.call("ListApplicationAccounts", params{"ApplicationId": app}); err != nil {
					t.Error(err)
				}
				resp, err := http.Get(f.srv.URL() + "/api/v2/" + app + "/saml2/meta")
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Errorf("metadata: %v %v", resp, err)
				}
				if resp != nil {
					resp.Body.Close()
				}
			}
		}()
	}
	wg.Wait()
	if out := f.ok("ListApplicationAccounts", params{"ApplicationId": app}); num(out, "TotalCount") != 20 {
		t.Errorf("TotalCount %v after 20 concurrent adds", out["TotalCount"])
	}
}

func parseMetadata(t testing.TB, xml string) *samlsso.Metadata {
	t.Helper()
	md, err := samlsso.ParseMetadata([]byte(xml))
	mustOK(t, err)
	return md
}
