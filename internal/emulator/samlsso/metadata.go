// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso

import (
	"encoding/base64"
	"errors"
	"net/url"

	"github.com/beevik/etree"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// NameIDFormatUnspecified is the NameID format IdP-initiated responses use
// by default.
const NameIDFormatUnspecified = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"

// nameIDFormats are the formats IDaaS offers (SetApplicationSsoConfig).
var nameIDFormats = []string{
	NameIDFormatUnspecified,
	"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
}

// IdPMetadata returns SAML 2.0 IdP metadata: an EntityDescriptor with an
// IDPSSODescriptor holding the key's certificate for signing, the NameID
// formats and SingleSignOnService endpoints for the HTTP-Redirect and
// HTTP-POST bindings at ssoURL.
func IdPMetadata(entityID, ssoURL string, key *Key) ([]byte, error) {
	switch {
	case entityID == "":
		return nil, errors.New("samlsso: the IdP metadata needs an entity ID")
	case key == nil:
		return nil, errors.New("samlsso: the IdP metadata needs a signing key")
	}
	if u, err := url.Parse(ssoURL); err != nil || !u.IsAbs() || u.Host == "" {
		return nil, errors.New("samlsso: the SSO URL must be an absolute URL")
	}
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	ed := doc.CreateElement("md:EntityDescriptor")
	ed.CreateAttr("xmlns:md", rolesso.MetadataNamespace)
	ed.CreateAttr("entityID", entityID)
	idp := ed.CreateElement("md:IDPSSODescriptor")
	idp.CreateAttr("WantAuthnRequestsSigned", "false")
	idp.CreateAttr("protocolSupportEnumeration", rolesso.ProtocolNamespace)
	kd := idp.CreateElement("md:KeyDescriptor")
	kd.CreateAttr("use", "signing")
	keyInfo := kd.CreateElement("ds:KeyInfo")
	keyInfo.CreateAttr("xmlns:ds", rolesso.XMLDSigNamespace)
	keyInfo.CreateElement("ds:X509Data").CreateElement("ds:X509Certificate").SetText(base64.StdEncoding.EncodeToString(key.cert.Raw))
	for _, f := range nameIDFormats {
		idp.CreateElement("md:NameIDFormat").SetText(f)
	}
	for _, binding := range []string{rolesso.BindingHTTPRedirect, rolesso.BindingHTTPPost} {
		sso := idp.CreateElement("md:SingleSignOnService")
		sso.CreateAttr("Binding", binding)
		sso.CreateAttr("Location", ssoURL)
	}
	doc.Indent(2)
	return doc.WriteToBytes()
}
