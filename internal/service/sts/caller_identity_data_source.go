// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package sts holds the data sources of Alibaba Cloud STS.
package sts

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

// NewCallerIdentityDataSource returns the idaas_caller_identity data source.
func NewCallerIdentityDataSource() datasource.DataSource {
	return framework.NewDataSource("caller_identity", callerIdentityDataSourceSchema, readCallerIdentity)
}

func callerIdentityDataSourceSchema(context.Context) schema.Schema {
	return schema.Schema{
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

func readCallerIdentity(ctx context.Context, c *client.Client, data *callerIdentityDataSourceModel, diags *diag.Diagnostics) bool {
	identity, err := findCallerIdentity(ctx, c.STS())
	if err != nil {
		framework.AddAPIError(diags, "reading", "caller identity", "", err)
		return false
	}
	*data = flattenCallerIdentity(identity)
	return true
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
