// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ planmodifier.String = samlProviderNamePlanModifier{}

// samlProviderNamePlanModifier plans the name in state when the configured
// name differs only in case: RAM compares SAML provider names without
// regard to case (rolesso.SameSAMLProviderName), so both name the same
// provider and there is nothing to replace.
type samlProviderNamePlanModifier struct{}

func (m samlProviderNamePlanModifier) Description(ctx context.Context) string {
	return m.MarkdownDescription(ctx)
}

func (m samlProviderNamePlanModifier) MarkdownDescription(context.Context) string {
	return "Keeps the name in state when the configured name differs from it only in case."
}

func (m samlProviderNamePlanModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if rolesso.SameSAMLProviderName(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}
