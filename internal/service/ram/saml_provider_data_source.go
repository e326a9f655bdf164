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
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// NewSAMLProviderDataSource returns the idaas_ram_saml_provider data
// source.
func NewSAMLProviderDataSource() datasource.DataSource {
	return framework.NewDataSource("ram_saml_provider", samlProviderDataSourceSchema, readSAMLProviderDataSource).WithReadTimeout(samlProviderDataSourceReadTimeout)
}

const samlProviderDataSourceReadTimeout = 5 * time.Minute

func samlProviderDataSourceSchema(ctx context.Context) schema.Schema {
	certificateAttrs := map[string]schema.Attribute{}
	for name, description := range certificateAttributes {
		certificateAttrs[name] = framework.ComputedString(description)
	}
	return schema.Schema{
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

func readSAMLProviderDataSource(ctx context.Context, c *client.Client, data *samlProviderDataSourceModel, diags *diag.Diagnostics) bool {
	name := data.Name.ValueString()
	found, err := findSAMLProviderByName(ctx, c.IMS(), name)
	if client.IsNotFound(err) {
		diags.AddAttributeError(path.Root("name"), "SAML provider not found", fmt.Sprintf(
			"The account has no RAM SAML provider named %q. %s\n\n%s", name, rolesso.IdPNameMatchRule,
			framework.APIErrorDetail(samlProviderObject, name, err)))
		return false
	}
	if err != nil {
		framework.AddAPIError(diags, "reading", samlProviderObject, name, err)
		return false
	}
	metadata, d := readMetadata(found, samlMetadataValue{StringValue: types.StringNull()})
	diags.Append(d...)
	data.flatten(found, metadata.ValueString())
	return true
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
