// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"time"

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

// A SAML provider serves one IDaaS application: its name is the
// application's IdP name and its metadata the application's IdP metadata.
// This file holds what runs at validate and plan and writes nothing: the
// `application` link, the defaults it gives and the checks it makes
// possible.

// samlProviderApplicationAttribute is the `application` link of a SAML
// provider.
var samlProviderApplicationAttribute = schema.SingleNestedAttribute{
	MarkdownDescription: "The IDaaS role-based SSO application this SAML provider serves, usually `application = " +
		"idaas_role_sso_application.<name>`. `name` defaults to its `idp_name` and `metadata` to its `idp_metadata`, so the " +
		"provider is named and loaded as sign-in needs. A `name` or `metadata` set beside it must agree with it: plans " +
		"fail when the name is not the IdP name, when the metadata's entity ID or signing certificates are not the " +
		"application's (also when only `id` and `instance_id` are given: the plan then reads the application's current " +
		"metadata), and when the application's account is not the provider's. " + links.Note,
	Optional:   true,
	Attributes: links.ApplicationAttributes(),
}

// samlProviderApplicationLinkModel is the `application` attribute.
type samlProviderApplicationLinkModel = links.Application

// samlProviderObjectOf names a SAML provider in messages.
func samlProviderObjectOf(name types.String) string {
	return links.NamedObject("RAM SAML provider", name, "this RAM SAML provider")
}

// validateSAMLProviderLinks checks a configuration: name and metadata are
// given or come from the application, and agree with it when both are
// given. Terraform validates twice: alone, when values from other
// resources are unknown, and again when planning, when they are known;
// each check skips what is unknown.
func validateSAMLProviderLinks(ctx context.Context, config samlProviderResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	app := links.ObjectAs[samlProviderApplicationLinkModel](ctx, config.Application, &diags)
	if diags.HasError() || config.Application.IsUnknown() {
		return diags
	}
	if config.Name.IsNull() && (app == nil || app.IdPName.IsNull()) {
		diags.AddAttributeError(path.Root("name"), "Missing SAML provider name",
			"Set name, or link the application whose IdP name it is: application = idaas_role_sso_application.<name>. "+
				rolesso.IdPNameMatchRule)
	}
	if config.Metadata.IsNull() && (app == nil || app.IdPMetadata.IsNull()) {
		diags.AddAttributeError(path.Root("metadata"), "Missing SAML IdP metadata",
			"Set metadata, or link the application whose IdP metadata it is: application = idaas_role_sso_application.<name>.")
	}
	if app == nil || !framework.NameChecksOn(ctx) {
		return diags
	}
	name := config.Name
	if name.IsNull() {
		name = app.IdPName
	}
	provider := samlProviderObjectOf(name)
	if framework.IsKnown(config.Name) && framework.IsKnown(app.IdPName) {
		idp := rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "idp_name", Value: app.IdPName.ValueString()}
		providerName := rolesso.LinkEnd{Object: provider, Attribute: "name", Value: config.Name.ValueString()}
		const byDefault = "Or remove name: it defaults to application.idp_name."
		links.AddError(&diags, path.Root("name"), rolesso.CheckIdPNameMatchesSAMLProvider(idp, providerName), byDefault)
		links.AddWarning(&diags, path.Root("name"), rolesso.CheckExactCase(providerName, idp), byDefault)
	}
	if framework.IsKnown(config.Metadata) && framework.IsKnown(app.IdPMetadata) {
		links.AddError(&diags, path.Root("metadata"), rolesso.CheckMetadataMatches(
			rolesso.LinkEnd{Object: provider, Attribute: "metadata", Value: config.Metadata.ValueString()},
			rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "idp_metadata", Value: app.IdPMetadata.ValueString()}),
			"Or remove metadata: it defaults to application.idp_metadata.")
	}
	return diags
}

// planSAMLProviderLinks fills in name and metadata from the application
// when the configuration leaves them out, keeping the state's value when
// it means the same (a name in another case, metadata in another form),
// and checks the application's account against the provider's (account,
// the provider's account, or "" while the provider is not configured). It
// returns whether the name changes, which replaces the SAML provider.
func planSAMLProviderLinks(ctx context.Context, plan, config, state *samlProviderResourceModel, account string) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	app := links.ObjectAs[samlProviderApplicationLinkModel](ctx, config.Application, &diags)
	if diags.HasError() {
		return false, diags
	}
	if config.Name.IsNull() {
		plan.Name = types.StringUnknown()
		if app != nil {
			plan.Name = app.IdPName
		}
		if state != nil && framework.IsKnown(plan.Name) {
			plan.Name = types.StringValue(keepSAMLProviderName(state.Name, plan.Name.ValueString()))
		}
	}
	if config.Metadata.IsNull() {
		plan.Metadata = samlMetadataValue{StringValue: types.StringUnknown()}
		if app != nil {
			plan.Metadata = samlMetadataValue{StringValue: app.IdPMetadata}
			if framework.IsKnown(app.IdPMetadata) {
				diags.Append(samlMetadataDiagnostics(path.Root("application").AtName("idp_metadata"), app.IdPMetadata.ValueString(), time.Now())...)
			}
		}
		if state != nil && framework.IsKnown(plan.Metadata) && !state.Metadata.IsNull() {
			if same, _ := state.Metadata.StringSemanticEquals(ctx, plan.Metadata); same {
				plan.Metadata = state.Metadata
			}
		}
	}
	if app != nil && account != "" && framework.IsKnown(app.AccountID) && framework.NameChecksOn(ctx) {
		links.AddError(&diags, path.Root("application").AtName("account_id"), rolesso.CheckSameAccount(
			rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "account_id", Value: app.AccountID.ValueString()},
			rolesso.LinkEnd{Object: samlProviderObjectOf(plan.Name) + " (the account of the provider's credentials)", Attribute: "account", Value: account}), "")
	}
	return state != nil && !plan.Name.Equal(state.Name), diags
}

// checkSAMLProviderMetadataLive is the live check of a SAML provider
// linked to an application by ID only: it reads the application's current
// IdP metadata and fails the plan when the provider's planned metadata
// would not accept the application's assertions. A call that fails is a
// warning: a plan does not fail for want of a read permission.
func checkSAMLProviderMetadataLive(ctx context.Context, conn client.EIAM, plan samlProviderResourceModel, app *samlProviderApplicationLinkModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if app == nil || !app.IdPMetadata.IsNull() || !framework.IsKnown(app.ID) || !framework.IsKnown(app.InstanceID) ||
		!framework.IsKnown(plan.Metadata) || !framework.NameChecksOn(ctx) {
		return diags
	}
	ctx, cancel := context.WithTimeout(ctx, links.LiveCheckTimeout)
	defer cancel()
	at := path.Root("metadata")
	what := fmt.Sprintf("the metadata against the current IdP metadata of IDaaS application %s", app.ID.ValueString())
	_, current, err := client.CurrentIdPMetadata(ctx, conn, app.InstanceID.ValueString(), app.ID.ValueString())
	if err != nil {
		links.AddLiveCheckWarning(&diags, at, what, err)
		return diags
	}
	links.AddError(&diags, at, rolesso.CheckMetadataMatches(
		rolesso.LinkEnd{Object: samlProviderObjectOf(plan.Name), Attribute: "metadata", Value: plan.Metadata.ValueString()},
		rolesso.LinkEnd{Object: app.Object("the linked IDaaS application"), Attribute: "IdP metadata (as IDaaS serves it now)", Value: current}),
		"Or set application.idp_metadata, or link the whole application: application = idaas_role_sso_application.<name>.")
	return diags
}

// ValidateConfig checks that name and metadata are given or linked, and
// agree with the linked application (validateSAMLProviderLinks).
func (r *samlProviderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	framework.ValidateConfig(ctx, req, resp, validateSAMLProviderLinks)
}

// ModifyPlan takes the name and metadata of a linked application and
// checks its account; decides whether the name changes, which replaces
// the provider; computes the facts of the planned metadata, so that a plan
// shows a rotated certificate's fingerprint, and warns about certificates
// that expire soon; and, for an application linked by ID only, compares
// the metadata with the application's current one. update_date changes
// only when RAM is called.
func (r *samlProviderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, config, state, ok := framework.PlanModels[samlProviderResourceModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	c := r.Client()
	account := ""
	if c != nil {
		account = c.AccountID()
	}
	replace, diags := planSAMLProviderLinks(ctx, &plan, &config, state, account)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	if replace {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("name"))
	}
	resp.Diagnostics.Append(modifySAMLProviderPlan(&plan, state, time.Now())...)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	if framework.IsKnown(plan.Name) {
		c.NotePlanned(client.PlannedSAMLProvider, plan.Name.ValueString())
	}
	app := links.ObjectAs[samlProviderApplicationLinkModel](ctx, config.Application, &resp.Diagnostics)
	resp.Diagnostics.Append(checkSAMLProviderMetadataLive(ctx, c.EIAM(), plan, app)...)
}

// modifySAMLProviderPlan is ModifyPlan on models, at time now.
func modifySAMLProviderPlan(plan, state *samlProviderResourceModel, now time.Time) (diags diag.Diagnostics) {
	facts := unknownSAMLMetadataFacts()
	if !plan.Metadata.IsUnknown() {
		md, err := rolesso.ParseMetadata(plan.Metadata.ValueString())
		if err != nil {
			// The validator reports it.
			return nil
		}
		facts = samlMetadataFactsOf(md)
		if days := plan.CertExpiryWarningDays; !days.IsUnknown() && !days.IsNull() {
			diags = samlMetadataWarnings(path.Root("metadata"), md, now, time.Duration(days.ValueInt64())*24*time.Hour)
		}
	}
	plan.setFacts(facts)
	if state != nil && plan.Description.Equal(state.Description) && plan.Metadata.Equal(state.Metadata) {
		plan.UpdateDate = state.UpdateDate
	} else {
		plan.UpdateDate = types.StringUnknown()
	}
	return diags
}
