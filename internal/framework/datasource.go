// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

var (
	_ datasource.DataSource              = (*DataSource[struct{}])(nil)
	_ datasource.DataSourceWithConfigure = (*DataSource[struct{}])(nil)
)

// DataSourceRead fills in data, the configuration read into the model M,
// with what the data source finds. It returns false when it failed and
// nothing is to be stored; its diagnostics say why.
type DataSourceRead[M any] func(ctx context.Context, c *client.Client, data *M, diags *diag.Diagnostics) bool

// DataSource is a whole data source of model M. Every data source reads
// alike: the configuration into the model, bounded by its timeouts block
// when it has one, then its own read, then the model into the state; so
// each one only gives its name, schema and read.
type DataSource[M any] struct {
	DataSourceWithClient
	schema      func(context.Context) schema.Schema
	read        DataSourceRead[M]
	readTimeout time.Duration
}

// NewDataSource returns the data source type named "<provider>_" + name,
// e.g. name "ram_role", whose schema is schema(ctx) and whose Read calls
// read.
func NewDataSource[M any](name string, schema func(context.Context) schema.Schema, read DataSourceRead[M]) *DataSource[M] {
	return &DataSource[M]{DataSourceWithClient: NewDataSourceWithClient(name), schema: schema, read: read}
}

// WithReadTimeout returns d bounding its Read by the `timeouts` block's
// read, def by default. The schema must have a `timeouts` attribute.
func (d *DataSource[M]) WithReadTimeout(def time.Duration) *DataSource[M] {
	d.readTimeout = def
	return d
}

// Schema implements datasource.DataSource.
func (d *DataSource[M]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema(ctx)
}

// Read implements datasource.DataSource.
func (d *DataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data M
	if d.readTimeout == 0 {
		if resp.Diagnostics.Append(req.Config.Get(ctx, &data)...); resp.Diagnostics.HasError() {
			return
		}
	} else {
		var cancel context.CancelFunc
		var ok bool
		ctx, cancel, ok = Begin(ctx, req.Config, &data, timeouts.Value.Read, d.readTimeout, &resp.Diagnostics)
		defer cancel()
		if !ok {
			return
		}
	}
	if d.read(ctx, d.Client(), &data, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, data)...)
	}
}
