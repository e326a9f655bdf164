// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// NewServiceProviderDataSource returns the idaas_ram_service_provider data
// source: the SAML service provider facts of a site, from rolesso. It
// makes no API call.
func NewServiceProviderDataSource() datasource.DataSource {
	return framework.NewDataSource("ram_service_provider", serviceProviderDataSourceSchema, readServiceProvider)
}

func serviceProviderDataSourceSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The SAML service provider that RAM role-based SSO signs users in to, on one Alibaba Cloud site: " +
			"the values an IdP other than IDaaS needs, and that a role's trust policy names as `saml:recipient`. " +
			"The facts are fixed per site; the data source makes no API call.",
		Attributes: map[string]schema.Attribute{
			"site": schema.StringAttribute{
				MarkdownDescription: "The site: " + rolesso.SiteNameRule + ". Defaults to the provider's `site`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{serviceProviderSiteValidator},
			},
			"sp_entity_id": framework.ComputedString("The entity ID of the service provider, which every assertion's `Audience` must include, e.g. `" +
				rolesso.International.SPEntityID + "`."),
			"acs_url": framework.ComputedString("The assertion consumer service URL: the assertion's `Recipient` and the `saml:recipient` " +
				"condition of a role's trust policy, e.g. `" + rolesso.International.ACSURL + "`."),
			"sp_metadata_url": framework.ComputedString("The URL of the service provider's SAML metadata, e.g. `" + rolesso.International.SPMetadataURL + "`."),
			"sign_in_url":     framework.ComputedString("The sign-in page of the site, e.g. `" + rolesso.International.SignInURL + "`."),
		},
	}
}

func readServiceProvider(_ context.Context, c *client.Client, data *serviceProviderDataSourceModel, diags *diag.Diagnostics) bool {
	name := c.Site()
	if !data.Site.IsNull() {
		name = data.Site.ValueString()
	}
	site, err := rolesso.LookupSite(name)
	if err != nil {
		diags.AddAttributeError(path.Root("site"), "Invalid site", err.Error())
		return false
	}
	*data = flattenServiceProvider(site)
	return true
}

func flattenServiceProvider(site rolesso.Site) serviceProviderDataSourceModel {
	return serviceProviderDataSourceModel{
		Site:          types.StringValue(site.Name),
		SPEntityID:    types.StringValue(site.SPEntityID),
		ACSURL:        types.StringValue(site.ACSURL),
		SPMetadataURL: types.StringValue(site.SPMetadataURL),
		SignInURL:     types.StringValue(site.SignInURL),
	}
}

// serviceProviderSiteValidator checks a site name with
// rolesso.ValidateSiteName.
var serviceProviderSiteValidator = validators.RuleValidator{
	Rule: "must be " + rolesso.SiteNameRule, Check: rolesso.ValidateSiteName, Summary: "Invalid site", Detail: validators.ErrorText,
}

type serviceProviderDataSourceModel struct {
	Site          types.String `tfsdk:"site"`
	SPEntityID    types.String `tfsdk:"sp_entity_id"`
	ACSURL        types.String `tfsdk:"acs_url"`
	SPMetadataURL types.String `tfsdk:"sp_metadata_url"`
	SignInURL     types.String `tfsdk:"sign_in_url"`
}
