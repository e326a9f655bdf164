// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ datasource.DataSource              = (*samlProviderDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*samlProviderDataSource)(nil)
)

// NewSAMLProviderDataSource returns the idaas_ram_saml_provider data
// source.
func NewSAMLProviderDataSource() datasource.DataSource {
	return &samlProviderDataSource{DataSourceWithClient: framework.NewDataSourceWithClient("ram_saml_provider")}
}

type samlProviderDataSource struct {
	framework.DataSourceWithClient
}

const samlProviderDataSourceReadTimeout = 5 * time.Minute

func (d *samlProviderDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	certificateAttrs := map[string]schema.Attribute{}
	for name, description := range certificateAttributes {
		certificateAttrs[name] = framework.ComputedString(description)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RAM SAML identity provider (IMS `GetSAMLProvider`) and the facts of its IdP metadata, " +
			"for example to check which signing certificate RAM trusts.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: samlProviderNameDescription,
				Required:            true,
				Validators:          []validator.String{validators.SAMLProviderNameValidator()},
			},
			"arn":          framework.ComputedString("The ARN, `acs:ram::<account ID>:saml-provider/<name>`, as role trust policies name it."),
			"description":  framework.ComputedString("The description."),
			"metadata":     framework.ComputedString("The SAML IdP metadata XML that RAM holds (RAM stores it as Base64; this is the decoded XML)."),
			"entity_id":    framework.ComputedString(entityIDDescription),
			"sso_urls":     framework.ComputedStringList(ssoURLsDescription),
			"certificates": framework.ComputedList(certificatesDescription, certificateAttrs),
			"valid_until":  framework.ComputedString(validUntilDescription),
			"create_date":  framework.ComputedString("When the SAML provider was created, in RFC 3339 UTC."),
			"update_date":  framework.ComputedString("When the SAML provider was last changed, in RFC 3339 UTC."),
			"timeouts":     timeouts.Attributes(ctx),
		},
	}
}

func (d *samlProviderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data samlProviderDataSourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Config, &data, timeouts.Value.Read, samlProviderDataSourceReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := data.Name.ValueString()
	found, err := findSAMLProviderByName(ctx, d.Client().IMS(), name)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "SAML provider not found", fmt.Sprintf(
			"The account has no RAM SAML provider named %q. %s\n\n%s", name, rolesso.IdPNameMatchRule,
			framework.APIErrorDetail(samlProviderObject, name, err)))
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading", samlProviderObject, name, err)
		return
	}
	metadata, diags := readMetadata(found, samlMetadataValue{StringValue: types.StringNull()})
	resp.Diagnostics.Append(diags...)
	data.flatten(found, metadata.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, data)...)
}

func (m *samlProviderDataSourceModel) flatten(p *client.SAMLProvider, metadata string) {
	m.Metadata = types.StringValue(metadata)
	m.samlProviderFacts.flatten(p, metadata)
}

type samlProviderDataSourceModel struct {
	samlProviderFacts
	Name     types.String   `tfsdk:"name"`
	Metadata types.String   `tfsdk:"metadata"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}
