// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/links"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// An application account is where the IdP meets the service provider: it
// links to its application and to the RAM role it signs in to. This file
// holds what runs at validate and plan and writes nothing: the two link
// attributes, the defaults they give and the checks they make possible.

// accountApplicationAttribute is the `application` link of an account.
var accountApplicationAttribute = schema.SingleNestedAttribute{
	MarkdownDescription: "The role-based SSO application the account belongs to, usually `application = " +
		"idaas_role_sso_application.<name>`. `instance_id` and `application_id` default from it. With `role`, plans check " +
		"the two naming rules of sign-in before anything is written: the application's IdP name must be among the SAML " +
		"providers the role trusts, and the application's account and site must be the role's. " + links.Note,
	Optional:   true,
	Attributes: links.ApplicationAttributes(),
}

// accountRoleAttribute is the `role` link of an account.
var accountRoleAttribute = schema.SingleNestedAttribute{
	MarkdownDescription: "The RAM role the account signs in to, usually `role = idaas_ram_role.<name>` (or the " +
		"`idaas_ram_role` data source for a role managed elsewhere). `account_name` defaults to its name, so the account " +
		"cannot be misnamed. " + rolesso.AccountNameMatchRule + " With `application`, plans also check that the role " +
		"trusts the application's SAML provider and is in the application's account and site. A linked role counts as " +
		"planned: plans do not look it up. " + links.Note,
	Optional: true,
	Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{
			MarkdownDescription: "The role name.",
			Optional:            true,
			Validators:          []validator.String{validators.RoleNameValidator()},
		},
		"account_id": schema.StringAttribute{
			MarkdownDescription: "The Alibaba Cloud account of the role.",
			Optional:            true,
			Validators:          []validator.String{validators.AccountIDValidator()},
		},
		"saml_provider_names": schema.SetAttribute{
			MarkdownDescription: "The SAML providers the role trusts.",
			ElementType:         types.StringType,
			Optional:            true,
		},
		"site": schema.StringAttribute{
			MarkdownDescription: "The site whose sign-in the role's trust policy accepts.",
			Optional:            true,
			Validators:          []validator.String{validators.SiteValidator()},
		},
	},
}

// accountApplicationLinkModel is the `application` attribute.
type accountApplicationLinkModel = links.Application

// accountRoleLinkModel is the `role` attribute.
type accountRoleLinkModel struct {
	Name              types.String `tfsdk:"name"`
	AccountID         types.String `tfsdk:"account_id"`
	SAMLProviderNames types.Set    `tfsdk:"saml_provider_names"`
	Site              types.String `tfsdk:"site"`
}

// object names the account in messages.
func (m applicationAccountResourceModel) object() string {
	if framework.IsKnown(m.UserID) {
		return "the IDaaS application account of user " + m.UserID.ValueString()
	}
	return "this IDaaS application account"
}

// accountNameFor is the account name a role link gives: the role's name,
// or the whole Role value when the linked application is a standard SAML
// application whose accounts hold it (links.Application). It is unknown
// while what it is made of is.
func accountNameFor(app *accountApplicationLinkModel, role *accountRoleLinkModel) types.String {
	if app == nil {
		return role.Name
	}
	isRoleValue, known := app.AccountNameIsRoleValue()
	switch {
	case !known:
		return types.StringUnknown()
	case !isRoleValue:
		return role.Name
	case !framework.IsKnown(app.AccountID) || !framework.IsKnown(app.IdPName) || !framework.IsKnown(role.Name):
		return types.StringUnknown()
	}
	value, err := rolesso.NewRoleAttribute(app.AccountID.ValueString(), role.Name.ValueString(), app.IdPName.ValueString())
	if err != nil {
		// A part is invalid: its own validator reports it.
		return types.StringUnknown()
	}
	return types.StringValue(value.String())
}

// object names the linked role in messages.
func (l *accountRoleLinkModel) object() string {
	return links.NamedObject("RAM role", l.Name, "the linked RAM role")
}

// validateApplicationAccountLinks checks a configuration: that instance_id,
// application_id and account_name are given or come from a link, that a
// scalar agrees with its link, and the naming rules between the linked
// application and role. Terraform validates the configuration twice: alone,
// when values from other resources are unknown, and again when planning,
// when they are known; each check skips what is unknown.
func validateApplicationAccountLinks(ctx context.Context, config applicationAccountResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	app := links.ObjectAs[accountApplicationLinkModel](ctx, config.Application, &diags)
	role := links.ObjectAs[accountRoleLinkModel](ctx, config.Role, &diags)
	if diags.HasError() {
		return diags
	}

	requireOne := func(scalar types.String, link types.Object, from func() types.String, attribute, linkAttribute, what string) {
		if !scalar.IsNull() || link.IsUnknown() || (!link.IsNull() && !from().IsNull()) {
			return
		}
		diags.AddAttributeError(path.Root(attribute), "Missing "+what, fmt.Sprintf(
			"Set %s, or link the object it comes from: %s (whose %s it takes).", attribute, linkAttribute, linkAttribute))
	}
	agree := func(scalar, linked types.String, attribute, linkAttribute string) {
		if framework.IsKnown(scalar) && framework.IsKnown(linked) && scalar.ValueString() != linked.ValueString() {
			diags.AddAttributeError(path.Root(attribute), "Account and its link disagree", fmt.Sprintf(
				"%s is %q, but %s is %q. Remove %s: it defaults to %s.", attribute, scalar.ValueString(), linkAttribute,
				linked.ValueString(), attribute, linkAttribute))
		}
	}
	var noApp accountApplicationLinkModel
	if app == nil {
		app = &noApp
	}
	var noRole accountRoleLinkModel
	if role == nil {
		role = &noRole
	}
	requireOne(config.InstanceID, config.Application, func() types.String { return app.InstanceID }, "instance_id", "application.instance_id", "IDaaS instance ID")
	requireOne(config.ApplicationID, config.Application, func() types.String { return app.ID }, "application_id", "application.id", "application ID")
	requireOne(config.AccountName, config.Role, func() types.String { return role.Name }, "account_name", "role.name", "account name")
	agree(config.InstanceID, app.InstanceID, "instance_id", "application.instance_id")
	agree(config.ApplicationID, app.ID, "application_id", "application.id")

	if !framework.NameChecksOn(ctx) {
		return diags
	}
	account := rolesso.LinkEnd{Object: config.object(), Attribute: "account_name", Value: config.AccountName.ValueString()}
	roleName := rolesso.LinkEnd{Object: role.object(), Attribute: "name", Value: role.Name.ValueString()}
	isRoleValue, formKnown := app.AccountNameIsRoleValue()
	switch {
	case !formKnown:
		// Which name the application wants is known at plan.
	case isRoleValue:
		if want := accountNameFor(app, role); framework.IsKnown(config.AccountName) && framework.IsKnown(want) && !config.AccountName.Equal(want) {
			diags.AddAttributeError(path.Root("account_name"), "Account name is not the Role value", fmt.Sprintf(
				"The account_name %q of %s is not the Role value of %s in %s, %q. %s sends the account name as the "+
					"value of the SAML Role attribute (role_attribute_expression = %s), so it must be that value. Remove "+
					"account_name: it defaults to it.", config.AccountName.ValueString(), config.object(), role.object(),
				app.Object("the linked IDaaS application"), want.ValueString(), app.Object("The linked IDaaS application"),
				rolesso.StandardRoleExpression))
		}
	case framework.IsKnown(config.AccountName) && framework.IsKnown(role.Name):
		links.AddError(&diags, path.Root("account_name"), rolesso.CheckAccountNameMatchesRole(account, roleName),
			"Or remove account_name: it defaults to role.name.")
		links.AddWarning(&diags, path.Root("account_name"), rolesso.CheckExactCase(account, roleName),
			"Or remove account_name: it defaults to role.name.")
	}
	if framework.IsKnown(app.IdPName) {
		if trusted, ok := links.KnownStrings(ctx, role.SAMLProviderNames); ok {
			idp := rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "idp_name", Value: app.IdPName.ValueString()}
			links.AddError(&diags, path.Root("role").AtName("saml_provider_names"),
				rolesso.CheckRoleTrustsIdP(idp, role.object(), "saml_provider_names", trusted), "")
			links.AddWarning(&diags, path.Root("role").AtName("saml_provider_names"),
				rolesso.CheckRoleTrustsIdPExactCase(idp, role.object(), "saml_provider_names", trusted), "")
		}
	}
	if framework.IsKnown(app.AccountID) && framework.IsKnown(role.AccountID) {
		links.AddError(&diags, path.Root("application").AtName("account_id"), rolesso.CheckSameAccount(
			rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "account_id", Value: app.AccountID.ValueString()},
			rolesso.LinkEnd{Object: role.object(), Attribute: "account_id", Value: role.AccountID.ValueString()}), "")
	}
	if framework.IsKnown(app.Site) && framework.IsKnown(role.Site) {
		links.AddError(&diags, path.Root("role").AtName("site"), rolesso.CheckSameSite(
			rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "site", Value: app.Site.ValueString()},
			rolesso.LinkEnd{Object: role.object(), Attribute: "site", Value: role.Site.ValueString()}), "")
	}
	return diags
}

// planApplicationAccountDefaults fills in instance_id, application_id and
// account_name from the links when the configuration leaves them out, and
// returns the attributes whose change replaces the account. They are
// decided here, not by attribute plan modifiers, because a default from a
// link is known only now.
func planApplicationAccountDefaults(ctx context.Context, plan, config *applicationAccountResourceModel, state *applicationAccountResourceModel) (path.Paths, diag.Diagnostics) {
	var diags diag.Diagnostics
	fill := func(target *types.String, configured types.String, link types.Object, from func() types.String) {
		switch {
		case !configured.IsNull():
			*target = configured
		case link.IsUnknown():
			*target = types.StringUnknown()
		case !link.IsNull():
			*target = from()
		}
	}
	app := links.ObjectAs[accountApplicationLinkModel](ctx, config.Application, &diags)
	role := links.ObjectAs[accountRoleLinkModel](ctx, config.Role, &diags)
	if diags.HasError() {
		return nil, diags
	}
	fill(&plan.InstanceID, config.InstanceID, config.Application, func() types.String { return app.InstanceID })
	fill(&plan.ApplicationID, config.ApplicationID, config.Application, func() types.String { return app.ID })
	fill(&plan.AccountName, config.AccountName, config.Role, func() types.String { return accountNameFor(app, role) })

	var replace path.Paths
	if state == nil {
		return nil, diags
	}
	for name, values := range map[string][2]types.String{
		"instance_id":    {plan.InstanceID, state.InstanceID},
		"application_id": {plan.ApplicationID, state.ApplicationID},
		"account_name":   {plan.AccountName, state.AccountName},
	} {
		if !values[0].Equal(values[1]) {
			replace = append(replace, path.Root(name))
		}
	}
	if len(replace) > 0 {
		plan.ID = types.StringUnknown()
		plan.CreateTime = types.StringUnknown()
	}
	return replace, diags
}

// checkAccountRoleExists is the live check of an account not linked to a
// role: it warns when the role the account name names does not exist in
// the account and no resource of this plan plans it. It reads RAM only in
// the provider's account, the only one it can read.
func checkAccountRoleExists(ctx context.Context, c *client.Client, plan applicationAccountResourceModel, app *accountApplicationLinkModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if !framework.IsKnown(plan.AccountName) || !framework.NameChecksOn(ctx) {
		return diags
	}
	name, account := rolesso.AccountRoleName(plan.AccountName.ValueString()), c.AccountID()
	if app != nil && framework.IsKnown(app.AccountID) && app.AccountID.ValueString() != account {
		tflog.Debug(ctx, "Not looking for the role of an application account in another account", map[string]any{
			"account_name": name, "account_id": app.AccountID.ValueString(),
		})
		return diags
	}
	if c.IsPlanned(client.PlannedRole, name) {
		return diags
	}
	ctx, cancel := context.WithTimeout(ctx, links.LiveCheckTimeout)
	defer cancel()
	_, err := c.RAM().GetRole(ctx, name)
	switch {
	case client.IsNotFound(err):
		diags.AddAttributeWarning(path.Root("account_name"), "No RAM role of this name", fmt.Sprintf(
			"The account_name %q of %s names no RAM role in account %s, and no role of this plan has that name. Until "+
				"one exists, signing in with this account fails. %s\n\nCreate the role, or correct the name. If an "+
				"idaas_ram_role of this configuration creates it, link it with role = idaas_ram_role.<name>: account_name "+
				"then defaults to its name and plans check the link.", name, plan.object(), account, rolesso.AccountNameMatchRule))
	case err != nil:
		links.AddLiveCheckWarning(&diags, path.Root("account_name"), fmt.Sprintf("whether RAM role %q exists", name), err)
	}
	return diags
}

// ValidateConfig checks what one attribute alone cannot: each of
// instance_id, application_id and account_name is given or linked, and the
// linked application and role agree (validateApplicationAccountLinks).
func (r *applicationAccountResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	framework.ValidateConfig(ctx, req, resp, validateApplicationAccountLinks)
}

// ModifyPlan takes the defaults of the links, decides what replaces the
// account, and, for an account not linked to a role, looks the role up.
func (r *applicationAccountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, config, state, ok := framework.PlanModels[applicationAccountResourceModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	replace, diags := planApplicationAccountDefaults(ctx, &plan, &config, state)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	resp.RequiresReplace = append(resp.RequiresReplace, replace...)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if c := r.Client(); c != nil && config.Role.IsNull() {
		app := links.ObjectAs[accountApplicationLinkModel](ctx, config.Application, &resp.Diagnostics)
		resp.Diagnostics.Append(checkAccountRoleExists(ctx, c, plan, app)...)
	}
}
