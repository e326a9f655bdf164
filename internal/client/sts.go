// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
)

// STS is the part of the STS API (Sts 2015-04-01) the provider uses.
type STS interface {
	// GetCallerIdentity returns the identity the client calls as.
	GetCallerIdentity(ctx context.Context) (*CallerIdentity, error)
}

// CallerIdentity is an identity as STS GetCallerIdentity describes it.
type CallerIdentity struct {
	AccountID string
	ARN       string
	// IdentityType is "Account", "RAMUser" or "AssumedRoleUser".
	IdentityType string
	PrincipalID  string
	UserID       string
	RoleID       string
}

type stsClient struct{ c *Client }

func (s stsClient) GetCallerIdentity(ctx context.Context) (*CallerIdentity, error) {
	req := sts.CreateGetCallerIdentityRequest()
	resp := sts.CreateGetCallerIdentityResponse()
	err := s.c.invokeSDK(ctx, call{svc: serviceSTS, action: "GetCallerIdentity", idempotent: true}, req, resp)
	if err != nil {
		return nil, err
	}
	return &CallerIdentity{
		AccountID:    resp.AccountId,
		ARN:          resp.Arn,
		IdentityType: resp.IdentityType,
		PrincipalID:  resp.PrincipalId,
		UserID:       resp.UserId,
		RoleID:       resp.RoleId,
	}, nil
}

// assumeRole gets credentials of a role with the base credentials.
func (c *Client) assumeRole(ctx context.Context, base credentialSource, ar AssumeRole) (credential, error) {
	req := sts.CreateAssumeRoleRequest()
	req.RoleArn = ar.RoleARN
	req.RoleSessionName = ar.SessionName
	req.DurationSeconds = requests.NewInteger(ar.SessionDuration)
	req.ExternalId = ar.ExternalID
	req.Policy = ar.Policy
	resp := sts.CreateAssumeRoleResponse()
	cl := call{svc: serviceSTS, action: "AssumeRole", idempotent: true, creds: base}
	if err := c.invokeSDK(ctx, cl, req, resp); err != nil {
		return credential{}, fmt.Errorf("assuming role %s: %w", ar.RoleARN, err)
	}
	return stsCredential(resp.Credentials)
}

// assumeRoleWithOIDC gets credentials of a role with an OIDC token.
func (c *Client) assumeRoleWithOIDC(ctx context.Context, o OIDCRole, token string) (credential, error) {
	params := url.Values{
		"RoleArn":         {o.RoleARN},
		"OIDCProviderArn": {o.OIDCProviderARN},
		"OIDCToken":       {token},
		"RoleSessionName": {o.SessionName},
		"DurationSeconds": {strconv.Itoa(o.SessionDuration)},
	}
	if o.Policy != "" {
		params.Set("Policy", o.Policy)
	}
	var resp struct{ Credentials sts.Credentials }
	cl := call{svc: serviceSTS, action: "AssumeRoleWithOIDC", idempotent: true}
	if err := c.invokeAnonymous(ctx, cl, params, &resp); err != nil {
		return credential{}, fmt.Errorf("assuming role %s with an OIDC token: %w", o.RoleARN, err)
	}
	return stsCredential(resp.Credentials)
}

// stsCredential converts the credentials in an STS response.
func stsCredential(creds sts.Credentials) (credential, error) {
	if creds.AccessKeyId == "" || creds.AccessKeySecret == "" || creds.SecurityToken == "" {
		return credential{}, fmt.Errorf("the STS response holds no complete credentials")
	}
	expiration, err := time.Parse(time.RFC3339, creds.Expiration)
	if err != nil {
		return credential{}, fmt.Errorf("the STS credentials have an unreadable expiration %q: %w", creds.Expiration, err)
	}
	return credential{
		id:         creds.AccessKeyId,
		secret:     creds.AccessKeySecret,
		token:      creds.SecurityToken,
		expiration: expiration,
	}, nil
}
