// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// What runs at validate and plan for the attachment and writes nothing.

// ModifyPlan warns at plan time when a policy to attach does not exist: the
// apply would fail, unless something in the same run creates it.
func (r *rolePolicyAttachmentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.Client() == nil {
		return
	}
	var plan rolePolicyAttachmentResourceModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	if plan.PolicyName.IsUnknown() || plan.PolicyType.IsUnknown() {
		return
	}
	warnMissingPolicy(ctx, r.Client(), path.Root("policy_name"), plan.PolicyType.ValueString(), plan.PolicyName.ValueString(), &resp.Diagnostics)
}
