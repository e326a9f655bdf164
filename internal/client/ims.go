// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// IMS is the part of the IMS API (Ims 2019-08-15) the provider uses: SAML
// providers, which are not part of the RAM API.
type IMS interface {
	// CreateSAMLProvider creates a SAML provider. The call is not
	// idempotent: after a failure whose outcome is unknown it looks for
	// the provider, adopts it when it holds what was sent, and sends the
	// call again only when the provider is not there.
	CreateSAMLProvider(ctx context.Context, in CreateSAMLProviderInput) (*SAMLProvider, error)
	// GetSAMLProvider returns the SAML provider with the given name, or an
	// error for which IsNotFound is true.
	GetSAMLProvider(ctx context.Context, name string) (*SAMLProvider, error)
	// UpdateSAMLProvider changes the description, the metadata or both. At
	// least one must be set: the API cannot clear a description.
	UpdateSAMLProvider(ctx context.Context, in UpdateSAMLProviderInput) (*SAMLProvider, error)
	// DeleteSAMLProvider deletes the SAML provider with the given name, or
	// returns an error for which IsNotFound is true.
	DeleteSAMLProvider(ctx context.Context, name string) error
	// ListSAMLProviders returns every SAML provider of the account, across
	// all pages, without their metadata.
	ListSAMLProviders(ctx context.Context) ([]SAMLProvider, error)
}

// SAMLProvider is a RAM SAML identity provider.
type SAMLProvider struct {
	SAMLProviderName string
	ARN              string
	Description      string
	// EncodedSAMLMetadataDocument is the Base64 of the IdP metadata XML; the
	// API may return it line-wrapped. Only GetSAMLProvider returns it.
	EncodedSAMLMetadataDocument string
	// CreateDate and UpdateDate are ISO 8601 UTC times.
	CreateDate string
	UpdateDate string
}

// CreateSAMLProviderInput is what CreateSAMLProvider sends.
type CreateSAMLProviderInput struct {
	Name        string
	Description string
	// EncodedSAMLMetadataDocument is the Base64 of the IdP metadata XML
	// (rolesso.EncodeMetadata).
	EncodedSAMLMetadataDocument string
}

// UpdateSAMLProviderInput is what UpdateSAMLProvider sends; empty fields
// are left as they are.
type UpdateSAMLProviderInput struct {
	Name                           string
	NewDescription                 string
	NewEncodedSAMLMetadataDocument string
}

// CodeSAMLProviderExists is the error code of creating a SAML provider
// whose name is taken. UNCONFIRMED (FACTS.md): it follows the
// EntityAlreadyExists.<Entity> pattern of RAM.
const CodeSAMLProviderExists = "EntityAlreadyExists.SAMLProvider"

// samlProviderPageSize is MaxItems of ListSAMLProviders, the API's maximum.
const samlProviderPageSize = 100

// metadataParam is the parameter of the metadata in Create and Update
// calls. The SDK puts it in the query string; it goes in the form body
// instead, where a document of many kilobytes cannot overflow a URL limit.
// The signature covers both.
const (
	metadataParam    = "EncodedSAMLMetadataDocument"
	newMetadataParam = "NewEncodedSAMLMetadataDocument"
)

type imsClient struct{ c *Client }

func (i imsClient) CreateSAMLProvider(ctx context.Context, in CreateSAMLProviderInput) (*SAMLProvider, error) {
	for n := 1; ; n++ {
		p, err := i.createSAMLProvider(ctx, in)
		switch {
		case err == nil:
			return p, nil
		case n > 1 && ErrorCode(err) == CodeSAMLProviderExists:
			// An earlier attempt whose outcome was unknown may have
			// created it, and it has become visible only now.
			return i.adoptSAMLProvider(ctx, in, err)
		case !IsAmbiguous(err):
			return nil, err
		}
		existing, getErr := i.GetSAMLProvider(ctx, in.Name)
		switch {
		case getErr == nil:
			return adoptedSAMLProvider(existing, in, err)
		case !IsNotFound(getErr) || n > i.c.maxRetries:
			return nil, err
		}
		// The attempt did not take effect: send it again.
		if i.c.clk.Sleep(ctx, backoff(i.c.clk, n)) != nil {
			return nil, err
		}
	}
}

func (i imsClient) createSAMLProvider(ctx context.Context, in CreateSAMLProviderInput) (*SAMLProvider, error) {
	req := ims.CreateCreateSAMLProviderRequest()
	req.SAMLProviderName = in.Name
	req.Description = in.Description
	req.FormParams[metadataParam] = in.EncodedSAMLMetadataDocument
	resp := ims.CreateCreateSAMLProviderResponse()
	if err := i.c.invokeSDK(ctx, call{svc: serviceIMS, action: "CreateSAMLProvider"}, req, resp); err != nil {
		return nil, err
	}
	return samlProviderFromSDK(resp.SAMLProvider), nil
}

// adoptSAMLProvider reads the provider that createErr says exists and
// adopts it if it holds what in sends.
func (i imsClient) adoptSAMLProvider(ctx context.Context, in CreateSAMLProviderInput, createErr error) (*SAMLProvider, error) {
	existing, err := i.GetSAMLProvider(ctx, in.Name)
	if err != nil {
		return nil, createErr
	}
	return adoptedSAMLProvider(existing, in, createErr)
}

// adoptedSAMLProvider returns existing when it holds the metadata (by
// meaning, see rolesso.SameMetadata) and the description of in: then it is
// the one an attempt whose outcome was unknown created. Otherwise someone
// else owns it, and it is an error.
func adoptedSAMLProvider(existing *SAMLProvider, in CreateSAMLProviderInput, createErr error) (*SAMLProvider, error) {
	same, err := rolesso.SameMetadata(existing.EncodedSAMLMetadataDocument, in.EncodedSAMLMetadataDocument)
	if err == nil && same && existing.Description == in.Description {
		return existing, nil
	}
	return nil, fmt.Errorf("%s CreateSAMLProvider: SAML provider %q exists, with other metadata or another description than this call sent, "+
		"after an attempt whose outcome is unknown (%v); it was not adopted, because something else may own it. "+
		"Import it, or choose another name", serviceIMS.product, in.Name, createErr)
}

func (i imsClient) GetSAMLProvider(ctx context.Context, name string) (*SAMLProvider, error) {
	req := ims.CreateGetSAMLProviderRequest()
	req.SAMLProviderName = name
	resp := ims.CreateGetSAMLProviderResponse()
	if err := i.c.invokeSDK(ctx, call{svc: serviceIMS, action: "GetSAMLProvider", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	return samlProviderFromSDK(resp.SAMLProvider), nil
}

func (i imsClient) UpdateSAMLProvider(ctx context.Context, in UpdateSAMLProviderInput) (*SAMLProvider, error) {
	if in.NewDescription == "" && in.NewEncodedSAMLMetadataDocument == "" {
		return nil, fmt.Errorf("%s UpdateSAMLProvider: SAML provider %q: nothing to change; set a new description or new metadata", serviceIMS.product, in.Name)
	}
	req := ims.CreateUpdateSAMLProviderRequest()
	req.SAMLProviderName = in.Name
	req.NewDescription = in.NewDescription
	if in.NewEncodedSAMLMetadataDocument != "" {
		req.FormParams[newMetadataParam] = in.NewEncodedSAMLMetadataDocument
	}
	resp := ims.CreateUpdateSAMLProviderResponse()
	// Setting the same values again has the same effect: idempotent.
	if err := i.c.invokeSDK(ctx, call{svc: serviceIMS, action: "UpdateSAMLProvider", idempotent: true}, req, resp); err != nil {
		return nil, err
	}
	return samlProviderFromSDK(resp.SAMLProvider), nil
}

func (i imsClient) DeleteSAMLProvider(ctx context.Context, name string) error {
	req := ims.CreateDeleteSAMLProviderRequest()
	req.SAMLProviderName = name
	resp := ims.CreateDeleteSAMLProviderResponse()
	// A repeated delete answers not found, which callers treat as done.
	return i.c.invokeSDK(ctx, call{svc: serviceIMS, action: "DeleteSAMLProvider", idempotent: true}, req, resp)
}

func (i imsClient) ListSAMLProviders(ctx context.Context) ([]SAMLProvider, error) {
	var out []SAMLProvider
	marker := ""
	for {
		req := ims.CreateListSAMLProvidersRequest()
		req.Marker = marker
		req.MaxItems = requests.NewInteger(samlProviderPageSize)
		resp := ims.CreateListSAMLProvidersResponse()
		if err := i.c.invokeSDK(ctx, call{svc: serviceIMS, action: "ListSAMLProviders", idempotent: true}, req, resp); err != nil {
			return nil, err
		}
		for _, p := range resp.SAMLProviders.SAMLProvider {
			out = append(out, *samlProviderFromSDK(p))
		}
		if !resp.IsTruncated {
			return out, nil
		}
		if resp.Marker == "" || resp.Marker == marker {
			return nil, fmt.Errorf("%s ListSAMLProviders: the answer is truncated but gives no new Marker (%q)", serviceIMS.product, resp.Marker)
		}
		marker = resp.Marker
	}
}

func samlProviderFromSDK(p ims.SAMLProvider) *SAMLProvider {
	return &SAMLProvider{
		SAMLProviderName:            p.SAMLProviderName,
		ARN:                         p.Arn,
		Description:                 p.Description,
		EncodedSAMLMetadataDocument: p.EncodedSAMLMetadataDocument,
		CreateDate:                  p.CreateDate,
		UpdateDate:                  p.UpdateDate,
	}
}
