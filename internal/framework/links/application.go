// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package links

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Application is an IDaaS role-based SSO application as a link holds it:
// the `application` of an application account and of a SAML provider, and
// each of a role's `applications`. Its fields are the attributes of
// idaas_role_sso_application (and its data source) that the checks read.
type Application struct {
	InstanceID  types.String `tfsdk:"instance_id"`
	ID          types.String `tfsdk:"id"`
	AccountID   types.String `tfsdk:"account_id"`
	IdPName     types.String `tfsdk:"idp_name"`
	Site        types.String `tfsdk:"site"`
	IdPMetadata types.String `tfsdk:"idp_metadata"`
	// RoleAttributeExpression is null for an application of the template
	// form.
	RoleAttributeExpression types.String `tfsdk:"role_attribute_expression"`
}

// AccountNameIsRoleValue reports whether the application's application
// accounts hold the whole Role value (the standard SAML form with
// application accounts), and whether that is known yet.
func (a *Application) AccountNameIsRoleValue() (isRoleValue, known bool) {
	if a.RoleAttributeExpression.IsUnknown() {
		return false, false
	}
	return a.RoleAttributeExpression.ValueString() == rolesso.StandardRoleExpression, true
}

// Object names the application in messages, as ApplicationObject does.
func (a *Application) Object(unnamed string) string {
	return ApplicationObject(a.ID, a.IdPName, unnamed)
}

// ApplicationAttributes are the attributes of an Application link: the one
// schema of an application as a link, for a single nested attribute or the
// elements of a list.
func ApplicationAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_id": schema.StringAttribute{MarkdownDescription: "The ID of the IDaaS instance.", Optional: true},
		"id":          schema.StringAttribute{MarkdownDescription: "The application ID.", Optional: true},
		"account_id": schema.StringAttribute{
			MarkdownDescription: "The Alibaba Cloud account the application signs users in to. " + rolesso.AccountIDRule,
			Optional:            true,
			Validators:          []validator.String{validators.AccountIDValidator()},
		},
		"idp_name": schema.StringAttribute{
			MarkdownDescription: "The application's IdP name, which names the RAM SAML provider in every assertion. " +
				rolesso.IdPNameMatchRule,
			Optional:   true,
			Validators: []validator.String{validators.SAMLProviderNameValidator()},
		},
		"site": schema.StringAttribute{
			MarkdownDescription: "The site the application signs users in to: " + framework.OrList(rolesso.SiteNames(), "`") + ".",
			Optional:            true,
			Validators:          []validator.String{validators.SiteValidator()},
		},
		"idp_metadata": schema.StringAttribute{
			MarkdownDescription: "The application's IdP metadata XML.",
			Optional:            true,
		},
		"role_attribute_expression": schema.StringAttribute{
			MarkdownDescription: "The `Role` attribute expression of a standard SAML application; null for the template form.",
			Optional:            true,
		},
	}
}
