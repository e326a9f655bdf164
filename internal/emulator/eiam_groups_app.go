// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

// ListGroupsForApplication: the groups authorized to use an application
// (alibaba-api.md §3.4). Request: InstanceId, ApplicationId, PageNumber,
// PageSize, GroupIds (a filter, at most 100). Answer: TotalCount and
// Groups [{GroupId}], as the SDK model ListGroupsForApplicationResponseBody
// has them. Like ListUsersForApplication, an ApplicationRoleId names no
// role here.

func (s *Server) eiamListGroupsForApplication(c *call) (obj, error) {
	return s.listAuthorized(c, authorizedList{
		filter: "GroupIds", noun: "group", key: "Groups",
		ids:  func(a *eiamApplication) []string { return a.AuthorizedGroupIDs },
		item: func(id string) obj { return obj{"GroupId": id} },
	})
}
