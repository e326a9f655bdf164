// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// The steps that every CRUD method and data source read takes alike.

// modelSource is where a method reads its model: the plan, the state or
// the configuration.
type modelSource interface {
	Get(ctx context.Context, target any) diag.Diagnostics
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// Begin starts a CRUD method or a data source read: it reads model from
// from and returns ctx bounded by the timeout that timeout (such as
// timeouts.Value.Create) reads from the model's `timeouts` block, or def.
// ok is false when diags has an error, and the method must stop; call
// cancel in any case.
func Begin[T any](ctx context.Context, from modelSource, model any,
	timeout func(T, context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics,
) (_ context.Context, cancel context.CancelFunc, ok bool) {
	var block T
	if diags.Append(from.Get(ctx, model)...); !diags.HasError() {
		diags.Append(from.GetAttribute(ctx, path.Root("timeouts"), &block)...)
	}
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel = WithTimeout(ctx, func(ctx context.Context, def time.Duration) (time.Duration, diag.Diagnostics) {
		return timeout(block, ctx, def)
	}, def, diags)
	return ctx, cancel, !diags.HasError()
}

// Found reports whether a resource's Read found its object, err being the
// finder's error. An object that is gone (client.IsNotFound) is removed
// from the state, so that Terraform plans to create it again, and logged
// with logFields; any other error is added to the diagnostics, naming the
// object by id.
func Found(ctx context.Context, err error, resp *resource.ReadResponse, object, id string, logFields map[string]any) bool {
	if client.IsNotFound(err) {
		tflog.Warn(ctx, object+" not found; removing it from state", logFields)
		resp.State.RemoveResource(ctx)
		return false
	}
	if err != nil {
		AddAPIError(&resp.Diagnostics, "reading", object, id, err)
		return false
	}
	return true
}

// PlanModels reads what ModifyPlan works on: the plan, the configuration,
// and the state, which is nil for an object yet to be created. ok is false
// when diags has an error, and ModifyPlan must stop.
func PlanModels[M any](ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) (plan, config M, state *M, ok bool) {
	diags.Append(req.Plan.Get(ctx, &plan)...)
	diags.Append(req.Config.Get(ctx, &config)...)
	if !req.State.Raw.IsNull() {
		state = new(M)
		diags.Append(req.State.Get(ctx, state)...)
	}
	return plan, config, state, !diags.HasError()
}

// ValidateConfig is a resource's ValidateConfig that reads the
// configuration into a model M and adds what validate finds in it.
func ValidateConfig[M any](ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
	validate func(context.Context, M) diag.Diagnostics,
) {
	var config M
	if resp.Diagnostics.Append(req.Config.Get(ctx, &config)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validate(ctx, config)...)
}
