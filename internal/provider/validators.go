// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ validator.String = accountIDValidator{}
	_ validator.String = endpointValidator{}
)

// accountIDValidator checks an Alibaba Cloud account ID with the rule of
// internal/rolesso. Null and unknown values are not checked.
type accountIDValidator struct{}

func (v accountIDValidator) Description(_ context.Context) string { return rolesso.AccountIDRule }

func (v accountIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v accountIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := rolesso.ValidateAccountID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid account ID", errorText(err))
	}
}

// endpointValidator checks an endpoint override with client.ParseEndpoint.
// Null and unknown values are not checked.
type endpointValidator struct{}

func (v endpointValidator) Description(_ context.Context) string {
	return "must be an https URL, an http URL of a loopback host, or a bare host"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint", errorText(err))
	}
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
