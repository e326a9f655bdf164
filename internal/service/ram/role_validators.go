// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"errors"
	"fmt"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

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
