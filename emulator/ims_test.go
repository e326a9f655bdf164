// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

func TestSAMLProviderLifecycle(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	metadata := testMetadata(t, "https://idp.example.com/meta")

	create := at(srv, ims.CreateCreateSAMLProviderRequest())
	create.SAMLProviderName = "idaas"
	create.EncodedSAMLMetadataDocument = metadata
	create.Description = "IDaaS role SSO"
	created, err := c.ims.CreateSAMLProvider(create)
	mustOK(t, err)
	p := created.SAMLProvider
	if p.Arn != "acs:ram::"+acct+":saml-provider/idaas" || p.SAMLProviderName != "idaas" || p.Description != "IDaaS role SSO" ||
		!isoRe.MatchString(p.CreateDate) || !isoRe.MatchString(p.UpdateDate) || p.EncodedSAMLMetadataDocument != "" {
		t.Errorf("CreateSAMLProvider: %+v", p)
	}
	_, err = c.ims.CreateSAMLProvider(create)
	wantAPIError(t, err, "EntityAlreadyExists.SAMLProvider", 409)

	get := at(srv, ims.CreateGetSAMLProviderRequest())
	get.SAMLProviderName = "idaas"
	got, err := c.ims.GetSAMLProvider(get)
	mustOK(t, err)
	doc := got.SAMLProvider.EncodedSAMLMetadataDocument
	lines := strings.Split(doc, "\n")
	if len(lines) < 2 || len(lines[0]) != 76 {
		t.Errorf("metadata is not wrapped at 76 characters: %q", doc[:min(len(doc), 100)])
	}
	if strings.ReplaceAll(doc, "\n", "") != metadata {
		t.Error("metadata without line breaks differs from what was uploaded")
	}

	update := at(srv, ims.CreateUpdateSAMLProviderRequest())
	update.SAMLProviderName = "idaas"
	update.NewDescription = "new"
	update.NewEncodedSAMLMetadataDocument = testMetadata(t, "https://idp.example.com/other")
	updated, err := c.ims.UpdateSAMLProvider(update)
	mustOK(t, err)
	if updated.SAMLProvider.Description != "new" {
		t.Errorf("UpdateSAMLProvider: %+v", updated.SAMLProvider)
	}
	got, err = c.ims.GetSAMLProvider(get)
	mustOK(t, err)
	xml, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(got.SAMLProvider.EncodedSAMLMetadataDocument, "\n", ""))
	if !strings.Contains(string(xml), "https://idp.example.com/other") {
		t.Error("metadata not updated")
	}

	del := at(srv, ims.CreateDeleteSAMLProviderRequest())
	del.SAMLProviderName = "IDAAS" // names compare without regard to case
	_, err = c.ims.DeleteSAMLProvider(del)
	mustOK(t, err)
	_, err = c.ims.GetSAMLProvider(get)
	wantAPIError(t, err, "EntityNotExist.SAMLProvider", 404)
	_, err = c.ims.DeleteSAMLProvider(del)
	wantAPIError(t, err, "EntityNotExist.SAMLProvider", 404)
	_, err = c.ims.UpdateSAMLProvider(update)
	wantAPIError(t, err, "EntityNotExist.SAMLProvider", 404)
}

func TestSAMLProviderValidation(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	good := testMetadata(t, "https://idp.example.com/meta")
	notMetadata := base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0"?><root/>`))
	noCert := base64.StdEncoding.EncodeToString([]byte(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor/></md:EntityDescriptor>`))
	noEntityID := base64.StdEncoding.EncodeToString([]byte(strings.Replace(testMetadataXML(t, "x"), `entityID="x"`, "", 1)))
	tests := []struct {
		name, provider, metadata, desc, code string
	}{
		{"missing name", "", good, "", "MissingSAMLProviderName"},
		{"missing metadata", "p", "", "", "MissingEncodedSAMLMetadataDocument"},
		{"name too long", strings.Repeat("a", 129), good, "", "InvalidParameter.SAMLProviderName.Length"},
		{"name starts with dot", ".idaas", good, "", "InvalidParameter.SAMLProviderName.InvalidChars"},
		{"name ends with underscore", "idaas_", good, "", "InvalidParameter.SAMLProviderName.InvalidChars"},
		{"name with space", "id aas", good, "", "InvalidParameter.SAMLProviderName.InvalidChars"},
		{"metadata not Base64", "p", "%%%", "", "InvalidParameter.EncodedSAMLMetadataDocument"},
		{"metadata not SAML", "p", notMetadata, "", "InvalidParameter.EncodedSAMLMetadataDocument"},
		{"metadata without certificate", "p", noCert, "", "InvalidParameter.EncodedSAMLMetadataDocument"},
		{"metadata without entityID", "p", noEntityID, "", "InvalidParameter.EncodedSAMLMetadataDocument"},
		{"description too long", "p", good, strings.Repeat("d", 257), "InvalidParameter.Description.Length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := at(srv, ims.CreateCreateSAMLProviderRequest())
			req.SAMLProviderName = tt.provider
			req.EncodedSAMLMetadataDocument = tt.metadata
			req.Description = tt.desc
			_, err := c.ims.CreateSAMLProvider(req)
			wantAPIError(t, err, tt.code, 400)
		})
	}
	// Valid edge names are accepted.
	for _, name := range []string{"a", "a.b-c_d", strings.Repeat("x", 128)} {
		createSAMLProvider(t, srv, c, name)
	}
	// Update needs something to change.
	req := at(srv, ims.CreateUpdateSAMLProviderRequest())
	req.SAMLProviderName = "a"
	_, err := c.ims.UpdateSAMLProvider(req)
	wantAPIError(t, err, "MissingNewEncodedSAMLMetadataDocument", 400)
}

func TestListSAMLProvidersPagination(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	for i := range 7 {
		createSAMLProvider(t, srv, c, fmt.Sprintf("p%d", i))
	}
	var names []string
	marker := ""
	for range 10 {
		req := at(srv, ims.CreateListSAMLProvidersRequest())
		req.MaxItems = requests.NewInteger(3)
		req.Marker = marker
		resp, err := c.ims.ListSAMLProviders(req)
		mustOK(t, err)
		for _, p := range resp.SAMLProviders.SAMLProvider {
			names = append(names, p.SAMLProviderName)
			if p.EncodedSAMLMetadataDocument != "" || p.Arn == "" {
				t.Errorf("list item: %+v", p)
			}
		}
		if !resp.IsTruncated {
			break
		}
		marker = resp.Marker
	}
	if got := strings.Join(names, ","); got != "p0,p1,p2,p3,p4,p5,p6" {
		t.Errorf("listed %s", got)
	}
	req := at(srv, ims.CreateListSAMLProvidersRequest())
	req.MaxItems = requests.NewInteger(101)
	_, err := c.ims.ListSAMLProviders(req)
	wantAPIError(t, err, "InvalidParameter", 400)
}

func TestOIDCProviders(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	create := at(srv, ims.CreateCreateOIDCProviderRequest())
	create.OIDCProviderName = "github"
	create.IssuerUrl = "https://token.actions.githubusercontent.com"
	create.Fingerprints = "6938fd4d98bab03faadb97b34396831e3780aea1"
	create.ClientIds = "sts.aliyuncs.com"
	created, err := c.ims.CreateOIDCProvider(create)
	mustOK(t, err)
	if created.OIDCProvider.Arn != "acs:ram::"+acct+":oidc-provider/github" || created.OIDCProvider.ClientIds != "sts.aliyuncs.com" {
		t.Errorf("CreateOIDCProvider: %+v", created.OIDCProvider)
	}
	_, err = c.ims.CreateOIDCProvider(create)
	wantAPIError(t, err, "EntityAlreadyExists.OIDCProvider", 409)
	get := at(srv, ims.CreateGetOIDCProviderRequest())
	get.OIDCProviderName = "github"
	got, err := c.ims.GetOIDCProvider(get)
	mustOK(t, err)
	if got.OIDCProvider.IssuerUrl != create.IssuerUrl {
		t.Errorf("GetOIDCProvider: %+v", got.OIDCProvider)
	}
	list, err := c.ims.ListOIDCProviders(at(srv, ims.CreateListOIDCProvidersRequest()))
	mustOK(t, err)
	if len(list.OIDCProviders.OIDCProvider) != 1 {
		t.Errorf("ListOIDCProviders: %+v", list.OIDCProviders)
	}
	del := at(srv, ims.CreateDeleteOIDCProviderRequest())
	del.OIDCProviderName = "github"
	_, err = c.ims.DeleteOIDCProvider(del)
	mustOK(t, err)
	_, err = c.ims.GetOIDCProvider(get)
	wantAPIError(t, err, "EntityNotExist.OIDCProvider", 404)
}
