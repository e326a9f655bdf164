// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"maps"
	"slices"
)

// EIAMGroups is the group part of the IDaaS directory (Eiam 2021-12-01,
// FACTS.md "IDaaS directory"): groups, their external IDs and members.
type EIAMGroups interface {
	// CreateGroup creates a group and returns its ID. Group names are
	// unique in an instance, so after an ambiguous failure it looks the
	// group up by name and adopts it instead of sending the call again.
	CreateGroup(ctx context.Context, in GroupInput) (string, error)
	// GetGroup returns a group, or an error for which IsNotFound is true.
	GetGroup(ctx context.Context, instanceID, groupID string) (*Group, error)
	// FindGroupByName returns the group of the instance named name, or an
	// error for which IsNotFound is true.
	FindGroupByName(ctx context.Context, instanceID, name string) (*Group, error)
	// ListGroups returns every group of the instance, across all pages.
	ListGroups(ctx context.Context, instanceID string) ([]Group, error)
	// UpdateGroup sets a group's name and external ID.
	UpdateGroup(ctx context.Context, instanceID, groupID, name, externalID string) error
	// UpdateGroupDescription sets a group's description.
	UpdateGroupDescription(ctx context.Context, instanceID, groupID, description string) error
	// DeleteGroup deletes a group.
	DeleteGroup(ctx context.Context, instanceID, groupID string) error
	// ListUsersForGroup returns the IDs of a group's members, across all
	// pages.
	ListUsersForGroup(ctx context.Context, instanceID, groupID string) ([]string, error)
	// AddUsersToGroup and RemoveUsersFromGroup change the members, in calls
	// of at most MaxIDsPerAuthorizationCall IDs. They set a state, so they
	// are sent again after an ambiguous failure.
	AddUsersToGroup(ctx context.Context, instanceID, groupID string, userIDs []string) error
	RemoveUsersFromGroup(ctx context.Context, instanceID, groupID string, userIDs []string) error
}

// Group is an IDaaS group.
type Group struct {
	InstanceID      string
	GroupID         string `json:"GroupId"`
	GroupName       string
	GroupExternalID string `json:"GroupExternalId"`
	Description     string
	GroupSourceType string
	// CreateTime and UpdateTime are in Unix epoch milliseconds.
	CreateTime int64
	UpdateTime int64
}

// GroupInput is what CreateGroup sends. An empty ExternalID or
// Description is not sent: IDaaS then uses the group ID as the external
// ID (sdk:eiam CreateGroupRequest).
type GroupInput struct {
	InstanceID  string
	Name        string
	ExternalID  string
	Description string
}

// MaxGroupExternalIDLength is the longest group external ID (sdk:eiam
// CreateGroupRequest).
const MaxGroupExternalIDLength = 64

func groupParams(instanceID, groupID string) map[string]string {
	return map[string]string{"InstanceId": instanceID, "GroupId": groupID}
}

func (e eiamClient) CreateGroup(ctx context.Context, in GroupInput) (string, error) {
	params := map[string]string{"InstanceId": in.InstanceID, "GroupName": in.Name}
	if in.ExternalID != "" {
		params["GroupExternalId"] = in.ExternalID
	}
	if in.Description != "" {
		params["Description"] = in.Description
	}
	var out struct {
		GroupID string `json:"GroupId"`
	}
	err := e.c.invokeEIAM(ctx, call{action: "CreateGroup"}, params, &out)
	if IsAmbiguous(err) {
		if g, lookErr := e.FindGroupByName(ctx, in.InstanceID, in.Name); lookErr == nil {
			return g.GroupID, nil
		}
		return "", fmt.Errorf("%w; it may have created group %q: look for it in the IDaaS console, then import or delete it", err, in.Name)
	}
	if err != nil {
		return "", err
	}
	if out.GroupID == "" {
		return "", fmt.Errorf("%s CreateGroup: the answer has no GroupId", serviceEIAM.product)
	}
	return out.GroupID, nil
}

func (e eiamClient) GetGroup(ctx context.Context, instanceID, groupID string) (*Group, error) {
	var out struct{ Group Group }
	if err := e.c.invokeEIAM(ctx, call{action: "GetGroup", idempotent: true}, groupParams(instanceID, groupID), &out); err != nil {
		return nil, err
	}
	return &out.Group, nil
}

func (e eiamClient) ListGroups(ctx context.Context, instanceID string) ([]Group, error) {
	return e.listGroups(ctx, map[string]string{"InstanceId": instanceID})
}

// listGroups returns the groups ListGroups answers to filter, across all
// pages.
func (e eiamClient) listGroups(ctx context.Context, filter map[string]string) ([]Group, error) {
	return collectEIAMPages(func(params map[string]string) ([]Group, int64, error) {
		maps.Copy(params, filter)
		var out struct {
			TotalCount int64
			Groups     []Group
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListGroups", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		return out.Groups, out.TotalCount, nil
	})
}

func (e eiamClient) FindGroupByName(ctx context.Context, instanceID, name string) (*Group, error) {
	groups, err := e.listGroups(ctx, map[string]string{"InstanceId": instanceID, "GroupName": name})
	if err != nil {
		return nil, err
	}
	// The filter's exactness is not documented: compare the names here.
	if i := slices.IndexFunc(groups, func(g Group) bool { return g.GroupName == name }); i >= 0 {
		return &groups[i], nil
	}
	return nil, &NotFoundError{Object: "group", ID: name}
}

func (e eiamClient) UpdateGroup(ctx context.Context, instanceID, groupID, name, externalID string) error {
	params := groupParams(instanceID, groupID)
	params["GroupName"], params["GroupExternalId"] = name, externalID
	return e.c.invokeEIAM(ctx, call{action: "UpdateGroup", idempotent: true}, params, &struct{}{})
}

func (e eiamClient) UpdateGroupDescription(ctx context.Context, instanceID, groupID, description string) error {
	params := groupParams(instanceID, groupID)
	params["Description"] = description
	return e.c.invokeEIAM(ctx, call{action: "UpdateGroupDescription", idempotent: true}, params, &struct{}{})
}

func (e eiamClient) DeleteGroup(ctx context.Context, instanceID, groupID string) error {
	return e.c.invokeEIAM(ctx, call{action: "DeleteGroup", idempotent: true}, groupParams(instanceID, groupID), &struct{}{})
}

func (e eiamClient) ListUsersForGroup(ctx context.Context, instanceID, groupID string) ([]string, error) {
	return collectEIAMPages(func(params map[string]string) ([]string, int64, error) {
		maps.Copy(params, groupParams(instanceID, groupID))
		var out struct {
			TotalCount int64
			Users      []struct {
				UserID string `json:"UserId"`
			}
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListUsersForGroup", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		ids := make([]string, 0, len(out.Users))
		for _, u := range out.Users {
			ids = append(ids, u.UserID)
		}
		return ids, out.TotalCount, nil
	})
}

func (e eiamClient) AddUsersToGroup(ctx context.Context, instanceID, groupID string, userIDs []string) error {
	return e.changeMembers(ctx, "AddUsersToGroup", instanceID, groupID, userIDs)
}

func (e eiamClient) RemoveUsersFromGroup(ctx context.Context, instanceID, groupID string, userIDs []string) error {
	return e.changeMembers(ctx, "RemoveUsersFromGroup", instanceID, groupID, userIDs)
}

func (e eiamClient) changeMembers(ctx context.Context, action, instanceID, groupID string, userIDs []string) error {
	return e.sendIDsInChunks(ctx, action, groupParams(instanceID, groupID), "UserIds", userIDs)
}
