// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
)

// RAM is the part of the RAM API (Ram 2015-05-01) the provider uses: roles
// and their policy attachments.
type RAM interface {
	// GetRole returns the role with the given name, or an error for which
	// IsNotFound is true.
	GetRole(ctx context.Context, name string) (*Role, error)
}

// Role is a RAM role.
type Role struct {
	RoleName                 string
	RoleID                   string
	ARN                      string
	Description              string
	AssumeRolePolicyDocument string
	MaxSessionDuration       int64
	// CreateDate and UpdateDate are ISO 8601 UTC times, e.g.
	// "2015-01-23T12:33:18Z".
	CreateDate string
	UpdateDate string
}

type ramClient struct{ c *Client }

func (r ramClient) GetRole(ctx context.Context, name string) (*Role, error) {
	req := ram.CreateGetRoleRequest()
	req.RoleName = name
	resp := ram.CreateGetRoleResponse()
	if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "GetRole", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	return roleFromSDK(resp.Role), nil
}

func roleFromSDK(r ram.Role) *Role {
	return &Role{
		RoleName:                 r.RoleName,
		RoleID:                   r.RoleId,
		ARN:                      r.Arn,
		Description:              r.Description,
		AssumeRolePolicyDocument: r.AssumeRolePolicyDocument,
		MaxSessionDuration:       r.MaxSessionDuration,
		CreateDate:               r.CreateDate,
		UpdateDate:               r.UpdateDate,
	}
}
