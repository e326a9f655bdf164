// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// The session the fake STS hands out.
const (
	sessionKeyID  = "STS.NUgYrLnoC37mZZCNnAbez2nJ"
	sessionSecret = "SessionSecretFromSTS0123456789"
	sessionToken  = "CAISSessionTokenFromSTS0123456789"
	roleARN       = "acs:ram::" + testAccountID + ":role/deployer"
)

// newSessionFake is a fake of stsAndRAM that accepts the session's keys
// too.
func newSessionFake(t *testing.T, clk *client.FakeClock) *fakeAPI {
	t.Helper()
	fake := newFakeAPI(t, stsAndRAM(clk))
	fake.allowKey(sessionKeyID, sessionSecret)
	return fake
}

// stsAndRAM answers STS role assumption with the session above, valid for
// an hour from clk's time, and RAM GetRole with a role.
func stsAndRAM(clk *client.FakeClock) func(fakeCall) fakeReply {
	return func(fc fakeCall) fakeReply {
		switch fc.Action {
		case "AssumeRole", "AssumeRoleWithOIDC":
			return stsCredentials(sessionKeyID, sessionSecret, sessionToken, clk.Now().Add(time.Hour).Format(time.RFC3339))
		case "GetCallerIdentity":
			return callerIdentity()
		default:
			return role()
		}
	}
}

// keysSeen returns "Action AccessKeyId SecurityToken" for every call.
func keysSeen(f *fakeAPI) []string {
	var out []string
	for _, c := range f.Calls() {
		out = append(out, strings.TrimSpace(c.Action+" "+c.AccessKeyID+" "+c.SecurityToken))
	}
	return out
}

func TestStaticCredentials(t *testing.T) {
	type testCase struct {
		key  client.AccessKey
		want []string
	}
	tests := map[string]testCase{
		"access key":      {client.AccessKey{ID: testKeyID, Secret: testKeySecret}, []string{"GetRole " + testKeyID}},
		"STS credentials": {client.AccessKey{ID: sessionKeyID, Secret: sessionSecret, SecurityToken: sessionToken}, []string{"GetRole " + sessionKeyID + " " + sessionToken}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		fake := newSessionFake(t, client.NewFakeClock())
		cfg := fake.config()
		cfg.AccessKey = &tt.key
		if _, err := newClient(t, cfg).RAM().GetRole(context.Background(), "r"); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, keysSeen(fake)); diff != "" {
			t.Errorf("keys seen (-want +got):\n%s", diff)
		}
	})
}

func TestAssumeRole(t *testing.T) {
	t.Parallel()
	clk := client.NewFakeClock()
	fake := newSessionFake(t, clk)
	cfg := fake.config()
	cfg.AssumeRole = &client.AssumeRole{RoleARN: roleARN, ExternalID: "abcd1234", SessionDuration: 3600}
	c := newClientWithClock(t, cfg, clk, "")

	for range 2 {
		if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
			t.Fatal(err)
		}
	}
	// Five minutes before the session ends, the next call gets a new one.
	clk.Advance(56 * time.Minute)
	if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
		t.Fatal(err)
	}

	want := []string{
		"AssumeRole " + testKeyID,
		"GetRole " + sessionKeyID + " " + sessionToken,
		"GetRole " + sessionKeyID + " " + sessionToken,
		"AssumeRole " + testKeyID,
		"GetRole " + sessionKeyID + " " + sessionToken,
	}
	if diff := cmp.Diff(want, keysSeen(fake)); diff != "" {
		t.Errorf("keys seen (-want +got):\n%s", diff)
	}
	assume := fake.Calls()[0].Params
	for name, want := range map[string]string{
		"RoleArn": roleARN, "RoleSessionName": client.DefaultSessionName, "DurationSeconds": "3600", "ExternalId": "abcd1234",
	} {
		if got := assume.Get(name); got != want {
			t.Errorf("AssumeRole %s = %q, want %q", name, got, want)
		}
	}
}

func TestAssumeRoleFailureIsReported(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		if fc.Action == "AssumeRole" {
			return fakeReply{Status: http.StatusForbidden, Body: apiError("NoPermission", "You are not authorized to do this action.")}
		}
		return role()
	})
	cfg := fake.config()
	cfg.AssumeRole = &client.AssumeRole{RoleARN: roleARN}
	_, err := newClient(t, cfg).RAM().GetRole(context.Background(), "r")
	if client.ErrorCode(err) != "NoPermission" || !strings.Contains(err.Error(), "assuming role "+roleARN) {
		t.Errorf("error = %v, want the AssumeRole error, naming the role", err)
	}
}

func TestOIDCRole(t *testing.T) {
	t.Parallel()
	tokenFile := filepath.Join(t.TempDir(), "token")
	const oidcToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl"
	if err := os.WriteFile(tokenFile, []byte(oidcToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	clk := client.NewFakeClock()
	fake := newSessionFake(t, clk)
	cfg := fake.config()
	cfg.AccessKey = nil
	cfg.OIDCRole = &client.OIDCRole{
		RoleARN:         roleARN,
		OIDCProviderARN: "acs:ram::" + testAccountID + ":oidc-provider/github",
		TokenFile:       tokenFile,
		SessionName:     "ci-run-42",
	}
	c := newClientWithClock(t, cfg, clk, "")
	if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
		t.Fatal(err)
	}

	want := []string{"AssumeRoleWithOIDC", "GetRole " + sessionKeyID + " " + sessionToken}
	if diff := cmp.Diff(want, keysSeen(fake)); diff != "" {
		t.Errorf("keys seen (-want +got):\n%s", diff)
	}
	oidc := fake.Calls()[0].Params
	for name, want := range map[string]string{
		"OIDCToken": oidcToken, "RoleArn": roleARN, "OIDCProviderArn": cfg.OIDCRole.OIDCProviderARN,
		"RoleSessionName": "ci-run-42", "DurationSeconds": "3600", "Signature": "",
	} {
		if got := oidc.Get(name); got != want {
			t.Errorf("AssumeRoleWithOIDC %s = %q, want %q", name, got, want)
		}
	}
}

func TestOIDCRoleMissingTokenFile(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, stsAndRAM(client.NewFakeClock()))
	cfg := fake.config()
	cfg.AccessKey = nil
	cfg.OIDCRole = &client.OIDCRole{RoleARN: roleARN, OIDCProviderARN: "acs:ram::1:oidc-provider/x", TokenFile: filepath.Join(t.TempDir(), "absent")}
	_, err := newClient(t, cfg).RAM().GetRole(context.Background(), "r")
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "OIDC token file") {
		t.Errorf("error = %v, want one about the missing OIDC token file", err)
	}
	if len(fake.Calls()) != 0 {
		t.Errorf("calls = %v, want none", fake.Actions())
	}
}

// writeCLIConfig writes an Alibaba Cloud CLI configuration and returns its
// path.
func writeCLIConfig(t *testing.T, dir string, conf map[string]any) string {
	t.Helper()
	raw, err := json.Marshal(conf)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ".aliyun", "config.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestProfileCredentials(t *testing.T) {
	profiles := map[string]any{
		"current": "default",
		"profiles": []map[string]any{
			{"name": "default", "mode": "AK", "access_key_id": testKeyID, "access_key_secret": testKeySecret, "region_id": "ap-southeast-1"},
			{"name": "sts", "mode": "StsToken", "access_key_id": sessionKeyID, "access_key_secret": sessionSecret, "sts_token": sessionToken},
			{"name": "deployer", "mode": "RamRoleArn", "access_key_id": testKeyID, "access_key_secret": testKeySecret, "ram_role_arn": roleARN, "ram_session_name": "cli", "expired_seconds": 900},
			{"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "default", "ram_role_arn": roleARN},
			{"name": "loop", "mode": "ChainableRamRoleArn", "source_profile": "loop", "ram_role_arn": roleARN},
			{"name": "sso", "mode": "CloudSSO"},
		},
	}
	type testCase struct {
		profile string
		want    []string
		wantErr string
	}
	tests := map[string]testCase{
		"current profile": {profile: "", want: []string{"GetRole " + testKeyID}},
		"access key":      {profile: "default", want: []string{"GetRole " + testKeyID}},
		"STS token":       {profile: "sts", want: []string{"GetRole " + sessionKeyID + " " + sessionToken}},
		"RAM role":        {profile: "deployer", want: []string{"AssumeRole " + testKeyID, "GetRole " + sessionKeyID + " " + sessionToken}},
		"chained role":    {profile: "chained", want: []string{"AssumeRole " + testKeyID, "GetRole " + sessionKeyID + " " + sessionToken}},
		"loop":            {profile: "loop", wantErr: `source_profile "loop" makes a loop`},
		"unknown mode":    {profile: "sso", wantErr: `mode "CloudSSO" is not supported`},
		"unknown profile": {profile: "nope", wantErr: `has no profile "nope"; it has: default, sts, deployer`},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		fake := newSessionFake(t, client.NewFakeClock())
		cfg := fake.config()
		cfg.AccessKey = nil
		cfg.Profile = &client.Profile{Name: tt.profile, File: writeCLIConfig(t, t.TempDir(), profiles)}
		c, err := client.New(context.Background(), cfg)
		if wanterr.Contains(t, err, tt.wantErr) {
			return
		}
		if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, keysSeen(fake)); diff != "" {
			t.Errorf("keys seen (-want +got):\n%s", diff)
		}
		if tt.profile == "deployer" {
			if got := fake.Calls()[0].Params.Get("DurationSeconds"); got != "900" {
				t.Errorf("DurationSeconds = %q, want the profile's 900", got)
			}
		}
	})
}

// TestProfileInDefaultFile reads ~/.aliyun/config.json from a temporary
// home directory, and takes the region from the profile.
func TestProfileInDefaultFile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	writeCLIConfig(t, home, map[string]any{
		"current": "default",
		"profiles": []map[string]any{
			{"name": "default", "mode": "AK", "access_key_id": testKeyID, "access_key_secret": testKeySecret, "region_id": "cn-hangzhou"},
		},
	})
	fake := newFakeAPI(t, stsAndRAM(client.NewFakeClock()))
	cfg := fake.config()
	cfg.AccessKey = nil
	cfg.Profile = &client.Profile{}
	c := newClient(t, cfg)
	if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"GetRole " + testKeyID}, keysSeen(fake)); diff != "" {
		t.Errorf("keys seen (-want +got):\n%s", diff)
	}
	if c.Region() != "cn-hangzhou" {
		t.Errorf("Region() = %q, want the profile's cn-hangzhou", c.Region())
	}
}

func TestECSRoleCredentials(t *testing.T) {
	t.Parallel()
	clk := client.NewFakeClock()
	var (
		mu            sync.Mutex
		metadataCalls []string
	)
	metadata := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		metadataCalls = append(metadataCalls, r.Method+" "+r.URL.Path)
		mu.Unlock()
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token" && r.Header.Get("X-Aliyun-Ecs-Metadata-Token-Ttl-Seconds") != "":
			_, _ = w.Write([]byte("metadata-session-token"))
		case r.URL.Path == "/latest/meta-data/ram/security-credentials/EcsDeployer" && r.Header.Get("X-Aliyun-Ecs-Metadata-Token") == "metadata-session-token":
			writeJSON(w, http.StatusOK, map[string]any{
				"Code": "Success", "AccessKeyId": sessionKeyID, "AccessKeySecret": sessionSecret,
				"SecurityToken": sessionToken, "Expiration": clk.Now().Add(6 * time.Hour).Format(time.RFC3339),
				"LastUpdated": clk.Now().Format(time.RFC3339),
			})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(metadata.Close)
	fake := newSessionFake(t, clk)
	cfg := fake.config()
	cfg.AccessKey = nil
	cfg.ECSRoleName = "EcsDeployer"
	c := newClientWithClock(t, cfg, clk, metadata.URL)
	for range 2 {
		if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"GetRole " + sessionKeyID + " " + sessionToken, "GetRole " + sessionKeyID + " " + sessionToken}, keysSeen(fake)); diff != "" {
		t.Errorf("keys seen (-want +got):\n%s", diff)
	}
	wantMetadata := []string{"PUT /latest/api/token", "GET /latest/meta-data/ram/security-credentials/EcsDeployer"}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff(wantMetadata, metadataCalls); diff != "" {
		t.Errorf("metadata calls (-want +got), cached after the first:\n%s", diff)
	}
}

func TestAccountIDFromCallerIdentity(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, stsAndRAM(client.NewFakeClock()))
	cfg := fake.config()
	cfg.AccountID = ""
	c := newClient(t, cfg)
	if c.AccountID() != testAccountID {
		t.Errorf("AccountID() = %q, want %q", c.AccountID(), testAccountID)
	}
	if diff := cmp.Diff([]string{"GetCallerIdentity"}, fake.Actions()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	ua := fake.Calls()[0].UserAgent
	if !strings.Contains(ua, "terraform-provider-idaas/1.2.3-test") {
		t.Errorf("User-Agent %q lacks terraform-provider-idaas/1.2.3-test", ua)
	}
}

func TestConfigErrors(t *testing.T) {
	base := client.Config{AccountID: testAccountID, MaxQPS: 1}
	key := &client.AccessKey{ID: testKeyID, Secret: testKeySecret}
	type testCase struct {
		edit    func(*client.Config)
		wantErr string
	}
	tests := map[string]testCase{
		"no credentials":     {func(c *client.Config) {}, client.ErrNoCredentials.Error()},
		"two sources":        {func(c *client.Config) { c.AccessKey = key; c.ECSRoleName = "r" }, "more than one credential source"},
		"key without secret": {func(c *client.Config) { c.AccessKey = &client.AccessKey{ID: testKeyID} }, "needs both its ID and its secret"},
		"session too long": {func(c *client.Config) {
			c.AccessKey = key
			c.AssumeRole = &client.AssumeRole{RoleARN: roleARN, SessionDuration: 50000}
		}, "900 to 43200 seconds, not 50000"},
		"http endpoint off loopback": {func(c *client.Config) {
			c.AccessKey = key
			c.Endpoints.RAM = "http://ram.example.com"
		}, "endpoints.ram: \"http://ram.example.com\" uses plain http"},
		"max_qps 0": {func(c *client.Config) { c.AccessKey = key; c.MaxQPS = 0 }, "max_qps must be 1 or more"},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		cfg := base
		tt.edit(&cfg)
		_, err := client.New(context.Background(), cfg)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
		}
	})
}

func TestEIAMNeedsARegion(t *testing.T) {
	t.Parallel()
	c := newClient(t, client.Config{AccountID: testAccountID, AccessKey: &client.AccessKey{ID: testKeyID, Secret: testKeySecret}, MaxQPS: 1})
	_, err := c.EIAM().GetInstance(context.Background(), "idaas_x")
	if err == nil || !strings.Contains(err.Error(), "set region") {
		t.Errorf("error = %v, want one asking for a region", err)
	}
}
