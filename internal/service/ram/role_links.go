// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/links"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// A role serves the IDaaS applications whose users sign in to it. This
// file holds the `applications` link, the checks it makes possible, and
// the live check of the SAML providers the role trusts.

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
