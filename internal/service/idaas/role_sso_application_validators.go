// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The attribute validators of this package are built from the rules of
// internal/rolesso, so that a rule, its error message and its
// documentation cannot drift apart.

var (
	_ validator.Int64 = sessionDurationValidator{}
)

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
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid session duration", framework.UpperFirst(err.Error()))
	}
}
