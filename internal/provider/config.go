// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// addUnknownValueErrors adds an attribute error for every value of the
// configuration that is not known yet: the provider cannot be configured
// with it.
func addUnknownValueErrors(config tftypes.Value, diags *diag.Diagnostics) {
	_ = tftypes.Walk(config, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if v.IsKnown() {
			return true, nil
		}
		attrPath, key := path.Empty(), ""
		for _, step := range p.Steps() {
			if name, ok := step.(tftypes.AttributeName); ok {
				attrPath = attrPath.AtName(string(name))
				key = strings.TrimPrefix(key+"."+string(name), ".")
			}
		}
		detail := fmt.Sprintf("The provider needs `%s` to be configured, but its value depends on something Terraform "+
			"knows only after apply. Use a value known at plan time: a literal, a variable or a data source", key)
		if names := envVars[key]; len(names) > 0 {
			detail += ", or remove it and set the environment variable " + framework.OrList(names, "")
		}
		diags.AddAttributeError(attrPath, "Provider argument not known until apply", detail+".")
		return false, nil
	})
}

// clientConfig resolves the provider configuration, with the environment
// variables of envVars, into the client's configuration.
func (m providerModel) clientConfig(ctx context.Context, version string) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	cfg := client.Config{
		Site:       rolesso.DefaultSiteName,
		MaxRetries: client.DefaultMaxRetries,
		MaxQPS:     client.DefaultMaxQPS,
		Version:    version,
	}
	if !m.Site.IsNull() {
		cfg.Site = m.Site.ValueString()
	}
	if !m.MaxRetries.IsNull() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.MaxQPS.IsNull() {
		cfg.MaxQPS = int(m.MaxQPS.ValueInt64())
	}

	var from origin
	cfg.Region, from = setting(m.Region, "region")
	if from != fromConfig && cfg.Region != "" && !regionPattern.MatchString(cfg.Region) {
		diags.AddAttributeError(path.Root("region"), "Invalid region",
			fmt.Sprintf("%q, from %s, is not a region ID such as `ap-southeast-1`.", cfg.Region, from))
	}
	cfg.AccountID, from = setting(m.AccountID, "account_id")
	if from != fromConfig && cfg.AccountID != "" {
		if err := rolesso.ValidateAccountID(cfg.AccountID); err != nil {
			diags.AddAttributeError(path.Root("account_id"), "Invalid account ID", fmt.Sprintf("%s It comes from %s.", errorText(err), from))
		}
	}

	var endpoints endpointsModel
	if m.Endpoints != nil {
		endpoints = *m.Endpoints
	}
	for _, e := range []struct {
		key   string
		value types.String
		dst   *string
	}{
		{"ram", endpoints.RAM, &cfg.Endpoints.RAM},
		{"ims", endpoints.IMS, &cfg.Endpoints.IMS},
		{"sts", endpoints.STS, &cfg.Endpoints.STS},
		{"eiam", endpoints.EIAM, &cfg.Endpoints.EIAM},
	} {
		*e.dst, from = setting(e.value, "endpoints."+e.key)
		if from == fromConfig || *e.dst == "" {
			continue // The schema's validator checks configured endpoints.
		}
		if _, err := client.ParseEndpoint(*e.dst); err != nil {
			diags.AddAttributeError(path.Root("endpoints").AtName(e.key), "Invalid endpoint",
				fmt.Sprintf("%s It comes from %s.", errorText(err), from))
		}
	}

	source := m.setCredentials(&cfg, &diags)
	if m.AssumeRole != nil {
		cfg.AssumeRole = m.assumeRole(&diags)
		source += ", then assume_role"
	}
	if !diags.HasError() {
		tflog.Debug(ctx, "Alibaba Cloud credentials", map[string]any{"source": source})
	}
	return cfg, diags
}

// setCredentials sets the one base credential source, and says which it
// is. Sources in the configuration come first, then the same sources in
// the environment, then the CLI's current profile; the schema's validators
// keep configured sources from conflicting.
func (m providerModel) setCredentials(cfg *client.Config, diags *diag.Diagnostics) string {
	switch {
	case !m.AccessKey.IsNull():
		cfg.AccessKey = &client.AccessKey{
			ID:            m.AccessKey.ValueString(),
			Secret:        m.SecretKey.ValueString(),
			SecurityToken: m.SecurityToken.ValueString(),
		}
		return "access key from " + string(fromConfig)
	case m.AssumeRoleWithOIDC != nil:
		cfg.OIDCRole = m.AssumeRoleWithOIDC.oidcRole(diags)
		return "OIDC role from " + string(fromConfig)
	case !m.ECSRoleName.IsNull():
		cfg.ECSRoleName = m.ECSRoleName.ValueString()
		return "ECS RAM role from " + string(fromConfig)
	case !m.Profile.IsNull() || !m.SharedCredentialsFile.IsNull():
		name, _ := setting(m.Profile, "profile")
		file, _ := setting(m.SharedCredentialsFile, "shared_credentials_file")
		cfg.Profile = &client.Profile{Name: name, File: file}
		return "CLI profile from " + string(fromConfig)
	}

	id, idVar := lookupEnv("access_key")
	secret, secretVar := lookupEnv("secret_key")
	switch {
	case id != "" && secret != "":
		token, _ := lookupEnv("security_token")
		cfg.AccessKey = &client.AccessKey{ID: id, Secret: secret, SecurityToken: token}
		return "access key from the environment variable " + idVar
	case id != "" || secret != "":
		set, missing := idVar, "secret_key"
		if secret != "" {
			set, missing = secretVar, "access_key"
		}
		diags.AddError("Incomplete access key in the environment",
			fmt.Sprintf("%s is set, but %s is not. Set both, or neither.", set, framework.OrList(envVars[missing], "")))
		return ""
	}

	oidc := client.OIDCRole{}
	oidc.RoleARN, _ = lookupEnv("assume_role_with_oidc.role_arn")
	oidc.OIDCProviderARN, _ = lookupEnv("assume_role_with_oidc.oidc_provider_arn")
	oidc.TokenFile, _ = lookupEnv("assume_role_with_oidc.oidc_token_file")
	if oidc.RoleARN != "" && oidc.OIDCProviderARN != "" && oidc.TokenFile != "" {
		oidc.SessionName, _ = lookupEnv("assume_role_with_oidc.session_name")
		cfg.OIDCRole = &oidc
		return "OIDC role from the environment"
	}

	if role, name := lookupEnv("ecs_role_name"); role != "" {
		cfg.ECSRoleName = role
		return "ECS RAM role from the environment variable " + name
	}

	profile, _ := lookupEnv("profile")
	file, _ := lookupEnv("shared_credentials_file")
	if profile != "" || file != "" {
		cfg.Profile = &client.Profile{Name: profile, File: file}
		return "CLI profile from the environment"
	}
	if defaultFile, err := client.DefaultCLIConfigFile(); err == nil {
		if _, err := os.Stat(defaultFile); err == nil {
			cfg.Profile = &client.Profile{}
			return "the current profile of " + defaultFile
		}
	}

	diags.AddError("No Alibaba Cloud credentials", missingCredentialsDetail())
	return ""
}

// missingCredentialsDetail lists every way to give credentials, and notes
// OIDC variables that are set without the others.
func missingCredentialsDetail() string {
	names := func(key string) string {
		n := envVars[key]
		if len(n) == 1 {
			return n[0]
		}
		return fmt.Sprintf("%s or %s", n[0], strings.Join(n[1:], " or "))
	}
	ways := []string{
		fmt.Sprintf("- `access_key` and `secret_key` in the provider block (plus `security_token` for STS credentials), or the environment variables %s and %s (plus %s).",
			names("access_key"), names("secret_key"), names("security_token")),
		fmt.Sprintf("- `assume_role_with_oidc` for OIDC role credentials in CI, or the environment variables %s, %s and %s.",
			names("assume_role_with_oidc.role_arn"), names("assume_role_with_oidc.oidc_provider_arn"), names("assume_role_with_oidc.oidc_token_file")),
		fmt.Sprintf("- `ecs_role_name` on an ECS instance with a RAM role, or the environment variable %s.", names("ecs_role_name")),
		fmt.Sprintf("- `profile` and `shared_credentials_file` for a profile of the Alibaba Cloud CLI configuration, or the environment variables %s and %s; "+
			"without them, the current profile of ~/.aliyun/config.json (which `aliyun configure` writes).",
			names("profile"), names("shared_credentials_file")),
	}
	detail := "The provider found no credentials. Give them in one of these ways:\n\n" + strings.Join(ways, "\n") +
		"\n\n`assume_role` can then assume a RAM role with any of them."

	var set, unset []string
	for _, key := range []string{"assume_role_with_oidc.role_arn", "assume_role_with_oidc.oidc_provider_arn", "assume_role_with_oidc.oidc_token_file"} {
		if _, name := lookupEnv(key); name != "" {
			set = append(set, name)
		} else {
			unset = append(unset, envVars[key][0])
		}
	}
	if len(set) > 0 {
		detail += fmt.Sprintf("\n\nNote: %s is set, but %s is not, so OIDC role credentials are not used.",
			strings.Join(set, " and "), strings.Join(unset, " and "))
	}
	return detail
}

// oidcRole resolves assume_role_with_oidc, with its environment variables.
func (o assumeRoleWithOIDCModel) oidcRole(diags *diag.Diagnostics) *client.OIDCRole {
	role := &client.OIDCRole{
		RoleARN:         required(o.RoleARN, "assume_role_with_oidc", "role_arn", diags),
		OIDCProviderARN: required(o.OIDCProviderARN, "assume_role_with_oidc", "oidc_provider_arn", diags),
		TokenFile:       required(o.OIDCTokenFile, "assume_role_with_oidc", "oidc_token_file", diags),
		SessionDuration: int(o.SessionExpiration.ValueInt64()),
		Policy:          o.Policy.ValueString(),
	}
	role.SessionName, _ = setting(o.SessionName, "assume_role_with_oidc.session_name")
	return role
}

// assumeRole resolves assume_role, with its environment variables.
func (m providerModel) assumeRole(diags *diag.Diagnostics) *client.AssumeRole {
	a := m.AssumeRole
	ar := &client.AssumeRole{
		RoleARN:         required(a.RoleARN, "assume_role", "role_arn", diags),
		SessionDuration: int(a.SessionExpiration.ValueInt64()),
		ExternalID:      a.ExternalID.ValueString(),
		Policy:          a.Policy.ValueString(),
	}
	ar.SessionName, _ = setting(a.SessionName, "assume_role.session_name")
	if a.SessionExpiration.IsNull() {
		if v, name := lookupEnv("assume_role.session_expiration"); v != "" {
			seconds, err := strconv.Atoi(v)
			if err != nil || seconds < minSessionExpiration || seconds > maxSessionExpiration {
				diags.AddAttributeError(path.Root("assume_role").AtName("session_expiration"), "Invalid session expiration",
					fmt.Sprintf("%s is %q; it must be a number of seconds from %d to %d.", name, v, minSessionExpiration, maxSessionExpiration))
			}
			ar.SessionDuration = seconds
		}
	}
	return ar
}

// required returns a nested argument that must be set, in the block or in
// its environment variables, and adds an error if it is not.
func required(v types.String, block, name string, diags *diag.Diagnostics) string {
	key := block + "." + name
	value, _ := setting(v, key)
	if value == "" {
		detail := fmt.Sprintf("`%s` needs `%s`", block, name)
		if names := envVars[key]; len(names) > 0 {
			detail += ": set it, or the environment variable " + framework.OrList(names, "")
		}
		diags.AddAttributeError(path.Root(block).AtName(name), "Missing "+key, detail+".")
	}
	return value
}

// addClientError reports an error of client.New.
func addClientError(diags *diag.Diagnostics, err error) {
	if endpointErr, ok := errors.AsType[*client.EndpointError](err); ok {
		diags.AddAttributeError(path.Root("endpoints").AtName(endpointErr.Service), "Invalid endpoint", errorText(endpointErr.Err))
		return
	}
	detail := errorText(err)
	if hint := client.Hint(err); hint != "" {
		detail += "\n\n" + hint
	}
	diags.AddError("Cannot configure the provider", detail)
}
