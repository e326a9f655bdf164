// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"bytes"
	"crypto/rsa"
	"encoding/base64"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/beevik/etree"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// ssoSetup is the console procedure done through the APIs:
// an IDaaS role-based SSO application with IdP name idpName for the site,
// the user alice with one application account per name in accounts, the
// RAM SAML provider providerName made from the application's metadata, and
// the RAM roles trusting it for trustSite.
type ssoSetup struct {
	f      *eiamFixture
	c      clients
	app    string
	alice  string
	entity string
}

type ssoOptions struct {
	site         facts.Site
	idpName      string
	providerName string
	accounts     []string
	roles        []string
	trustSite    facts.Site
}

func defaultSSOOptions() ssoOptions {
	return ssoOptions{
		site:         facts.International,
		idpName:      "idaas",
		providerName: "idaas",
		accounts:     []string{"sso-admin", "sso-readonly"},
		roles:        []string{"sso-admin", "sso-readonly"},
		trustSite:    facts.International,
	}
}

func newSSOSetup(t *testing.T, o ssoOptions) *ssoSetup {
	t.Helper()
	f := newEiamFixture(t)
	s := &ssoSetup{f: f, c: defaultClients(t)}
	s.app = f.roleApp("Alibaba Cloud", o.site, o.idpName)
	s.alice = f.createUser("alice")
	for _, name := range o.accounts {
		f.addAccount(s.app, s.alice, name)
	}
	s.createProvider(o.providerName, f.metadata(s.app))
	trust, err := emulatortest.SAMLTrustPolicy(acct, o.trustSite, o.providerName), error(nil)
	mustOK(t, err)
	for _, r := range o.roles {
		createRole(t, f.srv, s.c, r, trust)
	}
	s.entity = str(f.ssoConfig(s.app)["SamlSsoConfig"], "IdPEntityId")
	return s
}

func (s *ssoSetup) createProvider(name, metadataXML string) {
	s.f.t.Helper()
	req := at(s.f.srv, ims.CreateCreateSAMLProviderRequest())
	req.SAMLProviderName = name
	req.EncodedSAMLMetadataDocument = base64.StdEncoding.EncodeToString([]byte(metadataXML))
	_, err := s.c.ims.CreateSAMLProvider(req)
	mustOK(s.f.t, err)
}

// assume calls AssumeRoleWithSAML for a role and SAML provider name.
func (s *ssoSetup) assume(response, role, provider string) (*sts.AssumeRoleWithSAMLResponse, error) {
	req := at(s.f.srv, sts.CreateAssumeRoleWithSAMLRequest())
	req.SAMLAssertion = response
	req.RoleArn = rules.RoleARN(acct, role)
	req.SAMLProviderArn = rules.SAMLProviderARN(acct, provider)
	return s.c.sts.AssumeRoleWithSAML(req)
}

// assertionRoles returns the Role attribute values of a Base64 SAML
// response.
func assertionRoles(t testing.TB, response string) []string {
	t.Helper()
	doc := decodeResponse(t, response)
	var out []string
	for _, attr := range doc.FindElements("//Attribute[@Name='" + facts.RoleAttributeName + "']/AttributeValue") {
		out = append(out, attr.Text())
	}
	return out
}

func decodeResponse(t testing.TB, response string) *etree.Document {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(response)
	mustOK(t, err)
	doc := etree.NewDocument()
	mustOK(t, doc.ReadFromBytes(raw))
	return doc
}

func TestSSOEndToEnd(t *testing.T) {
	s := newSSOSetup(t, defaultSSOOptions())
	f := s.f
	answer := f.signIn(s.app, "alice")
	if answer.Destination != facts.International.ACSURL || answer.RelayState != facts.International.ConsoleURL {
		t.Errorf("sign-in answer: destination %q, relay state %q", answer.Destination, answer.RelayState)
	}
	want := []string{
		"acs:ram::" + acct + ":role/sso-admin,acs:ram::" + acct + ":saml-provider/idaas",
		"acs:ram::" + acct + ":role/sso-readonly,acs:ram::" + acct + ":saml-provider/idaas",
	}
	if got := assertionRoles(t, answer.SAMLResponse); !slices.Equal(got, want) {
		t.Errorf("Role values %v, want %v", got, want)
	}

	for _, role := range []string{"sso-admin", "sso-readonly"} {
		resp, err := s.assume(answer.SAMLResponse, role, "idaas")
		if err != nil {
			t.Fatalf("AssumeRoleWithSAML %s: %v", role, err)
		}
		cred := resp.Credentials
		if !strings.HasPrefix(cred.AccessKeyId, "STS.") || cred.AccessKeySecret == "" || cred.SecurityToken == "" {
			t.Fatalf("credentials: %+v", cred)
		}
		if exp, err := time.Parse(time.RFC3339, cred.Expiration); err != nil || time.Until(exp) < 59*time.Minute || time.Until(exp) > 61*time.Minute {
			t.Errorf("Expiration %q is not an hour from now", cred.Expiration)
		}
		// The form of the STS SDK's AssumeRoleWithSAML example.
		wantARN := "acs:sts::" + acct + ":assumed-role/" + role + "/alice"
		if resp.AssumedRoleUser.Arn != wantARN || !strings.HasSuffix(resp.AssumedRoleUser.AssumedRoleId, ":alice") {
			t.Errorf("AssumedRoleUser: %+v", resp.AssumedRoleUser)
		}
		info := resp.SAMLAssertionInfo
		if info.Issuer != s.entity || info.Recipient != facts.International.ACSURL || info.Subject != "alice" ||
			info.SubjectType != "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" {
			t.Errorf("SAMLAssertionInfo: %+v", info)
		}
		who, err := callerIdentity(t, f.srv, stsClients(t, cred.AccessKeyId, cred.AccessKeySecret, cred.SecurityToken))
		mustOK(t, err)
		if who.Arn != "acs:ram::"+acct+":assumed-role/"+role+"/alice" || who.IdentityType != "AssumedRoleUser" {
			t.Errorf("GetCallerIdentity with the %s credentials: %+v", role, who)
		}
	}

	// The HTML answer posts the same kind of response to the ACS URL.
	status, page := httpGet(t, f.endpoint(s.app, "SamlSsoEndpoint")+"?username=alice", nil)
	form := regexp.MustCompile(`<form method="post" action="([^"]+)">\s*<input type="hidden" name="SAMLResponse" value="([^"]+)">`).FindStringSubmatch(page)
	if status != http.StatusOK || form == nil || html.UnescapeString(form[1]) != facts.International.ACSURL {
		t.Fatalf("HTML sign-in: HTTP %d: %s", status, page)
	}
	if _, err := s.assume(html.UnescapeString(form[2]), "sso-admin", "idaas"); err != nil {
		t.Errorf("the HTML page's response: %v", err)
	}

	// The sign-in also takes a user ID, by POST.
	resp, err := http.PostForm(f.endpoint(s.app, "SamlSsoEndpoint"), url.Values{"user_id": {s.alice}})
	mustOK(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("POST sign-in by user_id: HTTP %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestSSOBrokenLinks breaks each link of the chain in turn and checks that
// the sign-in fails as it would in the cloud.
func TestSSOBrokenLinks(t *testing.T) {
	t.Run("IdP name is not the SAML provider name", func(t *testing.T) {
		o := defaultSSOOptions()
		o.idpName = "idaas-prod"
		s := newSSOSetup(t, o)
		r := s.f.signIn(s.app, "alice").SAMLResponse
		_, err := s.assume(r, "sso-admin", "idaas")
		msg := wantServerError(t, err, "AuthenticationFail.SAMLAssertion.RoleNotMatch", 400).Message()
		if !strings.Contains(msg, "saml-provider/idaas-prod") || !strings.Contains(msg, "IdP name") {
			t.Errorf("the message does not show the Role values and the rule: %s", msg)
		}
		_, err = s.assume(r, "sso-admin", "idaas-prod")
		wantAPIError(t, err, "EntityNotExist.SAMLProvider", 404)
	})
	t.Run("account name is not the role name", func(t *testing.T) {
		o := defaultSSOOptions()
		o.accounts = []string{"sso-admins"}
		s := newSSOSetup(t, o)
		r := s.f.signIn(s.app, "alice").SAMLResponse
		_, err := s.assume(r, "sso-admin", "idaas")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.RoleNotMatch", 400)
		_, err = s.assume(r, "sso-admins", "idaas")
		wantAPIError(t, err, "EntityNotExist.Role", 404)
	})
	t.Run("role does not trust the provider", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		s.createProvider("okta", testMetadataXML(t, "https://okta.example.com"))
		trust, err := emulatortest.SAMLTrustPolicy(acct, facts.International, "okta"), error(nil)
		mustOK(t, err)
		upd := at(s.f.srv, ram.CreateUpdateRoleRequest())
		upd.RoleName, upd.NewAssumeRolePolicyDocument = "sso-admin", trust
		_, err = s.c.ram.UpdateRole(upd)
		mustOK(t, err)
		_, err = s.assume(s.f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas")
		wantAPIError(t, err, "NoPermission", 403)
	})
	t.Run("role trusts the other site", func(t *testing.T) {
		o := defaultSSOOptions()
		o.trustSite = facts.China
		s := newSSOSetup(t, o)
		_, err := s.assume(s.f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas")
		wantAPIError(t, err, "NoPermission", 403)
	})
	t.Run("recipient is not an Alibaba Cloud ACS URL", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		s.f.ok("SetApplicationSsoConfig", params{"ApplicationId": s.app, "SamlSsoConfig.SpSsoAcsUrl": "https://signin.example.com/saml/acs"})
		_, err := s.assume(s.f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.RecipientNotMatch", 400)
	})
	t.Run("audience of the other site", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		s.f.ok("SetApplicationSsoConfig", params{"ApplicationId": s.app, "SamlSsoConfig.SpEntityId": facts.China.SPEntityID})
		_, err := s.assume(s.f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.AudienceNotMatch", 400)
	})
	t.Run("metadata of another application", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		other := s.f.createApp("other", emulator.RoleSSOTemplateIDInternational)
		s.createProvider("idaas-other", s.f.metadata(other))
		_, err := s.assume(s.f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas-other")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.SignatureInvalid", 400)
	})
	t.Run("issuer is not the metadata's entity ID", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		s.f.ok("SetApplicationSsoConfig", params{"ApplicationId": s.app, "SamlSsoConfig.IdPEntityId": "https://idp.example.com/other"})
		_, err := s.assume(s.f.signIn(s.app, "alice").SAMLResponse, "sso-admin", "idaas")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.IssuerNotMatch", 400)
	})
	t.Run("expired response", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		r := s.f.signIn(s.app, "alice").SAMLResponse
		mustOK(t, s.f.srv.AdvanceClock(10*time.Minute))
		_, err := s.assume(r, "sso-admin", "idaas")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.Expired", 400)
	})
	t.Run("tampered response", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		doc := decodeResponse(t, s.f.signIn(s.app, "alice").SAMLResponse)
		for _, v := range doc.FindElements("//AttributeValue") {
			v.SetText(strings.ReplaceAll(v.Text(), "sso-readonly", "sso-admin"))
		}
		raw, err := doc.WriteToBytes()
		mustOK(t, err)
		_, err = s.assume(base64.StdEncoding.EncodeToString(raw), "sso-admin", "idaas")
		wantAPIError(t, err, "AuthenticationFail.SAMLAssertion.SignatureInvalid", 400)
	})
	t.Run("parameters", func(t *testing.T) {
		s := newSSOSetup(t, defaultSSOOptions())
		r := s.f.signIn(s.app, "alice").SAMLResponse
		_, err := s.assume("not base64!", "sso-admin", "idaas")
		wantAPIError(t, err, "InvalidParameter.SAMLAssertion", 400)
		_, err = s.assume("abc", "sso-admin", "idaas")
		wantAPIError(t, err, "InvalidParameter.SAMLAssertion", 400)
		_, err = s.assume(base64.StdEncoding.EncodeToString([]byte("<html/>")), "sso-admin", "idaas")
		wantAPIError(t, err, "InvalidParameter.SAMLAssertion", 400)
		req := at(s.f.srv, sts.CreateAssumeRoleWithSAMLRequest())
		req.SAMLAssertion, req.RoleArn, req.SAMLProviderArn = r, rules.RoleARN(acct, "sso-admin"), "idaas"
		_, err = s.c.sts.AssumeRoleWithSAML(req)
		wantAPIError(t, err, "InvalidParameter.SAMLProviderArn", 400)
		req.SAMLProviderArn = rules.SAMLProviderARN("1111222233334444", "idaas")
		_, err = s.c.sts.AssumeRoleWithSAML(req)
		wantAPIError(t, err, "EntityNotExist.SAMLProvider", 404)
		req.SAMLProviderArn, req.RoleArn = rules.SAMLProviderARN(acct, "idaas"), "sso-admin"
		_, err = s.c.sts.AssumeRoleWithSAML(req)
		wantAPIError(t, err, "InvalidParameter.RoleArn", 400)
		req.RoleArn, req.DurationSeconds = rules.RoleARN(acct, "sso-admin"), requests.NewInteger(7200)
		_, err = s.c.sts.AssumeRoleWithSAML(req)
		wantAPIError(t, err, "InvalidParameter.DurationSeconds", 400)
		req.DurationSeconds = requests.NewInteger(900)
		resp, err := s.c.sts.AssumeRoleWithSAML(req)
		mustOK(t, err)
		if exp, _ := time.Parse(time.RFC3339, resp.Credentials.Expiration); time.Until(exp) > 901*time.Second {
			t.Errorf("DurationSeconds 900 gave Expiration %s", resp.Credentials.Expiration)
		}
		req = at(s.f.srv, sts.CreateAssumeRoleWithSAMLRequest())
		req.RoleArn, req.SAMLProviderArn = rules.RoleARN(acct, "sso-admin"), rules.SAMLProviderARN(acct, "idaas")
		_, err = s.c.sts.AssumeRoleWithSAML(req)
		wantAPIError(t, err, "MissingSAMLAssertion", 400)
	})
}

func TestSSOSignInChecks(t *testing.T) {
	f := newEiamFixture(t)
	site := facts.China
	app := f.createApp("china", emulator.RoleSSOTemplateID(site.Name))
	alice, bob := f.createUser("alice"), f.createUser("bob")
	f.addAccount(app, alice, "admin")
	group := str(f.ok("CreateGroup", params{"GroupName": "ops"}), "GroupId")
	f.ok("AddUsersToGroup", params{"GroupId": group, "UserIds.1": bob})

	want := func(code string, status int) {
		t.Helper()
		got, a := f.trySignIn(app, "username=alice")
		if got != status || a.Code != code || a.Message == "" {
			t.Errorf("sign-in: HTTP %d %s %q, want HTTP %d %s", got, a.Code, a.Message, status, code)
		}
	}
	want("ApplicationDisabled", 403)
	f.ok("EnableApplication", params{"ApplicationId": app})
	want("SsoDisabled", 403)
	f.ok("EnableApplicationSso", params{"ApplicationId": app})
	want("UserNotAuthorized", 403)
	f.ok("AuthorizeApplicationToUsers", params{"ApplicationId": app, "UserIds.1": alice})
	want("SsoConfigIncomplete", 400)
	f.ok("UpdateApplicationSsoFormParams", params{"ApplicationId": app,
		"ApplicationTemplateParams.1.TemplateParamName": "aliyunUid", "ApplicationTemplateParams.1.TemplateParamValue": acct,
		"ApplicationTemplateParams.2.TemplateParamName": emulator.RoleSSOIdPNameParam, "ApplicationTemplateParams.2.TemplateParamValue": "idaas"})
	a := f.signIn(app, "alice")
	if a.Destination != site.ACSURL {
		t.Errorf("Destination %q", a.Destination)
	}
	doc := decodeResponse(t, a.SAMLResponse)
	if aud := doc.FindElement("//Audience"); aud == nil || aud.Text() != site.SPEntityID {
		t.Errorf("Audience %v", aud)
	}

	// bob may sign in through his group, with no Role value: he has no
	// application account.
	if status, _ := f.trySignIn(app, "username=bob"); status != 403 {
		t.Errorf("bob before his group is authorized: HTTP %d", status)
	}
	f.ok("AuthorizeApplicationToGroups", params{"ApplicationId": app, "GroupIds.1": group})
	if roles := assertionRoles(t, f.signIn(app, "bob").SAMLResponse); len(roles) != 0 {
		t.Errorf("bob's Role values: %v", roles)
	}

	// The configuration shapes the response.
	f.ok("SetApplicationSsoConfig", params{"ApplicationId": app,
		"SamlSsoConfig.NameIdValueExpression":                          "user.userId",
		"SamlSsoConfig.AttributeStatements.1.AttributeName":            facts.RoleSessionNameAttributeName,
		"SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": `"fixed-session"`,
		"SamlSsoConfig.AttributeStatements.2.AttributeName":            facts.SessionDurationAttributeName,
		"SamlSsoConfig.AttributeStatements.2.AttributeValueExpression": `"7200"`,
		"SamlSsoConfig.AssertionSigned":                                "false",
	})
	doc = decodeResponse(t, f.signIn(app, "alice").SAMLResponse)
	if n := doc.FindElement("//NameID"); n == nil || n.Text() != alice {
		t.Errorf("NameID %v, want the user ID", n)
	}
	values := map[string]string{}
	for _, at := range doc.FindElements("//Attribute") {
		values[at.SelectAttrValue("Name", "")] = at.FindElement("AttributeValue").Text()
	}
	if values[facts.RoleSessionNameAttributeName] != "fixed-session" || values[facts.SessionDurationAttributeName] != "7200" {
		t.Errorf("attributes: %v", values)
	}
	if len(doc.FindElements("//Assertion/Signature")) != 0 || len(doc.FindElements("/Response/Signature")) != 1 {
		t.Error("with AssertionSigned false, only the Response must be signed")
	}

	f.ok("SetApplicationSsoConfig", params{"ApplicationId": app, "SamlSsoConfig.NameIdValueExpression": "user.email"})
	want("NameIdEmpty", 400)
	f.ok("SetApplicationSsoConfig", params{"ApplicationId": app, "InitLoginType": "only_app_init_sso", "InitLoginUrl": "https://app.example.com/login"})
	want("IdPInitiatedSsoDisabled", 403)

	for _, tc := range []struct {
		app, query string
		status     int
		code       string
	}{
		{app, "", 400, "MissingUser"},
		{app, "username=nobody", 404, "UserNotFound"},
		{"app_aaaaaaaaaaaaaaaaaaaaaaaaaa", "username=alice", 404, "ApplicationNotFound"},
	} {
		if status, a := f.trySignIn(tc.app, tc.query); status != tc.status || a.Code != tc.code {
			t.Errorf("sign-in %s?%s: HTTP %d %s, want HTTP %d %s", tc.app, tc.query, status, a.Code, tc.status, tc.code)
		}
	}
	// Without Accept: application/json a failure is an HTML page.
	status, page := httpGet(t, f.srv.URL()+"/login/app/"+app+"/saml2/sso", nil)
	if status != 400 || !strings.Contains(page, "MissingUser") || !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Errorf("HTML failure: HTTP %d: %s", status, page)
	}
	req, _ := http.NewRequest(http.MethodDelete, f.srv.URL()+"/login/app/"+app+"/saml2/sso", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("DELETE sign-in: %v %v", resp.StatusCode, err)
	}
}

func TestSSOMetadata(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("a", emulator.RoleSSOTemplateIDInternational)
	other := f.createApp("b", emulator.RoleSSOTemplateIDInternational)
	cfg := f.ssoConfig(app)
	md := parseMetadata(t, f.metadata(app))
	if md.EntityID != str(cfg["SamlSsoConfig"], "IdPEntityId") {
		t.Errorf("entityID %q, IdPEntityId %q", md.EntityID, str(cfg["SamlSsoConfig"], "IdPEntityId"))
	}
	if len(md.Certificates) != 1 {
		t.Fatalf("certificates: %v", md.Certificates)
	}
	cert := md.Certificates[0]
	if key, ok := cert.PublicKey.(*rsa.PublicKey); !ok || key.N.BitLen() != 2048 || time.Until(cert.NotAfter) < 5*365*24*time.Hour || time.Now().Before(cert.NotBefore) {
		t.Errorf("certificate: %T key, valid from %s until %s; want RSA 2048, valid now and for years", cert.PublicKey, cert.NotBefore, cert.NotAfter)
	}
	ssoPath := strings.TrimPrefix(str(cfg["ProtocolEndpointDomain"], "SamlSsoEndpoint"), f.srv.URL())
	if !slices.ContainsFunc(md.SSOServices, func(e samlsso.Endpoint) bool {
		return strings.HasPrefix(e.Location, "https://") && strings.HasSuffix(e.Location, ".aliyunidaas.com"+ssoPath) && e.Binding == facts.BindingHTTPPost
	}) {
		t.Errorf("SSO services %v, want the HTTP-POST binding at the instance's IDaaS domain and path %s", md.SSOServices, ssoPath)
	}
	md2 := parseMetadata(t, f.metadata(other))
	if bytes.Equal(md2.Certificates[0].Raw, cert.Raw) || md2.EntityID == md.EntityID {
		t.Error("two applications share a certificate or an entity ID")
	}
	if again := parseMetadata(t, f.metadata(app)); !bytes.Equal(again.Certificates[0].Raw, cert.Raw) {
		t.Error("the certificate changed between two fetches")
	}
	status, _ := httpGet(t, f.srv.URL()+"/api/v2/app_aaaaaaaaaaaaaaaaaaaaaaaaaa/saml2/meta", nil)
	if status != http.StatusNotFound {
		t.Errorf("metadata of an unknown application: HTTP %d", status)
	}
}
