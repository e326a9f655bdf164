// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package fwbase

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ validator.String = RuleValidator{}

// RuleValidator checks a string with a rule of internal/rolesso, so that a
// rule, its error message and its documentation cannot drift apart. Null
// and unknown values are not checked: values that come from other
// resources are checked when they are known. Nor is a naming rule checked
// for a provider put together without name checks (NameChecksOn).
type RuleValidator struct {
	// Rule is the rule as a sentence, for docs.
	Rule  string
	Check func(string) error
	// NameRule marks a naming rule, which NameChecksOn turns
	// off.
	NameRule bool
	// Detail, when set, writes the detail of a broken rule instead of
	// RuleErrorDetail, to explain more.
	Detail func(error) string
}

// The validators of the rules that several resources check.

// RoleNameValidator checks the RAM role-name rule.
func RoleNameValidator() RuleValidator {
	return RuleValidator{Rule: rolesso.RoleNameRule, Check: rolesso.ValidateRoleName, NameRule: true}
}

// AccountIDValidator checks the Alibaba Cloud account ID rule.
func AccountIDValidator() RuleValidator {
	return RuleValidator{Rule: rolesso.AccountIDRule, Check: rolesso.ValidateAccountID, NameRule: true}
}

// ExpressionValidator checks an IDaaS value expression.
func ExpressionValidator() RuleValidator {
	return RuleValidator{Rule: rolesso.ExpressionRule, Check: rolesso.ValidateExpression}
}

// SiteValidator checks a site name.
func SiteValidator() RuleValidator {
	return RuleValidator{Rule: "A site is " + rolesso.SiteNameRule + ".", Check: rolesso.ValidateSiteName}
}

func (v RuleValidator) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (v RuleValidator) MarkdownDescription(context.Context) string { return v.Rule }

func (v RuleValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (v.NameRule && !NameChecksOn(ctx)) {
		return
	}
	err := v.Check(req.ConfigValue.ValueString())
	if err == nil {
		return
	}
	summary := "Invalid value"
	if ne, ok := errors.AsType[*rolesso.NameError](err); ok {
		summary = "Invalid " + ne.Subject
	}
	detail := RuleErrorDetail
	if v.Detail != nil {
		detail = v.Detail
	}
	resp.Diagnostics.AddAttributeError(req.Path, summary, detail(err))
}

// RuleErrorDetail writes the error of a rule of internal/rolesso as
// sentences: the problem, the rule, the fix.
func RuleErrorDetail(err error) string {
	ne, ok := errors.AsType[*rolesso.NameError](err)
	if !ok {
		return UpperFirst(err.Error())
	}
	return fmt.Sprintf("The %s %q is invalid: %s.\n\n%s\n\n%s", ne.Subject, ne.Value, ne.Problem, ne.Rule, ne.Fix)
}
