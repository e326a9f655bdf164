// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package provider defines the idaas provider: its schema, its configuration and the explicit
// lists of its resources, data sources and functions.
package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/functions"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/check"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/sts"
)

var (
	_ provider.Provider                     = (*idaasProvider)(nil)
	_ provider.ProviderWithConfigValidators = (*idaasProvider)(nil)
	_ provider.ProviderWithFunctions        = (*idaasProvider)(nil)
)

// New returns a constructor of the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &idaasProvider{version: version} }
}

type idaasProvider struct {
	version string
}

func (p *idaasProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "idaas"
	resp.Version = p.version
}

// Limits of role sessions (STS AssumeRole and AssumeRoleWithOIDC).
const (
	minSessionExpiration = 900
	maxSessionExpiration = 43200
)

func (p *idaasProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	sessionExpiration := fmt.Sprintf("The lifetime of the role session in seconds, from `%d` to `%d` (and at most the role's maximum session duration). Defaults to `%d`.",
		minSessionExpiration, maxSessionExpiration, client.DefaultSessionDuration)
	sessionName := func(key string) string {
		return "The name of the role session, shown in ActionTrail." + envSentence(key) +
			fmt.Sprintf(" Without either, `%s`.", client.DefaultSessionName)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sets up Alibaba Cloud role-based single sign-on from IDaaS to RAM.\n\n" +
			"Credentials come from the first of these that is set: `access_key` and `secret_key`; " +
			"`assume_role_with_oidc`; `ecs_role_name`; `profile` or `shared_credentials_file`; then the same sources " +
			"from environment variables, in the same order; then the current profile of the Alibaba Cloud CLI configuration " +
			"`~/.aliyun/config.json`, if it exists. `assume_role` then assumes a RAM role with those credentials.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "The region of the IDaaS instance, e.g. `ap-southeast-1`. IDaaS (EIAM) calls go to " +
					"`eiam.<region>.aliyuncs.com`; RAM, IMS and STS are global." + envSentence("region"),
				Optional: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(regionPattern, "must be a region ID such as `ap-southeast-1`"),
				},
			},
			"site": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The Alibaba Cloud site that users sign in to: %s. Defaults to `%s`.",
					framework.OrList(rolesso.SiteNames(), "`"), rolesso.DefaultSiteName),
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(rolesso.SiteNames()...)},
			},
			"access_key": schema.StringAttribute{
				MarkdownDescription: "The access key ID. Requires `secret_key`." + envSentence("access_key"),
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "The access key secret. Requires `access_key`." + envSentence("secret_key"),
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "The security token of STS credentials, with `access_key` and `secret_key`." +
					strings.TrimSuffix(envSentence("security_token"), ".") + ", but only when the keys come from the environment too.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("access_key"))},
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "The name of a profile in the Alibaba Cloud CLI configuration (see `shared_credentials_file`). " +
					"Modes `AK`, `StsToken`, `RamRoleArn`, `ChainableRamRoleArn`, `EcsRamRole` and `OIDC` are supported." +
					envSentence("profile") + " Without either, the configuration's current profile.",
				Optional: true,
			},
			"shared_credentials_file": schema.StringAttribute{
				MarkdownDescription: "The path of the Alibaba Cloud CLI configuration." +
					envSentence("shared_credentials_file") + " Without either, `~/.aliyun/config.json`.",
				Optional: true,
			},
			"assume_role": schema.SingleNestedAttribute{
				MarkdownDescription: "Assumes a RAM role (STS `AssumeRole`) with the credentials found otherwise, and renews the session before it expires.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{
						MarkdownDescription: "The ARN of the role to assume, e.g. `acs:ram::1234567890123456:role/terraform`. Required." +
							envSentence("assume_role.role_arn"),
						Optional: true,
					},
					"session_name": schema.StringAttribute{
						MarkdownDescription: sessionName("assume_role.session_name"),
						Optional:            true,
					},
					"session_expiration": schema.Int64Attribute{
						MarkdownDescription: sessionExpiration + envSentence("assume_role.session_expiration"),
						Optional:            true,
						Validators:          []validator.Int64{int64validator.Between(minSessionExpiration, maxSessionExpiration)},
					},
					"external_id": schema.StringAttribute{
						MarkdownDescription: "The external ID the role's trust policy requires, if any.",
						Optional:            true,
					},
					"policy": schema.StringAttribute{
						MarkdownDescription: "A RAM policy (JSON) that further limits the permissions of the session.",
						Optional:            true,
					},
				},
			},
			"assume_role_with_oidc": schema.SingleNestedAttribute{
				MarkdownDescription: "Assumes a RAM role with an OIDC token (STS `AssumeRoleWithOIDC`), as CI systems such as " +
					"GitHub Actions provide, and renews the session before it expires. The token file is read again for every session. " +
					"Without this block, the same credentials are used when `ALIBABA_CLOUD_ROLE_ARN`, " +
					"`ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are all set and no other credentials are configured.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{
						MarkdownDescription: "The ARN of the role to assume. Required." + envSentence("assume_role_with_oidc.role_arn"),
						Optional:            true,
					},
					"oidc_provider_arn": schema.StringAttribute{
						MarkdownDescription: "The ARN of the RAM OIDC provider, e.g. `acs:ram::1234567890123456:oidc-provider/github`. Required." +
							envSentence("assume_role_with_oidc.oidc_provider_arn"),
						Optional: true,
					},
					"oidc_token_file": schema.StringAttribute{
						MarkdownDescription: "The path of the file that holds the OIDC token. Required." +
							envSentence("assume_role_with_oidc.oidc_token_file"),
						Optional: true,
					},
					"session_name": schema.StringAttribute{
						MarkdownDescription: sessionName("assume_role_with_oidc.session_name"),
						Optional:            true,
					},
					"session_expiration": schema.Int64Attribute{
						MarkdownDescription: sessionExpiration,
						Optional:            true,
						Validators:          []validator.Int64{int64validator.Between(minSessionExpiration, maxSessionExpiration)},
					},
					"policy": schema.StringAttribute{
						MarkdownDescription: "A RAM policy (JSON) that further limits the permissions of the session.",
						Optional:            true,
					},
				},
			},
			"ecs_role_name": schema.StringAttribute{
				MarkdownDescription: "The name of the RAM role attached to the ECS instance Terraform runs on; its credentials " +
					"come from the instance metadata service." + envSentence("ecs_role_name"),
				Optional: true,
			},
			"endpoints": schema.SingleNestedAttribute{
				MarkdownDescription: "Overrides the endpoint of each service, e.g. for private endpoints or a local emulator. " +
					"Each is a URL such as `https://ram.aliyuncs.com`; `http://` is allowed only for loopback hosts " +
					"(`localhost`, `127.0.0.1`, `::1`), and a bare host means `https://`.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"ram":  endpointAttribute("RAM (`Ram` 2015-05-01)", "https://ram.aliyuncs.com", "ram"),
					"ims":  endpointAttribute("IMS (`Ims` 2019-08-15, SAML providers)", "https://ims.aliyuncs.com", "ims"),
					"sts":  endpointAttribute("STS (`Sts` 2015-04-01)", "https://sts.aliyuncs.com", "sts"),
					"eiam": endpointAttribute("IDaaS (`Eiam` 2021-12-01)", "https://eiam.<region>.aliyuncs.com", "eiam"),
				},
			},
			"account_id": schema.StringAttribute{
				MarkdownDescription: "The Alibaba Cloud account ID (16 digits)." + envSentence("account_id") +
					" Without either, the provider reads it once with STS `GetCallerIdentity` when it is configured.",
				Optional:   true,
				Validators: []validator.String{accountIDValidator},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed call is retried: throttled calls, server errors and "+
					"connection failures, with exponential backoff. Defaults to `%d`.", client.DefaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxMaxRetries)},
			},
			"max_qps": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("The most API calls a second the provider makes, on average, across all "+
					"resources. Defaults to `%d`.", client.DefaultMaxQPS),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, maxMaxQPS)},
			},
		},
	}
}

// Upper bounds of max_retries and max_qps, against typos.
const (
	maxMaxRetries = 20
	maxMaxQPS     = 1000
)

// regionPattern matches region IDs such as "cn-hangzhou".
var regionPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

func endpointAttribute(service, public, key string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("The endpoint of %s. Defaults to `%s`.", service, public) + envSentence("endpoints."+key),
		Optional:            true,
		Validators:          []validator.String{endpointValidator},
	}
}

func (p *idaasProvider) ConfigValidators(_ context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{
		providervalidator.RequiredTogether(path.MatchRoot("access_key"), path.MatchRoot("secret_key")),
		providervalidator.Conflicting(
			path.MatchRoot("access_key"),
			path.MatchRoot("profile"),
			path.MatchRoot("assume_role_with_oidc"),
			path.MatchRoot("ecs_role_name"),
		),
		providervalidator.Conflicting(path.MatchRoot("access_key"), path.MatchRoot("shared_credentials_file")),
		providervalidator.Conflicting(path.MatchRoot("assume_role_with_oidc"), path.MatchRoot("shared_credentials_file")),
		providervalidator.Conflicting(path.MatchRoot("ecs_role_name"), path.MatchRoot("shared_credentials_file")),
	}
}

func (p *idaasProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if addUnknownValueErrors(req.Config.Raw, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	var model providerModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &model)...); resp.Diagnostics.HasError() {
		return
	}
	cfg, diags := model.clientConfig(ctx, p.version)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	c, err := client.New(ctx, cfg)
	if err != nil {
		addClientError(&resp.Diagnostics, err)
		return
	}
	resp.DataSourceData = c
	resp.ResourceData = c
}

func (p *idaasProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		ram.NewSAMLProviderResource,
		ram.NewRoleResource,
		ram.NewRolePolicyAttachmentResource,
		ram.NewRolePolicyAttachmentsExclusiveResource,
		idaas.NewApplicationAccountResource,
		idaas.NewApplicationAuthorizationResource,
		idaas.NewGroupResource,
		idaas.NewRoleSSOApplicationResource,
	}
}

func (p *idaasProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		sts.NewCallerIdentityDataSource,
		check.NewRoleSSOCheckDataSource,
		check.NewRoleSSOInventoryDataSource,
		ram.NewRoleDataSource,
		ram.NewRolesDataSource,
		ram.NewSAMLProviderDataSource,
		ram.NewServiceProviderDataSource,
		idaas.NewUserDataSource,
		idaas.NewUsersDataSource,
		idaas.NewApplicationAccountsDataSource,
		idaas.NewInstanceDataSource,
		idaas.NewRoleSSOApplicationDataSource,
	}
}

// Functions need no configuration: Terraform calls them on a provider that
// has not been configured.
func (p *idaasProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		functions.NewRoleAttributeFunction,
		functions.NewRoleARNFunction,
		functions.NewSAMLProviderARNFunction,
		functions.NewParseSAMLMetadataFunction,
		functions.NewTrustPolicyFunction,
	}
}

// providerModel is the provider configuration.
type providerModel struct {
	Region                types.String             `tfsdk:"region"`
	Site                  types.String             `tfsdk:"site"`
	AccessKey             types.String             `tfsdk:"access_key"`
	SecretKey             types.String             `tfsdk:"secret_key"`
	SecurityToken         types.String             `tfsdk:"security_token"`
	Profile               types.String             `tfsdk:"profile"`
	SharedCredentialsFile types.String             `tfsdk:"shared_credentials_file"`
	AssumeRole            *assumeRoleModel         `tfsdk:"assume_role"`
	AssumeRoleWithOIDC    *assumeRoleWithOIDCModel `tfsdk:"assume_role_with_oidc"`
	ECSRoleName           types.String             `tfsdk:"ecs_role_name"`
	Endpoints             *endpointsModel          `tfsdk:"endpoints"`
	AccountID             types.String             `tfsdk:"account_id"`
	MaxRetries            types.Int64              `tfsdk:"max_retries"`
	MaxQPS                types.Int64              `tfsdk:"max_qps"`
}

type assumeRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	ExternalID        types.String `tfsdk:"external_id"`
	Policy            types.String `tfsdk:"policy"`
}

type assumeRoleWithOIDCModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	OIDCProviderARN   types.String `tfsdk:"oidc_provider_arn"`
	OIDCTokenFile     types.String `tfsdk:"oidc_token_file"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	Policy            types.String `tfsdk:"policy"`
}

type endpointsModel struct {
	RAM  types.String `tfsdk:"ram"`
	IMS  types.String `tfsdk:"ims"`
	STS  types.String `tfsdk:"sts"`
	EIAM types.String `tfsdk:"eiam"`
}
