// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
)

// TestCreateApplicationKeyOutsideLock checks that CreateApplication
// generates its RSA signing key, tens of milliseconds of work, without the
// server's lock held, so that no other call waits for it; and that the key
// generated there is the application's.
func TestCreateApplicationKeyOutsideLock(t *testing.T) {
	var (
		mu        sync.Mutex
		keys      []*rsa.PrivateKey
		underLock int
	)
	srv, err := emulator.StartWatchingKeys(emulator.Config{Logf: t.Logf}, func(s *emulator.Server, key *rsa.PrivateKey) {
		held := emulator.LockHeld(s)
		mu.Lock()
		defer mu.Unlock()
		keys = append(keys, key)
		if held {
			underLock++
		}
	})
	mustOK(t, err)
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stop emulator: %v", err)
		}
	})
	f := eiamFixtureFor(t, srv)
	app := f.createApp("keyed", emulator.RoleSSOTemplateIDInternational)

	mu.Lock()
	defer mu.Unlock()
	if len(keys) != 1 {
		t.Fatalf("CreateApplication generated %d keys; want 1", len(keys))
	}
	if underLock != 0 {
		t.Error("CreateApplication generated its signing key with the server's lock held: every other call waited for it")
	}
	md := parseMetadata(t, f.metadata(app))
	if len(md.Certificates) != 1 || !keys[0].PublicKey.Equal(md.Certificates[0].PublicKey) {
		t.Error("the application's certificate is not for the key generated outside the lock")
	}
}

func TestEiamInstance(t *testing.T) {
	f := newEiamFixture(t)
	if !eiamIDRe("idaas").MatchString(f.instanceID) || !eiamIDRe("ou").MatchString(f.rootOU) {
		t.Errorf("instance %q, root OU %q: not EIAM IDs", f.instanceID, f.rootOU)
	}
	list := f.ok("ListInstances", params{"InstanceId": ""})
	inst := items(list, "Instances")[0]
	if num(list, "TotalCount") != 1 || str(inst, "Status") != "running" || str(field(inst, "DefaultEndpoint"), "Endpoint") != f.srv.Addr() {
		t.Errorf("ListInstances: %v", list)
	}
	wantEpochMillis(t, inst, "CreateTime")
	if got := f.ok("ListInstances", params{"InstanceId": "", "InstanceIds.1": "idaas_other"}); num(got, "TotalCount") != 0 || len(items(got, "Instances")) != 0 {
		t.Errorf("ListInstances of another ID: %v", got)
	}

	got := field(f.ok("GetInstance", nil), "Instance")
	if got["InstanceId"] != f.instanceID || !strings.HasSuffix(str(got["DomainConfig"], "InitDomain"), ".aliyunidaas.com") {
		t.Errorf("GetInstance: %v", got)
	}
	f.fail("GetInstance", params{"InstanceId": "idaas_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.Instance", http.StatusNotFound)
	f.fail("GetInstance", params{"InstanceId": ""}, "MissingInstanceId", http.StatusBadRequest)

	// The instance is the same after a restart, and another account's is
	// another.
	if again := newEiamFixture(t); again.instanceID != f.instanceID || again.rootOU != f.rootOU {
		t.Errorf("instance %s/%s after a restart, was %s/%s", again.instanceID, again.rootOU, f.instanceID, f.rootOU)
	}
	if other := newEiamFixture(t, emulatortest.WithAccountID("1111222233334444")); other.instanceID == f.instanceID {
		t.Error("two accounts have the same instance ID")
	}
}

func TestEiamApplicationLifecycle(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("Role SSO", emulator.RoleSSOTemplateIDInternational)
	if !eiamIDRe("app").MatchString(app) {
		t.Errorf("ApplicationId %q", app)
	}
	a := field(f.ok("GetApplication", params{"ApplicationId": app}), "Application")
	want := map[string]any{
		"InstanceId":              f.instanceID,
		"ApplicationId":           app,
		"ClientId":                app,
		"ApplicationName":         "Role SSO",
		"ApplicationSourceType":   "urn:alibaba:idaas:app:source:template",
		"ApplicationTemplateId":   emulator.RoleSSOTemplateIDInternational,
		"ApplicationCreationType": "user_custom",
		"ApplicationIdentityType": "application",
		"SsoType":                 "saml2",
		"Status":                  "disabled",
		"AuthorizationType":       "authorize_required",
		"ServiceManaged":          false,
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("GetApplication %s = %v, want %v", k, a[k], v)
		}
	}
	var features []string
	if err := json.Unmarshal([]byte(str(a, "Features")), &features); err != nil || !slices.Contains(features, "sso") {
		t.Errorf("Features %q is not a JSON array string with sso", a["Features"])
	}
	wantEpochMillis(t, a, "CreateTime")
	wantEpochMillis(t, a, "UpdateTime")

	f.ok("EnableApplication", params{"ApplicationId": app})
	f.ok("EnableApplication", params{"ApplicationId": app}) // idempotent
	f.ok("UpdateApplicationInfo", params{"ApplicationId": app, "ApplicationName": "Renamed", "LogoUrl": "https://example.com/logo.png",
		"CustomFields.1.FieldName": "team", "CustomFields.1.FieldValue": "platform"})
	f.ok("UpdateApplicationDescription", params{"ApplicationId": app, "Description": "Alibaba Cloud roles"})
	f.ok("UpdateApplicationAuthorizationType", params{"ApplicationId": app, "AuthorizationType": "default_all"})
	a = field(f.ok("GetApplication", params{"ApplicationId": app}), "Application")
	if a["Status"] != "enabled" || a["ApplicationName"] != "Renamed" || a["Description"] != "Alibaba Cloud roles" ||
		a["AuthorizationType"] != "default_all" || a["LogoUrl"] != "https://example.com/logo.png" || str(items(a, "CustomFields")[0], "FieldValue") != "platform" {
		t.Errorf("after updates: %v", a)
	}
	f.ok("UpdateApplicationInfo", params{"ApplicationId": app, "CustomFields.1.FieldName": "team", "CustomFields.1.Operation": "delete"})
	if a = field(f.ok("GetApplication", params{"ApplicationId": app}), "Application"); len(items(a, "CustomFields")) != 0 {
		t.Errorf("custom field not deleted: %v", a["CustomFields"])
	}

	f.fail("UpdateApplicationAuthorizationType", params{"ApplicationId": app, "AuthorizationType": "everyone"}, "InvalidParameter.AuthorizationType", http.StatusBadRequest)
	f.fail("UpdateApplicationDescription", params{"ApplicationId": app, "Description": strings.Repeat("d", 129)}, "InvalidParameter.Description", http.StatusBadRequest)
	f.fail("UpdateApplicationInfo", params{"ApplicationId": app, "ApplicationName": strings.Repeat("n", 65)}, "InvalidParameter.ApplicationName", http.StatusBadRequest)
	msg := f.fail("DeleteApplication", params{"ApplicationId": app}, "IncorrectStatus.Application", http.StatusConflict)
	if !strings.Contains(msg, "DisableApplication") {
		t.Errorf("the message does not say how to fix it: %s", msg)
	}
	f.ok("DisableApplication", params{"ApplicationId": app})
	f.ok("DeleteApplication", params{"ApplicationId": app})
	for _, action := range []string{"GetApplication", "DeleteApplication", "EnableApplication", "DisableApplication", "GetApplicationSsoConfig",
		"SetApplicationSsoConfig", "EnableApplicationSso", "DisableApplicationSso", "UpdateApplicationInfo", "UpdateApplicationDescription",
		"ListUsersForApplication", "ListApplicationAccounts"} {
		f.fail(action, params{"ApplicationId": app}, "EntityNotExists.Application", http.StatusNotFound)
	}
	f.fail("GetApplication", params{"InstanceId": "idaas_nope", "ApplicationId": app}, "EntityNotExists.Instance", http.StatusNotFound)
	f.fail("GetApplication", nil, "MissingApplicationId", http.StatusBadRequest)
}

func TestEiamCreateApplicationErrors(t *testing.T) {
	f := newEiamFixture(t)
	base := params{"ApplicationName": "x", "ApplicationSourceType": "urn:alibaba:idaas:app:source:template", "ApplicationTemplateId": emulator.RoleSSOTemplateIDChina, "SsoType": "saml2"}
	for _, tc := range []struct {
		name   string
		p      params
		code   string
		status int
	}{
		{"unknown template", with(base, "ApplicationTemplateId", "apt_unknown_xxxx"), "EntityNotExists.ApplicationTemplate", 404},
		{"no template", with(base, "ApplicationTemplateId", ""), "MissingApplicationTemplateId", 400},
		{"bad source", with(base, "ApplicationSourceType", "marketplace"), "InvalidParameter.ApplicationSourceType", 400},
		{"oidc", with(base, "SsoType", "oidc"), "InvalidParameter.SsoType", 400},
		{"no name", with(base, "ApplicationName", ""), "MissingApplicationName", 400},
		{"long name", with(base, "ApplicationName", strings.Repeat("n", 65)), "InvalidParameter.ApplicationName", 400},
		{"no SsoType", with(base, "SsoType", ""), "MissingSsoType", 400},
		{"identity type", with(base, "ApplicationIdentityType", "robot"), "InvalidParameter.ApplicationIdentityType", 400},
		{"unknown owner", with(base, "ApplicationOwner.UserIds.1", "user_aaaaaaaaaaaaaaaaaaaaaaaaaa"), "EntityNotExists.User", 404},
		{"wrong instance", with(base, "InstanceId", "idaas_aaaaaaaaaaaaaaaaaaaaaaaaaa"), "EntityNotExists.Instance", 404},
	} {
		t.Run(tc.name, func(t *testing.T) { f.fail("CreateApplication", tc.p, tc.code, tc.status) })
	}
	// A standard application has no template and no form parameters.
	std := str(f.ok("CreateApplication", with(base, "ApplicationSourceType", "urn:alibaba:idaas:app:source:standard", "ApplicationTemplateId", "")), "ApplicationId")
	a := field(f.ok("GetApplication", params{"ApplicationId": std}), "Application")
	if _, has := a["ApplicationTemplateId"]; has || a["ApplicationSourceType"] != "urn:alibaba:idaas:app:source:standard" {
		t.Errorf("standard application: %v", a)
	}
	f.fail("UpdateApplicationSsoFormParams", params{"ApplicationId": std, "ApplicationTemplateParams.1.TemplateParamName": "aliyunUid", "ApplicationTemplateParams.1.TemplateParamValue": acct},
		"InvalidParameter.ApplicationTemplateParams", 400)
}

func TestEiamGetApplicationTemplate(t *testing.T) {
	f := newEiamFixture(t)
	for _, id := range []string{emulator.RoleSSOTemplateIDInternational, emulator.RoleSSOTemplateIDChina, "apt_ramuser_mjqrsi"} {
		tpl := field(f.ok("GetApplicationTemplate", params{"InstanceId": "", "ApplicationTemplateId": id}), "ApplicationTemplate")
		if tpl["ApplicationTemplateId"] != id || str(tpl, "ApplicationTemplateName") == "" || fmt.Sprint(tpl["SsoTypes"]) != "[saml2]" {
			t.Errorf("template %s: %v", id, tpl)
		}
	}
	f.fail("GetApplicationTemplate", params{"InstanceId": "", "ApplicationTemplateId": "apt_nope"}, "EntityNotExists.ApplicationTemplate", 404)
	f.fail("GetApplicationTemplate", params{"InstanceId": ""}, "MissingApplicationTemplateId", 400)
}

func TestEiamListApplications(t *testing.T) {
	f := newEiamFixture(t)
	var all []string
	for i := 0; i < 5; i++ {
		tpl := emulator.RoleSSOTemplateIDInternational
		if i%2 == 1 {
			tpl = emulator.RoleSSOTemplateIDChina
		}
		all = append(all, f.createApp(fmt.Sprintf("app-%d", i), tpl))
	}
	f.ok("EnableApplication", params{"ApplicationId": all[3]})

	var paged []string
	for page := 1; page <= 3; page++ {
		out := f.ok("ListApplications", params{"PageNumber": fmt.Sprint(page), "PageSize": "2"})
		if num(out, "TotalCount") != 5 {
			t.Errorf("page %d: TotalCount %v", page, out["TotalCount"])
		}
		got := ids(out["Applications"], "ApplicationId")
		if want := min(2, 5-2*(page-1)); len(got) != want {
			t.Errorf("page %d has %d applications, want %d", page, len(got), want)
		}
		paged = append(paged, got...)
	}
	if !slices.Equal(paged, all) {
		t.Errorf("pages hold %v, want %v", paged, all)
	}
	if out := f.ok("ListApplications", params{"PageNumber": "4", "PageSize": "2"}); len(items(out, "Applications")) != 0 {
		t.Errorf("page past the end: %v", out)
	}
	defaultPage := f.ok("ListApplications", nil)
	if len(items(defaultPage, "Applications")) != 5 {
		t.Errorf("default page: %v", defaultPage)
	}
	item := asObj(items(defaultPage, "Applications")[0])
	for _, k := range []string{"ApplicationId", "ApplicationName", "ClientId", "Features", "SsoType", "Status", "InstanceId", "ApplicationSourceType", "ApplicationTemplateId"} {
		if _, ok := item[k]; !ok {
			t.Errorf("list item lacks %s: %v", k, item)
		}
	}
	wantEpochMillis(t, item, "CreateTime")

	for _, tc := range []struct {
		p    params
		want []string
	}{
		{params{"ApplicationName": "app-1"}, all[1:2]},
		{params{"ApplicationName": "app-"}, all},
		{params{"ApplicationName": "pp-"}, nil},
		{params{"Status": "enabled"}, all[3:4]},
		{params{"ApplicationIds.1": all[0], "ApplicationIds.2": all[4]}, []string{all[0], all[4]}},
		{params{"ApplicationTemplateId": emulator.RoleSSOTemplateIDChina}, []string{all[1], all[3]}},
		{params{"SsoType": "oidc"}, nil},
		{params{"ApplicationCreationType": "system_init"}, nil},
		{params{"ApplicationCreationType": "all"}, all},
	} {
		out := f.ok("ListApplications", tc.p)
		if got := ids(out["Applications"], "ApplicationId"); !slices.Equal(got, tc.want) || num(out, "TotalCount") != int64(len(tc.want)) {
			t.Errorf("ListApplications %v = %v (total %v), want %v", tc.p, got, out["TotalCount"], tc.want)
		}
	}
	f.fail("ListApplications", params{"PageSize": "101"}, "InvalidParameter.PageSize", 400)
	f.fail("ListApplications", params{"PageNumber": "0"}, "InvalidParameter.PageNumber", 400)
	f.fail("ListApplications", params{"PageSize": "ten"}, "InvalidParameter", 400)
}

func TestEiamSsoConfig(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("china", emulator.RoleSSOTemplateIDChina)
	cfg := f.ssoConfig(app)
	saml := field(cfg, "SamlSsoConfig")
	endpoints := field(cfg, "ProtocolEndpointDomain")
	for k, v := range map[string]any{
		"SpEntityId":            facts.China.SPEntityID,
		"SpSsoAcsUrl":           facts.China.ACSURL,
		"NameIdFormat":          "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
		"NameIdValueExpression": "user.username",
		"SignatureAlgorithm":    "RSA-SHA256",
		"ResponseSigned":        true,
		"AssertionSigned":       true,
		"DefaultRelayState":     facts.China.ConsoleURL,
	} {
		if saml[k] != v {
			t.Errorf("SamlSsoConfig.%s = %v, want %v", k, saml[k], v)
		}
	}
	if cfg["SsoStatus"] != "disabled" || cfg["InitLoginType"] != "idaas_or_app_init_sso" {
		t.Errorf("config: %v", cfg)
	}
	if str(endpoints, "SamlMetaEndpoint") != f.srv.URL()+"/api/v2/"+app+"/saml2/meta" ||
		str(endpoints, "SamlSsoEndpoint") != f.srv.URL()+"/login/app/"+app+"/saml2/sso" {
		t.Errorf("ProtocolEndpointDomain: %v", endpoints)
	}
	if e := str(saml, "IdPEntityId"); !strings.HasPrefix(e, "https://") || !strings.HasSuffix(e, "/api/v2/"+app+"/saml2/meta") {
		t.Errorf("IdPEntityId %q", e)
	}

	f.ok("EnableApplicationSso", params{"ApplicationId": app})
	f.ok("SetApplicationSsoConfig", params{
		"ApplicationId":                                                app,
		"SamlSsoConfig.NameIdFormat":                                   "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
		"SamlSsoConfig.NameIdValueExpression":                          "user.email",
		"SamlSsoConfig.AssertionSigned":                                "false",
		"SamlSsoConfig.AttributeStatements.1.AttributeName":            facts.RoleSessionNameAttributeName,
		"SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": "user.displayName",
		"SamlSsoConfig.AttributeStatements.2.AttributeName":            facts.SessionDurationAttributeName,
		"SamlSsoConfig.AttributeStatements.2.AttributeValueExpression": `"7200"`,
		"SamlSsoConfig.DefaultRelayState":                              "https://ram.console.aliyun.com/",
		"SamlSsoConfig.OptionalRelayStates.1.DisplayName":              "RAM",
		"SamlSsoConfig.OptionalRelayStates.1.RelayState":               "https://ram.console.aliyun.com/",
	})
	cfg = f.ssoConfig(app)
	saml = field(cfg, "SamlSsoConfig")
	if cfg["SsoStatus"] != "enabled" || saml["NameIdValueExpression"] != "user.email" || saml["AssertionSigned"] != false || saml["ResponseSigned"] != true ||
		len(items(saml, "AttributeStatements")) != 2 || str(items(saml, "OptionalRelayStates")[0], "DisplayName") != "RAM" || saml["SpSsoAcsUrl"] != facts.China.ACSURL {
		t.Errorf("after SetApplicationSsoConfig: %v", cfg)
	}
	f.ok("DisableApplicationSso", params{"ApplicationId": app})
	if cfg = f.ssoConfig(app); cfg["SsoStatus"] != "disabled" {
		t.Errorf("SsoStatus after DisableApplicationSso: %v", cfg["SsoStatus"])
	}

	for _, tc := range []struct {
		p    params
		code string
	}{
		{params{"SamlSsoConfig.NameIdFormat": "urn:example:nameid"}, "InvalidParameter.SamlSsoConfig.NameIdFormat"},
		{params{"SamlSsoConfig.ResponseSigned": "false", "SamlSsoConfig.AssertionSigned": "false"}, "InvalidParameter.SamlSsoConfig.ResponseSigned"},
		{params{"SamlSsoConfig.NameIdValueExpression": "user.manager.email"}, "InvalidParameter.SamlSsoConfig.NameIdValueExpression"},
		{params{"SamlSsoConfig.SignatureAlgorithm": "RSA-SHA1"}, "InvalidParameter.SamlSsoConfig.SignatureAlgorithm"},
		{params{"SamlSsoConfig.SpSsoAcsUrl": "signin.aliyun.com/saml-role/sso"}, "InvalidParameter.SamlSsoConfig.SpSsoAcsUrl"},
		{params{"InitLoginType": "only_app_init_sso"}, "InvalidParameter.InitLoginUrl"},
		{params{"InitLoginType": "portal"}, "InvalidParameter.InitLoginType"},
		{params{"SamlSsoConfig.AttributeStatements.1.AttributeName": "x", "SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": "user.x"}, "InvalidParameter.SamlSsoConfig.AttributeStatements.1.AttributeValueExpression"},
		{params{"OidcSsoConfig.GrantTypes.1": "authorization_code"}, "InvalidParameter.OidcSsoConfig"},
		{params{"SamlSsoConfig.ResponseSigned": "maybe"}, "InvalidParameter"},
	} {
		f.fail("SetApplicationSsoConfig", with(tc.p, "ApplicationId", app), tc.code, 400)
	}
	// A refused change changes nothing.
	if saml2 := field(f.ssoConfig(app), "SamlSsoConfig"); saml2["NameIdFormat"] != saml["NameIdFormat"] || saml2["ResponseSigned"] != true {
		t.Errorf("a refused SetApplicationSsoConfig changed the config: %v", saml2)
	}
}

func TestEiamSsoFormParams(t *testing.T) {
	f := newEiamFixture(t)
	site := facts.International
	app := f.createApp("intl", emulator.RoleSSOTemplateID(site.Name))
	p := func(kv ...string) params {
		out := params{"ApplicationId": app}
		for i := 0; i+1 < len(kv); i += 2 {
			n := i/2 + 1
			out[fmt.Sprintf("ApplicationTemplateParams.%d.TemplateParamName", n)] = kv[i]
			out[fmt.Sprintf("ApplicationTemplateParams.%d.TemplateParamValue", n)] = kv[i+1]
		}
		return out
	}
	f.ok("UpdateApplicationSsoFormParams", p(facts.AccountIDTemplateParam, acct, emulator.RoleSSOIdPNameParam, "idp-secret-name-42"))
	f.ok("UpdateApplicationSsoFormParams", p(emulator.RoleSSOIdPNameParam, "idp-secret-name-43"))

	f.fail("UpdateApplicationSsoFormParams", p("color", "blue"), "InvalidParameter.ApplicationTemplateParams", 400)
	msg := f.fail("UpdateApplicationSsoFormParams", p(facts.AccountIDTemplateParam, "12345"), "InvalidParameter.ApplicationTemplateParams", 400)
	if !strings.Contains(msg, facts.AccountIDTemplateParam) {
		t.Errorf("message does not name the parameter: %s", msg)
	}
	f.fail("UpdateApplicationSsoFormParams", p(emulator.RoleSSOIdPNameParam, "-idaas"), "InvalidParameter.ApplicationTemplateParams", 400)
	f.fail("UpdateApplicationSsoFormParams", params{"ApplicationId": app}, "MissingApplicationTemplateParams", 400)
	f.fail("UpdateApplicationSsoFormParams", params{"ApplicationId": app, "ApplicationTemplateParams.1.TemplateParamValue": "x"}, "MissingApplicationTemplateParams.1.TemplateParamName", 400)

	// No API reads the form parameters back.
	for _, action := range []string{"GetApplication", "GetApplicationSsoConfig"} {
		out := f.ok(action, params{"ApplicationId": app})
		if b, _ := json.Marshal(out); strings.Contains(string(b), "idp-secret-name") {
			t.Errorf("%s exposes the form parameters: %s", action, b)
		}
	}
	// The sign-in uses the later IdP name.
	f.ok("EnableApplication", params{"ApplicationId": app})
	f.ok("EnableApplicationSso", params{"ApplicationId": app})
	f.ok("UpdateApplicationAuthorizationType", params{"ApplicationId": app, "AuthorizationType": "default_all"})
	user := f.createUser("alice")
	f.addAccount(app, user, "sso-admin")
	roles := assertionRoles(t, f.signIn(app, "alice").SAMLResponse)
	if want := []string{rules.RoleARN(acct, "sso-admin") + "," + rules.SAMLProviderARN(acct, "idp-secret-name-43")}; !slices.Equal(roles, want) {
		t.Errorf("Role values %v, want %v", roles, want)
	}
}

func TestEiamConsistency(t *testing.T) {
	f := newEiamFixture(t, emulatortest.WithKnobs(emulator.Knobs{Consistency: map[string]emulator.Duration{
		"Eiam.Application":        emulator.Duration(30 * time.Second),
		"Eiam.ApplicationAccount": emulator.Duration(10 * time.Second),
	}}))
	app := f.createApp("late", emulator.RoleSSOTemplateIDInternational)
	f.fail("GetApplication", params{"ApplicationId": app}, "EntityNotExists.Application", 404)
	if out := f.ok("ListApplications", nil); num(out, "TotalCount") != 0 {
		t.Errorf("a new application is listed: %v", out)
	}
	if status, _ := httpGet(t, f.srv.URL()+"/api/v2/"+app+"/saml2/meta", nil); status != 404 {
		t.Errorf("metadata of a new application: HTTP %d", status)
	}
	mustOK(t, f.srv.AdvanceClock(31*time.Second))
	f.ok("GetApplication", params{"ApplicationId": app})
	user := f.createUser("bob")
	acc := f.addAccount(app, user, "sso-admin")
	if out := f.ok("ListApplicationAccountsForUser", params{"ApplicationId": app, "UserId": user}); num(out, "TotalCount") != 0 {
		t.Errorf("a new account is listed: %v", out)
	}
	f.fail("RemoveApplicationAccountFromUser", params{"ApplicationId": app, "UserId": user, "ApplicationAccountId": acc}, "EntityNotExists.ApplicationAccount", 404)
	mustOK(t, f.srv.AdvanceClock(11*time.Second))
	if out := f.ok("ListApplicationAccounts", params{"ApplicationId": app}); !slices.Equal(ids(out["ApplicationAccounts"], "ApplicationAccountId"), []string{acc}) {
		t.Errorf("the account after its delay: %v", out)
	}
}
