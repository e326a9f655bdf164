// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/testhooks"
)

// roleRuleValidator checks a string with a rule of internal/rolesso; the
// rule's own error is the detail. Null and unknown values are not checked.
type roleRuleValidator struct {
	summary     string
	description string
	check       func(string) error
	// nameRule marks a naming rule, which testhooks.SkipNameChecks turns
	// off.
	nameRule bool
}

// roleNameValidator checks the RAM role-name rule.
func roleNameValidator() validator.String {
	return roleRuleValidator{summary: "Invalid RAM role name", description: rolesso.RoleNameRule, check: rolesso.ValidateRoleName, nameRule: true}
}

// trustedSAMLProviderNameValidator checks the SAML provider name rule.
func trustedSAMLProviderNameValidator() validator.String {
	return roleRuleValidator{summary: "Invalid SAML provider name", description: rolesso.SAMLProviderNameRule, check: rolesso.ValidateSAMLProviderName, nameRule: true}
}

// accountIDValidator checks the account ID rule.
func accountIDValidator() validator.String {
	return roleRuleValidator{summary: "Invalid Alibaba Cloud account ID", description: rolesso.AccountIDRule, check: rolesso.ValidateAccountID, nameRule: true}
}

// roleSiteValidator checks a site name.
func roleSiteValidator() validator.String {
	return roleRuleValidator{summary: "Invalid site", description: "A site is " + rolesso.SiteNameRule + ".", check: rolesso.ValidateSiteName}
}

func (v roleRuleValidator) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (v roleRuleValidator) MarkdownDescription(context.Context) string { return v.description }

func (v roleRuleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (v.nameRule && !testhooks.NameChecksOn()) {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, nameErrorDetail(err))
	}
}

// nameErrorDetail writes a rolesso.NameError as sentences: the problem,
// the rule, the fix.
func nameErrorDetail(err error) string {
	var ne *rolesso.NameError
	if !errors.As(err, &ne) {
		return err.Error()
	}
	return fmt.Sprintf("The %s %q is invalid: %s.\n\n%s\n\n%s", ne.Subject, ne.Value, ne.Problem, ne.Rule, ne.Fix)
}

// roleNameProblem is "" for a valid role name, else what is wrong with it
// and the rule, as a predicate: `is invalid: it contains ...`.
func roleNameProblem(name string) string {
	err := rolesso.ValidateRoleName(name)
	if err == nil {
		return ""
	}
	var ne *rolesso.NameError
	if errors.As(err, &ne) {
		return fmt.Sprintf("is invalid: %s (%s)", ne.Problem, strings.TrimSuffix(ne.Rule, "."))
	}
	return "is invalid: " + err.Error()
}
