// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

const dataSourceName = "data.idaas_role_sso_check.test"

// ssoChain builds a role-based SSO chain in an emulator through the
// Alibaba Cloud SDK, as a console user or another tool would, independent
// of the provider's own client.
type ssoChain struct {
	t       *testing.T
	srv     *emulator.Server
	control *emulatortest.Control
	eiam    *sdk.Client
	ram     *ram.Client
	ims     *ims.Client
	sts     *sts.Client

	instanceID string
	rootOU     string
	app        string
	users      map[string]string // Username to user ID.
}

func newSSOChain(t *testing.T) *ssoChain {
	t.Helper()
	srv := acctest.Emulator(t)
	creds := credentials.NewAccessKeyCredential(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	c := &ssoChain{t: t, srv: srv, control: emulatortest.ControlOf(t, srv), users: map[string]string{}}
	var err error
	if c.eiam, err = sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), creds); err != nil {
		t.Fatal(err)
	}
	if c.ram, err = ram.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), creds); err != nil {
		t.Fatal(err)
	}
	if c.ims, err = ims.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), creds); err != nil {
		t.Fatal(err)
	}
	if c.sts, err = sts.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), creds); err != nil {
		t.Fatal(err)
	}
	var instances struct {
		Instances []struct {
			InstanceID string `json:"InstanceId"`
		}
	}
	c.eiamCall("ListInstances", nil, &instances)
	if len(instances.Instances) != 1 {
		t.Fatalf("ListInstances: %+v", instances)
	}
	c.instanceID = instances.Instances[0].InstanceID
	var root struct {
		OrganizationalUnit struct {
			OrganizationalUnitID string `json:"OrganizationalUnitId"`
		}
	}
	c.eiamCall("GetRootOrganizationalUnit", nil, &root)
	c.rootOU = root.OrganizationalUnit.OrganizationalUnitID
	return c
}

// healthySSOChain is the console procedure done right: an application
// with IdP name "idaas" for the international site, alice with the
// accounts sso-admin and sso-readonly, the SAML provider "idaas" with the
// application's metadata, and the two roles trusting it.
func healthySSOChain(t *testing.T) *ssoChain {
	t.Helper()
	c := newSSOChain(t)
	c.roleApp(rolesso.International, "idaas")
	c.account("alice", "sso-admin")
	c.account("alice", "sso-readonly")
	c.samlProvider("idaas", c.metadata())
	for _, name := range []string{"sso-admin", "sso-readonly"} {
		c.role(name, c.trust(rolesso.International, "idaas"))
	}
	return c
}

// eiamCall sends an Eiam action as the SDK's CommonRequest, with the
// instance ID, and decodes the answer into out unless it is nil.
func (c *ssoChain) eiamCall(action string, p map[string]string, out any) {
	c.t.Helper()
	req := requests.NewCommonRequest()
	req.Method, req.Product, req.Version, req.ApiName = requests.POST, "Eiam", "2021-12-01", action
	req.Domain, req.Scheme = c.srv.Addr(), "http"
	if c.instanceID != "" {
		req.QueryParams["InstanceId"] = c.instanceID
	}
	for k, v := range p {
		req.QueryParams[k] = v
	}
	resp, err := c.eiam.ProcessCommonRequest(req)
	if err != nil {
		c.t.Fatalf("%s: %v", action, err)
	}
	if out == nil {
		return
	}
	if err := json.Unmarshal(resp.GetHttpContentBytes(), out); err != nil {
		c.t.Fatalf("%s: %v", action, err)
	}
}

// roleApp creates the role-based SSO application as the console does.
func (c *ssoChain) roleApp(site rolesso.Site, idpName string) {
	c.t.Helper()
	var created struct {
		ApplicationID string `json:"ApplicationId"`
	}
	c.eiamCall("CreateApplication", map[string]string{
		"ApplicationName":       "Alibaba Cloud",
		"ApplicationSourceType": "urn:alibaba:idaas:app:source:template",
		"ApplicationTemplateId": emulator.RoleSSOTemplateID(site.Name),
		"SsoType":               "saml2",
	}, &created)
	c.app = created.ApplicationID
	c.eiamCall("UpdateApplicationSsoFormParams", map[string]string{
		"ApplicationId": c.app,
		"ApplicationTemplateParams.1.TemplateParamName":  rolesso.DefaultAccountIDParam,
		"ApplicationTemplateParams.1.TemplateParamValue": c.srv.AccountID(),
		"ApplicationTemplateParams.2.TemplateParamName":  emulator.RoleSSOIdPNameParam,
		"ApplicationTemplateParams.2.TemplateParamValue": idpName,
	}, nil)
	c.eiamCall("EnableApplication", map[string]string{"ApplicationId": c.app}, nil)
	c.eiamCall("EnableApplicationSso", map[string]string{"ApplicationId": c.app}, nil)
	c.eiamCall("UpdateApplicationAuthorizationType", map[string]string{"ApplicationId": c.app, "AuthorizationType": "default_all"}, nil)
}

// account gives the user (created on first use) an application account.
func (c *ssoChain) account(username, name string) {
	c.t.Helper()
	if c.users[username] == "" {
		var user struct {
			UserID string `json:"UserId"`
		}
		c.eiamCall("CreateUser", map[string]string{"Username": username, "PrimaryOrganizationalUnitId": c.rootOU}, &user)
		c.users[username] = user.UserID
	}
	c.eiamCall("AddApplicationAccountToUser", map[string]string{"ApplicationId": c.app, "UserId": c.users[username], "ApplicationUsername": name}, nil)
}

// metadata downloads the application's current IdP metadata.
func (c *ssoChain) metadata() string {
	c.t.Helper()
	var cfg struct {
		ApplicationSsoConfig struct {
			ProtocolEndpointDomain struct{ SamlMetaEndpoint string }
		}
	}
	c.eiamCall("GetApplicationSsoConfig", map[string]string{"ApplicationId": c.app}, &cfg)
	status, body := c.get(cfg.ApplicationSsoConfig.ProtocolEndpointDomain.SamlMetaEndpoint)
	if status != http.StatusOK {
		c.t.Fatalf("metadata: HTTP %d: %s", status, body)
	}
	return body
}

func (c *ssoChain) get(url string) (int, string) {
	c.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func (c *ssoChain) samlProvider(name, metadata string) {
	c.t.Helper()
	req := ims.CreateCreateSAMLProviderRequest()
	req.Domain, req.Scheme = c.srv.Addr(), "http"
	req.SAMLProviderName = name
	req.EncodedSAMLMetadataDocument = base64.StdEncoding.EncodeToString([]byte(metadata))
	if _, err := c.ims.CreateSAMLProvider(req); err != nil {
		c.t.Fatal(err)
	}
}

func (c *ssoChain) deleteSAMLProvider(name string) {
	c.t.Helper()
	req := ims.CreateDeleteSAMLProviderRequest()
	req.Domain, req.Scheme = c.srv.Addr(), "http"
	req.SAMLProviderName = name
	if _, err := c.ims.DeleteSAMLProvider(req); err != nil {
		c.t.Fatal(err)
	}
}

func (c *ssoChain) trust(site rolesso.Site, names ...string) string {
	c.t.Helper()
	doc, err := rolesso.BuildTrustPolicy(c.srv.AccountID(), names, site)
	if err != nil {
		c.t.Fatal(err)
	}
	return doc
}

func (c *ssoChain) role(name, trust string) {
	c.t.Helper()
	req := ram.CreateCreateRoleRequest()
	req.Domain, req.Scheme = c.srv.Addr(), "http"
	req.RoleName, req.AssumeRolePolicyDocument = name, trust
	if _, err := c.ram.CreateRole(req); err != nil {
		c.t.Fatal(err)
	}
}

func (c *ssoChain) updateRole(name string, update func(*ram.UpdateRoleRequest)) {
	c.t.Helper()
	req := ram.CreateUpdateRoleRequest()
	req.Domain, req.Scheme = c.srv.Addr(), "http"
	req.RoleName = name
	update(req)
	if _, err := c.ram.UpdateRole(req); err != nil {
		c.t.Fatal(err)
	}
}

// setSigningKey gives the application a new signing key, as a certificate
// rotation in the IDaaS console does. No API does that, so the emulator's
// state is edited.
func (c *ssoChain) setSigningKey(validFor time.Duration) {
	c.t.Helper()
	key, err := samlsso.NewSigningKey("IDaaS "+c.app, time.Now().Add(-time.Hour), validFor)
	if err != nil {
		c.t.Fatal(err)
	}
	keyPEM, err := key.MarshalPEM()
	if err != nil {
		c.t.Fatal(err)
	}
	var state, eiam map[string]json.RawMessage
	var apps []map[string]any
	c.control.State(&state)
	c.mustJSON(json.Unmarshal(state["Eiam"], &eiam))
	c.mustJSON(json.Unmarshal(eiam["Applications"], &apps))
	for _, app := range apps {
		if app["ApplicationId"] == c.app {
			app["SigningKeyPEM"] = string(keyPEM)
		}
	}
	eiam["Applications"] = c.marshal(apps)
	state["Eiam"] = c.marshal(eiam)
	c.control.PutState(string(c.marshal(state)))
}

func (c *ssoChain) mustJSON(err error) {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
}

func (c *ssoChain) marshal(v any) json.RawMessage {
	c.t.Helper()
	raw, err := json.Marshal(v)
	c.mustJSON(err)
	return raw
}

// signIn signs username in through the application and assumes the role
// with the SAML response, as the sign-in page of the site does.
func (c *ssoChain) signIn(username, role, provider string) error {
	c.t.Helper()
	status, body := c.get(c.srv.URL() + "/login/app/" + c.app + "/saml2/sso?username=" + username)
	var answer struct{ SAMLResponse, Code, Message string }
	if err := json.Unmarshal([]byte(body), &answer); err != nil {
		c.t.Fatalf("sign-in answer: %s", body)
	}
	if status != http.StatusOK {
		return fmt.Errorf("IDaaS sign-in: HTTP %d %s: %s", status, answer.Code, answer.Message)
	}
	req := sts.CreateAssumeRoleWithSAMLRequest()
	req.Domain, req.Scheme = c.srv.Addr(), "http"
	req.SAMLAssertion = answer.SAMLResponse
	req.RoleArn = rolesso.RoleARN(c.srv.AccountID(), role)
	req.SAMLProviderArn = rolesso.SAMLProviderARN(c.srv.AccountID(), provider)
	_, err := c.sts.AssumeRoleWithSAML(req)
	return err
}

// config is the provider and the data source for the chain's application.
func (c *ssoChain) config(extra ...string) string {
	return acctest.EmulatorProviderConfig(c.srv) + fmt.Sprintf(`
data "idaas_role_sso_check" "test" {
  instance_id    = %q
  application_id = %q
  idp_name       = "idaas"
%s}
`, c.instanceID, c.app, strings.Join(append(extra, ""), "\n"))
}

// test runs one step that reads the check and expects findings, then
// checks that the check made no write call.
func (c *ssoChain) test(config string, wantOK bool, want ...knownvalue.Check) {
	c.t.Helper()
	c.control.ClearRequests()
	acctest.Test(c.t, nil, []resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("ok"), knownvalue.Bool(wantOK)),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("findings"), knownvalue.ListExact(want)),
		},
	}})
	c.expectOnlyReads()
}

// expectOnlyReads fails unless every call since the log was cleared reads:
// a Get or List action, or the download of the IdP metadata.
func (c *ssoChain) expectOnlyReads() {
	c.t.Helper()
	read := regexp.MustCompile(`^(Get|List)|^IdPMetadata$`)
	for _, r := range c.control.Requests(0) {
		if r.Action != "" && !read.MatchString(r.Action) {
			c.t.Errorf("the check called %s.%s, which is not a read", r.Product, r.Action)
		}
	}
}

// finding matches one finding; problem and fix are regular expressions.
func finding(severity, object, problem, fix string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"severity": knownvalue.StringExact(severity),
		"object":   knownvalue.StringExact(object),
		"problem":  knownvalue.StringRegexp(regexp.MustCompile(problem)),
		"fix":      knownvalue.StringRegexp(regexp.MustCompile(fix)),
	})
}

func (c *ssoChain) mustSignIn(role string) {
	c.t.Helper()
	if err := c.signIn("alice", role, "idaas"); err != nil {
		c.t.Errorf("sign-in to %s: %v", role, err)
	}
}

func (c *ssoChain) mustNotSignIn(role, code string) {
	c.t.Helper()
	err := c.signIn("alice", role, "idaas")
	if err == nil || !strings.Contains(err.Error(), code) {
		c.t.Errorf("sign-in to %s: %v, want %s", role, err, code)
	}
}

func TestAccRoleSSOCheckDataSource_healthy(t *testing.T) {
	c := healthySSOChain(t)
	c.test(c.config(), true)
	c.mustSignIn("sso-admin")
	c.mustSignIn("sso-readonly")
	// The defaults are shown.
	acctest.Test(t, nil, []resource.TestStep{{
		Config: c.config(),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("account_id"), knownvalue.StringExact(c.srv.AccountID())),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("site"), knownvalue.StringExact(rolesso.SiteInternational)),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("cert_expiry_warning_days"), knownvalue.Int64Exact(30)),
		},
	}})
}

func TestAccRoleSSOCheckDataSource_missingSAMLProvider(t *testing.T) {
	c := newSSOChain(t)
	c.roleApp(rolesso.International, "idaas")
	c.account("alice", "sso-admin")
	c.samlProvider("idaas", c.metadata())
	c.role("sso-admin", c.trust(rolesso.International, "idaas"))
	c.deleteSAMLProvider("idaas") // RAM refuses a trust policy naming a provider that does not exist.
	c.samlProvider("okta", c.metadata())
	c.test(c.config(), false,
		finding("error", "RAM SAML provider idaas", `^It does not exist in account `+c.srv.AccountID(), `name = "idaas".*\(okta\), set its idp_name`))
	c.mustNotSignIn("sso-admin", "EntityNotExist.SAMLProvider")
}

func TestAccRoleSSOCheckDataSource_rotatedCertificate(t *testing.T) {
	c := healthySSOChain(t)
	c.setSigningKey(365 * 24 * time.Hour)
	c.test(c.config(), false,
		finding("error", "RAM SAML provider idaas", `lacks the application's signing certificate SHA-256 [0-9a-f]{64}: the certificate was rotated in IDaaS but not uploaded to RAM`, `^Upload the application's current IdP metadata`))
	c.mustNotSignIn("sso-admin", "SignatureInvalid")
}

func TestAccRoleSSOCheckDataSource_accountWithoutRole(t *testing.T) {
	c := healthySSOChain(t)
	c.account("bob", "sso-auditor")
	c.account("bob", "sso_admin")
	c.test(c.config(), false,
		finding("error", `IDaaS application account "sso_admin"`, `contains '_'.*no RAM role can have this name`, `"sso-admin"`),
		finding("error", "RAM role sso-auditor", `^It does not exist in account \d{16}, but the application account "sso-auditor" of user user_\w+ signs in to it`, `name = "sso-auditor"`))
	if err := c.signIn("bob", "sso-auditor", "idaas"); err == nil || !strings.Contains(err.Error(), "EntityNotExist.Role") {
		t.Errorf("bob's sign-in to sso-auditor: %v", err)
	}
}

func TestAccRoleSSOCheckDataSource_roleNotTrusting(t *testing.T) {
	c := healthySSOChain(t)
	c.samlProvider("okta", c.metadata())
	c.updateRole("sso-admin", func(r *ram.UpdateRoleRequest) { r.NewAssumeRolePolicyDocument = c.trust(rolesso.International, "okta") })
	c.test(c.config(), false,
		finding("error", "RAM role sso-admin", `does not trust SAML provider acs:ram::\d{16}:saml-provider/idaas, so the sign-in of user user_\w+ fails`, `saml_provider_names`))
	c.mustNotSignIn("sso-admin", "NoPermission")
	c.mustSignIn("sso-readonly")
}

func TestAccRoleSSOCheckDataSource_wrongRecipient(t *testing.T) {
	c := healthySSOChain(t)
	c.updateRole("sso-readonly", func(r *ram.UpdateRoleRequest) { r.NewAssumeRolePolicyDocument = c.trust(rolesso.China, "idaas") })
	c.test(c.config(), false,
		finding("error", "RAM role sso-readonly", `only with saml:recipient https://signin\.aliyun\.com/saml-role/sso \(site china\), but assertions for site international carry https://signin\.alibabacloud\.com/saml-role/sso`, `site = "international"`))
	c.mustNotSignIn("sso-readonly", "NoPermission")
	c.mustSignIn("sso-admin")
}

func TestAccRoleSSOCheckDataSource_wrongSite(t *testing.T) {
	c := healthySSOChain(t)
	c.test(c.config(`  site = "china"`), false,
		finding("error", "IDaaS application "+c.app, `ACS URL https://signin\.alibabacloud\.com/saml-role/sso \(that of site international\), but site china`, `site = "china"`),
		finding("error", "IDaaS application "+c.app, `service provider urn:alibaba:cloudcomputing:international`, `site = "china"`),
		finding("error", "RAM role sso-admin", `only with saml:recipient https://signin\.alibabacloud\.com/saml-role/sso \(site international\)`, `site = "china"`),
		finding("error", "RAM role sso-readonly", `only with saml:recipient https://signin\.alibabacloud\.com/saml-role/sso \(site international\)`, `site = "china"`))
}

func TestAccRoleSSOCheckDataSource_shortMaxSession(t *testing.T) {
	c := healthySSOChain(t)
	c.eiamCall("SetApplicationSsoConfig", map[string]string{
		"ApplicationId": c.app,
		"SamlSsoConfig.AttributeStatements.1.AttributeName":            rolesso.RoleSessionNameAttributeName,
		"SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": "user.username",
		"SamlSsoConfig.AttributeStatements.2.AttributeName":            rolesso.SessionDurationAttributeName,
		"SamlSsoConfig.AttributeStatements.2.AttributeValueExpression": rolesso.SessionDurationExpression(7200),
	}, nil)
	c.updateRole("sso-admin", func(r *ram.UpdateRoleRequest) { r.NewMaxSessionDuration = requests.NewInteger(7200) })
	c.test(c.config(), true,
		finding("warning", "RAM role sso-readonly", `^Its max_session_duration is 3600 seconds, shorter than the application's session duration of 7200 seconds`, `at least 7200`))
	c.mustSignIn("sso-readonly")
}

func TestAccRoleSSOCheckDataSource_expiringCertificate(t *testing.T) {
	c := newSSOChain(t)
	c.roleApp(rolesso.International, "idaas")
	c.setSigningKey(10 * 24 * time.Hour)
	c.account("alice", "sso-admin")
	c.samlProvider("idaas", c.metadata())
	c.role("sso-admin", c.trust(rolesso.International, "idaas"))
	metadataObject := "IdP metadata of IDaaS application " + c.app
	c.test(c.config(), true,
		finding("warning", metadataObject, `^The newest signing certificate \(SHA-256 [0-9a-f]{64}\) expires at \S+, in (9|10) days`, `^Rotate it in IDaaS`))
	c.test(c.config(`  cert_expiry_warning_days = 7`), true)
	c.mustSignIn("sso-admin")
}

func TestAccRoleSSOCheckDataSource_applicationMissing(t *testing.T) {
	c := newSSOChain(t)
	c.app = "app_doesnotexist0000000000000"
	c.test(c.config(), false,
		finding("error", "IDaaS application "+c.app, `^It does not exist in IDaaS instance idaas_\w+\.$`, `application_id`))
}

func TestAccRoleSSOCheckDataSource_applicationDisabled(t *testing.T) {
	c := healthySSOChain(t)
	c.eiamCall("DisableApplicationSso", map[string]string{"ApplicationId": c.app}, nil)
	c.test(c.config(), false,
		finding("error", "IDaaS application "+c.app, `^Its SSO is disabled`, `enabled = true`))
	c.mustNotSignIn("sso-admin", "SsoDisabled")
}

func TestAccRoleSSOCheckDataSource_otherAccount(t *testing.T) {
	c := healthySSOChain(t)
	acctest.Test(t, nil, []resource.TestStep{{
		Config:      c.config(`  account_id = "1111222233334444"`),
		ExpectError: regexp.MustCompile(`(?s)Account the check cannot read.*account_id is 1111222233334444, but the provider's\s+credentials\s+are\s+for\s+account\s+` + c.srv.AccountID()),
	}})
}

// TestAccRoleSSOCheckDataSource_apiError shows that a failed call fails the
// data source, naming what it read, rather than becoming a finding.
func TestAccRoleSSOCheckDataSource_apiError(t *testing.T) {
	c := healthySSOChain(t)
	c.control.FailNext("GetRole", emulator.FaultInternalError, 1)
	acctest.Test(t, nil, []resource.TestStep{{
		Config:      strings.Replace(c.config(), "provider \"idaas\" {\n", "provider \"idaas\" {\n  max_retries = 0\n", 1),
		ExpectError: regexp.MustCompile(`(?s)Error reading RAM role.*RAM role: sso-admin.*API: Ram GetRole`),
	}})
}

func TestAccRoleSSOCheckDataSource_invalidArguments(t *testing.T) {
	c := newSSOChain(t)
	c.app = "app_x"
	c.control.ClearRequests()
	acctest.Test(t, nil, []resource.TestStep{
		{
			Config:      strings.Replace(c.config(), `idp_name       = "idaas"`, `idp_name       = "idaas."`, 1),
			ExpectError: regexp.MustCompile(`(?s)Invalid IdP name.*invalid IdP name "idaas\."`),
		},
		{
			Config:      c.config(`  account_id = "123"`),
			ExpectError: regexp.MustCompile(`(?s)Invalid Alibaba Cloud account ID.*16 digits`),
		},
		{
			Config:      c.config(`  site = "International"`),
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*international`),
		},
	})
	for _, r := range c.control.Requests(0) {
		if r.Product == "Eiam" || r.Product == "Ram" || r.Product == "Ims" {
			t.Errorf("a configuration with invalid arguments called %s.%s", r.Product, r.Action)
		}
	}
}

// TestAccRoleSSOCheckDataSource_checkBlock runs the check in a check block,
// as the example does: a broken chain fails the check, with the findings
// as its message, but not the run.
func TestAccRoleSSOCheckDataSource_checkBlock(t *testing.T) {
	c := healthySSOChain(t)
	c.updateRole("sso-admin", func(r *ram.UpdateRoleRequest) { r.NewAssumeRolePolicyDocument = c.trust(rolesso.China, "idaas") })
	config := acctest.EmulatorProviderConfig(c.srv) + fmt.Sprintf(`
check "role_sso" {
  data "idaas_role_sso_check" "console" {
    instance_id    = %q
    application_id = %q
    idp_name       = "idaas"
  }

  assert {
    condition     = data.idaas_role_sso_check.console.ok
    error_message = join("\n", [for f in data.idaas_role_sso_check.console.findings : "${f.severity}: ${f.object}: ${f.problem} ${f.fix}"])
  }
}
`, c.instanceID, c.app)
	acctest.Test(t, nil, []resource.TestStep{{
		Config: config,
		// Terraform reads the data sources of check blocks again in
		// every plan, so the plan after apply is never empty.
		ExpectNonEmptyPlan: true,
		ConfigStateChecks: []statecheck.StateCheck{
			expectCheckBlock("role_sso", tfjson.CheckStatusFail, regexp.MustCompile(`^error: RAM role sso-admin: Its trust policy allows SAML provider idaas only with saml:recipient https://signin\.aliyun\.com/saml-role/sso`)),
		},
	}})
}

// expectCheckBlock checks the status of a check block and the message of
// its failed assertion.
func expectCheckBlock(name string, status tfjson.CheckStatus, message *regexp.Regexp) statecheck.StateCheck {
	return checkBlockState{name: name, status: status, message: message}
}

type checkBlockState struct {
	name    string
	status  tfjson.CheckStatus
	message *regexp.Regexp
}

func (c checkBlockState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Checks {
		if r.Address.Kind != tfjson.CheckKindCheckBlock || r.Address.Name != c.name {
			continue
		}
		if r.Status != c.status {
			resp.Error = fmt.Errorf("check %s is %s, want %s: %+v", c.name, r.Status, c.status, r.Instances)
			return
		}
		for _, instance := range r.Instances {
			for _, p := range instance.Problems {
				if c.message.MatchString(p.Message) {
					return
				}
			}
		}
		resp.Error = fmt.Errorf("check %s has no problem matching %s: %+v", c.name, c.message, r.Instances)
		return
	}
	resp.Error = fmt.Errorf("no check block %s in the state's checks: %+v", c.name, req.State.Checks)
}
