// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/links"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// A role serves the IDaaS applications whose users sign in to it. This
// file holds what runs at validate and plan and writes nothing: the
// `applications` link, the checks it makes possible, the live check of the
// SAML providers the role trusts, and the planned trust policy.

// roleApplicationsAttribute is the `applications` link of a role.
var roleApplicationsAttribute = schema.ListNestedAttribute{
	MarkdownDescription: "The IDaaS role-based SSO applications whose users sign in to this role, usually `applications = " +
		"[idaas_role_sso_application.<name>]`. Optional and used only by checks: plans fail, before anything is written, " +
		"when an application's IdP name is not among `saml_provider_names`, or its account or site is not the role's. " +
		"Keep `saml_provider_names` referring to the SAML provider (`idaas_ram_saml_provider.<name>.name`), so that " +
		"Terraform creates the provider before the role. " + links.Note,
	Optional:     true,
	NestedObject: schema.NestedAttributeObject{Attributes: links.ApplicationAttributes()},
}

// roleApplicationLinkModel is an element of the `applications` attribute.
type roleApplicationLinkModel = links.Application

// roleObjectOf names a role in messages.
func roleObjectOf(name types.String) string {
	return links.NamedObject("RAM role", name, "this RAM role")
}

// checkRoleApplications checks each linked application against the
// planned role: its IdP name among the trusted SAML providers, its account
// the role's, its site the role's. It skips what is not known at plan.
func checkRoleApplications(ctx context.Context, plan roleResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if plan.Applications.IsNull() || plan.Applications.IsUnknown() || !framework.NameChecksOn(ctx) {
		return diags
	}
	var apps []types.Object
	if diags.Append(plan.Applications.ElementsAs(ctx, &apps, true)...); diags.HasError() {
		return diags
	}
	role := roleObjectOf(plan.Name)
	trusted, trustedKnown := links.KnownStrings(ctx, plan.SAMLProviderNames)
	for i, o := range apps {
		app := links.ObjectAs[roleApplicationLinkModel](ctx, o, &diags)
		if app == nil {
			continue
		}
		at := path.Root("applications").AtListIndex(i)
		if framework.IsKnown(app.IdPName) && trustedKnown {
			idp := rolesso.LinkEnd{Object: app.Object("a linked IDaaS application"), Attribute: "idp_name", Value: app.IdPName.ValueString()}
			const byReference = "Refer to the application's SAML provider: saml_provider_names = [idaas_ram_saml_provider.<name>.name]."
			links.AddError(&diags, at.AtName("idp_name"), rolesso.CheckRoleTrustsIdP(idp, role, "saml_provider_names", trusted), byReference)
			links.AddWarning(&diags, at.AtName("idp_name"), rolesso.CheckRoleTrustsIdPExactCase(idp, role, "saml_provider_names", trusted), byReference)
		}
		if framework.IsKnown(app.AccountID) && framework.IsKnown(plan.AccountID) {
			links.AddError(&diags, at.AtName("account_id"), rolesso.CheckSameAccount(
				rolesso.LinkEnd{Object: app.Object("a linked IDaaS application"), Attribute: "account_id", Value: app.AccountID.ValueString()},
				rolesso.LinkEnd{Object: role, Attribute: "account_id", Value: plan.AccountID.ValueString()}), "")
		}
		if framework.IsKnown(app.Site) && framework.IsKnown(plan.Site) {
			links.AddError(&diags, at.AtName("site"), rolesso.CheckSameSite(
				rolesso.LinkEnd{Object: app.Object("a linked IDaaS application"), Attribute: "site", Value: app.Site.ValueString()},
				rolesso.LinkEnd{Object: role, Attribute: "site", Value: plan.Site.ValueString()}), "")
		}
	}
	return diags
}

// checkTrustedSAMLProvidersExist is the live check of a role: it warns of
// each SAML provider the role trusts that does not exist in the account
// and that no resource of this plan plans. A call that fails is a warning
// that the check could not run.
func checkTrustedSAMLProvidersExist(ctx context.Context, c *client.Client, plan roleResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	names, ok := links.KnownStrings(ctx, plan.SAMLProviderNames)
	if !ok || !framework.NameChecksOn(ctx) {
		return diags
	}
	ctx, cancel := context.WithTimeout(ctx, links.LiveCheckTimeout)
	defer cancel()
	at := path.Root("saml_provider_names")
	var missing []string
	for _, name := range names {
		if c.IsPlanned(client.PlannedSAMLProvider, name) {
			continue
		}
		_, err := findSAMLProviderByName(ctx, c.IMS(), name)
		switch {
		case client.IsNotFound(err):
			missing = append(missing, name)
		case err != nil:
			links.AddLiveCheckWarning(&diags, at, fmt.Sprintf("whether RAM SAML provider %q exists", name), err)
		}
	}
	if len(missing) > 0 {
		diags.AddAttributeWarning(at, "Trusted SAML provider does not exist", fmt.Sprintf(
			"%s trusts SAML providers that do not exist in account %s and that no resource of this plan creates: %s. "+
				"Until they exist, no one signs in to the role through them, and RAM refuses to create or update a trust policy "+
				"that names them.\n\nCreate them first, or "+
				"correct the names. If an idaas_ram_saml_provider of this configuration creates one, refer to it "+
				"(saml_provider_names = [idaas_ram_saml_provider.<name>.name]) so that Terraform creates it before the role.",
			framework.UpperFirst(roleObjectOf(plan.Name)), c.AccountID(), quotedList(missing)))
	}
	return diags
}

func (r *roleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var names types.Set
	var policy trustPolicyValue
	var site types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("saml_provider_names"), &names)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("assume_role_policy"), &policy)...)
	if resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("site"), &site)...); resp.Diagnostics.HasError() {
		return
	}
	both := !names.IsNull() && !policy.IsNull()
	switch {
	case both && !trustFormsAgree(ctx, names, site, policy):
		resp.Diagnostics.AddAttributeError(path.Root("assume_role_policy"), "Two trust policies",
			"Set either saml_provider_names (the provider builds the trust policy from the SAML provider names and site) "+
				"or assume_role_policy (the trust policy as JSON), not both; both are accepted only when they are the same "+
				"policy, as in a configuration generated from an imported role.")
	case both:
	case names.IsNull() && policy.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("saml_provider_names"), "Missing trust policy",
			"A RAM role needs a trust policy. Set saml_provider_names to the SAML providers whose users may assume the role "+
				"(for role-based SSO from IDaaS, the IdP name of the application), or assume_role_policy to the policy as JSON.")
	case !policy.IsNull() && !site.IsNull() && names.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("site"), "site applies only to saml_provider_names",
			"With assume_role_policy, the saml:recipient condition of the policy chooses the site. Remove site, or set "+
				"saml_provider_names instead of assume_role_policy.")
	}
}

// ModifyPlan fills in at plan time what the configuration decides: the
// account, the site, the trust policy saml_provider_names builds (or the
// names a raw policy trusts), and what an update will change. It checks
// the linked applications against the planned role, notes the role as
// planned, and warns of trusted SAML providers that neither exist nor are
// planned.
func (r *roleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // Destroy.
	}
	c := r.Client()
	if c == nil {
		return // The provider is not configured yet: values stay unknown.
	}
	plan, config, state, ok := framework.PlanModels[roleResourceModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	account := c.AccountID()
	if plan.AccountID.IsUnknown() {
		plan.AccountID = types.StringValue(account)
	}

	switch {
	case !config.SAMLProviderNames.IsNull() && config.AssumeRolePolicy.IsNull():
		planStructuredTrust(ctx, &plan, config, state, c, &resp.Diagnostics)
	case config.SAMLProviderNames.IsNull() && !config.AssumeRolePolicy.IsNull():
		planRawTrust(ctx, &plan, state, account, &resp.Diagnostics)
	case !config.SAMLProviderNames.IsNull() && !config.AssumeRolePolicy.IsNull():
		// Both, as a configuration generated from an imported role writes
		// them, and they agree (ValidateConfig): the policy decides, and
		// the names and site stay as written.
		planRawTrust(ctx, &plan, state, account, &resp.Diagnostics)
		plan.SAMLProviderNames = config.SAMLProviderNames
		if !config.Site.IsNull() {
			plan.Site = config.Site
		}
	default:
		return // ValidateConfig reports it.
	}
	if resp.Diagnostics.Append(checkRoleApplications(ctx, plan)...); resp.Diagnostics.HasError() {
		return
	}

	// What the update will change decides which computed values stay.
	if state != nil && !plan.AssumeRolePolicy.IsUnknown() {
		doc := plan.AssumeRolePolicy.ValueString()
		if equivalentTrustPolicies(state.EffectiveAssumeRolePolicy.ValueString(), doc) {
			plan.EffectiveAssumeRolePolicy = state.EffectiveAssumeRolePolicy
		} else {
			plan.EffectiveAssumeRolePolicy = types.StringUnknown()
		}
		if _, changed := roleUpdate(*state, plan, doc); changed {
			plan.UpdateDate = types.StringUnknown()
		} else {
			plan.UpdateDate = state.UpdateDate
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if framework.IsKnown(plan.Name) {
		c.NotePlanned(client.PlannedRole, plan.Name.ValueString())
	}
	resp.Diagnostics.Append(checkTrustedSAMLProvidersExist(ctx, c, plan)...)
}

// planStructuredTrust plans a trust policy given as saml_provider_names:
// the site defaults to the provider's, and the policy is the one rolesso
// builds, or the prior one when it means the same.
func planStructuredTrust(ctx context.Context, plan *roleResourceModel, config roleResourceModel, state *roleResourceModel, c *client.Client, diags *diag.Diagnostics) {
	if config.Site.IsNull() {
		plan.Site = types.StringValue(c.Site())
	}
	if plan.SAMLProviderNames.IsUnknown() || plan.Site.IsUnknown() || setHasUnknown(plan.SAMLProviderNames) {
		plan.AssumeRolePolicy = trustPolicyValue{StringValue: types.StringUnknown()}
		return
	}
	doc, d := builtTrustPolicy(ctx, *plan, c.AccountID())
	if diags.Append(d...); diags.HasError() {
		return
	}
	plan.AssumeRolePolicy = newTrustPolicyValue(doc)
	if state == nil || state.AssumeRolePolicy.IsNull() || state.AssumeRolePolicy.IsUnknown() {
		return
	}
	prior := state.AssumeRolePolicy.ValueString()
	if equivalentTrustPolicies(prior, doc) {
		plan.AssumeRolePolicy = state.AssumeRolePolicy
		return
	}
	if facts, err := trustFactsOf(prior, c.AccountID()); err != nil || !facts.structured {
		diags.AddAttributeWarning(path.Root("saml_provider_names"), "Trust policy changed outside Terraform",
			fmt.Sprintf("The trust policy of RAM role %q was changed outside Terraform into one that saml_provider_names "+
				"cannot express. RAM now holds:\n%s\n\nApplying replaces it with the policy built from saml_provider_names "+
				"and site. To keep the change instead, write the policy as JSON in assume_role_policy and remove "+
				"saml_provider_names.", plan.Name.ValueString(), prior))
	}
}

// planRawTrust plans a trust policy given as JSON: the prior value stays
// when it means the same, and saml_provider_names and site are what the
// policy says. A SAML provider of another account is an error.
func planRawTrust(ctx context.Context, plan *roleResourceModel, state *roleResourceModel, account string, diags *diag.Diagnostics) {
	if plan.AssumeRolePolicy.IsUnknown() {
		plan.SAMLProviderNames = types.SetUnknown(types.StringType)
		plan.Site = types.StringUnknown()
		return
	}
	doc := plan.AssumeRolePolicy.ValueString()
	if state != nil && !state.AssumeRolePolicy.IsNull() && equivalentTrustPolicies(state.AssumeRolePolicy.ValueString(), doc) {
		plan.AssumeRolePolicy = state.AssumeRolePolicy
	}
	facts, err := trustFactsOf(doc, account)
	if err != nil {
		return // The validator reports it.
	}
	if len(facts.foreign) > 0 {
		diags.AddAttributeError(path.Root("assume_role_policy"), "Trust policy names another account's SAML provider",
			foreignSAMLProvidersDetail(facts.foreign, account))
		return
	}
	var prior []string
	if state != nil {
		prior = stringsOfSet(ctx, state.SAMLProviderNames)
	}
	plan.SAMLProviderNames = setOfStringsOrNull(ctx, preferSpelling(facts.names, prior), diags)
	plan.Site = siteNameOrNull(facts.site)
}

// foreignSAMLProvidersDetail explains why a role cannot trust the SAML
// providers of another account. ASSUMPTION (UNCONFIRMED): RAM rejects such a
// trust policy, as the emulator does; role-based SSO always pairs a role and
// a SAML provider of one account in the Role attribute.
func foreignSAMLProvidersDetail(arns []string, account string) string {
	return fmt.Sprintf("The trust policy names the SAML provider %s, which is not in the role's account %s. A role can "+
		"trust only SAML providers of its own account: create the SAML provider in account %s and name it here, or "+
		"create this role with a provider configured for the other account.", strings.Join(arns, ", "), account, account)
}

// builtTrustPolicy is the trust policy saml_provider_names and site stand
// for.
func builtTrustPolicy(ctx context.Context, m roleResourceModel, accountID string) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	site, err := rolesso.LookupSite(m.Site.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("site"), "Invalid site", framework.RuleErrorDetail(err))
		return "", diags
	}
	doc, err := rolesso.BuildTrustPolicy(accountID, stringsOfSet(ctx, m.SAMLProviderNames), site)
	if err != nil {
		diags.AddAttributeError(path.Root("saml_provider_names"), "Cannot build the trust policy", err.Error())
		return "", diags
	}
	return doc, diags
}

// plannedTrustPolicy is the trust policy to write: ModifyPlan has settled
// it (the JSON given, or the one saml_provider_names builds).
func plannedTrustPolicy(m roleResourceModel) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if m.AssumeRolePolicy.IsUnknown() || m.AssumeRolePolicy.IsNull() {
		diags.AddError("Trust policy unknown at apply time",
			"The provider did not settle the trust policy while planning. This is a bug in the provider; please report it.")
	}
	return m.AssumeRolePolicy.ValueString(), diags
}
