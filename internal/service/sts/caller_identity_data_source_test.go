// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package sts_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

const (
	dataSourceName = "data.idaas_caller_identity.test"
	roleName       = "deployer"
	oidcIssuer     = "https://token.actions.githubusercontent.com"
	oidcAudience   = "sts.aliyuncs.com"
)

func TestAccCallerIdentityDataSource_basic(t *testing.T) {
	srv := acctest.Emulator(t)
	account := srv.AccountID()
	acctest.Test(t, nil, []resource.TestStep{{
		Config: acctest.EmulatorProviderConfig(srv) + testAccCallerIdentityDataSourceConfig,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("account_id"), knownvalue.StringExact(account)),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("arn"), knownvalue.StringExact("acs:ram::"+account+":root")),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("identity_type"), knownvalue.StringExact("Account")),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("principal_id"), knownvalue.StringExact(account)),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("user_id"), knownvalue.StringExact(account)),
		},
	}})
}

// TestAccCallerIdentityDataSource_assumeRole assumes a role with the
// emulator's root key: the data source then sees the role session.
func TestAccCallerIdentityDataSource_assumeRole(t *testing.T) {
	srv := acctest.Emulator(t, emulatortest.WithLoad(roleState(t, map[string]any{"RAM": []string{"acs:ram::" + emulatorAccount + ":root"}})))
	acctest.Test(t, nil, []resource.TestStep{{
		Config: acctest.EmulatorProviderConfig(srv, fmt.Sprintf(`assume_role = {
  role_arn     = "acs:ram::%s:role/%s"
  session_name = "acctest"
}`, srv.AccountID(), roleName)) + testAccCallerIdentityDataSourceConfig,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("identity_type"), knownvalue.StringExact("AssumedRoleUser")),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("arn"),
				knownvalue.StringExact("acs:ram::"+srv.AccountID()+":assumed-role/"+roleName+"/acctest")),
		},
	}})
}

// TestAccCallerIdentityDataSource_oidc gets credentials from an OIDC token
// file alone, as in CI, through the environment variables CI sets.
func TestAccCallerIdentityDataSource_oidc(t *testing.T) {
	providerARN := "acs:ram::" + emulatorAccount + ":oidc-provider/github"
	srv := acctest.Emulator(t, emulatortest.WithLoad(roleState(t, map[string]any{"Federated": []string{providerARN}})))
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(testJWT(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"} {
		t.Setenv(name, "") // Keys in the environment would come first.
	}
	t.Setenv("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::"+srv.AccountID()+":role/"+roleName)
	t.Setenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", providerARN)
	t.Setenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile)
	t.Setenv("ALIBABA_CLOUD_ROLE_SESSION_NAME", "github-run-7")
	acctest.Test(t, nil, []resource.TestStep{{
		Config: acctest.ProviderConfig(srv.URL(), acctest.Credentials{}) + testAccCallerIdentityDataSourceConfig,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("identity_type"), knownvalue.StringExact("AssumedRoleUser")),
			statecheck.ExpectKnownValue(dataSourceName, tfjsonpath.New("arn"),
				knownvalue.StringExact("acs:ram::"+srv.AccountID()+":assumed-role/"+roleName+"/github-run-7")),
		},
	}})
}

func TestAccCallerIdentityDataSource_badKey(t *testing.T) {
	srv := acctest.Emulator(t)
	acctest.Test(t, nil, []resource.TestStep{{
		Config: acctest.ProviderConfig(srv.URL(), acctest.Credentials{AccessKeyID: "LTAI5tNoSuchKey0000", AccessKeySecret: "x"}) +
			testAccCallerIdentityDataSourceConfig,
		ExpectError: regexp.MustCompile(`InvalidAccessKeyId.NotFound[\s\S]*access key ID does not exist`),
	}})
}

const testAccCallerIdentityDataSourceConfig = `
data "idaas_caller_identity" "test" {}
`

// emulatorAccount is the emulator's default account.
const emulatorAccount = "1234567890123456"

// roleState is an emulator state with one role that principal may assume.
func roleState(t *testing.T, principal map[string]any) string {
	t.Helper()
	trust, err := json.Marshal(map[string]any{
		"Version": "1",
		"Statement": []map[string]any{{
			"Effect":    "Allow",
			"Action":    "sts:AssumeRole",
			"Principal": principal,
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	state, err := json.Marshal(map[string]any{
		"Ram": map[string]any{"Roles": []map[string]any{{
			"RoleName":                 roleName,
			"AssumeRolePolicyDocument": string(trust),
			"MaxSessionDuration":       3600,
		}}},
		"Ims": map[string]any{"OIDCProviders": []map[string]any{{
			"OIDCProviderName":  "github",
			"IssuerUrl":         oidcIssuer,
			"ClientIds":         []string{oidcAudience},
			"Fingerprints":      []string{"6938fd4d98bab03faadb97b34396831e3780aea1"},
			"IssuanceLimitTime": 12,
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(state)
}

// testJWT is an OIDC token as GitHub Actions issues one. The emulator does
// not check its signature.
func testJWT(t *testing.T) string {
	t.Helper()
	part := func(v any) string {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(raw)
	}
	now := time.Now()
	return part(map[string]any{"alg": "RS256", "typ": "JWT"}) + "." +
		part(map[string]any{
			"iss": oidcIssuer, "sub": "repo:idaas-rolesso/infra:ref:refs/heads/main", "aud": oidcAudience,
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
		}) + "." + base64.RawURLEncoding.EncodeToString([]byte("signature"))
}
