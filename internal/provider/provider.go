// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package provider defines the idaas provider: its schema, its configuration and the explicit
// lists of its resources, data sources and functions.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ provider.Provider = (*idaasProvider)(nil)

// New returns a constructor of the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &idaasProvider{version: version} }
}

type idaasProvider struct {
	version string
}

func (p *idaasProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "idaas"
	resp.Version = p.version
}

func (p *idaasProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sets up Alibaba Cloud role-based single sign-on from IDaaS to RAM.",
	}
}

func (p *idaasProvider) Configure(_ context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
}

func (p *idaasProvider) Resources(_ context.Context) []func() resource.Resource { return nil }

func (p *idaasProvider) DataSources(_ context.Context) []func() datasource.DataSource { return nil }
