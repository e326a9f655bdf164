// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

var _ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)

// NewUserDataSource returns the idaas_user data source.
func NewUserDataSource() datasource.DataSource {
	return &userDataSource{framework.NewDataSource("user", userDataSourceSchema, readUser)}
}

// userDataSource adds its config validators to the shared data source.
type userDataSource struct {
	*framework.DataSource[userDataSourceModel]
}

// userObject names the object in diagnostics.
const userObject = "IDaaS user"

// maxCloseUsernames bounds the usernames a not-found error suggests.
const maxCloseUsernames = 5

func userDataSourceSchema(context.Context) schema.Schema {
	attrs := userAttributes()
	attrs["instance_id"] = framework.InstanceIDAttribute()
	attrs["user_id"] = framework.LookupString("The ID of the user to read, e.g. `user_d6sbsuumeta4h66ec3il7yxxxx`. Set it or `username`.")
	attrs["username"] = framework.LookupString("The exact username of the user to read, with its case, e.g. `alice`. Set it or `user_id`.")
	return schema.Schema{
		MarkdownDescription: "An IDaaS user (an EIAM account), found by its exact username or by its ID: users usually " +
			"arrive by directory sync, and application accounts and authorizations name them by ID. A username that " +
			"matches no user is an error that lists close usernames.",
		Attributes: attrs,
	}
}

// userAttributes are the computed attributes of a user, shared with the
// users of idaas_users.
func userAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           framework.ComputedString("The ID of the user, as `user_id`."),
		"user_id":      framework.ComputedString("The ID of the user."),
		"username":     framework.ComputedString("The username."),
		"display_name": framework.ComputedString("The display name."),
		"email":        framework.ComputedString("The email address, or empty."),
		"status":       framework.ComputedString("The status: `enabled` or `disabled`."),
		"external_id":  framework.ComputedString("The ID of the user in the directory it was synced from (EIAM `UserExternalId`)."),
		"create_time":  framework.ComputedString("When the user was created, " + eiamTimeDescription + "."),
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("user_id"), path.MatchRoot("username")),
	}
}

func readUser(ctx context.Context, c *client.Client, config *userDataSourceModel, diags *diag.Diagnostics) bool {
	conn := c.EIAM()
	instanceID := config.InstanceID.ValueString()
	if !config.UserID.IsNull() {
		user, err := conn.GetUser(ctx, instanceID, config.UserID.ValueString())
		if err != nil {
			framework.AddAPIError(diags, "reading", userObject, config.UserID.ValueString(), err)
			return false
		}
		*config = flattenUser(instanceID, user)
		return true
	}

	username := config.Username.ValueString()
	user, err := findUserByUsername(ctx, conn, instanceID, username)
	if client.IsNotFound(err) {
		diags.AddAttributeError(path.Root("username"), "IDaaS user not found", userNotFoundDetail(ctx, conn, instanceID, username))
		return false
	}
	if err != nil {
		framework.AddAPIError(diags, "reading", userObject, username, err)
		return false
	}
	*config = flattenUser(instanceID, user)
	return true
}

// findUserByUsername returns the user with exactly this username, or an
// error for which client.IsNotFound is true. EIAM filters by prefix only,
// so the names are compared here.
func findUserByUsername(ctx context.Context, conn client.EIAMDirectory, instanceID, username string) (*client.User, error) {
	users, err := conn.ListUsers(ctx, client.ListUsersInput{InstanceID: instanceID, UsernameStartsWith: username})
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.Username == username {
			return &u, nil
		}
	}
	return nil, &client.NotFoundError{Object: "user", ID: username}
}

// userNotFoundDetail explains a username that matches no user and
// suggests close ones: usernames that differ only in case, start with it,
// or are a few edits away, among those that share its first characters.
func userNotFoundDetail(ctx context.Context, conn client.EIAMDirectory, instanceID, username string) string {
	detail := fmt.Sprintf("No user of IDaaS instance %s has the username %q. Usernames are compared exactly, with their case.", instanceID, username)
	prefix := username
	if utf8.RuneCountInString(prefix) > 2 {
		prefix = string([]rune(prefix)[:2])
	}
	// The prefix filter may heed case: list by the prefix as typed and in
	// lower case, as usernames mostly are.
	var users []client.User
	for _, p := range slices.Compact([]string{prefix, strings.ToLower(prefix)}) {
		found, err := conn.ListUsers(ctx, client.ListUsersInput{InstanceID: instanceID, UsernameStartsWith: p})
		if err != nil {
			return detail
		}
		users = append(users, found...)
	}
	suggestions := closeUsernames(username, users)
	if len(suggestions) == 0 {
		return detail + " No username is close to it."
	}
	return detail + " Close usernames: " + strings.Join(suggestions, ", ") + "."
}

// closeUsernames returns, quoted and closest first, at most
// maxCloseUsernames usernames of users that could be the one meant.
func closeUsernames(username string, users []client.User) []string {
	type candidate struct {
		name     string
		distance int
	}
	var candidates []candidate
	lower := strings.ToLower(username)
	for _, u := range users {
		name := strings.ToLower(u.Username)
		d := editDistance(lower, name)
		if d <= 2 || strings.HasPrefix(name, lower) {
			candidates = append(candidates, candidate{fmt.Sprintf("%q", u.Username), d})
		}
	}
	slices.SortStableFunc(candidates, func(a, b candidate) int { return a.distance - b.distance })
	var out []string
	for _, c := range candidates[:min(len(candidates), maxCloseUsernames)] {
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func flattenUser(instanceID string, u *client.User) userDataSourceModel {
	return userDataSourceModel{
		InstanceID: types.StringValue(instanceID),
		userModel:  flattenUserFields(u),
	}
}

func flattenUserFields(u *client.User) userModel {
	return userModel{
		ID:          types.StringValue(u.UserID),
		UserID:      types.StringValue(u.UserID),
		Username:    types.StringValue(u.Username),
		DisplayName: types.StringValue(u.DisplayName),
		Email:       types.StringValue(u.Email),
		Status:      types.StringValue(u.Status),
		ExternalID:  types.StringValue(u.UserExternalID),
		CreateTime:  eiamTime(u.CreateTime),
	}
}

type userDataSourceModel struct {
	InstanceID types.String `tfsdk:"instance_id"`
	userModel
}

// userModel is a user as idaas_user and idaas_users write it.
type userModel struct {
	ID          types.String `tfsdk:"id"`
	UserID      types.String `tfsdk:"user_id"`
	Username    types.String `tfsdk:"username"`
	DisplayName types.String `tfsdk:"display_name"`
	Email       types.String `tfsdk:"email"`
	Status      types.String `tfsdk:"status"`
	ExternalID  types.String `tfsdk:"external_id"`
	CreateTime  types.String `tfsdk:"create_time"`
}
