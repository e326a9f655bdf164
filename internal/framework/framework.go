// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package framework holds what every resource and data source shares on the
// framework side: the base types that receive the provider's client, and
// the one way to report an API error as a diagnostic.
package framework

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// withClient holds the provider's client once Configure has run.
type withClient struct {
	client *client.Client
}

// Client returns the provider's client. It is set before any CRUD method
// runs.
func (w *withClient) Client() *client.Client { return w.client }

// configure takes the client from the provider data. The data is nil when
// Terraform has not configured the provider yet, e.g. during validation;
// that is not an error.
func (w *withClient) configure(providerData any, diags *diag.Diagnostics) {
	if providerData == nil {
		return
	}
	c, ok := providerData.(*client.Client)
	if !ok {
		diags.AddError(
			"Unexpected provider data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider; please report it.", providerData),
		)
		return
	}
	w.client = c
}

// typeName is the name of a resource or data source type without the
// provider's prefix, e.g. "ram_role" for idaas_ram_role.
type typeName string

func (n typeName) of(providerTypeName string) string { return providerTypeName + "_" + string(n) }

// ResourceWithClient is embedded in every resource: its Metadata names the
// resource, and its Configure receives the provider's client.
type ResourceWithClient struct {
	withClient
	typeName
}

// NewResourceWithClient returns the base of the resource type named
// "<provider>_" + name, e.g. name "ram_role".
func NewResourceWithClient(name string) ResourceWithClient {
	return ResourceWithClient{typeName: typeName(name)}
}

// Metadata implements resource.Resource.
func (r *ResourceWithClient) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.of(req.ProviderTypeName)
}

// Configure implements resource.ResourceWithConfigure.
func (r *ResourceWithClient) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

// DataSourceWithClient is embedded in every data source: its Metadata
// names the data source, and its Configure receives the provider's client.
type DataSourceWithClient struct {
	withClient
	typeName
}

// NewDataSourceWithClient returns the base of the data source type named
// "<provider>_" + name, e.g. name "ram_role".
func NewDataSourceWithClient(name string) DataSourceWithClient {
	return DataSourceWithClient{typeName: typeName(name)}
}

// Metadata implements datasource.DataSource.
func (d *DataSourceWithClient) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.of(req.ProviderTypeName)
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *DataSourceWithClient) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

// nameChecksOff is the context key of WithoutNameChecks.
type nameChecksOff struct{}

// WithoutNameChecks returns ctx marked so that NameChecksOn is false. Only
// the provider's composition root calls it (provider.WithoutNameChecks).
func WithoutNameChecks(ctx context.Context) context.Context {
	return context.WithValue(ctx, nameChecksOff{}, true)
}

// NameChecksOn reports whether the naming and link checks run for the
// call of ctx: the name-rule validators (RAM role names, application
// account names, SAML provider and IdP names, account IDs), the linked
// checks between an application account, its application and its role,
// between a SAML provider and its application, and between a role and its
// applications, and the live checks of plan. They run unless the provider
// was put together WithoutNameChecks.
func NameChecksOn(ctx context.Context) bool {
	off, _ := ctx.Value(nameChecksOff{}).(bool)
	return !off
}

// WithTimeout bounds ctx by an operation's timeout: the one the resource's
// or data source's timeouts block sets, read with get (such as
// plan.Timeouts.Create), or def. An invalid value is added to diags, and
// ctx is then returned bounded by def. Call the CancelFunc when the
// operation ends.
func WithTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := get(ctx, def)
	diags.Append(d...)
	if d.HasError() {
		timeout = def
	}
	return context.WithTimeout(ctx, timeout)
}
