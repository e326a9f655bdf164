// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

// TestV1SignatureVector checks the RPC v1 signature against the test vector
// of the RAM docs (FACTS.md).
func TestV1SignatureVector(t *testing.T) {
	params := emulator.Params{
		"UserName":         "test",
		"SignatureVersion": "1.0",
		"Format":           "JSON",
		"Timestamp":        "2015-08-18T03:15:45Z",
		"AccessKeyId":      "testid",
		"SignatureMethod":  "HMAC-SHA1",
		"Version":          "2015-05-01",
		"Action":           "CreateUser",
		"SignatureNonce":   "6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2",
		"Signature":        "ignored: never part of the string to sign",
	}
	const wantStringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2%26SignatureVersion%3D1.0%26Timestamp%3D2015-08-18T03%253A15%253A45Z%26UserName%3Dtest%26Version%3D2015-05-01"
	got := emulator.V1StringToSign("GET", params)
	if got != wantStringToSign {
		t.Fatalf("string to sign:\n got %s\nwant %s", got, wantStringToSign)
	}
	if sig := emulator.V1Sign(got, "testsecret"); sig != "kRA2cnpJVacIhDMzXnoNZG9tDCI=" {
		t.Errorf("signature = %s, want kRA2cnpJVacIhDMzXnoNZG9tDCI=", sig)
	}
}

func TestUnknownAccessKey(t *testing.T) {
	srv := emulatortest.Start(t)
	_, err := callerIdentity(t, srv, newClients(t, "LTAI5tNobody", "whatever"))
	wantAPIError(t, err, "InvalidAccessKeyId.NotFound", 404)
}

// TestWrongSecret checks SignatureDoesNotMatch, and that the server's
// string to sign in the message is exactly the SDK's: the SDK then tells
// the user the secret is wrong.
func TestWrongSecret(t *testing.T) {
	srv := emulatortest.Start(t)
	_, err := callerIdentity(t, srv, newClients(t, emulator.DefaultAccessKeyID, "wrong-secret"))
	se := wantServerError(t, err, "SignatureDoesNotMatch", 400)
	if !strings.Contains(se.Recommend(), "InvalidAccessKeySecret") {
		t.Errorf("the SDK did not recognise its own string to sign; Recommend = %q, Message = %q", se.Recommend(), se.Message())
	}
}

func TestV1RequestChecks(t *testing.T) {
	srv := emulatortest.Start(t)
	key, secret := emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret
	base := map[string]string{"Action": "GetCallerIdentity", "Version": "2015-04-01"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}

	// GET works as well as POST, and a replayed nonce is refused.
	r := v1Request(t, srv, http.MethodGet, key, secret, with(map[string]string{"SignatureNonce": "nonce-1"}))
	if resp := send(t, r); resp.Status != 200 || resp.Body["AccountId"] != acct {
		t.Fatalf("GET: %d %v", resp.Status, resp.Body)
	}
	r = v1Request(t, srv, http.MethodGet, key, secret, with(map[string]string{"SignatureNonce": "nonce-1"}))
	if resp := send(t, r); resp.Status != 400 || resp.code() != "SignatureNonceUsed" {
		t.Errorf("replayed nonce: %d %v", resp.Status, resp.Body)
	}

	tests := []struct {
		name   string
		params map[string]string
		code   string
		status int
	}{
		{"stale timestamp", with(map[string]string{"Timestamp": time.Now().Add(-16 * time.Minute).UTC().Format("2006-01-02T15:04:05Z")}), "InvalidTimeStamp.Expired", 400},
		{"future timestamp", with(map[string]string{"Timestamp": time.Now().Add(16 * time.Minute).UTC().Format("2006-01-02T15:04:05Z")}), "InvalidTimeStamp.Expired", 400},
		{"bad timestamp", with(map[string]string{"Timestamp": "yesterday"}), "InvalidTimeStamp.Format", 400},
		{"signature method", with(map[string]string{"SignatureMethod": "HMAC-SHA256"}), "InvalidSignatureMethod", 400},
		{"unknown action", with(map[string]string{"Action": "LaunchRocket"}), "InvalidAction.NotFound", 404},
		{"unknown version", with(map[string]string{"Version": "2099-01-01"}), "InvalidParameter", 400},
		{"missing version", with(map[string]string{"Version": ""}), "MissingVersion", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]string{}
			for k, v := range tt.params {
				if v != "" {
					params[k] = v
				}
			}
			resp := send(t, v1Request(t, srv, http.MethodPost, key, secret, params))
			if resp.Status != tt.status || resp.code() != tt.code {
				t.Errorf("got %d %v, want %d %s", resp.Status, resp.Body, tt.status, tt.code)
			}
			for _, f := range []string{"RequestId", "HostId", "Code", "Message"} {
				if s, _ := resp.Body[f].(string); s == "" {
					t.Errorf("error body lacks %s: %v", f, resp.Body)
				}
			}
		})
	}

	// Without a signature: MissingSignature.
	r = v1Request(t, srv, http.MethodPost, key, secret, base)
	q := r.URL.Query()
	q.Del("Signature")
	r.URL.RawQuery = q.Encode()
	if resp := send(t, r); resp.Status != 400 || resp.code() != "MissingSignature" {
		t.Errorf("unsigned: %d %v", resp.Status, resp.Body)
	}
}

// TestV1FormBody sends the business parameters in a form body, as the
// alicloud provider's tea-rpc client does; the signature covers query and
// body.
func TestV1FormBody(t *testing.T) {
	srv := emulatortest.Start(t)
	params := emulator.Params{
		"Action": "CreateRole", "Version": "2015-05-01", "Format": "JSON",
		"Timestamp":       time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": "form-1",
		"AccessKeyId": emulator.DefaultAccessKeyID,
		"RoleName":    "from-form", "AssumeRolePolicyDocument": trustRAM(),
	}
	sig := emulator.V1Sign(emulator.V1StringToSign(http.MethodPost, params), emulator.DefaultAccessKeySecret)
	query, form := url.Values{}, url.Values{}
	for k, v := range params {
		if k == "RoleName" || k == "AssumeRolePolicyDocument" {
			form.Set(k, v)
		} else {
			query.Set(k, v)
		}
	}
	query.Set("Signature", sig)
	r, _ := http.NewRequest(http.MethodPost, srv.URL()+"/?"+query.Encode(), strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp := send(t, r)
	role, _ := resp.Body["Role"].(map[string]any)
	if resp.Status != 200 || role["RoleName"] != "from-form" {
		t.Fatalf("CreateRole with a form body: %d %v", resp.Status, resp.Body)
	}
}

// acs3Request builds an ACS3-HMAC-SHA256 request by hand, following
// FACTS.md step by step.
func acs3Request(t testing.TB, srv *emulator.Server, action, version, keyID, secret, token string, query url.Values, body []byte) *http.Request {
	t.Helper()
	u := srv.URL() + "/"
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	method := http.MethodPost
	r, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])
	headers := map[string]string{
		"host":                  srv.Addr(),
		"x-acs-action":          action,
		"x-acs-version":         version,
		"x-acs-date":            time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"x-acs-signature-nonce": fmt.Sprintf("n%d", time.Now().UnixNano()),
		"x-acs-content-sha256":  payloadHash,
	}
	if token != "" {
		headers["x-acs-security-token"] = token
	}
	if len(body) > 0 {
		headers["content-type"] = "application/x-www-form-urlencoded"
	}
	escape := func(s string) string {
		e := url.QueryEscape(s)
		e = strings.ReplaceAll(e, "+", "%20")
		e = strings.ReplaceAll(e, "*", "%2A")
		return strings.ReplaceAll(e, "%7E", "~")
	}
	var keys []string
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var cq []string
	for _, k := range keys {
		cq = append(cq, k+"="+escape(query.Get(k)))
	}
	var names []string
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	var ch strings.Builder
	for _, n := range names {
		ch.WriteString(n + ":" + strings.TrimSpace(headers[n]) + "\n")
	}
	signed := strings.Join(names, ";")
	canonical := method + "\n/\n" + strings.Join(cq, "&") + "\n" + ch.String() + "\n" + signed + "\n" + payloadHash
	crSum := sha256.Sum256([]byte(canonical))
	stringToSign := "ACS3-HMAC-SHA256\n" + hex.EncodeToString(crSum[:])
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stringToSign))
	for n, v := range headers {
		if n != "host" {
			r.Header.Set(n, v)
		}
	}
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+keyID+",SignedHeaders="+signed+",Signature="+hex.EncodeToString(mac.Sum(nil)))
	return r
}

func TestACS3Signature(t *testing.T) {
	srv := emulatortest.Start(t)
	key, secret := emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret

	// Business parameters in the query, as the new SDKs send them; a
	// value with spaces and "*" exercises the encoding rules.
	q := url.Values{"RoleName": {"acs3-role"}, "AssumeRolePolicyDocument": {trustRAM()}, "Description": {"made with * and spaces ~"}}
	resp := send(t, acs3Request(t, srv, "CreateRole", "2015-05-01", key, secret, "", q, nil))
	role, _ := resp.Body["Role"].(map[string]any)
	if resp.Status != 200 || role["Description"] != "made with * and spaces ~" {
		t.Fatalf("ACS3 CreateRole: %d %v", resp.Status, resp.Body)
	}

	// Parameters in a form body are covered by the payload hash.
	body := []byte(url.Values{"RoleName": {"acs3-role"}}.Encode())
	resp = send(t, acs3Request(t, srv, "GetRole", "2015-05-01", key, secret, "", nil, body))
	if resp.Status != 200 {
		t.Fatalf("ACS3 GetRole with a form body: %d %v", resp.Status, resp.Body)
	}

	// A wrong secret: SignatureDoesNotMatch with the server's string to sign.
	resp = send(t, acs3Request(t, srv, "GetRole", "2015-05-01", key, "wrong", "", url.Values{"RoleName": {"acs3-role"}}, nil))
	if msg, _ := resp.Body["Message"].(string); resp.Status != 400 || resp.code() != "SignatureDoesNotMatch" || !strings.Contains(msg, "server StringToSign is [ACS3-HMAC-SHA256\n") {
		t.Errorf("wrong secret: %d %v", resp.Status, resp.Body)
	}

	// A body that is not the signed one.
	r := acs3Request(t, srv, "GetRole", "2015-05-01", key, secret, "", nil, body)
	r.Body = io.NopCloser(strings.NewReader("RoleName=other"))
	r.ContentLength = int64(len("RoleName=other"))
	if resp := send(t, r); resp.code() != "SignatureDoesNotMatch" {
		t.Errorf("tampered body: %d %v", resp.Status, resp.Body)
	}

	// An x-acs- header outside SignedHeaders.
	r = acs3Request(t, srv, "GetRole", "2015-05-01", key, secret, "", url.Values{"RoleName": {"acs3-role"}}, nil)
	r.Header.Set("x-acs-extra", "1")
	if resp := send(t, r); resp.Status != 400 || resp.code() != "IncompleteSignature" {
		t.Errorf("unsigned header: %d %v", resp.Status, resp.Body)
	}

	// Temporary credentials with x-acs-security-token.
	c := defaultClients(t)
	createRole(t, srv, c, "acs3-sts", trustRAM())
	cred, err := assumeRole(srv, c, "acs3-sts", nil)
	mustOK(t, err)
	resp = send(t, acs3Request(t, srv, "GetCallerIdentity", "2015-04-01", cred.Credentials.AccessKeyId, cred.Credentials.AccessKeySecret, cred.Credentials.SecurityToken, nil, nil))
	if resp.Status != 200 || resp.Body["IdentityType"] != "AssumedRoleUser" {
		t.Errorf("ACS3 with an STS token: %d %v", resp.Status, resp.Body)
	}
	resp = send(t, acs3Request(t, srv, "GetCallerIdentity", "2015-04-01", cred.Credentials.AccessKeyId, cred.Credentials.AccessKeySecret, "", nil, nil))
	if resp.code() != "MissingSecurityToken" {
		t.Errorf("ACS3 without the STS token: %d %v", resp.Status, resp.Body)
	}
}

func TestParamsUnflatten(t *testing.T) {
	p := emulator.Params{
		"UserIds.2": "user_b", "UserIds.1": "user_a", "UserIds.10": "user_j",
		"ApplicationTemplateParams.1.TemplateParamName":     "aliyunUid",
		"ApplicationTemplateParams.1.TemplateParamValue":    "123",
		"ApplicationTemplateParams.2.TemplateParamName":     "idpName",
		"SamlSsoConfig.AttributeStatements.1.AttributeName": "Role",
		"Tag":      `[{"Key":"k","Value":"v"}]`,
		"GroupIds": `["g1","g2"]`,
	}
	if got := strings.Join(p.List("UserIds"), ","); got != "user_a,user_b,user_j" {
		t.Errorf("List = %s", got)
	}
	if got := strings.Join(p.List("GroupIds"), ","); got != "g1,g2" {
		t.Errorf("List of a JSON array = %s", got)
	}
	tp := p.StructList("ApplicationTemplateParams")
	if len(tp) != 2 || tp[0].Get("TemplateParamName") != "aliyunUid" || tp[0].Get("TemplateParamValue") != "123" || tp[1].Get("TemplateParamName") != "idpName" {
		t.Errorf("StructList = %v", tp)
	}
	if as := p.Sub("SamlSsoConfig").StructList("AttributeStatements"); len(as) != 1 || as[0].Get("AttributeName") != "Role" {
		t.Errorf("nested StructList = %v", as)
	}
	if tags := p.StructList("Tag"); len(tags) != 1 || tags[0].Get("Key") != "k" {
		t.Errorf("StructList of a JSON array = %v", tags)
	}
}
