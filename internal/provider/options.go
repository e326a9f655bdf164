// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

// Option changes the provider where it is put together. The released
// binary serves it with none (main.go).
type Option func(*options)

type options struct {
	nameChecks bool
}

// WithoutNameChecks turns off every validate- and plan-time naming and
// link check, so that a configuration the checks would refuse can be
// applied to the emulator and its sign-in outcome observed: the property
// test of the cross-checks uses it. It reaches the checks through the
// context of each call (framework.NameChecksOn), not through a process-wide
// switch, so a server without it in the same process keeps its checks.
func WithoutNameChecks() Option {
	return func(o *options) { o.nameChecks = false }
}

// NewProtocol6 returns a factory of protocol 6 servers of the provider,
// with opts applied.
func NewProtocol6(version string, opts ...Option) func() (tfprotov6.ProviderServer, error) {
	o := options{nameChecks: true}
	for _, opt := range opts {
		opt(&o)
	}
	factory := providerserver.NewProtocol6WithError(New(version)())
	if o.nameChecks {
		return factory
	}
	return func() (tfprotov6.ProviderServer, error) {
		server, err := factory()
		if err != nil {
			return nil, err
		}
		return serverWithoutNameChecks{server}, nil
	}
}

// serverWithoutNameChecks marks the context of every call that validates,
// plans, applies, reads or imports so that the name checks are skipped.
type serverWithoutNameChecks struct{ tfprotov6.ProviderServer }

func (s serverWithoutNameChecks) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return s.ProviderServer.ValidateResourceConfig(framework.WithoutNameChecks(ctx), req)
}

func (s serverWithoutNameChecks) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return s.ProviderServer.PlanResourceChange(framework.WithoutNameChecks(ctx), req)
}

func (s serverWithoutNameChecks) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return s.ProviderServer.ApplyResourceChange(framework.WithoutNameChecks(ctx), req)
}

func (s serverWithoutNameChecks) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return s.ProviderServer.ReadResource(framework.WithoutNameChecks(ctx), req)
}

func (s serverWithoutNameChecks) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return s.ProviderServer.ImportResourceState(framework.WithoutNameChecks(ctx), req)
}

func (s serverWithoutNameChecks) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return s.ProviderServer.ValidateDataResourceConfig(framework.WithoutNameChecks(ctx), req)
}

func (s serverWithoutNameChecks) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return s.ProviderServer.ReadDataSource(framework.WithoutNameChecks(ctx), req)
}
