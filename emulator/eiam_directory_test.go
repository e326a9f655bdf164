// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
)

func TestEiamUsers(t *testing.T) {
	f := newEiamFixture(t)
	id := str(f.ok("CreateUser", params{
		"Username":                    "alice@example.com",
		"PrimaryOrganizationalUnitId": f.rootOU,
		"DisplayName":                 "Alice",
		"Email":                       "alice@example.com",
		"EmailVerified":               "true",
		"Password":                    "Very-Secret-Password-1",
		"Description":                 "first user",
	}), "UserId")
	if !eiamIDRe("user").MatchString(id) {
		t.Errorf("UserId %q", id)
	}
	u := field(f.ok("GetUser", params{"UserId": id}), "User")
	for k, v := range map[string]any{
		"UserId": id, "Username": "alice@example.com", "DisplayName": "Alice", "Email": "alice@example.com", "EmailVerified": true,
		"Status": "enabled", "PasswordSet": true, "PrimaryOrganizationalUnitId": f.rootOU, "UserExternalId": id,
		"UserSourceType": "build_in", "InstanceId": f.instanceID, "Description": "first user",
	} {
		if u[k] != v {
			t.Errorf("GetUser %s = %v, want %v", k, u[k], v)
		}
	}
	wantEpochMillis(t, u, "CreateTime")
	if ous := items(u, "OrganizationalUnits"); len(ous) != 1 || str(ous[0], "OrganizationalUnitId") != f.rootOU || asObj(ous[0])["Primary"] != true {
		t.Errorf("OrganizationalUnits: %v", ous)
	}
	if state := controlState(t, f); strings.Contains(state, "Very-Secret-Password-1") {
		t.Error("the state holds a user's password")
	}

	f.fail("CreateUser", params{"Username": "alice@example.com", "PrimaryOrganizationalUnitId": f.rootOU}, "EntityAlreadyExists.User", http.StatusConflict)
	for _, tc := range []struct {
		p    params
		code string
	}{
		{params{"Username": "al ice"}, "InvalidParameter.Username"},
		{params{"Username": strings.Repeat("a", 257)}, "InvalidParameter.Username"},
		{params{"Username": "bob", "Email": "bob@example.com"}, "MissingEmailVerified"},
		{params{"Username": "bob", "Email": "bob", "EmailVerified": "true"}, "InvalidParameter.Email"},
		{params{"Username": "bob", "PhoneNumber": "12", "PhoneNumberVerified": "true"}, "InvalidParameter.PhoneNumber"},
		{params{"Username": "bob", "DisplayName": strings.Repeat("d", 129)}, "InvalidParameter.DisplayName"},
		{params{"Username": ""}, "MissingUsername"},
	} {
		f.fail("CreateUser", with(tc.p, "PrimaryOrganizationalUnitId", f.rootOU), tc.code, http.StatusBadRequest)
	}
	f.fail("CreateUser", params{"Username": "bob"}, "MissingPrimaryOrganizationalUnitId", http.StatusBadRequest)
	f.fail("CreateUser", params{"Username": "bob", "PrimaryOrganizationalUnitId": "ou_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.OrganizationalUnit", http.StatusNotFound)
	f.fail("GetUser", params{"UserId": "user_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.User", http.StatusNotFound)

	// ClientToken makes CreateUser idempotent.
	p := params{"Username": "carol", "PrimaryOrganizationalUnitId": f.rootOU, "ClientToken": "token-1"}
	first := f.ok("CreateUser", p)["UserId"]
	if again := f.ok("CreateUser", p)["UserId"]; again != first {
		t.Errorf("CreateUser with the same ClientToken made %v and %v", first, again)
	}
}

func TestEiamListUsersPagination(t *testing.T) {
	f := newEiamFixture(t)
	var all []string
	for i := 0; i < 7; i++ {
		all = append(all, f.createUser(fmt.Sprintf("user%d", i)))
	}
	f.createUser("admin")

	var paged []string
	for page := 1; page <= 3; page++ {
		out := f.ok("ListUsers", params{"UsernameStartsWith": "user", "PageNumber": fmt.Sprint(page), "PageSize": "3"})
		if num(out, "TotalCount") != 7 {
			t.Errorf("TotalCount %v", out["TotalCount"])
		}
		paged = append(paged, ids(out["Users"], "UserId")...)
	}
	if !slices.Equal(paged, all) {
		t.Errorf("PageNumber pages %v, want %v", paged, all)
	}

	paged = nil
	token := ""
	for range 10 {
		out := f.ok("ListUsers", params{"UsernameStartsWith": "user", "MaxResults": "3", "NextToken": token})
		paged = append(paged, ids(out["Users"], "UserId")...)
		if num(out, "MaxResults") != 3 || num(out, "TotalCount") != 7 {
			t.Errorf("token page: %v", out)
		}
		if token = str(out, "NextToken"); token == "" {
			break
		}
	}
	if !slices.Equal(paged, all) {
		t.Errorf("NextToken pages %v, want %v", paged, all)
	}

	u := f.ok("ListUsers", params{"UserIds.1": all[2], "UserIds.2": all[5]})
	if got := ids(u["Users"], "Username"); !slices.Equal(got, []string{"user2", "user5"}) {
		t.Errorf("ListUsers by UserIds: %v", got)
	}
	item := asObj(items(u, "Users")[0])
	for _, k := range []string{"UserId", "Username", "DisplayName", "Email", "Status", "UserSourceType", "InstanceId", "UserExternalId"} {
		if _, ok := item[k]; !ok {
			t.Errorf("a ListUsers item lacks %s", k)
		}
	}
	wantEpochMillis(t, item, "CreateTime")
	if got := f.ok("ListUsers", params{"UsernameStartsWith": "admin"}); num(got, "TotalCount") != 1 || ids(got["Users"], "Username")[0] != "admin" {
		t.Errorf("UsernameStartsWith admin: %v", got)
	}
	f.fail("ListUsers", params{"NextToken": "bm9wZQ"}, "InvalidParameter.NextToken", 400)
	f.fail("ListUsers", params{"MaxResults": "101"}, "InvalidParameter.MaxResults", 400)
	f.fail("ListUsers", params{"PageSize": "0"}, "InvalidParameter.PageSize", 400)
}

func TestEiamGroupsAndAuthorization(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("app", emulator.RoleSSOTemplateIDInternational)
	alice, bob := f.createUser("alice"), f.createUser("bob")
	group := str(f.ok("CreateGroup", params{"GroupName": "admins", "Description": "administrators"}), "GroupId")
	if !eiamIDRe("group").MatchString(group) {
		t.Errorf("GroupId %q", group)
	}
	f.ok("CreateGroup", params{"GroupName": "auditors"})
	f.fail("CreateGroup", params{"GroupName": "admins"}, "EntityAlreadyExists.Group", http.StatusConflict)
	f.fail("CreateGroup", params{"GroupName": strings.Repeat("g", 65)}, "InvalidParameter.GroupName", 400)
	f.fail("CreateGroup", nil, "MissingGroupName", 400)

	groups := f.ok("ListGroups", params{"GroupNameStartsWith": "adm"})
	if num(groups, "TotalCount") != 1 || ids(groups["Groups"], "GroupId")[0] != group || str(items(groups, "Groups")[0], "GroupExternalId") != group {
		t.Errorf("ListGroups: %v", groups)
	}
	if all := f.ok("ListGroups", params{"PageSize": "1", "PageNumber": "2"}); num(all, "TotalCount") != 2 || ids(all["Groups"], "GroupName")[0] != "auditors" {
		t.Errorf("ListGroups page 2: %v", all)
	}

	f.ok("AddUsersToGroup", params{"GroupId": group, "UserIds.1": bob})
	if g := items(field(f.ok("GetUser", params{"UserId": bob}), "User"), "Groups"); len(g) != 1 || str(g[0], "GroupName") != "admins" {
		t.Errorf("bob's groups: %v", g)
	}
	f.ok("AddUsersToGroup", params{"GroupId": group, "UserIds.1": alice})
	f.ok("RemoveUsersFromGroup", params{"GroupId": group, "UserIds.1": alice})
	if g := items(field(f.ok("GetUser", params{"UserId": alice}), "User"), "Groups"); len(g) != 0 {
		t.Errorf("alice's groups after RemoveUsersFromGroup: %v", g)
	}
	f.fail("RemoveUsersFromGroup", params{"GroupId": group}, "MissingUserIds", 400)
	f.fail("ListGroups", params{"PageSize": "500"}, "InvalidParameter.PageSize", 400)
	f.fail("AddUsersToGroup", params{"GroupId": group, "UserIds.1": "user_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.User", 404)
	f.fail("AddUsersToGroup", params{"GroupId": "group_aaaaaaaaaaaaaaaaaaaaaaaaaa", "UserIds.1": bob}, "EntityNotExists.Group", 404)

	f.ok("AuthorizeApplicationToUsers", params{"ApplicationId": app, "UserIds.1": alice})
	f.ok("AuthorizeApplicationToUsers", params{"ApplicationId": app, "UserIds.1": alice}) // idempotent
	f.ok("AuthorizeApplicationToGroups", params{"ApplicationId": app, "GroupIds.1": group})
	users := f.ok("ListUsersForApplication", params{"ApplicationId": app})
	if got := ids(users["Users"], "UserId"); !slices.Equal(got, []string{alice}) || num(users, "TotalCount") != 1 {
		t.Errorf("ListUsersForApplication: %v", users)
	}
	if roles, ok := asObj(items(users, "Users")[0])["ApplicationRoles"].([]any); !ok || len(roles) != 0 {
		t.Errorf("ApplicationRoles: %v", users)
	}
	f.ok("RevokeApplicationFromUsers", params{"ApplicationId": app, "UserIds.1": alice})
	f.ok("RevokeApplicationFromGroups", params{"ApplicationId": app, "GroupIds.1": group})
	if users = f.ok("ListUsersForApplication", params{"ApplicationId": app}); num(users, "TotalCount") != 0 {
		t.Errorf("after revoking: %v", users)
	}

	f.fail("AuthorizeApplicationToUsers", params{"ApplicationId": app, "UserIds.1": "user_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.User", 404)
	f.fail("AuthorizeApplicationToGroups", params{"ApplicationId": app, "GroupIds.1": "group_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.Group", 404)
	f.fail("AuthorizeApplicationToUsers", with(manyIDs("UserIds", 101), "ApplicationId", app), "InvalidParameter.UserIds", 400)
	f.fail("AuthorizeApplicationToUsers", params{"ApplicationId": app}, "MissingUserIds", 400)
	f.fail("AuthorizeApplicationToUsers", params{"ApplicationId": app, "UserIds.1": alice, "ApplicationRoleId": "app_role_x"}, "EntityNotExists.ApplicationRole", 404)
	f.fail("RevokeApplicationFromUsers", params{"ApplicationId": "app_aaaaaaaaaaaaaaaaaaaaaaaaaa", "UserIds.1": alice}, "EntityNotExists.Application", 404)
}

func TestEiamApplicationAccounts(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("app", emulator.RoleSSOTemplateIDInternational)
	alice, bob := f.createUser("alice"), f.createUser("bob")
	a1 := f.addAccount(app, alice, "sso-admin")
	a2 := f.addAccount(app, alice, "sso-readonly")
	// Not idempotent: the same pair again is a new account.
	a3 := f.addAccount(app, alice, "sso-admin")
	b1 := f.addAccount(app, bob, "sso-readonly")
	b2 := f.addAccount(app, bob, "billing")
	for _, id := range []string{a1, a2, a3, b1, b2} {
		if !eiamIDRe("aac").MatchString(id) {
			t.Errorf("ApplicationAccountId %q", id)
		}
	}
	if a3 == a1 {
		t.Error("a repeated AddApplicationAccountToUser answered the same account")
	}

	mine := f.ok("ListApplicationAccountsForUser", params{"ApplicationId": app, "UserId": alice})
	if got := ids(mine["ApplicationAccounts"], "ApplicationAccountId"); !slices.Equal(got, []string{a1, a2, a3}) || num(mine, "TotalCount") != 3 {
		t.Errorf("alice's accounts: %v", mine)
	}
	acc := asObj(items(mine, "ApplicationAccounts")[1])
	if acc["ApplicationUsername"] != "sso-readonly" || acc["UserId"] != alice || acc["ApplicationId"] != app || acc["InstanceId"] != f.instanceID {
		t.Errorf("account: %v", acc)
	}
	wantEpochMillis(t, acc, "CreateTime")

	var paged []string
	for page := 1; page <= 3; page++ {
		out := f.ok("ListApplicationAccounts", params{"ApplicationId": app, "PageNumber": fmt.Sprint(page), "PageSize": "2"})
		if num(out, "TotalCount") != 5 {
			t.Errorf("TotalCount %v", out["TotalCount"])
		}
		paged = append(paged, ids(out["ApplicationAccounts"], "ApplicationAccountId")...)
	}
	if !slices.Equal(paged, []string{a1, a2, a3, b1, b2}) {
		t.Errorf("pages: %v", paged)
	}

	f.ok("RemoveApplicationAccountFromUser", params{"ApplicationId": app, "UserId": alice, "ApplicationAccountId": a3})
	f.fail("RemoveApplicationAccountFromUser", params{"ApplicationId": app, "UserId": alice, "ApplicationAccountId": a3}, "EntityNotExists.ApplicationAccount", 404)
	f.fail("RemoveApplicationAccountFromUser", params{"ApplicationId": app, "UserId": alice, "ApplicationAccountId": b1}, "EntityNotExists.ApplicationAccount", 404)
	f.fail("AddApplicationAccountToUser", params{"ApplicationId": app, "UserId": alice, "ApplicationUsername": "bad\nname"}, "InvalidParameter.ApplicationUsername", 400)
	f.fail("AddApplicationAccountToUser", params{"ApplicationId": app, "UserId": alice, "ApplicationUsername": strings.Repeat("n", 257)}, "InvalidParameter.ApplicationUsername", 400)
	f.fail("AddApplicationAccountToUser", params{"ApplicationId": app, "UserId": alice}, "MissingApplicationUsername", 400)
	f.fail("AddApplicationAccountToUser", params{"ApplicationId": app, "UserId": "user_aaaaaaaaaaaaaaaaaaaaaaaaaa", "ApplicationUsername": "x"}, "EntityNotExists.User", 404)
	f.fail("ListApplicationAccountsForUser", params{"ApplicationId": app, "UserId": "user_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.User", 404)
	f.fail("ListApplicationAccounts", params{"ApplicationId": "app_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.Application", 404)

	// Deleting the application deletes its accounts.
	f.ok("DeleteApplication", params{"ApplicationId": app})
	if strings.Contains(controlState(t, f), a1) {
		t.Error("the accounts of a deleted application remain")
	}
}

// controlState returns the state JSON of the control API.
func controlState(t testing.TB, f *eiamFixture) string {
	t.Helper()
	status, body := httpGet(t, f.srv.URL()+emulator.ControlPrefix+"state", nil)
	if status != http.StatusOK {
		t.Fatalf("state: HTTP %d", status)
	}
	return body
}

// TestEiamGroupLifecycle covers GetGroup, UpdateGroup,
// UpdateGroupDescription, ListUsersForGroup and DeleteGroup, with the
// field names of the sdk:eiam models.
func TestEiamGroupLifecycle(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("app", emulator.RoleSSOTemplateIDInternational)
	alice := f.createUser("alice")
	group := str(f.ok("CreateGroup", params{"GroupName": "admins", "GroupExternalId": "sso-admin"}), "GroupId")
	f.ok("CreateGroup", params{"GroupName": "auditors"})
	f.fail("CreateGroup", params{"GroupName": "long", "GroupExternalId": strings.Repeat("x", 65)}, "InvalidParameter.GroupExternalId", 400)

	got := field(f.ok("GetGroup", params{"GroupId": group}), "Group")
	if str(got, "GroupName") != "admins" || str(got, "GroupExternalId") != "sso-admin" || str(got, "GroupSourceType") == "" || num(got, "CreateTime") == 0 {
		t.Errorf("GetGroup: %v", got)
	}
	f.ok("UpdateGroup", params{"GroupId": group, "GroupName": "administrators", "GroupExternalId": "sso-administrator"})
	f.fail("UpdateGroup", params{"GroupId": group, "GroupName": "auditors"}, "EntityAlreadyExists.Group", http.StatusConflict)
	f.ok("UpdateGroupDescription", params{"GroupId": group, "Description": "the admins"})
	got = field(f.ok("GetGroup", params{"GroupId": group}), "Group")
	if str(got, "GroupName") != "administrators" || str(got, "GroupExternalId") != "sso-administrator" || str(got, "Description") != "the admins" {
		t.Errorf("GetGroup after updates: %v", got)
	}

	f.ok("AddUsersToGroup", params{"GroupId": group, "UserIds.1": alice})
	members := f.ok("ListUsersForGroup", params{"GroupId": group})
	if num(members, "TotalCount") != 1 || ids(members["Users"], "UserId")[0] != alice {
		t.Errorf("ListUsersForGroup: %v", members)
	}
	f.ok("AuthorizeApplicationToGroups", params{"ApplicationId": app, "GroupIds.1": group})
	f.ok("DeleteGroup", params{"GroupId": group})
	f.fail("GetGroup", params{"GroupId": group}, "EntityNotExists.Group", 404)
	f.fail("DeleteGroup", params{"GroupId": group}, "EntityNotExists.Group", 404)
	f.fail("ListUsersForGroup", params{"GroupId": group}, "EntityNotExists.Group", 404)
	if groups := f.ok("ListGroupsForApplication", params{"ApplicationId": app}); num(groups, "TotalCount") != 0 {
		t.Errorf("ListGroupsForApplication after DeleteGroup: %v", groups)
	}
	if g := items(field(f.ok("GetUser", params{"UserId": alice}), "User"), "Groups"); len(g) != 0 {
		t.Errorf("alice's groups after DeleteGroup: %v", g)
	}
}
