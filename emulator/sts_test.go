// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

func callerIdentity(t testing.TB, srv *emulator.Server, c clients) (*sts.GetCallerIdentityResponse, error) {
	t.Helper()
	return c.sts.GetCallerIdentity(at(srv, sts.CreateGetCallerIdentityRequest()))
}

func assumeRole(srv *emulator.Server, c clients, roleName string, f func(*sts.AssumeRoleRequest)) (*sts.AssumeRoleResponse, error) {
	req := at(srv, sts.CreateAssumeRoleRequest())
	req.RoleArn = "acs:ram::" + acct + ":role/" + roleName
	req.RoleSessionName = "alice"
	if f != nil {
		f(req)
	}
	return c.sts.AssumeRole(req)
}

func TestGetCallerIdentity(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithAccessKeys(
		emulator.AccessKey{ID: emulator.DefaultAccessKeyID, Secret: emulator.DefaultAccessKeySecret},
		emulator.AccessKey{ID: "LTAI5tUserKey", Secret: "user-secret", UserName: "ci"},
	))
	root, err := callerIdentity(t, srv, defaultClients(t))
	mustOK(t, err)
	if root.AccountId != acct || root.IdentityType != "Account" || root.Arn != "acs:ram::"+acct+":root" || root.PrincipalId != acct {
		t.Errorf("root identity: %+v", root)
	}
	if len(root.RequestId) != 36 {
		t.Errorf("RequestId = %q, want a UUID", root.RequestId)
	}
	user, err := callerIdentity(t, srv, newClients(t, "LTAI5tUserKey", "user-secret"))
	mustOK(t, err)
	if user.IdentityType != "RAMUser" || user.Arn != "acs:ram::"+acct+":user/ci" || user.UserId == "" || user.PrincipalId != user.UserId {
		t.Errorf("RAM user identity: %+v", user)
	}
}

func TestAssumeRoleAndUseCredentials(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	role := createRole(t, srv, c, "deployer", trustRAM())

	resp, err := assumeRole(srv, c, "deployer", func(r *sts.AssumeRoleRequest) { r.DurationSeconds = requests.NewInteger(900) })
	mustOK(t, err)
	cred := resp.Credentials
	if !strings.HasPrefix(cred.AccessKeyId, "STS.") || cred.AccessKeySecret == "" || cred.SecurityToken == "" {
		t.Fatalf("credentials: %+v", cred)
	}
	exp, err := time.Parse(time.RFC3339, cred.Expiration)
	if err != nil || time.Until(exp) > 901*time.Second || time.Until(exp) < 880*time.Second {
		t.Errorf("Expiration %q is not 900 s from now", cred.Expiration)
	}
	// The form of the STS SDK's AssumeRole example; GetCallerIdentity names
	// the session otherwise (below).
	if resp.AssumedRoleUser.Arn != "acs:ram::"+acct+":role/deployer/alice" || resp.AssumedRoleUser.AssumedRoleId != role.Role.RoleId+":alice" {
		t.Errorf("AssumedRoleUser: %+v", resp.AssumedRoleUser)
	}

	session := stsClients(t, cred.AccessKeyId, cred.AccessKeySecret, cred.SecurityToken)
	who, err := callerIdentity(t, srv, session)
	mustOK(t, err)
	if who.IdentityType != "AssumedRoleUser" || who.RoleId != role.Role.RoleId || who.Arn != "acs:ram::"+acct+":assumed-role/deployer/alice" || who.PrincipalId != role.Role.RoleId+":alice" {
		t.Errorf("session identity: %+v", who)
	}
	get := at(srv, ram.CreateGetRoleRequest())
	get.RoleName = "deployer"
	_, err = session.ram.GetRole(get)
	mustOK(t, err)

	// The token must come with its key.
	_, err = callerIdentity(t, srv, stsClients(t, cred.AccessKeyId, cred.AccessKeySecret, cred.SecurityToken+"x"))
	wantAPIError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", 400)
	_, err = callerIdentity(t, srv, newClients(t, cred.AccessKeyId, cred.AccessKeySecret))
	wantAPIError(t, err, "MissingSecurityToken", 400)
	_, err = callerIdentity(t, srv, stsClients(t, emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret, cred.SecurityToken))
	wantAPIError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", 400)
	_, err = callerIdentity(t, srv, stsClients(t, cred.AccessKeyId, "wrong", cred.SecurityToken))
	wantAPIError(t, err, "SignatureDoesNotMatch", 400)

	// After expiry the credentials are refused.
	mustOK(t, srv.AdvanceClock(901*time.Second))
	_, err = callerIdentity(t, srv, session)
	wantAPIError(t, err, "InvalidSecurityToken.Expired", 400)

	// A reset revokes temporary credentials.
	mustOK(t, srv.Reset())
	_, err = callerIdentity(t, srv, session)
	wantAPIError(t, err, "InvalidAccessKeyId.NotFound", 404)
}

func TestAssumeRoleErrors(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithAccessKeys(
		emulator.AccessKey{ID: emulator.DefaultAccessKeyID, Secret: emulator.DefaultAccessKeySecret},
		emulator.AccessKey{ID: "LTAI5tAlice", Secret: "alice-secret", UserName: "alice"},
		emulator.AccessKey{ID: "LTAI5tBob", Secret: "bob-secret", UserName: "bob"},
	))
	c := defaultClients(t)
	createSAMLProvider(t, srv, c, "idaas")
	createRole(t, srv, c, "sso-only", trustSAML(acct, "idaas"))
	createRole(t, srv, c, "open", trustRAM())
	createRole(t, srv, c, "alice-only", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::`+acct+`:user/alice"}}]}`)
	createRole(t, srv, c, "external", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::`+acct+`:root"},"Condition":{"StringEquals":{"sts:ExternalId":"abc123"}}}]}`)
	createRole(t, srv, c, "denied", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::`+acct+`:root"}},{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::`+acct+`:root"}}]}`)

	tests := []struct {
		name   string
		role   string
		f      func(*sts.AssumeRoleRequest)
		code   string
		status int
	}{
		{"trust names only a SAML provider", "sso-only", nil, "NoPermission", 403},
		{"a Deny statement wins", "denied", nil, "NoPermission", 403},
		{"role does not exist", "ghost", nil, "EntityNotExist.Role", 404},
		{"role ARN malformed", "", func(r *sts.AssumeRoleRequest) { r.RoleArn = "role/open" }, "InvalidParameter.RoleArn", 400},
		{"role of another account", "", func(r *sts.AssumeRoleRequest) { r.RoleArn = "acs:ram::6543210987654321:role/open" }, "EntityNotExist.Role", 404},
		{"missing session name", "open", func(r *sts.AssumeRoleRequest) { r.RoleSessionName = "" }, "MissingRoleSessionName", 400},
		{"bad session name", "open", func(r *sts.AssumeRoleRequest) { r.RoleSessionName = "a b" }, "InvalidParameter.RoleSessionName", 400},
		{"duration too short", "open", func(r *sts.AssumeRoleRequest) { r.DurationSeconds = requests.NewInteger(899) }, "InvalidParameter.DurationSeconds", 400},
		{"duration over the role's maximum", "open", func(r *sts.AssumeRoleRequest) { r.DurationSeconds = requests.NewInteger(3601) }, "InvalidParameter.DurationSeconds", 400},
		{"session policy not a policy", "open", func(r *sts.AssumeRoleRequest) { r.Policy = `{"Version":"1"}` }, "InvalidParameter.PolicyGrammar", 400},
		{"external ID missing", "external", nil, "NoPermission", 403},
		{"external ID wrong", "external", func(r *sts.AssumeRoleRequest) { r.ExternalId = "zzz999" }, "NoPermission", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assumeRole(srv, c, tt.role, tt.f)
			wantAPIError(t, err, tt.code, tt.status)
		})
	}

	_, err := assumeRole(srv, c, "external", func(r *sts.AssumeRoleRequest) { r.ExternalId = "abc123" })
	mustOK(t, err)
	_, err = assumeRole(srv, c, "open", func(r *sts.AssumeRoleRequest) {
		r.Policy = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*"}]}`
	})
	mustOK(t, err)
	_, err = assumeRole(srv, newClients(t, "LTAI5tAlice", "alice-secret"), "alice-only", nil)
	mustOK(t, err)
	_, err = assumeRole(srv, newClients(t, "LTAI5tBob", "bob-secret"), "alice-only", nil)
	wantAPIError(t, err, "NoPermission", 403)
	_, err = assumeRole(srv, c, "alice-only", nil)
	wantAPIError(t, err, "NoPermission", 403)
	// The root principal covers the account's RAM users.
	_, err = assumeRole(srv, newClients(t, "LTAI5tBob", "bob-secret"), "open", nil)
	mustOK(t, err)
}

// jwt builds an unsigned-but-well-formed JWT; the emulator does not verify
// OIDC signatures (a documented simplification).
func jwt(claims map[string]any) string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "RS256", "typ": "JWT"}) + "." + enc(claims) + ".c2lnbmF0dXJl"
}

func TestAssumeRoleWithOIDC(t *testing.T) {
	const issuer = "https://token.actions.githubusercontent.com"
	srv := emulatortest.Start(t, emulatortest.WithLoad(`{
		"Ims": {"OIDCProviders": [{"OIDCProviderName": "github", "IssuerUrl": "`+issuer+`", "ClientIds": ["sts.aliyuncs.com"]}]}
	}`))
	c := defaultClients(t)
	providerARN := "acs:ram::" + acct + ":oidc-provider/github"
	createRole(t, srv, c, "ci", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"`+providerARN+`"},"Condition":{"StringLike":{"oidc:sub":"repo:acme/*"}}}]}`)
	createRole(t, srv, c, "not-federated", trustRAM())

	now := time.Now()
	claims := func(f func(map[string]any)) string {
		m := map[string]any{"iss": issuer, "sub": "repo:acme/infra:ref:refs/heads/main", "aud": "sts.aliyuncs.com", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
		if f != nil {
			f(m)
		}
		return jwt(m)
	}
	call := func(role, token string) (*sts.AssumeRoleWithOIDCResponse, error) {
		req := at(srv, sts.CreateAssumeRoleWithOIDCRequest())
		req.OIDCProviderArn = providerARN
		req.RoleArn = "acs:ram::" + acct + ":role/" + role
		req.OIDCToken = token
		req.RoleSessionName = "gha"
		return c.sts.AssumeRoleWithOIDC(req)
	}
	resp, err := call("ci", claims(nil))
	mustOK(t, err)
	if !strings.HasPrefix(resp.Credentials.AccessKeyId, "STS.") || resp.OIDCTokenInfo.Issuer != issuer || resp.OIDCTokenInfo.ClientIds != "sts.aliyuncs.com" {
		t.Errorf("AssumeRoleWithOIDC: %+v", resp)
	}
	who, err := callerIdentity(t, srv, stsClients(t, resp.Credentials.AccessKeyId, resp.Credentials.AccessKeySecret, resp.Credentials.SecurityToken))
	mustOK(t, err)
	if who.Arn != "acs:ram::"+acct+":assumed-role/ci/gha" {
		t.Errorf("identity: %+v", who)
	}

	_, err = call("ci", "not.a.jwt")
	wantAPIError(t, err, "InvalidParameter.OIDCToken", 400)
	_, err = call("ci", claims(func(m map[string]any) { m["iss"] = "https://evil.example.com" }))
	wantAPIError(t, err, "AuthenticationFail.OIDCToken.IssuerNotMatch", 400)
	_, err = call("ci", claims(func(m map[string]any) { m["aud"] = []string{"other"} }))
	wantAPIError(t, err, "AuthenticationFail.OIDCToken.AudienceNotMatch", 400)
	_, err = call("ci", claims(func(m map[string]any) { m["exp"] = now.Add(-time.Minute).Unix() }))
	wantAPIError(t, err, "AuthenticationFail.OIDCToken.Expired", 400)
	_, err = call("ci", claims(func(m map[string]any) { m["sub"] = "repo:other/x" }))
	wantAPIError(t, err, "NoPermission", 403)
	_, err = call("not-federated", claims(nil))
	wantAPIError(t, err, "NoPermission", 403)

	// Like the SDK's OIDC credentials provider, the call needs no
	// signature: form body, no AccessKeyId.
	form := url.Values{
		"RoleArn": {"acs:ram::" + acct + ":role/ci"}, "OIDCProviderArn": {providerARN},
		"OIDCToken": {claims(nil)}, "RoleSessionName": {"gha"}, "DurationSeconds": {"900"},
	}
	q := url.Values{"Action": {"AssumeRoleWithOIDC"}, "Version": {"2015-04-01"}, "Format": {"JSON"}, "Timestamp": {time.Now().UTC().Format(time.RFC3339)}}
	r, _ := http.NewRequest(http.MethodPost, srv.URL()+"/?"+q.Encode(), strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	raw := send(t, r)
	if raw.Status != 200 || raw.Body["Credentials"] == nil {
		t.Errorf("unsigned AssumeRoleWithOIDC: %d %v", raw.Status, raw.Body)
	}

	// The OIDC token never reaches the request log.
	var log struct {
		Requests []struct {
			Action string            `json:"action"`
			Params map[string]string `json:"params"`
		} `json:"requests"`
	}
	control(t, srv, "GET", "requests", nil, &log)
	for _, e := range log.Requests {
		if e.Action == "AssumeRoleWithOIDC" && e.Params["OIDCToken"] != "(redacted)" {
			t.Errorf("OIDCToken logged: %q", e.Params["OIDCToken"])
		}
	}
}
