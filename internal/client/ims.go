// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
)

// IMS is the part of the IMS API (Ims 2019-08-15) the provider uses: SAML
// providers, which are not part of the RAM API.
type IMS interface {
	// GetSAMLProvider returns the SAML provider with the given name, or an
	// error for which IsNotFound is true.
	GetSAMLProvider(ctx context.Context, name string) (*SAMLProvider, error)
}

// SAMLProvider is a RAM SAML identity provider.
type SAMLProvider struct {
	SAMLProviderName string
	ARN              string
	Description      string
	// EncodedSAMLMetadataDocument is the Base64 of the IdP metadata XML; the
	// API may return it line-wrapped.
	EncodedSAMLMetadataDocument string
	// CreateDate and UpdateDate are ISO 8601 UTC times.
	CreateDate string
	UpdateDate string
}

type imsClient struct{ c *Client }

func (i imsClient) GetSAMLProvider(ctx context.Context, name string) (*SAMLProvider, error) {
	req := ims.CreateGetSAMLProviderRequest()
	req.SAMLProviderName = name
	resp := ims.CreateGetSAMLProviderResponse()
	if err := i.c.invokeSDK(ctx, call{svc: serviceIMS, action: "GetSAMLProvider", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	p := resp.SAMLProvider
	return &SAMLProvider{
		SAMLProviderName:            p.SAMLProviderName,
		ARN:                         p.Arn,
		Description:                 p.Description,
		EncodedSAMLMetadataDocument: p.EncodedSAMLMetadataDocument,
		CreateDate:                  p.CreateDate,
		UpdateDate:                  p.UpdateDate,
	}, nil
}
