// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/links"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// What runs at validate and plan for a group and writes nothing: the
// third naming rule of sign-in, a group's external ID against the name of
// the role it maps to.

// ValidateConfig checks the external ID against the linked role. Terraform
// validates twice, alone and again when planning with the values of other
// resources; the check skips what is unknown.
func (r *groupResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	framework.ValidateConfig(ctx, req, resp, validateGroupConfig)
}

func validateGroupConfig(ctx context.Context, config groupResourceModel) (diags diag.Diagnostics) {
	role := links.ObjectAs[groupRoleLinkModel](ctx, config.Role, &diags)
	if role == nil || !framework.NameChecksOn(ctx) || !framework.IsKnown(config.ExternalID) || !framework.IsKnown(role.Name) {
		return diags
	}
	group := rolesso.LinkEnd{Object: links.NamedObject("IDaaS group", config.Name, "this IDaaS group"), Attribute: "external_id", Value: config.ExternalID.ValueString()}
	roleName := rolesso.LinkEnd{Object: links.NamedObject("RAM role", role.Name, "the linked RAM role"), Attribute: "name", Value: role.Name.ValueString()}
	links.AddError(&diags, path.Root("external_id"), rolesso.CheckGroupExternalIDMatchesRole(group, roleName),
		"Or remove external_id: it defaults to role.name.")
	links.AddWarning(&diags, path.Root("external_id"), rolesso.CheckExactCase(group, roleName),
		"Or remove external_id: it defaults to role.name.")
	return diags
}

// ModifyPlan takes the external ID from the linked role when the
// configuration leaves it out.
func (r *groupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	_, config, _, ok := framework.PlanModels[groupResourceModel](ctx, req, &resp.Diagnostics)
	if !ok || !config.ExternalID.IsNull() || config.Role.IsNull() {
		return
	}
	externalID := types.StringUnknown() // until the role is known
	if role := links.ObjectAs[groupRoleLinkModel](ctx, config.Role, &resp.Diagnostics); role != nil && !role.Name.IsNull() {
		externalID = role.Name
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("external_id"), externalID)...)
}
