// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package validators holds the schema validators of the rules of
// internal/rolesso: one per rule, each stating its rule for the docs and
// reporting a broken rule with framework.RuleErrorDetail. Other checks of
// a string value are RuleValidators too, with their own summary and detail.
package validators

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ validator.String = RuleValidator{}

// RuleValidator checks a string with a rule of internal/rolesso, so that a
// rule, its error message and its documentation cannot drift apart. Null
// and unknown values are not checked: values that come from other
// resources are checked when they are known. Nor is a naming rule checked
// for a provider put together without name checks (framework.NameChecksOn).
type RuleValidator struct {
	// Rule is the rule as a sentence, for docs.
	Rule  string
	Check func(string) error
	// NameRule marks a naming rule, which framework.NameChecksOn turns
	// off.
	NameRule bool
	// Summary, when set, is the summary of a broken rule instead of
	// "Invalid <subject>" of a rolesso.NameError, or "Invalid value".
	Summary string
	// Detail, when set, writes the detail of a broken rule instead of
	// framework.RuleErrorDetail, to explain more.
	Detail func(error) string
}

// Parses is a Check that a value is valid when parse accepts it.
func Parses[T any](parse func(string) (T, error)) func(string) error {
	return func(s string) error {
		_, err := parse(s)
		return err
	}
}

// ErrorText is a Detail that is the error's text.
func ErrorText(err error) string { return err.Error() }

// The validators of the rules that several resources check.

// RoleNameValidator checks the RAM role-name rule.
func RoleNameValidator() RuleValidator {
	return RuleValidator{Rule: rolesso.RoleNameRule, Check: rolesso.ValidateRoleName, NameRule: true}
}

// AccountIDValidator checks the Alibaba Cloud account ID rule.
func AccountIDValidator() RuleValidator {
	return RuleValidator{Rule: rolesso.AccountIDRule, Check: rolesso.ValidateAccountID, NameRule: true}
}

// SAMLProviderNameValidator checks the SAML provider name rule, of a SAML
// provider's own name or a name a role trusts, and says with it that the
// name must equal the IdP name in IDaaS.
func SAMLProviderNameValidator() RuleValidator {
	return RuleValidator{
		Rule: rolesso.SAMLProviderNameRule, Check: rolesso.ValidateSAMLProviderName, NameRule: true,
		Detail: samlProviderNameErrorDetail,
	}
}

func samlProviderNameErrorDetail(err error) string {
	detail := err.Error()
	if ne, ok := errors.AsType[*rolesso.NameError](err); ok {
		detail = fmt.Sprintf("The name %q is invalid: %s. %s %s", ne.Value, ne.Problem, ne.Rule, ne.Fix)
	}
	return detail + "\n\n" + rolesso.IdPNameMatchRule
}

// IdPNameValidator checks the IdP-name rule of an IDaaS application.
func IdPNameValidator() RuleValidator {
	return RuleValidator{Rule: rolesso.SAMLProviderNameRule, Check: rolesso.ValidateIdPName, NameRule: true}
}

// ApplicationAccountNameValidator checks that an application account name
// can be a RAM role name (rolesso.ValidateApplicationAccountName): IDaaS
// takes more names than RAM does, but the name is sent as the role name, so
// any other name can never sign in.
func ApplicationAccountNameValidator() RuleValidator {
	return RuleValidator{
		Rule: rolesso.ApplicationAccountNameRule, Check: rolesso.ValidateApplicationAccountName, NameRule: true,
		Detail: applicationAccountNameErrorDetail,
	}
}

// applicationAccountNameErrorDetail explains a broken account name: what is
// wrong, that the name must equal a RAM role name, and the role-name rule.
func applicationAccountNameErrorDetail(err error) string {
	ne, ok := errors.AsType[*rolesso.NameError](err)
	if !ok {
		return err.Error()
	}
	return fmt.Sprintf("The account name %q is invalid: %s.\n\n%s\n%s\n\n%s",
		ne.Value, ne.Problem, ne.Rule, rolesso.RoleNameRule, ne.Fix)
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
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (v.NameRule && !framework.NameChecksOn(ctx)) {
		return
	}
	err := v.Check(req.ConfigValue.ValueString())
	if err == nil {
		return
	}
	summary := v.Summary
	if summary == "" {
		summary = "Invalid value"
		if ne, ok := errors.AsType[*rolesso.NameError](err); ok {
			summary = "Invalid " + ne.Subject
		}
	}
	detail := framework.RuleErrorDetail
	if v.Detail != nil {
		detail = v.Detail
	}
	resp.Diagnostics.AddAttributeError(req.Path, summary, detail(err))
}

// SessionDurationValidator checks rolesso.ValidateSessionDuration. Null and
// unknown values are not checked.
type SessionDurationValidator struct{}

var _ validator.Int64 = SessionDurationValidator{}

func (v SessionDurationValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (v SessionDurationValidator) MarkdownDescription(context.Context) string {
	return rolesso.SessionDurationRule
}

func (v SessionDurationValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := rolesso.ValidateSessionDuration(req.ConfigValue.ValueInt64()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid session duration", framework.UpperFirst(err.Error()))
	}
}
