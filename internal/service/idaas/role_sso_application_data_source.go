// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ datasource.DataSource                     = (*roleSSOApplicationDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*roleSSOApplicationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*roleSSOApplicationDataSource)(nil)
)

// NewRoleSSOApplicationDataSource returns the idaas_role_sso_application
// data source.
func NewRoleSSOApplicationDataSource() datasource.DataSource {
	return &roleSSOApplicationDataSource{DataSourceWithClient: framework.NewDataSourceWithClient("role_sso_application")}
}

type roleSSOApplicationDataSource struct {
	framework.DataSourceWithClient
}

func (d *roleSSOApplicationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An IDaaS role-based SSO application, by `id` or by exact `name`, with its SSO settings and IdP " +
			"metadata, for example to feed `idaas_ram_saml_provider` from an application managed elsewhere. The SSO form " +
			"parameters (account ID and IdP name) are not available: IDaaS has no API that reads them back.",
		Attributes: map[string]schema.Attribute{
			"instance_id": framework.InstanceIDAttribute(),
			"id":          framework.LookupString("The application ID. Exactly one of `id` and `name` must be set."),
			"name":        framework.LookupString("The application's exact name. It must name one application of the instance; if several have it, use `id`."),
			"description": framework.ComputedString("The description, or null when there is none."),
			"site": framework.ComputedString("The site of the application's role-based SSO template (" + framework.OrList(rolesso.SiteNames(), "`") +
				"), or null when the template is not one this provider knows."),
			"template_id":                   framework.ComputedString("The marketplace template the application was made from; null for a standard SAML application."),
			"role_attribute_expression":     framework.ComputedString("The expression of the `Role` SAML attribute of a standard SAML application; null for one made from the template."),
			"client_id":                     framework.ComputedString(clientIDDescription),
			"authorize_all_users":           framework.ComputedBool("Whether every user of the instance may use the application."),
			"enabled":                       framework.ComputedBool("Whether the application and its SSO are both enabled."),
			"session_duration":              framework.ComputedInt64("The `SessionDuration` SAML attribute in seconds, or null when it is not sent as a constant."),
			"name_id_format":                framework.ComputedString("The SAML NameID format."),
			"name_id_expression":            framework.ComputedString("The IDaaS expression of the NameID value."),
			"role_session_name_expression":  framework.ComputedString("The IDaaS expression of the `RoleSessionName` SAML attribute, or null when it is not sent."),
			"signature_algorithm":           framework.ComputedString("The algorithm IDaaS signs SAML responses with."),
			"idp_entity_id":                 framework.ComputedString(idpEntityIDDescription),
			"idp_metadata":                  framework.ComputedString(idpMetadataDescription),
			"idp_metadata_url":              framework.ComputedString(idpMetadataURLDescription),
			"idp_sso_url":                   framework.ComputedString(idpSSOURLDescription),
			"signing_certificate_sha256":    framework.ComputedString(certificateSHA256Description),
			"signing_certificate_not_after": framework.ComputedString(certificateNotAfterDescription),
			"create_time":                   framework.ComputedString(createTimeDescription),
			"status":                        framework.ComputedString("The application's status, `enabled` or `disabled`."),
		},
	}
}

func (d *roleSSOApplicationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *roleSSOApplicationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config roleSSOApplicationDataSourceModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &config)...); resp.Diagnostics.HasError() {
		return
	}
	conn := d.Client().EIAM()
	instanceID := config.InstanceID.ValueString()
	var (
		found *roleSSOApplication
		err   error
		by    string
	)
	if framework.IsKnown(config.ID) {
		by = config.ID.ValueString()
		found, err = findRoleSSOApplicationByID(ctx, conn, instanceID, by)
	} else {
		by = config.Name.ValueString()
		found, err = findRoleSSOApplicationByName(ctx, conn, instanceID, by)
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading", roleSSOApplicationObject, by, err)
		return
	}
	f, diags := found.facts()
	resp.Diagnostics.Append(diags...)
	f.InstanceID = config.InstanceID
	model := roleSSOApplicationDataSourceModel{roleSSOApplicationFacts: f}
	model.Site = found.siteName()
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

type roleSSOApplicationDataSourceModel struct {
	roleSSOApplicationFacts
	Site types.String `tfsdk:"site"`
}
