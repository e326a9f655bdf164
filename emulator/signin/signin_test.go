// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package signin_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/signin"
)

const (
	acct    = emulator.DefaultAccountID
	appID   = "app_signintest"
	idpName = "idaas"
)

// signInLoad is an IDaaS directory with a role-based SSO application and
// the application accounts the cases need. erin's role sso-gone does not
// exist in RAM; bob has an account Terraform does not know of.
var signInLoad = `{"Eiam": {
  "Users": [
    {"UserId": "user_alice", "Username": "alice"},
    {"UserId": "user_bob", "Username": "bob"},
    {"UserId": "user_carol", "Username": "carol"},
    {"UserId": "user_erin", "Username": "erin"}
  ],
  "Applications": [{
    "ApplicationId": "` + appID + `", "ApplicationName": "Alibaba Cloud",
    "ApplicationTemplateId": "` + emulator.RoleSSOTemplateIDInternational + `",
    "TemplateParams": {"` + facts.AccountIDTemplateParam + `": "` + acct + `", "` + emulator.RoleSSOIdPNameParam + `": "` + idpName + `"},
    "AuthorizationType": "default_all"
  }],
  "ApplicationAccounts": [
    {"ApplicationId": "` + appID + `", "UserId": "user_alice", "ApplicationUsername": "sso-admin"},
    {"ApplicationId": "` + appID + `", "UserId": "user_alice", "ApplicationUsername": "sso-read-only"},
    {"ApplicationId": "` + appID + `", "UserId": "user_bob", "ApplicationUsername": "sso-read-only"},
    {"ApplicationId": "` + appID + `", "UserId": "user_bob", "ApplicationUsername": "sso-stray"},
    {"ApplicationId": "` + appID + `", "UserId": "user_erin", "ApplicationUsername": "sso-gone"}
  ]
}}`

// startSSO starts an emulator with signInLoad, and makes the RAM side: the
// SAML provider from the application's metadata and the roles that trust
// it (sso-stray too, so that only its being unexpected fails).
func startSSO(t *testing.T) *emulator.Server {
	t.Helper()
	srv := emulatortest.Start(t, emulatortest.WithLoad(signInLoad))
	resp, err := http.Get(srv.URL() + "/api/v2/" + appID + "/saml2/meta")
	if err != nil {
		t.Fatal(err)
	}
	metadata, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("metadata: HTTP %d, %v", resp.StatusCode, err)
	}
	imsClient, err := ims.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	p := ims.CreateCreateSAMLProviderRequest()
	p.SetDomain(srv.Addr())
	p.SetScheme("http")
	p.SAMLProviderName = idpName
	p.EncodedSAMLMetadataDocument = base64.StdEncoding.EncodeToString(metadata)
	if _, err := imsClient.CreateSAMLProvider(p); err != nil {
		t.Fatal(err)
	}
	ramClient, err := ram.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	trust, err := emulatortest.SAMLTrustPolicy(acct, facts.International, idpName), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sso-admin", "sso-read-only", "sso-stray"} {
		r := ram.CreateCreateRoleRequest()
		r.SetDomain(srv.Addr())
		r.SetScheme("http")
		r.RoleName = name
		r.AssumeRolePolicyDocument = trust
		if _, err := ramClient.CreateRole(r); err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

func account(srv *emulator.Server, user, role string) signin.Account {
	return signin.Account{
		Username:      user,
		RoleName:      role,
		RoleAttribute: rules.RoleARN(acct, role) + "," + rules.SAMLProviderARN(acct, idpName),
		SignInURL:     srv.URL() + "/login/app/" + appID + "/saml2/sso",
	}
}

// row is a result as the tests compare it: the error by a fragment.
type row struct {
	User, Role, Identity, Problem string
}

func rows(results []signin.Result) []row {
	var out []row
	for _, r := range results {
		x := row{User: r.Username, Role: r.RoleName, Identity: r.Identity}
		if r.Err != nil {
			x.Problem = r.Err.Error()
		}
		out = append(out, x)
	}
	return out
}

func assumed(role, user string) string {
	return "acs:ram::" + acct + ":assumed-role/" + role + "/" + user
}

func TestSignIn(t *testing.T) {
	srv := startSSO(t)
	results, err := signin.SignIn(context.Background(), emulatortest.SignInConfig(srv), []signin.Account{
		account(srv, "alice", "sso-admin"),
		account(srv, "alice", "sso-read-only"),
		account(srv, "bob", "sso-read-only"),
		account(srv, "carol", "sso-admin"),
		account(srv, "dave", "sso-admin"),
		account(srv, "erin", "sso-gone"),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := rows(results)
	want := []row{
		{User: "alice", Role: "sso-admin", Identity: assumed("sso-admin", "alice")},
		{User: "alice", Role: "sso-read-only", Identity: assumed("sso-read-only", "alice")},
		{User: "bob", Role: "sso-read-only", Identity: assumed("sso-read-only", "bob")},
		{User: "bob", Role: "sso-stray", Problem: "which no application account in the outputs expects"},
		{User: "carol", Role: "sso-admin", Problem: `IDaaS did not offer "acs:ram::` + acct + `:role/sso-admin,`},
		{User: "dave", Role: "sso-admin", Problem: "IdP sign-in refused: UserNotFound"},
		{User: "erin", Role: "sso-gone", Problem: "AssumeRoleWithSAML refused: EntityNotExist.Role"},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b row) bool {
		return a.User == b.User && a.Role == b.Role && a.Identity == b.Identity &&
			(a.Problem == "") == (b.Problem == "") && (strings.Contains(a.Problem, b.Problem) || strings.Contains(b.Problem, a.Problem))
	})); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	for _, r := range results {
		if r.OK() && r.Expiration.IsZero() {
			t.Errorf("%s as %s: no expiration", r.Username, r.RoleName)
		}
	}
	if !signin.Failed(results) {
		t.Error("Failed: false with failed rows")
	}
}

func TestSignInBadConfig(t *testing.T) {
	for _, endpoint := range []string{"", "127.0.0.1:8787", "ftp://127.0.0.1", "http://127.0.0.1:8787/sts"} {
		_, err := signin.SignIn(context.Background(), signin.Config{STSEndpoint: endpoint}, nil)
		if err == nil || !strings.Contains(err.Error(), "pass the emulator's URL") {
			t.Errorf("endpoint %q: error %v", endpoint, err)
		}
	}
	srv := emulatortest.Start(t)
	a := account(srv, "alice", "sso-admin")
	a.SignInURL = "not a URL"
	results, err := signin.SignIn(context.Background(), emulatortest.SignInConfig(srv), []signin.Account{a})
	if err != nil || len(results) != 1 || results[0].OK() || !strings.Contains(results[0].Err.Error(), "pass the application's idp_sso_url") {
		t.Errorf("bad sign-in URL: %v, %+v", err, results)
	}
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	a.SignInURL = other.URL + "/login"
	results, _ = signin.SignIn(context.Background(), emulatortest.SignInConfig(srv), []signin.Account{a})
	if len(results) != 1 || results[0].OK() || !strings.Contains(results[0].Err.Error(), "HTTP 404 from "+a.SignInURL+", not the emulator's sign-in endpoint") {
		t.Errorf("sign-in URL of another server: %+v", results)
	}
}

func TestReadOutputs(t *testing.T) {
	in := `{
	  "accounts": {"sensitive": false, "type": ["map", "object"], "value": {
	    "carol/billing": {"username": "carol", "role_name": "sso-billing", "role_attribute": "r3", "sign_in_url": "http://h/s"},
	    "alice/read-only": {"username": "alice", "role_name": "sso-read-only", "role_attribute": "r2", "sign_in_url": "http://h/s"},
	    "alice/admin": {"username": "alice", "role_name": "sso-admin", "role_attribute": "r1", "sign_in_url": "http://h/s"}
	  }},
	  "other": {"sensitive": false, "type": "string", "value": "x"}
	}`
	got, err := signin.ReadOutputs(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []signin.Account{
		{Username: "alice", RoleName: "sso-admin", RoleAttribute: "r1", SignInURL: "http://h/s"},
		{Username: "alice", RoleName: "sso-read-only", RoleAttribute: "r2", SignInURL: "http://h/s"},
		{Username: "carol", RoleName: "sso-billing", RoleAttribute: "r3", SignInURL: "http://h/s"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accounts (-want +got):\n%s", diff)
	}

	for in, want := range map[string]string{
		`not JSON`:                     "pipe in the JSON of `tofu output -json`",
		`{}`:                           `no "accounts" output`,
		`{"accounts": {"value": [1]}}`: "not a map of objects",
		`{"accounts": {"value": {"a": {"username": "alice"}}}}`: `the account "a" of the "accounts" output lacks`,
	} {
		if _, err := signin.ReadOutputs(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to contain %q", in, err, want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	err := signin.WriteTable(&b, []signin.Result{
		{Username: "alice", RoleName: "sso-admin", Identity: assumed("sso-admin", "alice")},
		{Username: "bob", RoleName: "sso-read-only", Err: errors.New("AssumeRoleWithSAML refused: EntityNotExist.Role: gone")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`USER   ROLE           RESULT
alice  sso-admin      signed in as %s
bob    sso-read-only  FAILED: AssumeRoleWithSAML refused: EntityNotExist.Role: gone

Users: 2. Role sign-ins: 1 succeeded, 1 failed.
`, assumed("sso-admin", "alice"))
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
}
