// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

// NewApplicationAccountsDataSource returns the idaas_application_accounts
// data source.
func NewApplicationAccountsDataSource() datasource.DataSource {
	return framework.NewDataSource("application_accounts", applicationAccountsDataSourceSchema, readApplicationAccounts)
}

func applicationAccountsDataSourceSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The application accounts of an IDaaS application (EIAM `ListApplicationAccounts`, every " +
			"page), or of one user in it (`ListApplicationAccountsForUser`): who may sign in as which RAM role.",
		Attributes: map[string]schema.Attribute{
			"instance_id":    framework.InstanceIDAttribute(),
			"application_id": framework.RequiredString("The ID of the application."),
			"user_id":        framework.OptionalString("Only the accounts of this user."),
			"accounts": framework.ComputedList("The accounts, oldest first as IDaaS lists them.", map[string]schema.Attribute{
				"id":           framework.ComputedString("The application account ID."),
				"user_id":      framework.ComputedString("The ID of the user."),
				"account_name": framework.ComputedString("The account name: the RAM role name the user signs in as."),
				"create_time":  framework.ComputedString("When the account was added, " + eiamTimeDescription + "."),
			}),
		},
	}
}

func readApplicationAccounts(ctx context.Context, c *client.Client, config *applicationAccountsDataSourceModel, diags *diag.Diagnostics) bool {
	conn := c.EIAM()
	instanceID, applicationID := config.InstanceID.ValueString(), config.ApplicationID.ValueString()
	var accounts []client.ApplicationAccount
	var err error
	if config.UserID.IsNull() {
		accounts, err = conn.ListApplicationAccounts(ctx, instanceID, applicationID)
	} else {
		accounts, err = conn.ListApplicationAccountsForUser(ctx, instanceID, applicationID, config.UserID.ValueString())
	}
	if err != nil {
		framework.AddAPIError(diags, "listing", "IDaaS application accounts", applicationID, err)
		return false
	}
	config.Accounts = make([]applicationAccountFacts, len(accounts))
	for i := range accounts {
		config.Accounts[i].flatten(&accounts[i])
	}
	return true
}

type applicationAccountsDataSourceModel struct {
	InstanceID    types.String              `tfsdk:"instance_id"`
	ApplicationID types.String              `tfsdk:"application_id"`
	UserID        types.String              `tfsdk:"user_id"`
	Accounts      []applicationAccountFacts `tfsdk:"accounts"`
}
