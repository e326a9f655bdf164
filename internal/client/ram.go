// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// RAM is the part of the RAM API (Ram 2015-05-01) the provider uses: roles
// and their policy attachments.
type RAM interface {
	// CreateRole creates a role. It is not idempotent: after an ambiguous
	// failure it looks for the role before it sends the call again, and
	// adopts a role it finds only if it has the trust policy, description
	// and maximum session duration that were sent. Otherwise the role
	// belongs to someone else, and the error is EntityAlreadyExists.Role.
	CreateRole(ctx context.Context, in CreateRoleInput) (*Role, error)
	// GetRole returns the role with the given name, or an error for which
	// IsNotFound is true.
	GetRole(ctx context.Context, name string) (*Role, error)
	// UpdateRole changes the fields of in that are not nil.
	UpdateRole(ctx context.Context, in UpdateRoleInput) (*Role, error)
	// DeleteRole deletes a role; RAM refuses while policies are attached
	// (DeleteConflict.Role.Policy).
	DeleteRole(ctx context.Context, name string) error
	// ListRoles returns every role of the account, across all pages. List
	// items have no trust policy: RAM leaves it out.
	ListRoles(ctx context.Context) ([]Role, error)
	// AttachPolicyToRole attaches a policy. It is not idempotent on the
	// wire: RAM answers EntityAlreadyExists.Role.Policy when the policy is
	// attached already. After an ambiguous failure it sends the call again
	// and takes that answer as success, since the first attempt attached it.
	AttachPolicyToRole(ctx context.Context, a PolicyAttachment) error
	// DetachPolicyFromRole detaches a policy; like AttachPolicyToRole, it
	// takes EntityNotExist.Role.Policy after an ambiguous failure as
	// success. Without one, that answer is an error for which IsNotFound is
	// true.
	DetachPolicyFromRole(ctx context.Context, a PolicyAttachment) error
	// ListPoliciesForRole returns the policies attached to a role.
	ListPoliciesForRole(ctx context.Context, roleName string) ([]AttachedPolicy, error)
	// GetPolicy returns a policy, or an error for which IsNotFound is true.
	GetPolicy(ctx context.Context, policyType, name string) (*Policy, error)
}

// Role is a RAM role.
type Role struct {
	RoleName string
	RoleID   string
	ARN      string
	// Description is "" when the role has none.
	Description string
	// AssumeRolePolicyDocument is the trust policy; ListRoles leaves it
	// empty.
	AssumeRolePolicyDocument string
	MaxSessionDuration       int64
	// CreateDate and UpdateDate are ISO 8601 UTC times, e.g.
	// "2015-01-23T12:33:18Z". CreateRole answers with no UpdateDate.
	CreateDate string
	UpdateDate string
}

// CreateRoleInput is what CreateRole sends.
type CreateRoleInput struct {
	RoleName                 string
	AssumeRolePolicyDocument string
	// Description is not sent when empty.
	Description string
	// MaxSessionDuration is in seconds; 0 leaves RAM's default (3600).
	MaxSessionDuration int64
}

// UpdateRoleInput is what UpdateRole sends; nil fields stay as they are.
type UpdateRoleInput struct {
	RoleName                    string
	NewAssumeRolePolicyDocument *string
	// NewDescription has 1 to 1024 characters: RAM cannot clear a
	// description, and the SDK leaves an empty one out.
	NewDescription        *string
	NewMaxSessionDuration *int64
}

// Policy types of RAM permission policies.
const (
	PolicyTypeSystem = "System"
	PolicyTypeCustom = "Custom"
)

// PolicyTypes returns the valid policy types, for validators and docs.
func PolicyTypes() []string { return []string{PolicyTypeSystem, PolicyTypeCustom} }

// PolicyAttachment names a policy attached, or to attach, to a role.
type PolicyAttachment struct {
	RoleName   string
	PolicyType string // PolicyTypeSystem or PolicyTypeCustom.
	PolicyName string
}

// AttachedPolicy is a policy as ListPoliciesForRole reports it.
type AttachedPolicy struct {
	PolicyName     string
	PolicyType     string
	Description    string
	DefaultVersion string
	// AttachDate is an ISO 8601 UTC time.
	AttachDate string
}

// Policy is a RAM permission policy, without its document.
type Policy struct {
	PolicyName      string
	PolicyType      string
	Description     string
	DefaultVersion  string
	AttachmentCount int
	CreateDate      string
	UpdateDate      string
}

// Error codes of RAM that callers act on (FACTS.md).
const (
	CodeRoleAlreadyExists        = "EntityAlreadyExists.Role"
	CodeRoleNotExist             = "EntityNotExist.Role"
	CodeDeleteConflictRolePolicy = "DeleteConflict.Role.Policy"
	CodePolicyNotExist           = "EntityNotExist.Policy"
	CodeMalformedPolicyDocument  = "MalformedPolicyDocument"
	// CodeRolePolicyAlreadyExists and CodeRolePolicyNotExist are seen in
	// client code only, not in the docs (FACTS.md).
	CodeRolePolicyAlreadyExists = "EntityAlreadyExists.Role.Policy"
	CodeRolePolicyNotExist      = "EntityNotExist.Role.Policy"
)

// listRolesPageSize is the MaxItems of ListRoles: its maximum (1–1000,
// FACTS.md).
const listRolesPageSize = 1000

// adoptionRounds bounds how often CreateRole looks for a role and sends the
// call again after an ambiguous failure, when the context has no deadline.
const adoptionRounds = 10

type ramClient struct{ c *Client }

func (r ramClient) CreateRole(ctx context.Context, in CreateRoleInput) (*Role, error) {
	role, err := r.createRole(ctx, in)
	if err == nil || !IsAmbiguous(err) {
		return role, err
	}
	// The call may have created the role. Look before creating it again; a
	// new role may be invisible to GetRole for a while, in which case
	// CreateRole answers EntityAlreadyExists.Role and we look again.
	firstErr := err
	for n := 1; n <= adoptionRounds; n++ {
		existing, getErr := r.GetRole(ctx, in.RoleName)
		switch {
		case getErr == nil:
			if sameRoleAsSent(existing, in) {
				return existing, nil
			}
			return nil, fmt.Errorf("%w; a role named %q exists but differs from the one sent (its trust policy, description or maximum session duration), so it was not created by this call", firstErr, in.RoleName)
		case !IsNotFound(getErr):
			return nil, firstErr
		}
		role, err = r.createRole(ctx, in)
		if err == nil {
			return role, nil
		}
		if ErrorCode(err) != CodeRoleAlreadyExists {
			return nil, err
		}
		if r.c.clk.Sleep(ctx, backoff(r.c.clk, n)) != nil {
			return nil, err
		}
	}
	return nil, err
}

// sameRoleAsSent reports whether an existing role is the one in would
// create: the answer to "did our ambiguous CreateRole create it?".
func sameRoleAsSent(existing *Role, in CreateRoleInput) bool {
	same, err := rolesso.EquivalentTrustPolicies(existing.AssumeRolePolicyDocument, in.AssumeRolePolicyDocument)
	if err != nil || !same || existing.Description != in.Description {
		return false
	}
	return in.MaxSessionDuration == 0 || existing.MaxSessionDuration == in.MaxSessionDuration
}

func (r ramClient) createRole(ctx context.Context, in CreateRoleInput) (*Role, error) {
	req := ram.CreateCreateRoleRequest()
	req.RoleName = in.RoleName
	req.AssumeRolePolicyDocument = in.AssumeRolePolicyDocument
	req.Description = in.Description
	if in.MaxSessionDuration != 0 {
		req.MaxSessionDuration = requests.NewInteger64(in.MaxSessionDuration)
	}
	resp := ram.CreateCreateRoleResponse()
	if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "CreateRole"}, req, resp); err != nil {
		return nil, err
	}
	return roleFromSDK(resp.Role), nil
}

func (r ramClient) GetRole(ctx context.Context, name string) (*Role, error) {
	req := ram.CreateGetRoleRequest()
	req.RoleName = name
	resp := ram.CreateGetRoleResponse()
	if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "GetRole", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	return roleFromSDK(resp.Role), nil
}

// UpdateRole sends the new values. Setting a value is idempotent, so the
// call may be sent again after an ambiguous failure.
func (r ramClient) UpdateRole(ctx context.Context, in UpdateRoleInput) (*Role, error) {
	req := ram.CreateUpdateRoleRequest()
	req.RoleName = in.RoleName
	if in.NewAssumeRolePolicyDocument != nil {
		req.NewAssumeRolePolicyDocument = *in.NewAssumeRolePolicyDocument
	}
	if in.NewDescription != nil {
		req.NewDescription = *in.NewDescription
	}
	if in.NewMaxSessionDuration != nil {
		req.NewMaxSessionDuration = requests.NewInteger64(*in.NewMaxSessionDuration)
	}
	resp := ram.CreateUpdateRoleResponse()
	if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "UpdateRole", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	return roleFromSDK(resp.Role), nil
}

// DeleteRole may be sent again after an ambiguous failure: a role deleted
// by the first attempt then answers EntityNotExist.Role, which callers take
// as done.
func (r ramClient) DeleteRole(ctx context.Context, name string) error {
	req := ram.CreateDeleteRoleRequest()
	req.RoleName = name
	return r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "DeleteRole", idempotent: true}, req, ram.CreateDeleteRoleResponse())
}

func (r ramClient) ListRoles(ctx context.Context) ([]Role, error) {
	var roles []Role
	marker := ""
	for {
		req := ram.CreateListRolesRequest()
		req.Marker = marker
		req.MaxItems = requests.NewInteger(listRolesPageSize)
		resp := ram.CreateListRolesResponse()
		if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "ListRoles", idempotent: true}, req, resp); err != nil {
			return nil, err
		}
		for _, role := range resp.Roles.Role {
			roles = append(roles, *roleFromSDK(role))
		}
		if !resp.IsTruncated || resp.Marker == "" || resp.Marker == marker {
			return roles, nil
		}
		marker = resp.Marker
	}
}

func (r ramClient) AttachPolicyToRole(ctx context.Context, a PolicyAttachment) error {
	return sendOnceMore(CodeRolePolicyAlreadyExists, func() error {
		req := ram.CreateAttachPolicyToRoleRequest()
		req.RoleName, req.PolicyType, req.PolicyName = a.RoleName, a.PolicyType, a.PolicyName
		return r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "AttachPolicyToRole"}, req, ram.CreateAttachPolicyToRoleResponse())
	})
}

func (r ramClient) DetachPolicyFromRole(ctx context.Context, a PolicyAttachment) error {
	return sendOnceMore(CodeRolePolicyNotExist, func() error {
		req := ram.CreateDetachPolicyFromRoleRequest()
		req.RoleName, req.PolicyType, req.PolicyName = a.RoleName, a.PolicyType, a.PolicyName
		return r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "DetachPolicyFromRole"}, req, ram.CreateDetachPolicyFromRoleResponse())
	})
}

// sendOnceMore sends a call that is not idempotent on the wire. After an
// ambiguous failure it sends it once more, and then doneCode (the answer
// meaning that the first attempt did the work) is success.
func sendOnceMore(doneCode string, send func() error) error {
	err := send()
	if err == nil || !IsAmbiguous(err) {
		return err
	}
	if err = send(); ErrorCode(err) == doneCode {
		return nil
	}
	return err
}

func (r ramClient) ListPoliciesForRole(ctx context.Context, roleName string) ([]AttachedPolicy, error) {
	req := ram.CreateListPoliciesForRoleRequest()
	req.RoleName = roleName
	resp := ram.CreateListPoliciesForRoleResponse()
	if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "ListPoliciesForRole", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	out := make([]AttachedPolicy, 0, len(resp.Policies.Policy))
	for _, p := range resp.Policies.Policy {
		out = append(out, AttachedPolicy{
			PolicyName:     p.PolicyName,
			PolicyType:     p.PolicyType,
			Description:    p.Description,
			DefaultVersion: p.DefaultVersion,
			AttachDate:     p.AttachDate,
		})
	}
	return out, nil
}

func (r ramClient) GetPolicy(ctx context.Context, policyType, name string) (*Policy, error) {
	req := ram.CreateGetPolicyRequest()
	req.PolicyType = policyType
	req.PolicyName = name
	resp := ram.CreateGetPolicyResponse()
	if err := r.c.invokeSDK(ctx, call{svc: serviceRAM, action: "GetPolicy", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	p := resp.Policy
	return &Policy{
		PolicyName:      p.PolicyName,
		PolicyType:      p.PolicyType,
		Description:     p.Description,
		DefaultVersion:  p.DefaultVersion,
		AttachmentCount: p.AttachmentCount,
		CreateDate:      p.CreateDate,
		UpdateDate:      p.UpdateDate,
	}, nil
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
