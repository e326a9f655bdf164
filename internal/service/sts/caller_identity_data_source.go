// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package sts holds the data sources of Alibaba Cloud STS.
package sts

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

var (
	_ datasource.DataSource              = (*callerIdentityDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*callerIdentityDataSource)(nil)
)

// NewCallerIdentityDataSource returns the idaas_caller_identity data source.
func NewCallerIdentityDataSource() datasource.DataSource {
	return &callerIdentityDataSource{DataSourceWithClient: framework.NewDataSourceWithClient("caller_identity")}
}

type callerIdentityDataSource struct {
	framework.DataSourceWithClient
}

func (d *callerIdentityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The identity the provider calls Alibaba Cloud as (STS `GetCallerIdentity`). " +
			"Use it to check which account and which RAM user or role the credentials belong to.",
		Attributes: map[string]schema.Attribute{
			"account_id":    framework.ComputedString("The Alibaba Cloud account ID, 16 digits."),
			"arn":           framework.ComputedString("The ARN of the identity, e.g. `acs:ram::1234567890123456:user/terraform`."),
			"identity_type": framework.ComputedString("The kind of identity: `Account`, `RAMUser` or `AssumedRoleUser`."),
			"principal_id":  framework.ComputedString("The ID of the principal: the user ID, or for an assumed role `<role ID>:<session name>`."),
			"user_id":       framework.ComputedString("The ID of the RAM user or the account; empty for an assumed role."),
		},
	}
}

func (d *callerIdentityDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	identity, err := findCallerIdentity(ctx, d.Client().STS())
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading", "caller identity", "", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenCallerIdentity(identity))...)
}

func findCallerIdentity(ctx context.Context, conn client.STS) (*client.CallerIdentity, error) {
	return conn.GetCallerIdentity(ctx)
}

func flattenCallerIdentity(identity *client.CallerIdentity) callerIdentityDataSourceModel {
	return callerIdentityDataSourceModel{
		AccountID:    types.StringValue(identity.AccountID),
		ARN:          types.StringValue(identity.ARN),
		IdentityType: types.StringValue(identity.IdentityType),
		PrincipalID:  types.StringValue(identity.PrincipalID),
		UserID:       types.StringValue(identity.UserID),
	}
}

type callerIdentityDataSourceModel struct {
	AccountID    types.String `tfsdk:"account_id"`
	ARN          types.String `tfsdk:"arn"`
	IdentityType types.String `tfsdk:"identity_type"`
	PrincipalID  types.String `tfsdk:"principal_id"`
	UserID       types.String `tfsdk:"user_id"`
}
