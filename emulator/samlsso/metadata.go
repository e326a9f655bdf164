// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso

import (
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/beevik/etree"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// NameIDFormatUnspecified is the NameID format IdP-initiated responses use
// by default.
const NameIDFormatUnspecified = facts.NameIDFormatUnspecified

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
	ed.CreateAttr("xmlns:md", facts.MetadataNamespace)
	ed.CreateAttr("entityID", entityID)
	idp := ed.CreateElement("md:IDPSSODescriptor")
	idp.CreateAttr("WantAuthnRequestsSigned", "false")
	idp.CreateAttr("protocolSupportEnumeration", facts.ProtocolNamespace)
	kd := idp.CreateElement("md:KeyDescriptor")
	kd.CreateAttr("use", "signing")
	keyInfo := kd.CreateElement("ds:KeyInfo")
	keyInfo.CreateAttr("xmlns:ds", facts.XMLDSigNamespace)
	keyInfo.CreateElement("ds:X509Data").CreateElement("ds:X509Certificate").SetText(base64.StdEncoding.EncodeToString(key.cert.Raw))
	for _, f := range facts.NameIDFormats {
		idp.CreateElement("md:NameIDFormat").SetText(f)
	}
	for _, binding := range []string{facts.BindingHTTPRedirect, facts.BindingHTTPPost} {
		sso := idp.CreateElement("md:SingleSignOnService")
		sso.CreateAttr("Binding", binding)
		sso.CreateAttr("Location", ssoURL)
	}
	doc.Indent(2)
	return doc.WriteToBytes()
}

// Metadata is what RAM reads from a SAML provider's metadata: the IdP's
// entity ID and its signing certificates.
type Metadata struct {
	EntityID     string
	Certificates []*x509.Certificate
	// SSOServices are the SingleSignOnService endpoints, which RAM does not
	// use (it is the IdP that starts the sign-in).
	SSOServices []Endpoint
}

// Endpoint is a SingleSignOnService of the metadata.
type Endpoint struct {
	Binding, Location string
}

// maxMetadataSize bounds the metadata ParseMetadata reads; RAM's own limit
// is UNCONFIRMED (FACTS.md, "Not known").
const maxMetadataSize = 1 << 20

// ParseMetadata reads SAML 2.0 IdP metadata as RAM accepts it for
// CreateSAMLProvider (FACTS.md, "SAML metadata"): an EntityDescriptor of
// the metadata namespace (or an EntitiesDescriptor, whose first
// EntityDescriptor with an IDPSSODescriptor counts) with an entityID, and
// an IDPSSODescriptor with at least one X.509 certificate in a
// KeyDescriptor whose use is "signing" or unset. The error says what is
// missing, as MalformedSAMLMetadata would.
func ParseMetadata(raw []byte) (*Metadata, error) {
	if len(raw) > maxMetadataSize {
		return nil, fmt.Errorf("the metadata has %d bytes, more than %d", len(raw), maxMetadataSize)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return nil, fmt.Errorf("the metadata is not XML: %v", err)
	}
	root := doc.Root()
	if root == nil || root.NamespaceURI() != facts.MetadataNamespace {
		return nil, errors.New("the root element is not a SAML 2.0 metadata EntityDescriptor")
	}
	ed := root
	switch root.Tag {
	case "EntityDescriptor":
	case "EntitiesDescriptor":
		ed = nil
		for _, e := range childrenNS(root, facts.MetadataNamespace, "EntityDescriptor") {
			if len(childrenNS(e, facts.MetadataNamespace, "IDPSSODescriptor")) > 0 {
				ed = e
				break
			}
		}
		if ed == nil {
			return nil, errors.New("the EntitiesDescriptor has no EntityDescriptor with an IDPSSODescriptor")
		}
	default:
		return nil, errors.New("the root element is not a SAML 2.0 metadata EntityDescriptor")
	}
	md := &Metadata{EntityID: strings.TrimSpace(ed.SelectAttrValue("entityID", ""))}
	if md.EntityID == "" {
		return nil, errors.New("the EntityDescriptor has no entityID")
	}
	idps := childrenNS(ed, facts.MetadataNamespace, "IDPSSODescriptor")
	if len(idps) == 0 {
		return nil, errors.New("the EntityDescriptor has no IDPSSODescriptor")
	}
	for _, idp := range idps {
		for _, sso := range childrenNS(idp, facts.MetadataNamespace, "SingleSignOnService") {
			md.SSOServices = append(md.SSOServices, Endpoint{Binding: sso.SelectAttrValue("Binding", ""), Location: sso.SelectAttrValue("Location", "")})
		}
		for _, kd := range childrenNS(idp, facts.MetadataNamespace, "KeyDescriptor") {
			if use := kd.SelectAttrValue("use", ""); use != "" && use != "signing" {
				continue
			}
			for _, ki := range childrenNS(kd, facts.XMLDSigNamespace, "KeyInfo") {
				for _, data := range childrenNS(ki, facts.XMLDSigNamespace, "X509Data") {
					for _, c := range childrenNS(data, facts.XMLDSigNamespace, "X509Certificate") {
						der, err := base64.StdEncoding.DecodeString(stripSpace(c.Text()))
						if err != nil {
							return nil, errors.New("an X509Certificate is not Base64")
						}
						cert, err := x509.ParseCertificate(der)
						if err != nil {
							return nil, fmt.Errorf("an X509Certificate does not parse: %v", err)
						}
						md.Certificates = append(md.Certificates, cert)
					}
				}
			}
		}
	}
	if len(md.Certificates) == 0 {
		return nil, errors.New("the IDPSSODescriptor has no signing certificate")
	}
	return md, nil
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, s)
}
