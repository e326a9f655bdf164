// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The parameters the functions share. Each checks its argument with the
// rolesso rule it names, so a bad argument is reported on its position
// with rolesso's message before Run is called.

func accountIDParameter(about string) function.StringParameter {
	return function.StringParameter{
		Name:                "account_id",
		MarkdownDescription: "The Alibaba Cloud account ID " + about + ". " + rolesso.AccountIDRule,
		Validators:          []function.StringParameterValidator{ruleValidator(rolesso.ValidateAccountID)},
	}
}

func roleNameParameter(description string) function.StringParameter {
	return function.StringParameter{
		Name:                "role_name",
		MarkdownDescription: description + " " + rolesso.RoleNameRule,
		Validators:          []function.StringParameterValidator{ruleValidator(rolesso.ValidateRoleName)},
	}
}

func siteParameter() function.StringParameter {
	return function.StringParameter{
		Name:                "site",
		MarkdownDescription: fmt.Sprintf("The Alibaba Cloud site users sign in to: %s.", rolesso.SiteNameRule),
		Validators:          []function.StringParameterValidator{ruleValidator(rolesso.ValidateSiteName)},
	}
}

// ruleValidator checks a string argument with a rolesso rule. Null and
// unknown arguments pass: the parameters allow neither, so Terraform
// rejects a null one and skips the call for an unknown one.
type ruleValidator func(string) error

func (check ruleValidator) ValidateParameterString(_ context.Context, req function.StringParameterValidatorRequest, resp *function.StringParameterValidatorResponse) {
	if req.Value.IsNull() || req.Value.IsUnknown() {
		return
	}
	if err := check(req.Value.ValueString()); err != nil {
		resp.Error = function.NewArgumentFuncError(req.ArgumentPosition, errorText(err))
	}
}

// elementsValidator checks every element of a list of strings with a
// rolesso rule and reports every element that breaks it, with its index.
// A null element is an error; null and unknown lists and unknown elements
// pass, as for ruleValidator.
type elementsValidator func(string) error

func (check elementsValidator) ValidateParameterList(_ context.Context, req function.ListParameterValidatorRequest, resp *function.ListParameterValidatorResponse) {
	if req.Value.IsNull() || req.Value.IsUnknown() {
		return
	}
	for i, v := range req.Value.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			continue
		}
		if s.IsNull() {
			resp.Error = function.ConcatFuncErrors(resp.Error,
				function.NewArgumentFuncError(req.ArgumentPosition, fmt.Sprintf("element %d is null; remove it or give a name", i)))
			continue
		}
		if err := check(s.ValueString()); err != nil {
			resp.Error = function.ConcatFuncErrors(resp.Error,
				function.NewArgumentFuncError(req.ArgumentPosition, fmt.Sprintf("element %d: %s", i, errorText(err))))
		}
	}
}

// errorText is the text of a function error for err. Terraform writes it
// as `Invalid value for "<parameter>" parameter: <text>.`, adding the
// final period itself, so the one rolesso's sentences end with is cut.
func errorText(err error) string {
	return strings.TrimSuffix(err.Error(), ".")
}

// named is embedded in every function: its Metadata gives the function's
// name, e.g. "role_arn" for provider::idaas::role_arn.
type named string

func (n named) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = string(n)
}
