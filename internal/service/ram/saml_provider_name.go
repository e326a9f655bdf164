// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/fwbase"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ planmodifier.String = samlProviderNamePlanModifier{}

// samlProviderNameValidator checks the SAML provider name rule
// (rolesso.ValidateSAMLProviderName) and explains the IdP name rule with
// it.
func samlProviderNameValidator() fwbase.RuleValidator {
	return fwbase.RuleValidator{
		Rule: rolesso.SAMLProviderNameRule, Check: rolesso.ValidateSAMLProviderName, NameRule: true,
		Detail: samlProviderNameErrorDetail,
	}
}

// samlProviderNameErrorDetail explains a broken name rule, and that the
// name must equal the IdP name in IDaaS.
func samlProviderNameErrorDetail(err error) string {
	detail := err.Error()
	if ne, ok := errors.AsType[*rolesso.NameError](err); ok {
		detail = fmt.Sprintf("The name %q is invalid: %s. %s %s", ne.Value, ne.Problem, ne.Rule, ne.Fix)
	}
	return detail + "\n\n" + rolesso.IdPNameMatchRule
}

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
