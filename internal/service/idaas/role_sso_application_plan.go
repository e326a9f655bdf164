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
// template facts no source confirms come from the user, not from a guess,
// and that the configuration sets only attributes of its form.
func (r *roleSSOApplicationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	framework.ValidateConfig(ctx, req, resp, validateApplicationConfig)
}

// validateApplicationConfig is ValidateConfig on the model.
func validateApplicationConfig(_ context.Context, config roleSSOApplicationResourceModel) (diags diag.Diagnostics) {
	return validateFormAttributes(config)
}

// checkIdPNameParam requires template_idp_name_param of a template
// application that the plan writes: every write sends the SSO form
// parameters, and the name of the IdP-name parameter is one no public source
// gives. It is checked at plan, not validate, so that a configuration
// written from an imported state validates, and plans no change, without it.
func checkIdPNameParam(plan, config *roleSSOApplicationResourceModel, writes bool) (diags diag.Diagnostics) {
	if writes && plan.isTemplateForm() && config.TemplateIdPNameParam.IsNull() {
		diags.AddAttributeError(path.Root("template_idp_name_param"), "Missing template_idp_name_param",
			"An application made from a marketplace template (template_id) is given its IdP name through a form parameter "+
				"whose name no public source gives, so the provider cannot guess it. "+rolesso.IdPNameParamUnknown)
	}
	return diags
}

// formOnlyAttributes are the attributes that belong to one form, by form.
var formOnlyAttributes = map[string][]string{
	rolesso.SSOFormTemplate:     {"template_id", "template_idp_name_param", "template_account_id_param"},
	rolesso.SSOFormStandardSAML: {"role_mapping", "extra_attribute_statements"},
}

// validateFormAttributes refuses an attribute of the form the
// configuration did not choose, so that it is never silently ignored. An
// unknown form is checked at plan, when it is known.
func validateFormAttributes(config roleSSOApplicationResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if config.SSOForm.IsUnknown() {
		return diags
	}
	form := rolesso.SSOFormTemplate
	if !config.SSOForm.IsNull() {
		form = config.SSOForm.ValueString()
	}
	set := map[string]bool{
		"template_id": !config.TemplateID.IsNull(), "template_idp_name_param": !config.TemplateIdPNameParam.IsNull(),
		"template_account_id_param": !config.TemplateAccountIDParam.IsNull(), "role_mapping": !config.RoleMapping.IsNull(),
		"extra_attribute_statements": !config.ExtraAttributeStatements.IsNull(),
	}
	for other, names := range formOnlyAttributes {
		if other == form {
			continue
		}
		for _, name := range names {
			if set[name] {
				diags.AddAttributeError(path.Root(name), "Attribute of the other form", fmt.Sprintf(
					"%s belongs to applications of sso_form = %q, and this one is %q. Remove %s, or set sso_form = %q "+
						"(which replaces an existing application).", name, other, form, name, other))
			}
		}
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
	if resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...); resp.Diagnostics.HasError() {
		return
	}
	if resp.Diagnostics.Append(checkIdPNameParam(&plan, &config, state == nil || !resp.Plan.Raw.Equal(req.State.Raw))...); resp.Diagnostics.HasError() {
		return
	}
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
	if state != nil && framework.IsKnown(state.SSOForm) && config.SSOForm.IsNull() && !state.SSOForm.Equal(plan.SSOForm) {
		// An application of the other form, imported or read: the user did
		// not choose to replace it. (State written before the form existed
		// has none; the next read fills it in.)
		diags.AddAttributeError(path.Root("sso_form"), "Application of the other form", otherFormDetail(state))
		return diags
	}
	if diags.Append(validateFormAttributes(*config)...); diags.HasError() {
		return diags
	}
	if !plan.isTemplateForm() {
		planStandardForm(plan, config)
		diags.Append(warnRoleExpressionReplaced(plan, state)...)
	} else {
		plan.RoleMapping, plan.RoleAttributeExpression = types.StringNull(), types.StringNull()
		if config.TemplateAccountIDParam.IsNull() {
			plan.TemplateAccountIDParam = types.StringValue(rolesso.DefaultAccountIDParam)
		}
	}
	if state == nil && plan.isTemplateForm() && config.TemplateID.IsNull() {
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

// changedFromKnown requires replacement when a value changes, but not when
// a null one is filled in: after the import of an application whose
// template rolesso does not know, the site is null until the configuration
// names it; in state written before sso_form existed, the form is null
// until the next read.
func changedFromKnown(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}

// Descriptions of the changes that replace the application.
const (
	siteChangedDescription = "Changing the site replaces the application."
	formChangedDescription = "Changing the form replaces the application."
)

// planStandardForm fills in what the standard SAML form derives: the role
// mapping's default and the Role expression it gives.
func planStandardForm(plan, config *roleSSOApplicationResourceModel) {
	if config.RoleMapping.IsNull() {
		plan.RoleMapping = types.StringValue(rolesso.RoleMappingApplicationAccount)
	}
	plan.RoleAttributeExpression = types.StringUnknown()
	if plan.RoleMapping.ValueString() == rolesso.RoleMappingApplicationAccount {
		plan.RoleAttributeExpression = types.StringValue(rolesso.StandardRoleExpression)
	}
	plan.TemplateID, plan.TemplateIdPNameParam, plan.TemplateAccountIDParam = types.StringNull(), types.StringNull(), types.StringNull()
}

// warnRoleExpressionReplaced warns when the plan replaces a Role
// expression the provider did not write, such as one made in the console
// for roles by group, which this provider cannot derive yet.
func warnRoleExpressionReplaced(plan, state *roleSSOApplicationResourceModel) (diags diag.Diagnostics) {
	if state == nil || !framework.IsKnown(state.RoleAttributeExpression) || !framework.IsKnown(plan.RoleAttributeExpression) ||
		state.RoleAttributeExpression.Equal(plan.RoleAttributeExpression) {
		return diags
	}
	diags.AddAttributeWarning(path.Root("role_attribute_expression"), "Role expression replaced", fmt.Sprintf(
		"The Role attribute expression of application %s is %q, which role_mapping %q does not give. Applying replaces it "+
			"with %q, and users then sign in to the roles their application accounts name. If the expression was made in "+
			"the console on purpose, do not apply: this provider cannot manage it yet.",
		state.ID.ValueString(), state.RoleAttributeExpression.ValueString(), plan.RoleMapping.ValueString(), plan.RoleAttributeExpression.ValueString()))
	return diags
}

// otherFormDetail explains why an application of the form the
// configuration does not name is refused instead of replaced.
func otherFormDetail(state *roleSSOApplicationResourceModel) string {
	return fmt.Sprintf("The application %s has sso_form = %q, and the configuration leaves sso_form to its default, %q. "+
		"Set sso_form = %q to manage it as it is; setting the other form replaces the application.",
		state.ID.ValueString(), state.SSOForm.ValueString(), rolesso.SSOFormTemplate, state.SSOForm.ValueString())
}
