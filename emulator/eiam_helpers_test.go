// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// eiamFixture drives one emulator's Eiam API through the SDK's
// CommonRequest, as the provider does.
type eiamFixture struct {
	t          testing.TB
	srv        *emulator.Server
	client     *sdk.Client
	instanceID string
	rootOU     string
}

func newEiamFixture(t testing.TB, opts ...emulatortest.Option) *eiamFixture {
	t.Helper()
	return eiamFixtureFor(t, emulatortest.Start(t, opts...))
}

func eiamFixtureFor(t testing.TB, srv *emulator.Server) *eiamFixture {
	t.Helper()
	f := &eiamFixture{t: t, srv: srv, client: newSDKClient(t)}
	list := f.ok("ListInstances", nil)
	instances := items(list, "Instances")
	if len(instances) != 1 {
		t.Fatalf("ListInstances: %v", list)
	}
	f.instanceID = str(instances[0], "InstanceId")
	f.rootOU = str(f.ok("GetRootOrganizationalUnit", params{"InstanceId": f.instanceID})["OrganizationalUnit"], "OrganizationalUnitId")
	return f
}

// forGoroutine returns a copy of the fixture with its own SDK client: an
// sdk.Client is not safe for concurrent use (DoAction sets its HTTP
// client's timeout on every call).
func (f *eiamFixture) forGoroutine() *eiamFixture {
	g := *f
	g.client = newSDKClient(f.t)
	return &g
}

func newSDKClient(t testing.TB) *sdk.Client {
	t.Helper()
	client, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), credentials.NewAccessKeyCredential(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret))
	mustOK(t, err)
	return client
}

type params = map[string]string

// call sends an Eiam action with the parameters in the query, as the SDK
// sends them; InstanceId is added unless given (an empty value leaves it
// out).
func (f *eiamFixture) call(action string, p params) (map[string]any, error) {
	f.t.Helper()
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Product = "Eiam"
	req.Version = "2021-12-01"
	req.ApiName = action
	req.Domain = f.srv.Addr()
	req.Scheme = "http"
	if _, ok := p["InstanceId"]; !ok && f.instanceID != "" {
		req.QueryParams["InstanceId"] = f.instanceID
	}
	for k, v := range p {
		if v != "" {
			req.QueryParams[k] = v
		}
	}
	resp, err := f.client.ProcessCommonRequest(req)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &out); err != nil {
		f.t.Fatalf("%s: the answer is not JSON: %v", action, err)
	}
	if str(out, "RequestId") == "" {
		f.t.Errorf("%s: no RequestId in %v", action, out)
	}
	return out, nil
}

func (f *eiamFixture) ok(action string, p params) map[string]any {
	f.t.Helper()
	out, err := f.call(action, p)
	if err != nil {
		f.t.Fatalf("%s: %v", action, err)
	}
	return out
}

// fail calls an action that must fail with the code and HTTP status.
func (f *eiamFixture) fail(action string, p params, code string, status int) string {
	f.t.Helper()
	_, err := f.call(action, p)
	return wantServerError(f.t, err, code, status).Message()
}

// createApp creates an application from a template and returns its ID.
func (f *eiamFixture) createApp(name, templateID string) string {
	f.t.Helper()
	out := f.ok("CreateApplication", params{
		"ApplicationName":       name,
		"ApplicationSourceType": "urn:alibaba:idaas:app:source:template",
		"ApplicationTemplateId": templateID,
		"SsoType":               "saml2",
	})
	return str(out, "ApplicationId")
}

func (f *eiamFixture) createUser(name string) string {
	f.t.Helper()
	return str(f.ok("CreateUser", params{"Username": name, "PrimaryOrganizationalUnitId": f.rootOU}), "UserId")
}

func (f *eiamFixture) addAccount(appID, userID, name string) string {
	f.t.Helper()
	return str(f.ok("AddApplicationAccountToUser", params{"ApplicationId": appID, "UserId": userID, "ApplicationUsername": name}), "ApplicationAccountId")
}

// roleApp sets up a role-based SSO application for site as the console
// procedure does: form parameters, enabled, SSO enabled, all users
// authorized.
func (f *eiamFixture) roleApp(name string, site facts.Site, idpName string) string {
	f.t.Helper()
	app := f.createApp(name, emulator.RoleSSOTemplateID(site.Name))
	f.ok("UpdateApplicationSsoFormParams", params{
		"ApplicationId": app,
		"ApplicationTemplateParams.1.TemplateParamName":  facts.AccountIDTemplateParam,
		"ApplicationTemplateParams.1.TemplateParamValue": f.srv.AccountID(),
		"ApplicationTemplateParams.2.TemplateParamName":  emulator.RoleSSOIdPNameParam,
		"ApplicationTemplateParams.2.TemplateParamValue": idpName,
	})
	f.ok("EnableApplication", params{"ApplicationId": app})
	f.ok("EnableApplicationSso", params{"ApplicationId": app})
	f.ok("UpdateApplicationAuthorizationType", params{"ApplicationId": app, "AuthorizationType": "default_all"})
	return app
}

// ssoConfig returns the application's ApplicationSsoConfig.
func (f *eiamFixture) ssoConfig(appID string) map[string]any {
	f.t.Helper()
	return field(f.ok("GetApplicationSsoConfig", params{"ApplicationId": appID}), "ApplicationSsoConfig")
}

func (f *eiamFixture) endpoint(appID, name string) string {
	f.t.Helper()
	return str(f.ssoConfig(appID)["ProtocolEndpointDomain"], name)
}

// metadata fetches the application's IdP metadata XML.
func (f *eiamFixture) metadata(appID string) string {
	f.t.Helper()
	status, body := httpGet(f.t, f.endpoint(appID, "SamlMetaEndpoint"), nil)
	if status != http.StatusOK {
		f.t.Fatalf("metadata: HTTP %d: %s", status, body)
	}
	return body
}

// signIn signs a user in through the application's SSO endpoint and
// returns the JSON answer.
func (f *eiamFixture) signIn(appID, username string) signInAnswer {
	f.t.Helper()
	status, a := f.trySignIn(appID, "username="+username)
	if status != http.StatusOK {
		f.t.Fatalf("sign-in of %s: HTTP %d: %+v", username, status, a)
	}
	return a
}

type signInAnswer struct {
	SAMLResponse string
	Destination  string
	RelayState   string
	Code         string
	Message      string
}

func (f *eiamFixture) trySignIn(appID, query string) (int, signInAnswer) {
	f.t.Helper()
	url := f.srv.URL() + "/login/app/" + appID + "/saml2/sso?" + query
	status, body := httpGet(f.t, url, map[string]string{"Accept": "application/json"})
	var a signInAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		f.t.Fatalf("sign-in answer is not JSON: %s", body)
	}
	return status, a
}

func httpGet(t testing.TB, url string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	mustOK(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	mustOK(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	mustOK(t, err)
	return resp.StatusCode, string(b)
}

// str reads a string field of a JSON object.
func str(o any, key string) string {
	m, _ := o.(map[string]any)
	s, _ := m[key].(string)
	return s
}

// num reads a number field of a JSON object.
func num(o any, key string) int64 {
	m, _ := o.(map[string]any)
	n, _ := m[key].(float64)
	return int64(n)
}

// asObj is v as a JSON object, nil if it is not one.
func asObj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// field is the object field key of a JSON object, nil if it is not one.
func field(o any, key string) map[string]any { return asObj(asObj(o)[key]) }

// items is the list field key of a JSON object, nil if it is not one.
func items(o any, key string) []any {
	l, _ := asObj(o)[key].([]any)
	return l
}

// ids returns the key field of every object of a JSON list.
func ids(list any, key string) []string {
	l, _ := list.([]any)
	var out []string
	for _, o := range l {
		out = append(out, str(o, key))
	}
	return out
}

func eiamIDRe(prefix string) *regexp.Regexp {
	return regexp.MustCompile(`^` + prefix + `_[a-z0-9]{26}$`)
}

// wantEpochMillis checks that a time field is epoch milliseconds near now.
func wantEpochMillis(t testing.TB, o any, key string) {
	t.Helper()
	ms := num(o, key)
	if d := time.Since(time.UnixMilli(ms)); d < -time.Minute || d > time.Hour {
		t.Errorf("%s = %d, not epoch milliseconds of about now", key, ms)
	}
}

// manyIDs returns n made-up user IDs.
func manyIDs(prefix string, n int) params {
	p := params{}
	for i := 1; i <= n; i++ {
		p[fmt.Sprintf("%s.%d", prefix, i)] = fmt.Sprintf("user_%026d", i)
	}
	return p
}

func with(p params, kv ...string) params {
	out := params{}
	for k, v := range p {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}
