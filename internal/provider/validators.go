// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// accountIDValidator checks an Alibaba Cloud account ID with the rule of
// internal/rolesso.
var accountIDValidator = validators.RuleValidator{
	Rule: rolesso.AccountIDRule, Check: rolesso.ValidateAccountID, Summary: "Invalid account ID", Detail: errorText,
}

// endpointValidator checks an endpoint override with client.ParseEndpoint.
var endpointValidator = validators.RuleValidator{
	Rule:    "must be an https URL, an http URL of a loopback host, or a bare host",
	Check:   validators.Parses(client.ParseEndpoint),
	Summary: "Invalid endpoint",
	Detail:  errorText,
}

// errorText turns an error into a sentence for a diagnostic: capitalized,
// ending with a period.
func errorText(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
