// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

// envVars lists, for each provider argument (by its dotted path), the
// environment variables read when the argument is not set, first match
// first. The names are those of the Alibaba Cloud CLI and SDKs
// (ALIBABA_CLOUD_*) and of the alicloud provider (ALICLOUD_*), so that
// existing pipelines work unchanged. The schema descriptions, the
// unknown-value errors and the missing-credentials error are built from this
// table.
var envVars = map[string][]string{
	"region":                  {"ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"},
	"access_key":              {"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"},
	"secret_key":              {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"},
	"security_token":          {"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"},
	"profile":                 {"ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"},
	"shared_credentials_file": {"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALICLOUD_SHARED_CREDENTIALS_FILE"},
	"ecs_role_name":           {"ALIBABA_CLOUD_ECS_METADATA", "ALICLOUD_ECS_ROLE_NAME"},
	"account_id":              {"ALIBABA_CLOUD_ACCOUNT_ID", "ALICLOUD_ACCOUNT_ID"},

	// ALIBABA_CLOUD_ROLE_ARN is not read for assume_role: the Alibaba Cloud
	// SDKs use it for the role of OIDC credentials.
	"assume_role.role_arn":           {"ALICLOUD_ASSUME_ROLE_ARN"},
	"assume_role.session_name":       {"ALICLOUD_ASSUME_ROLE_SESSION_NAME", "ALIBABA_CLOUD_ROLE_SESSION_NAME"},
	"assume_role.session_expiration": {"ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"},

	"assume_role_with_oidc.role_arn":          {"ALIBABA_CLOUD_ROLE_ARN"},
	"assume_role_with_oidc.oidc_provider_arn": {"ALIBABA_CLOUD_OIDC_PROVIDER_ARN"},
	"assume_role_with_oidc.oidc_token_file":   {"ALIBABA_CLOUD_OIDC_TOKEN_FILE"},
	"assume_role_with_oidc.session_name":      {"ALIBABA_CLOUD_ROLE_SESSION_NAME"},

	"endpoints.ram":  {"IDAAS_RAM_ENDPOINT"},
	"endpoints.ims":  {"IDAAS_IMS_ENDPOINT"},
	"endpoints.sts":  {"IDAAS_STS_ENDPOINT"},
	"endpoints.eiam": {"IDAAS_EIAM_ENDPOINT"},
}

// EnvVarNames returns every environment variable the provider reads,
// sorted: for tests that need the provider to find nothing there.
func EnvVarNames() []string {
	var names []string
	for _, vars := range envVars {
		names = append(names, vars...)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// origin says where a setting came from, for messages.
type origin string

const (
	fromConfig origin = "the provider configuration"
	unset      origin = ""
)

// lookupEnv returns the first non-empty environment variable of an
// argument and its name.
func lookupEnv(key string) (value, name string) {
	for _, name := range envVars[key] {
		if v := strings.TrimSpace(os.Getenv(name)); v != "" {
			return v, name
		}
	}
	return "", ""
}

// setting returns an argument's value: the configured one, else the one
// from its environment variables. Configuration beats the environment.
func setting(v types.String, key string) (string, origin) {
	if s := strings.TrimSpace(v.ValueString()); s != "" {
		return s, fromConfig
	}
	if s, name := lookupEnv(key); s != "" {
		return s, origin("the environment variable " + name)
	}
	return "", unset
}

// envSentence says which environment variables an argument reads, for
// descriptions: e.g. "If not set, the environment variable `A` or `B`."
func envSentence(key string) string {
	names := envVars[key]
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf(" If not set, it is read from the environment variable %s.", framework.OrList(names, "`"))
}
