// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The validation rules the emulator enforces, each mapped to its API error.
// The rules themselves live in internal/rolesso, shared with the provider;
// this file only turns them into the codes the services answer with.

// checkRoleName applies the RAM role-name rule.
func checkRoleName(name string) *APIError {
	if utf8.RuneCountInString(name) > rolesso.RoleNameMaxLength {
		return errRoleNameLength()
	}
	if rolesso.ValidateRoleName(name) != nil {
		return errRoleNameChars()
	}
	return nil
}

// checkSAMLProviderName applies the SAML provider name rule.
func checkSAMLProviderName(name string) *APIError {
	if utf8.RuneCountInString(name) > rolesso.SAMLProviderNameMaxLength {
		return errSAMLProviderNameLength()
	}
	if rolesso.ValidateSAMLProviderName(name) != nil {
		return errSAMLProviderNameChars()
	}
	return nil
}

// sameName is how RAM compares role and SAML provider names: without
// regard to case.
func sameName(a, b string) bool { return rolesso.SameRoleName(a, b) }

// checkLength reports whether s has between min and max characters.
func checkLength(s string, min, max int) bool {
	n := utf8.RuneCountInString(s)
	return n >= min && n <= max
}

// samlMetadata is what the emulator needs from IdP metadata.
type samlMetadata struct {
	EntityID     string
	Certificates []*x509.Certificate
}

// parseEncodedSAMLMetadata decodes Base64 IdP metadata (whitespace, such
// as line breaks, is ignored) and checks it is a SAML 2.0 EntityDescriptor
// with an entityID and an IDPSSODescriptor holding at least one X.509
// signing certificate.
//
// TODO(rolesso): use rolesso.ParseMetadata once it is committed; this
// minimal parser checks the same shape.
func parseEncodedSAMLMetadata(encoded string) (*samlMetadata, error) {
	raw, err := base64.StdEncoding.DecodeString(stripSpace(encoded))
	if err != nil {
		return nil, errors.New("it is not Base64")
	}
	var doc struct {
		XMLName  xml.Name
		EntityID string `xml:"entityID,attr"`
		IDP      []struct {
			Keys []struct {
				Use  string `xml:"use,attr"`
				Cert string `xml:"KeyInfo>X509Data>X509Certificate"`
			} `xml:"KeyDescriptor"`
		} `xml:"IDPSSODescriptor"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("it is not well-formed XML: %v", err)
	}
	if doc.XMLName.Space != samlMetadataNamespace || doc.XMLName.Local != "EntityDescriptor" {
		return nil, fmt.Errorf("its root element is not a SAML 2.0 md:EntityDescriptor")
	}
	if doc.EntityID == "" {
		return nil, errors.New("the EntityDescriptor has no entityID")
	}
	if len(doc.IDP) == 0 {
		return nil, errors.New("it has no IDPSSODescriptor")
	}
	md := &samlMetadata{EntityID: doc.EntityID}
	for _, idp := range doc.IDP {
		for _, k := range idp.Keys {
			if k.Use != "" && k.Use != "signing" {
				continue
			}
			der, err := base64.StdEncoding.DecodeString(stripSpace(k.Cert))
			if err != nil {
				return nil, errors.New("an X509Certificate is not Base64")
			}
			if b, _ := pem.Decode(der); b != nil {
				der = b.Bytes
			}
			cert, err := x509.ParseCertificate(der)
			if err != nil {
				return nil, fmt.Errorf("an X509Certificate does not parse: %v", err)
			}
			md.Certificates = append(md.Certificates, cert)
		}
	}
	if len(md.Certificates) == 0 {
		return nil, errors.New("the IDPSSODescriptor has no signing certificate")
	}
	return md, nil
}

// wrapBase64 re-encodes metadata Base64 in lines of 76 characters, the way
// GetSAMLProvider is inferred to return it: the alicloud provider strips
// "\n" before comparing (alibaba-api.md §1.1). The line length is
// UNCONFIRMED (76 is the MIME line length).
func wrapBase64(encoded string) string {
	s := stripSpace(encoded)
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76])
		b.WriteByte('\n')
		s = s[76:]
	}
	b.WriteString(s)
	return b.String()
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

// samlMetadataNamespace is the SAML 2.0 metadata XML namespace.
const samlMetadataNamespace = "urn:oasis:names:tc:SAML:2.0:metadata"
