// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// TestSchemaDescriptions checks that every attribute has a Markdown
// description written as sentences that names its environment variables.
func TestSchemaDescriptions(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	described := map[string]string{}
	var walk func(prefix string, attrs []*tfprotov6.SchemaAttribute)
	walk = func(prefix string, attrs []*tfprotov6.SchemaAttribute) {
		for _, a := range attrs {
			key := prefix + a.Name
			described[key] = a.Description
			if a.DescriptionKind != tfprotov6.StringKindMarkdown {
				t.Errorf("%s: description is not Markdown", key)
			}
			if !strings.HasSuffix(a.Description, ".") {
				t.Errorf("%s: description %q is not a sentence", key, a.Description)
			}
			if a.NestedType != nil {
				walk(key+".", a.NestedType.Attributes)
			}
		}
	}
	walk("", s.schema.Provider.Block.Attributes)
	for key, names := range provider.EnvVars {
		desc, ok := described[key]
		if !ok {
			t.Errorf("env var table names %q, which is not an attribute", key)
			continue
		}
		for _, name := range names {
			if !strings.Contains(desc, "`"+name+"`") {
				t.Errorf("%s: description does not name %s", key, name)
			}
		}
	}
}

func TestConfigureUnknownValues(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		config   map[string]any
		wantPath []string
		wantEnv  string
	}{
		"region":               {map[string]any{"region": unknown}, []string{"region"}, "ALIBABA_CLOUD_REGION"},
		"secret key":           {map[string]any{"access_key": "k", "secret_key": unknown}, []string{"secret_key"}, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		"assume_role.role_arn": {map[string]any{"assume_role": map[string]any{"role_arn": unknown}}, []string{"assume_role", "role_arn"}, "ALICLOUD_ASSUME_ROLE_ARN"},
		"OIDC token file": {
			map[string]any{"assume_role_with_oidc": map[string]any{"oidc_token_file": unknown}},
			[]string{"assume_role_with_oidc", "oidc_token_file"}, "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		},
		"a whole block":   {map[string]any{"endpoints": unknown}, []string{"endpoints"}, ""},
		"an endpoint":     {map[string]any{"endpoints": map[string]any{"eiam": unknown}}, []string{"endpoints", "eiam"}, "IDAAS_EIAM_ENDPOINT"},
		"max_qps":         {map[string]any{"max_qps": unknown}, []string{"max_qps"}, ""},
		"session seconds": {map[string]any{"assume_role": map[string]any{"role_arn": "x", "session_expiration": unknown}}, []string{"assume_role", "session_expiration"}, "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			diags := newTestServer(t).configure(tt.config)
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got:%s", diagText(diags))
			}
			d := diags[0]
			if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != "Provider argument not known until apply" {
				t.Errorf("diagnostic:%s", diagText(diags))
			}
			if !d.Attribute.Equal(attrPath(tt.wantPath...)) {
				t.Errorf("attribute path = %v, want %v", d.Attribute, attrPath(tt.wantPath...))
			}
			if tt.wantEnv != "" && !strings.Contains(d.Detail, tt.wantEnv) {
				t.Errorf("detail %q does not name %s", d.Detail, tt.wantEnv)
			}
		})
	}
}

func TestConfigureMissingCredentials(t *testing.T) {
	isolateEnv(t)
	diags := newTestServer(t).configure(map[string]any{})
	if len(diags) != 1 {
		t.Fatalf("want exactly one diagnostic, got:%s", diagText(diags))
	}
	d := diags[0]
	if d.Summary != "No Alibaba Cloud credentials" || d.Attribute != nil {
		t.Errorf("diagnostic:%s", diagText(diags))
	}
	for _, way := range []string{
		"`access_key` and `secret_key`", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"`assume_role_with_oidc`", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"`ecs_role_name`", "ALIBABA_CLOUD_ECS_METADATA",
		"`profile`", "`shared_credentials_file`", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "~/.aliyun/config.json",
		"`assume_role`",
	} {
		if !strings.Contains(d.Detail, way) {
			t.Errorf("detail does not mention %s:\n%s", way, d.Detail)
		}
	}
	if strings.Contains(d.Detail, "Note:") {
		t.Errorf("detail has a note on OIDC variables, but none is set:\n%s", d.Detail)
	}
}

func TestConfigureMissingCredentialsNotesPartialOIDC(t *testing.T) {
	isolateEnv(t)
	t.Setenv("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890123456:role/ci")
	diags := newTestServer(t).configure(map[string]any{})
	if len(diags) != 1 {
		t.Fatalf("want exactly one diagnostic, got:%s", diagText(diags))
	}
	want := "Note: ALIBABA_CLOUD_ROLE_ARN is set, but ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE is not"
	if !strings.Contains(diags[0].Detail, want) {
		t.Errorf("detail lacks %q:\n%s", want, diags[0].Detail)
	}
}

func TestConfigureIncompleteEnvKey(t *testing.T) {
	isolateEnv(t)
	t.Setenv("ALICLOUD_ACCESS_KEY", "LTAI5tOnlyTheKeyID")
	diags := newTestServer(t).configure(map[string]any{})
	if len(diags) != 1 || diags[0].Summary != "Incomplete access key in the environment" ||
		!strings.Contains(diags[0].Detail, "ALICLOUD_ACCESS_KEY is set, but ALIBABA_CLOUD_ACCESS_KEY_SECRET or ALICLOUD_SECRET_KEY is not") {
		t.Errorf("diagnostics:%s", diagText(diags))
	}
}

func TestValidateConfig(t *testing.T) {
	type testCase struct {
		config      map[string]any
		wantPath    []string // nil: no error expected
		wantSummary string
	}
	tests := map[string]testCase{
		"valid": {config: map[string]any{
			"access_key": "k", "secret_key": "s", "region": "ap-southeast-1", "site": "china",
			"account_id": "1234567890123456", "max_retries": 3, "max_qps": 5,
			"endpoints":   map[string]any{"ram": "http://127.0.0.1:18080", "eiam": "eiam-vpc.ap-southeast-1.aliyuncs.com"},
			"assume_role": map[string]any{"role_arn": "acs:ram::1234567890123456:role/r", "session_expiration": 900},
		}},
		"http endpoint on a remote host": {
			config:      map[string]any{"endpoints": map[string]any{"ram": "http://ram.example.com"}},
			wantPath:    []string{"endpoints", "ram"},
			wantSummary: "Invalid endpoint",
		},
		"endpoint with a path": {
			config:      map[string]any{"endpoints": map[string]any{"sts": "https://sts.aliyuncs.com/x"}},
			wantPath:    []string{"endpoints", "sts"},
			wantSummary: "Invalid endpoint",
		},
		"access key without secret": {
			config:      map[string]any{"access_key": "k"},
			wantSummary: "Invalid Attribute Combination",
			wantPath:    []string{"access_key"},
		},
		"security token without keys": {
			config:      map[string]any{"security_token": "t"},
			wantSummary: "Invalid Attribute Combination",
			wantPath:    []string{"security_token"},
		},
		"two credential sources": {
			config:      map[string]any{"access_key": "k", "secret_key": "s", "profile": "default"},
			wantSummary: "Invalid Attribute Combination",
			wantPath:    []string{"access_key"},
		},
		"bad site": {
			config:      map[string]any{"site": "europe"},
			wantSummary: "Invalid Attribute Value Match",
			wantPath:    []string{"site"},
		},
		"bad account ID": {
			config:      map[string]any{"account_id": "12345"},
			wantSummary: "Invalid account ID",
			wantPath:    []string{"account_id"},
		},
		"session too short": {
			config:      map[string]any{"assume_role": map[string]any{"role_arn": "r", "session_expiration": 60}},
			wantSummary: "Invalid Attribute Value",
			wantPath:    []string{"assume_role", "session_expiration"},
		},
		"bad region": {
			config:      map[string]any{"region": "Singapore"},
			wantSummary: "Invalid Attribute Value Match",
			wantPath:    []string{"region"},
		},
		"max_qps 0": {
			config:      map[string]any{"max_qps": 0},
			wantSummary: "Invalid Attribute Value",
			wantPath:    []string{"max_qps"},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		diags := newTestServer(t).validate(tt.config)
		if tt.wantPath == nil {
			if len(diags) != 0 {
				t.Errorf("want no diagnostics, got:%s", diagText(diags))
			}
			return
		}
		for _, d := range diags {
			if d.Summary == tt.wantSummary && d.Attribute.Equal(attrPath(tt.wantPath...)) {
				return
			}
		}
		t.Errorf("want %q at %v, got:%s", tt.wantSummary, tt.wantPath, diagText(diags))
	})
}

func TestConfigureEndpointFromEnvironment(t *testing.T) {
	isolateEnv(t)
	t.Setenv("IDAAS_STS_ENDPOINT", "http://sts.example.com")
	diags := newTestServer(t).configure(map[string]any{"access_key": "k", "secret_key": "s"})
	if len(diags) != 1 || !diags[0].Attribute.Equal(attrPath("endpoints", "sts")) ||
		!strings.Contains(diags[0].Detail, "uses plain http") || !strings.Contains(diags[0].Detail, "IDAAS_STS_ENDPOINT") {
		t.Errorf("want one error at endpoints.sts naming IDAAS_STS_ENDPOINT, got:%s", diagText(diags))
	}
}

// TestCredentialSources configures the provider from each source against
// the emulator, which checks every signature, and reads the caller
// identity through the data source.
func TestCredentialSources(t *testing.T) {
	srv := emulatortest.Start(t)
	endpoints := map[string]any{"ram": srv.URL(), "ims": srv.URL(), "sts": srv.URL(), "eiam": srv.URL()}
	keyID, secret := emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret
	profiles := func(current string) []byte {
		raw, _ := json.Marshal(map[string]any{
			"current": current,
			"profiles": []map[string]any{
				{"name": "wrong", "mode": "AK", "access_key_id": "LTAI5tNoSuchKeyAtAll", "access_key_secret": "x"},
				{"name": "emulator", "mode": "AK", "access_key_id": keyID, "access_key_secret": secret},
			},
		})
		return raw
	}
	tests := map[string]struct {
		config  map[string]any
		env     map[string]string
		files   map[string][]byte // relative to HOME
		wantErr string
	}{
		"configuration": {config: map[string]any{"access_key": keyID, "secret_key": secret}},
		"ALIBABA_CLOUD variables": {env: map[string]string{
			"ALIBABA_CLOUD_ACCESS_KEY_ID": keyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret,
		}},
		"ALICLOUD variables": {env: map[string]string{"ALICLOUD_ACCESS_KEY": keyID, "ALICLOUD_SECRET_KEY": secret}},
		"configuration beats the environment": {
			config: map[string]any{"access_key": keyID, "secret_key": secret},
			env:    map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tNoSuchKeyAtAll", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "x"},
		},
		"profile in shared_credentials_file": {
			config: map[string]any{"profile": "emulator", "shared_credentials_file": "HOME/creds.json"},
			files:  map[string][]byte{"creds.json": profiles("wrong")},
		},
		"profile from the environment": {
			env:   map[string]string{"ALIBABA_CLOUD_PROFILE": "emulator"},
			files: map[string][]byte{".aliyun/config.json": profiles("wrong")},
		},
		"current profile of ~/.aliyun/config.json": {
			files: map[string][]byte{".aliyun/config.json": profiles("emulator")},
		},
		"wrong key": {
			env:     map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tNoSuchKeyAtAll", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "x"},
			wantErr: "InvalidAccessKeyId.NotFound",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			home := isolateEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			for rel, content := range tt.files {
				path := filepath.Join(home, rel)
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, content, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			config := map[string]any{"endpoints": endpoints}
			for k, v := range tt.config {
				if s, ok := v.(string); ok {
					v = strings.Replace(s, "HOME", home, 1)
				}
				config[k] = v
			}

			s := newTestServer(t)
			diags := s.configure(config)
			if tt.wantErr != "" {
				if len(diags) != 1 || !strings.Contains(diags[0].Detail, tt.wantErr) {
					t.Fatalf("want one error containing %q, got:%s", tt.wantErr, diagText(diags))
				}
				if strings.Contains(diagText(diags), "LTAI5tNoSuchKeyAtAll") {
					t.Errorf("the error shows the access key ID:%s", diagText(diags))
				}
				return
			}
			if len(diags) != 0 {
				t.Fatalf("configure:%s", diagText(diags))
			}
			identity, diags := s.readCallerIdentity()
			if len(diags) != 0 {
				t.Fatalf("read idaas_caller_identity:%s", diagText(diags))
			}
			if identity["account_id"] != srv.AccountID() || identity["identity_type"] != "Account" {
				t.Errorf("caller identity = %v, want the emulator's account %s", identity, srv.AccountID())
			}
		})
	}
}

func TestValidateEmptyKeys(t *testing.T) {
	t.Parallel()
	diags := newTestServer(t).validate(map[string]any{"access_key": "", "secret_key": ""})
	paths := map[string]bool{}
	for _, d := range diags {
		paths[d.Attribute.String()] = true
	}
	for _, want := range []string{attrPath("access_key").String(), attrPath("secret_key").String()} {
		if !paths[want] {
			t.Errorf("want an error at %s, got:%s", want, diagText(diags))
		}
	}
}

func TestConfigureAssumeRoleArguments(t *testing.T) {
	tests := map[string]struct {
		env      map[string]string
		config   map[string]any
		wantPath []string
		wantText string
	}{
		"role ARN missing": {
			config:   map[string]any{"access_key": "k", "secret_key": "s", "assume_role": map[string]any{}},
			wantPath: []string{"assume_role", "role_arn"},
			wantText: "ALICLOUD_ASSUME_ROLE_ARN",
		},
		"bad session expiration in the environment": {
			env:      map[string]string{"ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION": "60"},
			config:   map[string]any{"access_key": "k", "secret_key": "s", "assume_role": map[string]any{"role_arn": "acs:ram::1234567890123456:role/r"}},
			wantPath: []string{"assume_role", "session_expiration"},
			wantText: `ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION is "60"`,
		},
		"OIDC token file missing": {
			env:      map[string]string{"ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1234567890123456:role/ci"},
			config:   map[string]any{"assume_role_with_oidc": map[string]any{"oidc_provider_arn": "acs:ram::1234567890123456:oidc-provider/github"}},
			wantPath: []string{"assume_role_with_oidc", "oidc_token_file"},
			wantText: "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		},
		"bad account ID in the environment": {
			env:      map[string]string{"ALICLOUD_ACCOUNT_ID": "12345"},
			config:   map[string]any{"access_key": "k", "secret_key": "s"},
			wantPath: []string{"account_id"},
			wantText: "It comes from the environment variable ALICLOUD_ACCOUNT_ID",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			isolateEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			diags := newTestServer(t).configure(tt.config)
			if len(diags) != 1 || !diags[0].Attribute.Equal(attrPath(tt.wantPath...)) || !strings.Contains(diags[0].Detail, tt.wantText) {
				t.Errorf("want one error at %v mentioning %q, got:%s", tt.wantPath, tt.wantText, diagText(diags))
			}
		})
	}
}
