// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
)

func TestEiamListGroupsForApplication(t *testing.T) {
	f := newEiamFixture(t)
	app := f.createApp("app", emulator.RoleSSOTemplateIDInternational)
	var groups []string
	for _, name := range []string{"admins", "auditors", "billing"} {
		groups = append(groups, str(f.ok("CreateGroup", params{"GroupName": name}), "GroupId"))
	}
	if got := f.ok("ListGroupsForApplication", params{"ApplicationId": app}); num(got, "TotalCount") != 0 || len(items(got, "Groups")) != 0 {
		t.Errorf("before any grant: %v", got)
	}
	f.ok("AuthorizeApplicationToGroups", params{"ApplicationId": app, "GroupIds.1": groups[0], "GroupIds.2": groups[2]})

	all := f.ok("ListGroupsForApplication", params{"ApplicationId": app})
	if got := ids(all["Groups"], "GroupId"); !slices.Equal(got, []string{groups[0], groups[2]}) || num(all, "TotalCount") != 2 {
		t.Errorf("ListGroupsForApplication: %v", all)
	}
	page2 := f.ok("ListGroupsForApplication", params{"ApplicationId": app, "PageSize": "1", "PageNumber": "2"})
	if got := ids(page2["Groups"], "GroupId"); !slices.Equal(got, []string{groups[2]}) || num(page2, "TotalCount") != 2 {
		t.Errorf("page 2 of 1: %v", page2)
	}
	filtered := f.ok("ListGroupsForApplication", params{"ApplicationId": app, "GroupIds.1": groups[2], "GroupIds.2": groups[1]})
	if got := ids(filtered["Groups"], "GroupId"); !slices.Equal(got, []string{groups[2]}) {
		t.Errorf("filtered by GroupIds: %v", filtered)
	}

	// A group's members are not listed: only the groups themselves.
	alice := f.createUser("alice")
	f.ok("AddUsersToGroup", params{"GroupId": groups[0], "UserIds.1": alice})
	if users := f.ok("ListUsersForApplication", params{"ApplicationId": app}); num(users, "TotalCount") != 0 {
		t.Errorf("ListUsersForApplication lists a group member: %v", users)
	}

	f.ok("RevokeApplicationFromGroups", params{"ApplicationId": app, "GroupIds.1": groups[0]})
	if got := ids(f.ok("ListGroupsForApplication", params{"ApplicationId": app})["Groups"], "GroupId"); !slices.Equal(got, []string{groups[2]}) {
		t.Errorf("after revoking %s: %v", groups[0], got)
	}

	f.fail("ListGroupsForApplication", params{"ApplicationId": "app_aaaaaaaaaaaaaaaaaaaaaaaaaa"}, "EntityNotExists.Application", http.StatusNotFound)
	f.fail("ListGroupsForApplication", params{}, "MissingApplicationId", http.StatusBadRequest)
	f.fail("ListGroupsForApplication", params{"ApplicationId": app, "PageSize": "101"}, "InvalidParameter.PageSize", http.StatusBadRequest)
	f.fail("ListGroupsForApplication", with(manyIDs("GroupIds", 101), "ApplicationId", app), "InvalidParameter.GroupIds", http.StatusBadRequest)
	f.fail("ListGroupsForApplication", params{"ApplicationId": app, "ApplicationRoleId": "app_role_x"}, "EntityNotExists.ApplicationRole", http.StatusNotFound)
}
