// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"errors"
	"fmt"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/fwbase"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// applicationAccountNameValidator checks that an application account name
// can be a RAM role name (rolesso.ValidateApplicationAccountName): IDaaS
// takes more names than RAM does, but the name is sent as the role name, so
// any other name can never sign in.
func applicationAccountNameValidator() fwbase.RuleValidator {
	return fwbase.RuleValidator{
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
