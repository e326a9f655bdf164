// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/fwbase"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/testhooks"
)

// The attribute validators of this package are built from the rules of
// internal/rolesso, so that a rule, its error message and its
// documentation cannot drift apart.

var (
	_ validator.String = stringRuleValidator{}
	_ validator.Int64  = sessionDurationValidator{}
)

// stringRuleValidator checks a string with a rule of rolesso, such as
// rolesso.ValidateIdPName. Null and unknown values are not checked: values
// that come from other resources are checked when they are known.
type stringRuleValidator struct {
	// rule is the rule as a sentence, for docs.
	rule  string
	check func(string) error
	// nameRule marks a naming rule, which testhooks.SkipNameChecks turns
	// off.
	nameRule bool
}

// idpNameValidator checks the IdP-name rule.
func idpNameValidator() stringRuleValidator {
	return stringRuleValidator{rule: rolesso.SAMLProviderNameRule, check: rolesso.ValidateIdPName, nameRule: true}
}

// accountIDValidator checks the account ID rule.
func accountIDValidator() stringRuleValidator {
	return stringRuleValidator{rule: rolesso.AccountIDRule, check: rolesso.ValidateAccountID, nameRule: true}
}

// roleNameValidator checks the RAM role-name rule.
func roleNameValidator() stringRuleValidator {
	return stringRuleValidator{rule: rolesso.RoleNameRule, check: rolesso.ValidateRoleName, nameRule: true}
}

// siteValidator checks the site name rule.
func siteValidator() stringRuleValidator {
	return stringRuleValidator{rule: "A site is " + rolesso.SiteNameRule + ".", check: rolesso.ValidateSiteName}
}

func (v stringRuleValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (v stringRuleValidator) MarkdownDescription(context.Context) string {
	return v.rule
}

func (v stringRuleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (v.nameRule && !testhooks.NameChecksOn()) {
		return
	}
	err := v.check(req.ConfigValue.ValueString())
	if err == nil {
		return
	}
	summary := "Invalid value"
	if nameErr, ok := errors.AsType[*rolesso.NameError](err); ok {
		summary = "Invalid " + nameErr.Subject
	}
	resp.Diagnostics.AddAttributeError(req.Path, summary, fwbase.UpperFirst(err.Error()))
}

// sessionDurationValidator checks rolesso.ValidateSessionDuration. Null and
// unknown values are not checked.
type sessionDurationValidator struct{}

func (v sessionDurationValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (v sessionDurationValidator) MarkdownDescription(context.Context) string {
	return rolesso.SessionDurationRule
}

func (v sessionDurationValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := rolesso.ValidateSessionDuration(req.ConfigValue.ValueInt64()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid session duration", fwbase.UpperFirst(err.Error()))
	}
}

// siteTemplateMismatch explains a template ID that rolesso knows as the
// role-based SSO template of another site than site; it is "" otherwise.
func siteTemplateMismatch(site, templateID string) string {
	other, ok := rolesso.SiteByTemplateID(templateID)
	if !ok || other.Name == site {
		return ""
	}
	for _, want := range rolesso.Sites() {
		if want.Name == site {
			return fmt.Sprintf("template_id %q is the role-based SSO template of the %q site, but site is %q, whose template is %q. "+
				"Set site = %q, or remove template_id to use the template of site %q.",
				templateID, other.Name, site, want.Template.ID, other.Name, site)
		}
	}
	return "" // An unknown site: the site validator reports it.
}
