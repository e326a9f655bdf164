// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// Test credentials. They look like real ones so that masking shows.
const (
	testKeyID     = "LTAI5tTestBaseAccessKey"
	testKeySecret = "TestBaseSecretValue0123456789ab"
	testAccountID = "1234567890123456"
)

// fakeCall is one request the fake API received.
type fakeCall struct {
	Action        string
	Version       string
	AccessKeyID   string
	SecurityToken string
	UserAgent     string
	Params        url.Values
}

// fakeReply is the fake API's answer to a call.
type fakeReply struct {
	Status int
	Body   any
}

// fakeAPI is a tiny Alibaba Cloud RPC API: it checks RPC signatures (v1,
// HMAC-SHA1) against the secrets it knows, records every call, and answers
// as the test's handler says. Only STS AssumeRoleWithOIDC may be anonymous.
type fakeAPI struct {
	t   testing.TB
	srv *httptest.Server

	mu      sync.Mutex
	secrets map[string]string
	calls   []fakeCall
	handler func(fakeCall) fakeReply
}

func newFakeAPI(t testing.TB, handler func(fakeCall) fakeReply) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, secrets: map[string]string{testKeyID: testKeySecret}, handler: handler}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// allowKey lets the fake accept calls signed with this key.
func (f *fakeAPI) allowKey(id, secret string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.secrets[id] = secret
}

func (f *fakeAPI) Calls() []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeCall(nil), f.calls...)
}

// Actions returns the action of every call, in order.
func (f *fakeAPI) Actions() []string {
	var out []string
	for _, c := range f.Calls() {
		out = append(out, c.Action)
	}
	return out
}

// checkOneCall checks that the fake got exactly one call, of action in
// the API version, with params sent.
func (f *fakeAPI) checkOneCall(t *testing.T, version, action string, params map[string]string) {
	t.Helper()
	calls := f.Calls()
	if len(calls) != 1 || calls[0].Action != action || calls[0].Version != version {
		t.Fatalf("calls = %+v, want one %s of version %s", calls, action, version)
	}
	checkParams(t, calls[0], params)
}

// checkParams checks that c sent each of params with its value; a want of
// "" means the parameter is not sent, or sent empty.
func checkParams(t *testing.T, c fakeCall, params map[string]string) {
	t.Helper()
	for name, want := range params {
		if got := c.Params.Get(name); got != want {
			t.Errorf("parameter %s = %q (sent: %t), want %q", name, got, c.Params.Has(name), want)
		}
	}
}

// checkListed checks that a list call returned the items named want, in
// order; name names an item.
func checkListed[T any](t *testing.T, want []string, items []T, name func(T) string) {
	t.Helper()
	var got []string
	for _, item := range items {
		got = append(got, name(item))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("listed (-want +got):\n%s", diff)
	}
}

// callCase is one call of a client API S against the fake: the fake's
// reply, the call, the one request it must send and the result it must
// return.
type callCase[S any] struct {
	reply       fakeReply
	call        func(S) (any, error)
	wantVersion string // the API version, when the table has several
	wantAction  string
	wantParams  map[string]string
	// absent are parameters that must not be sent.
	absent []string
	want   any
}

// runCallCases runs each case in parallel against a fake of its own. api
// picks the API of the client that the calls go through, and version is
// the API version of the calls of cases that name none.
func runCallCases[S any](t *testing.T, version string, api func(*client.Client) S, tests map[string]callCase[S]) {
	t.Helper()
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fake := newFakeAPI(t, func(fakeCall) fakeReply { return tt.reply })
			got, err := tt.call(api(newClient(t, fake.config())))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			wantVersion := tt.wantVersion
			if wantVersion == "" {
				wantVersion = version
			}
			fake.checkOneCall(t, wantVersion, tt.wantAction, tt.wantParams)
			for _, name := range tt.absent {
				if fake.Calls()[0].Params.Has(name) {
					t.Errorf("parameter %s was sent; want it left out", name)
				}
			}
		})
	}
}

// wholeClient is the API of runCallCases for calls that pick theirs.
func wholeClient(c *client.Client) *client.Client { return c }

func (f *fakeAPI) endpoints() client.Endpoints {
	return client.Endpoints{RAM: f.srv.URL, IMS: f.srv.URL, STS: f.srv.URL, EIAM: f.srv.URL}
}

// config returns a client configuration that reaches the fake with the test
// key, no retries and a generous rate limit.
func (f *fakeAPI) config() client.Config {
	return client.Config{
		AccountID: testAccountID,
		AccessKey: &client.AccessKey{ID: testKeyID, Secret: testKeySecret},
		Endpoints: f.endpoints(),
		MaxQPS:    1000,
		Version:   "1.2.3-test",
	}
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("InvalidParameter", "bad form"))
		return
	}
	params := r.Form // the query and the form body, merged
	fc := fakeCall{
		Action:        params.Get("Action"),
		Version:       params.Get("Version"),
		AccessKeyID:   params.Get("AccessKeyId"),
		SecurityToken: params.Get("SecurityToken"),
		UserAgent:     r.UserAgent(),
		Params:        params,
	}
	f.mu.Lock()
	f.calls = append(f.calls, fc)
	secret, known := f.secrets[fc.AccessKeyID]
	f.mu.Unlock()

	switch {
	case fc.AccessKeyID == "" && fc.Action == "AssumeRoleWithOIDC":
	case fc.AccessKeyID == "":
		writeJSON(w, http.StatusBadRequest, apiError("MissingAccessKeyId", "AccessKeyId is mandatory for this action."))
		return
	case !known:
		writeJSON(w, http.StatusNotFound, apiError("InvalidAccessKeyId.NotFound", "Specified access key is not found."))
		return
	case !validSignature(r.Method, params, secret):
		writeJSON(w, http.StatusBadRequest, apiError("SignatureDoesNotMatch", "Specified signature is not matched with our calculation."))
		return
	}
	reply := f.handler(fc)
	writeJSON(w, reply.Status, reply.Body)
}

// validSignature checks an RPC signature v1 (FACTS.md).
func validSignature(method string, params url.Values, secret string) bool {
	var names []string
	for name := range params {
		if name != "Signature" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	pairs := make([]string, 0, len(names))
	for _, name := range names {
		pairs = append(pairs, percentEncode(name)+"="+percentEncode(params.Get(name)))
	}
	stringToSign := method + "&" + percentEncode("/") + "&" + percentEncode(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)) == params.Get("Signature")
}

func percentEncode(s string) string {
	s = url.QueryEscape(s)
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	return strings.ReplaceAll(s, "%7E", "~")
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func apiError(code, message string) map[string]any {
	return map[string]any{
		"RequestId": "REQ-" + code,
		"HostId":    "fake.aliyuncs.com",
		"Code":      code,
		"Message":   message,
	}
}

func ok(body map[string]any) fakeReply {
	body["RequestId"] = "REQ-OK"
	return fakeReply{Status: http.StatusOK, Body: body}
}

// callerIdentity is an STS GetCallerIdentity answer for a RAM user.
func callerIdentity() fakeReply {
	return ok(map[string]any{
		"IdentityType": "RAMUser",
		"AccountId":    testAccountID,
		"PrincipalId":  "207813384720****",
		"UserId":       "207813384720****",
		"Arn":          "acs:ram::" + testAccountID + ":user/terraform",
	})
}

// role is a RAM GetRole answer for role "r".
func role() fakeReply {
	const name = "r"
	return ok(map[string]any{"Role": map[string]any{
		"RoleName":                 name,
		"RoleId":                   "901234567890****",
		"Arn":                      "acs:ram::" + testAccountID + ":role/" + name,
		"AssumeRolePolicyDocument": `{"Statement":[],"Version":"1"}`,
		"MaxSessionDuration":       3600,
		"CreateDate":               "2015-01-23T12:33:18Z",
		"UpdateDate":               "2015-01-23T12:33:18Z",
	}})
}

// stsCredentials is an STS AssumeRole(WithOIDC) answer.
func stsCredentials(id, secret, token, expiration string) fakeReply {
	return ok(map[string]any{
		"Credentials": map[string]any{
			"AccessKeyId":     id,
			"AccessKeySecret": secret,
			"SecurityToken":   token,
			"Expiration":      expiration,
		},
		"AssumedRoleUser": map[string]any{
			"Arn":           "acs:ram::" + testAccountID + ":role/deployer/terraform",
			"AssumedRoleId": "344584339364951186:terraform",
		},
	})
}

// newClientWithClock is newClient with a fake clock and an ECS metadata
// service URL ("" for none).
func newClientWithClock(t testing.TB, cfg client.Config, clk *client.FakeClock, ecsMetadataURL string) *client.Client {
	t.Helper()
	c, err := client.NewWithClock(context.Background(), cfg, clk, ecsMetadataURL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// closedPortURL is the URL of a local port nothing listens on, so that a call
// to it fails before anything is sent.
func closedPortURL(t testing.TB) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return "http://" + listener.Addr().String()
}

func newClient(t testing.TB, cfg client.Config) *client.Client {
	t.Helper()
	c, err := client.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}
