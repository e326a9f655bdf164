// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"slices"
)

// ListGroupsForApplication: the groups authorized to use an application
// (alibaba-api.md §3.4). Request: InstanceId, ApplicationId, PageNumber,
// PageSize, GroupIds (a filter, at most 100). Answer: TotalCount and
// Groups [{GroupId}], as the SDK model ListGroupsForApplicationResponseBody
// has them. Like ListUsersForApplication, an ApplicationRoleId names no
// role here.

func (s *Server) eiamListGroupsForApplication(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	if role := c.optional("ApplicationRoleId"); role != "" {
		return nil, errEiamNotExists("ApplicationRole", role)
	}
	filter := c.list("GroupIds")
	if len(filter) > maxIDsPerCall {
		return nil, errEiamInvalidParam("GroupIds", fmt.Sprintf("at most %d group IDs are allowed in one call.", maxIDsPerCall))
	}
	var matched []string
	for _, id := range a.AuthorizedGroupIDs {
		if len(filter) == 0 || slices.Contains(filter, id) {
			matched = append(matched, id)
		}
	}
	return obj{"TotalCount": len(matched), "Groups": listOf(pageOf(matched, number, size), func(id string) obj {
		return obj{"GroupId": id}
	})}, nil
}
