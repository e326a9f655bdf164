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

// NewUsersDataSource returns the idaas_users data source.
func NewUsersDataSource() datasource.DataSource {
	return framework.NewDataSource("users", usersDataSourceSchema, readUsers)
}

func usersDataSourceSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The users of an IDaaS instance, optionally those whose username starts with a prefix " +
			"(EIAM `ListUsers`, every page), in the order IDaaS lists them.",
		Attributes: map[string]schema.Attribute{
			"instance_id":     framework.InstanceIDAttribute(),
			"username_prefix": framework.OptionalString("Only users whose username starts with this prefix, e.g. `ops-`."),
			"ids":             framework.ComputedStringList("The IDs of the users, in the order of `users`, e.g. for `idaas_application_authorization`."),
			"users":           framework.ComputedList("The users.", userAttributes()),
		},
	}
}

func readUsers(ctx context.Context, c *client.Client, config *usersDataSourceModel, diags *diag.Diagnostics) bool {
	users, err := c.EIAM().ListUsers(ctx, client.ListUsersInput{
		InstanceID:         config.InstanceID.ValueString(),
		UsernameStartsWith: config.UsernamePrefix.ValueString(),
	})
	if err != nil {
		framework.AddAPIError(diags, "listing", "IDaaS users", config.InstanceID.ValueString(), err)
		return false
	}
	config.Users = make([]userModel, 0, len(users))
	ids := make([]string, 0, len(users))
	for _, u := range users {
		config.Users = append(config.Users, flattenUserFields(&u))
		ids = append(ids, u.UserID)
	}
	idList, d := types.ListValueFrom(ctx, types.StringType, ids)
	diags.Append(d...)
	config.IDs = idList
	return true
}

type usersDataSourceModel struct {
	InstanceID     types.String `tfsdk:"instance_id"`
	UsernamePrefix types.String `tfsdk:"username_prefix"`
	IDs            types.List   `tfsdk:"ids"`
	Users          []userModel  `tfsdk:"users"`
}
