// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// newCertDER returns a self-signed certificate. ECDSA keeps the tests fast;
// the metadata parser does not care about the key type.
func newCertDER(t testing.TB, cn string, notBefore, notAfter time.Time) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Example"}},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// metadataXML builds IdP metadata in the shape IDaaS serves.
type metadataXML struct {
	EntityID   string
	ValidUntil string
	Certs      [][]byte // Signing certificates.
	EncCerts   [][]byte // Encryption-only certificates.
	SSO        [][2]string
}

func (m metadataXML) String() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"`)
	if m.EntityID != "" {
		fmt.Fprintf(&b, ` entityID=%q`, m.EntityID)
	}
	if m.ValidUntil != "" {
		fmt.Fprintf(&b, ` validUntil=%q`, m.ValidUntil)
	}
	b.WriteString(">\n  <md:IDPSSODescriptor WantAuthnRequestsSigned=\"false\" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n")
	key := func(use string, der []byte) {
		fmt.Fprintf(&b, "    <md:KeyDescriptor%s><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>\n%s\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n", use, wrap(base64.StdEncoding.EncodeToString(der), 64))
	}
	for _, c := range m.Certs {
		key(` use="signing"`, c)
	}
	for _, c := range m.EncCerts {
		key(` use="encryption"`, c)
	}
	b.WriteString("    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>\n")
	for _, s := range m.SSO {
		fmt.Fprintf(&b, "    <md:SingleSignOnService Binding=%q Location=%q/>\n", s[0], s[1])
	}
	b.WriteString("  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n")
	return b.String()
}

func wrap(s string, width int) string {
	var lines []string
	for len(s) > width {
		lines = append(lines, s[:width])
		s = s[width:]
	}
	return strings.Join(append(lines, s), "\n")
}
