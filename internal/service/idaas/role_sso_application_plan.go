// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/links"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// What runs at validate and plan for the application and writes nothing.

// ValidateConfig checks what the attribute validators cannot: that the
// template facts no source confirms come from the user, not from a guess.
func (r *roleSSOApplicationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	framework.ValidateConfig(ctx, req, resp, validateTemplateFacts)
}

func validateTemplateFacts(_ context.Context, config roleSSOApplicationResourceModel) (diags diag.Diagnostics) {
	if !config.TemplateID.IsNull() && config.TemplateIdPNameParam.IsNull() {
		diags.AddAttributeError(path.Root("template_idp_name_param"), "Missing template_idp_name_param",
			"An application made from a marketplace template (template_id) is given its IdP name through a form parameter "+
				"whose name no public source gives, so the provider cannot guess it. "+rolesso.IdPNameParamUnknown)
	}
	return diags
}

// ModifyPlan fills in what defaults to the provider's configuration (site,
// template, account ID), so that they and saml_provider_arn are known at
// plan, and rejects an imported application that is not a role-based SSO
// application.
func (r *roleSSOApplicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, config, state, ok := framework.PlanModels[roleSSOApplicationResourceModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	var defaults *providerDefaults
	if c := r.Client(); c != nil {
		defaults = &providerDefaults{site: c.Site(), accountID: c.AccountID()}
	}
	if resp.Diagnostics.Append(modifyRoleSSOApplicationPlan(&plan, &config, state, defaults)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if c := r.Client(); c != nil {
		resp.Diagnostics.Append(checkIdPHasSAMLProvider(ctx, c, plan, state)...)
	}
}

// checkIdPHasSAMLProvider is the live check of an application: it warns
// when no SAML provider of the application's account has its IdP name, so
// that every sign-in fails. It runs only while the IdP name stays as it
// is: a SAML provider for a new or changed IdP name is usually planned in
// the same run after the application (it links to the application), and
// cannot exist yet. It reads RAM only in the provider's account, the only
// one it can read; a call that fails is a warning that the check could not
// run.
func checkIdPHasSAMLProvider(ctx context.Context, c *client.Client, plan roleSSOApplicationResourceModel, state *roleSSOApplicationResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if state == nil || !framework.IsKnown(plan.IdPName) || !plan.IdPName.Equal(state.IdPName) || !framework.NameChecksOn(ctx) ||
		!framework.IsKnown(plan.AccountID) || plan.AccountID.ValueString() != c.AccountID() {
		return diags
	}
	name := plan.IdPName.ValueString()
	if c.IsPlanned(client.PlannedSAMLProvider, name) {
		return diags
	}
	ctx, cancel := context.WithTimeout(ctx, links.LiveCheckTimeout)
	defer cancel()
	_, err := c.IMS().GetSAMLProvider(ctx, name)
	switch {
	case client.IsNotFound(err):
		diags.AddAttributeWarning(path.Root("idp_name"), "No SAML provider of the IdP name", fmt.Sprintf(
			"No RAM SAML provider of account %s has the idp_name %q of IDaaS application %s, so every sign-in through the "+
				"application fails. %s\n\nCreate it: idaas_ram_saml_provider with application = "+
				"idaas_role_sso_application.<name> takes the name and metadata from the application. If this configuration "+
				"has one, this plan creates it.", c.AccountID(), name, plan.ID.ValueString(), rolesso.IdPNameMatchRule))
	case err != nil:
		links.AddLiveCheckWarning(&diags, path.Root("idp_name"), fmt.Sprintf("whether RAM SAML provider %q exists", name), err)
	}
	return diags
}

// providerDefaults are the values of the provider's configuration that
// attributes default to.
type providerDefaults struct {
	site      string
	accountID string
}

// modifyRoleSSOApplicationPlan is ModifyPlan on models. defaults is nil
// while the provider is not configured (its configuration has unknown
// values); the defaulted attributes then stay unknown.
func modifyRoleSSOApplicationPlan(plan, config, state *roleSSOApplicationResourceModel, defaults *providerDefaults) (diags diag.Diagnostics) {
	if state != nil && state.TemplateID.ValueString() == "" {
		// An imported application not made from a template.
		diags.AddAttributeError(path.Root("template_id"), "Not a role-based SSO application", notTemplateDetail(state))
		return diags
	}
	if state == nil && config.TemplateID.IsNull() {
		diags.AddAttributeError(path.Root("template_id"), "Missing template_id", "The application is made from the "+
			"IDaaS marketplace template \"Alibaba Cloud Role-based SSO\" of its site: set template_id to that template's ID. "+
			rolesso.TemplateIDUnknown)
		return diags
	}
	if state != nil && state.Site.IsNull() && config.Site.IsNull() {
		diags.AddAttributeError(path.Root("site"), "Unknown site", fmt.Sprintf("The SSO configuration of application %s "+
			"names neither site's service provider, so the provider cannot tell which site it signs in to. Set site to %s.",
			state.ID.ValueString(), framework.OrList(rolesso.SiteNames(), "")))
		return diags
	}
	if config.Site.IsNull() && !framework.IsKnown(plan.Site) {
		plan.Site = types.StringUnknown()
		if defaults != nil {
			plan.Site = types.StringValue(defaults.site)
		}
	}
	if config.AccountID.IsNull() {
		switch {
		case defaults != nil:
			plan.AccountID = types.StringValue(defaults.accountID)
		case state != nil && !state.AccountID.IsNull():
			plan.AccountID = state.AccountID
		}
	}
	plan.SAMLProviderARN = samlProviderARN(plan.AccountID, plan.IdPName)
	plan.Status = types.StringUnknown()
	if framework.IsKnown(plan.Enabled) {
		plan.Status = types.StringValue(applicationStatus(plan.Enabled.ValueBool()))
	}
	return diags
}

// siteChanged requires replacement when the site changes, but not when a
// null site is filled in: after the import of an application whose
// template rolesso does not know, the site is null until the configuration
// names the template.
func siteChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}

const siteChangedDescription = "Changing the site replaces the application."

// notTemplateDetail explains why an imported application is refused.
func notTemplateDetail(state *roleSSOApplicationResourceModel) string {
	return fmt.Sprintf("The application %s was not made from a marketplace template, so it is not an \"Alibaba Cloud Role-based SSO\" "+
		"application, the only kind this resource manages. Remove it from the configuration and the state "+
		"(terraform state rm), and import a role-based SSO application instead.", state.ID.ValueString())
}
