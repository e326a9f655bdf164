// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/testhooks"
)

var _ validator.String = applicationAccountNameValidator{}

// applicationAccountNameValidator checks that an application account name
// can be a RAM role name (rolesso.ValidateApplicationAccountName): IDaaS
// takes more names than RAM does, but the name is sent as the role name, so
// any other name can never sign in. Null and unknown values are not
// checked, nor any value while testhooks.SkipNameChecks is set.
type applicationAccountNameValidator struct{}

func (v applicationAccountNameValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (v applicationAccountNameValidator) MarkdownDescription(context.Context) string {
	return rolesso.ApplicationAccountNameRule
}

func (v applicationAccountNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || !testhooks.NameChecksOn() {
		return
	}
	if err := rolesso.ValidateApplicationAccountName(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid application account name", applicationAccountNameErrorDetail(err))
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
