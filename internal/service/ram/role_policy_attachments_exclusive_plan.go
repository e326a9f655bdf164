// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// What runs at validate and plan for the exclusive attachments and writes nothing.

// ModifyPlan warns at plan time about policies to attach that do not
// exist: the apply would fail, unless something in the same run creates
// them.
func (r *rolePolicyAttachmentsExclusiveResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Client() == nil {
		return
	}
	var plan rolePoliciesResourceModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() || plan.Policies.IsUnknown() {
		return
	}
	var prior []policyRef
	if !req.State.Raw.IsNull() {
		var state rolePoliciesResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		prior, _ = expandPolicyRefs(ctx, state.Policies)
	}
	planned, d := expandPolicyRefs(ctx, plan.Policies)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	for _, p := range planned {
		if p.known() && !p.in(prior) {
			warnMissingPolicy(ctx, r.Client(), path.Root("policies"), p.PolicyType, p.PolicyName, &resp.Diagnostics)
		}
	}
}
