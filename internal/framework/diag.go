// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// AddAPIError adds an error diagnostic for a failed call. The summary says
// what failed, e.g. "Error creating RAM role" for action "creating" and
// object "RAM role"; the detail names the object by id (if not empty) and
// gives the error code, HTTP status, request ID and message, or the error
// itself when it is not an API error, plus advice where there is some.
func AddAPIError(diags *diag.Diagnostics, action, object, id string, err error) {
	diags.AddError(fmt.Sprintf("Error %s %s", action, object), APIErrorDetail(object, id, err))
}

// APIErrorDetail is the detail AddAPIError writes, for callers that need
// an attribute error or a warning instead.
func APIErrorDetail(object, id string, err error) string {
	var lines []string
	if id != "" {
		lines = append(lines, fmt.Sprintf("%s: %s", UpperFirst(object), id))
	}
	if apiErr, ok := errors.AsType[*client.APIError](err); ok {
		lines = append(lines,
			fmt.Sprintf("API: %s %s", apiErr.Product, apiErr.Action),
			fmt.Sprintf("Code: %s (HTTP %d)", apiErr.Code, apiErr.HTTPStatus),
		)
		if apiErr.RequestID != "" {
			lines = append(lines, "Request ID: "+apiErr.RequestID)
		}
		if apiErr.Message != "" {
			lines = append(lines, "Message: "+apiErr.Message)
		}
		if apiErr.Attempts > 1 {
			lines = append(lines, fmt.Sprintf("Attempts: %d", apiErr.Attempts))
		}
	} else {
		lines = append(lines, "Error: "+err.Error())
	}
	if hint := client.Hint(err); hint != "" {
		lines = append(lines, "", hint)
	}
	return strings.Join(lines, "\n")
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

// ImportBlock is the import block that adopts an existing object into a
// resource of type resourceType, for the errors of a create that finds
// the object there already. The resource's name in the configuration is
// not known to the provider, so it stays a placeholder.
func ImportBlock(resourceType, id string) string {
	return fmt.Sprintf("To manage it with this configuration, import it (replace <name> with the resource's name):\n\n"+
		"import {\n  to = %s.<name>\n  id = %q\n}", resourceType, id)
}
