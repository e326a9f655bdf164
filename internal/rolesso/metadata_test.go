// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	t0          = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	entityID    = "https://l1seshcn.aliyunidaas.com/api/v2/app_abc/saml2/meta"
	redirectSSO = [2]string{rolesso.BindingHTTPRedirect, "https://l1seshcn.aliyunidaas.com/login/app/app_abc/saml2/sso"}
	postSSO     = [2]string{rolesso.BindingHTTPPost, "https://l1seshcn.aliyunidaas.com/login/app/app_abc/saml2/sso"}
)

func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// ignoreX509 leaves the parsed certificate out of comparisons; the other
// fields are derived from it and compared.
var ignoreX509 = cmpopts.IgnoreFields(rolesso.Certificate{}, "X509")

func TestParseMetadata(t *testing.T) {
	t.Parallel()
	cert1 := newCertDER(t, "idp-2026", t0.AddDate(0, -1, 0), t0.AddDate(1, 0, 0))
	cert2 := newCertDER(t, "idp-2027", t0.AddDate(0, 0, -1), t0.AddDate(2, 0, 0))
	doc := metadataXML{EntityID: entityID, ValidUntil: "2036-01-02T03:04:05Z", Certs: [][]byte{cert1, cert2, cert1}, EncCerts: [][]byte{newCertDER(t, "enc", t0, t0.AddDate(1, 0, 0))}, SSO: [][2]string{redirectSSO, postSSO, postSSO}}.String()
	want := &rolesso.Metadata{
		EntityID: entityID,
		SigningCertificates: []rolesso.Certificate{
			{SHA256Fingerprint: fingerprint(cert1), NotBefore: t0.AddDate(0, -1, 0), NotAfter: t0.AddDate(1, 0, 0), Subject: "CN=idp-2026,O=Example"},
			{SHA256Fingerprint: fingerprint(cert2), NotBefore: t0.AddDate(0, 0, -1), NotAfter: t0.AddDate(2, 0, 0), Subject: "CN=idp-2027,O=Example"},
		},
		SSOURLs:    []rolesso.SSOEndpoint{{Binding: redirectSSO[0], Location: redirectSSO[1]}, {Binding: postSSO[0], Location: postSSO[1]}},
		ValidUntil: time.Date(2036, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	b64 := base64.StdEncoding.EncodeToString([]byte(doc))
	inputs := map[string]string{
		"XML":                         doc,
		"XML with a byte-order mark":  "\uFEFF" + doc,
		"Base64":                      b64,
		"Base64 wrapped at 76, CRLF":  strings.ReplaceAll(wrap(b64, 76), "\n", "\r\n") + "\r\n",
		"Base64 without padding":      strings.TrimRight(b64, "="),
		"Base64 of XML with newlines": base64.StdEncoding.EncodeToString([]byte("\n\n" + doc)),
	}
	for name, input := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := mustParseMetadata(t, input)
			if diff := cmp.Diff(want, got, ignoreX509); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			for i, c := range got.SigningCertificates {
				if c.X509 == nil || fingerprint(c.X509.Raw) != c.SHA256Fingerprint {
					t.Errorf("certificate %d: X509 does not match the fingerprint", i)
				}
			}
			if n := len(got.SigningX509Certificates()); n != 2 {
				t.Errorf("SigningX509Certificates: %d certificates, want 2", n)
			}
		})
	}
}

func TestParseMetadataShapes(t *testing.T) {
	t.Parallel()
	cert := newCertDER(t, "idp", t0, t0.AddDate(1, 0, 0))
	certB64 := base64.StdEncoding.EncodeToString(cert)
	// A KeyDescriptor without use serves for signing too.
	noUse := `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="idp"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>` + certB64 + `</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="` + rolesso.BindingHTTPPost + `" Location="https://idp/sso"/></IDPSSODescriptor></EntityDescriptor>`
	entities := `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" validUntil="2030-01-01T00:00:00.5Z">` + strings.TrimPrefix(noUse, "") + `</md:EntitiesDescriptor>`
	want := &rolesso.Metadata{
		EntityID:            "idp",
		SigningCertificates: []rolesso.Certificate{{SHA256Fingerprint: fingerprint(cert), NotBefore: t0, NotAfter: t0.AddDate(1, 0, 0), Subject: "CN=idp,O=Example"}},
		SSOURLs:             []rolesso.SSOEndpoint{{Binding: rolesso.BindingHTTPPost, Location: "https://idp/sso"}},
	}
	got := mustParseMetadata(t, noUse)
	if diff := cmp.Diff(want, got, ignoreX509); diff != "" {
		t.Errorf("default namespace, no use (-want +got):\n%s", diff)
	}
	got = mustParseMetadata(t, entities)
	want.ValidUntil = time.Date(2030, 1, 1, 0, 0, 0, 5e8, time.UTC)
	if diff := cmp.Diff(want, got, ignoreX509); diff != "" {
		t.Errorf("EntitiesDescriptor (-want +got):\n%s", diff)
	}
}

func TestParseMetadataErrors(t *testing.T) {
	cert := newCertDER(t, "idp", t0, t0.AddDate(1, 0, 0))
	good := metadataXML{EntityID: entityID, Certs: [][]byte{cert}, SSO: [][2]string{postSSO}}.String()
	ed := good[strings.Index(good, "<md:EntityDescriptor"):]
	type testCase struct {
		input string
		want  string
	}
	tests := map[string]testCase{
		"empty": {
			input: " \n",
			want:  `invalid SAML IdP metadata: it is empty; pass the IdP metadata XML, for example the application's idp_metadata or file("idp-metadata.xml").`,
		},
		"URL": {
			input: "https://l1seshcn.aliyunidaas.com/api/v2/app_abc/saml2/meta",
			want:  `invalid SAML IdP metadata: it is a URL ("https://l1seshcn.aliyunidaas.com/api/v2/app_abc/saml2/meta"), not a metadata document; download the metadata and pass its contents, for example file("idp-metadata.xml") or the application's idp_metadata.`,
		},
		"neither XML nor Base64": {
			input: "metadata.xml",
			want:  `invalid SAML IdP metadata: it is neither XML (it does not start with "<") nor Base64 (illegal base64 data at input byte 8); pass the metadata XML or its Base64.`,
		},
		"Base64 of something else": {
			input: base64.StdEncoding.EncodeToString([]byte(`{"json": true}`)),
			want:  `invalid SAML IdP metadata: it is Base64, but what it encodes is not XML; pass the metadata XML or its Base64.`,
		},
		"too large": {
			input: "<" + strings.Repeat("a", rolesso.MaxMetadataSize),
			want:  `invalid SAML IdP metadata: it has 1048577 bytes, more than the 1048576 this provider accepts.`,
		},
		"DTD": {
			input: `<?xml version="1.0"?><!DOCTYPE md [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + ed,
			want:  `invalid SAML IdP metadata: it contains a DTD or other <!...> declaration, which SAML metadata never needs; remove it.`,
		},
		"entity reference": {
			input: strings.Replace(good, `entityID="`, `entityID="&x;`, 1),
			want:  `invalid SAML IdP metadata: the XML is not well-formed at line 2: invalid character entity &x;.`,
		},
		"not well-formed": {
			input: strings.Replace(good, "</md:IDPSSODescriptor>", "", 1),
			want:  `invalid SAML IdP metadata: the XML is not well-formed at line 16: element <IDPSSODescriptor> closed by </EntityDescriptor>.`,
		},
		"no element": {
			input: `<?xml version="1.0"?>`,
			want:  `invalid SAML IdP metadata: it holds no XML element.`,
		},
		"no namespace": {
			input: `<EntityDescriptor entityID="x"/>`,
			want:  `invalid SAML IdP metadata: the root element is "EntityDescriptor" without a namespace, not a SAML metadata EntityDescriptor (namespace "urn:oasis:names:tc:SAML:2.0:metadata"); pass the IdP metadata document.`,
		},
		"SAML response": {
			input: `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`,
			want:  `invalid SAML IdP metadata: the root element is "Response" in namespace "urn:oasis:names:tc:SAML:2.0:protocol", not a SAML metadata EntityDescriptor (namespace "urn:oasis:names:tc:SAML:2.0:metadata"); pass the IdP metadata document.`,
		},
		"SP metadata": {
			input: `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:alibaba:cloudcomputing"><md:SPSSODescriptor/></md:EntityDescriptor>`,
			want:  `invalid SAML IdP metadata: it describes a service provider (SPSSODescriptor), not an IdP; pass the IdP metadata that IDaaS offers for the application.`,
		},
		"no IDPSSODescriptor": {
			input: `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`,
			want:  `invalid SAML IdP metadata: the EntityDescriptor has no IDPSSODescriptor; pass the metadata of a SAML IdP.`,
		},
		"two entities": {
			input: `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">` + ed + ed + `</md:EntitiesDescriptor>`,
			want:  `invalid SAML IdP metadata: the EntitiesDescriptor holds 2 EntityDescriptors, not 1; pass the metadata of the one IdP.`,
		},
		"bad validUntil": {
			input: metadataXML{EntityID: entityID, ValidUntil: "tomorrow", Certs: [][]byte{cert}, SSO: [][2]string{postSSO}}.String(),
			want:  `invalid SAML IdP metadata: validUntil "tomorrow" is not a date-time such as 2030-01-02T15:04:05Z.`,
		},
		"certificate not Base64": {
			input: strings.Replace(good, "<ds:X509Certificate>\n", "<ds:X509Certificate>\n!", 1),
			want:  `invalid SAML IdP metadata: the certificate of KeyDescriptor 1 does not parse: it is not Base64 (illegal base64 data at input byte 0); copy the metadata again without editing it.`,
		},
		"certificate truncated": {
			input: strings.Replace(good, "<ds:X509Certificate>\n", "<ds:X509Certificate>\nAAAA", 1),
			want:  `invalid SAML IdP metadata: the certificate of KeyDescriptor 1 does not parse: x509: malformed certificate; copy the metadata again without editing it.`,
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		_, err := rolesso.ParseMetadata(tc.input)
		if diff := cmp.Diff(tc.want, errText(err)); diff != "" {
			t.Errorf("error (-want +got):\n%s", diff)
		}
		var me *rolesso.MetadataError
		if err != nil && !errors.As(err, &me) {
			t.Errorf("error %T is not a *MetadataError", err)
		}
	})
}

func TestMetadataValidate(t *testing.T) {
	expired := newCertDER(t, "old", t0.AddDate(-2, 0, 0), t0.AddDate(0, 0, -1))
	older := newCertDER(t, "older", t0.AddDate(-3, 0, 0), t0.AddDate(0, -1, 0))
	valid := newCertDER(t, "new", t0.AddDate(0, 0, -1), t0.AddDate(1, 0, 0))
	type testCase struct {
		doc  metadataXML
		want []string
	}
	tests := map[string]testCase{
		"valid":                               {doc: metadataXML{EntityID: entityID, Certs: [][]byte{valid}, SSO: [][2]string{postSSO}}},
		"one expired, one valid":              {doc: metadataXML{EntityID: entityID, Certs: [][]byte{expired, valid}, SSO: [][2]string{postSSO}}},
		"validUntil passed is a warning only": {doc: metadataXML{EntityID: entityID, ValidUntil: "2020-01-01T00:00:00Z", Certs: [][]byte{valid}, SSO: [][2]string{postSSO}}},
		"all expired": {
			doc:  metadataXML{EntityID: entityID, Certs: [][]byte{older, expired}, SSO: [][2]string{postSSO}},
			want: []string{"every signing certificate has expired; the newest (SHA-256 " + fingerprint(expired) + ") expired at 2026-04-30T12:00:00Z. Rotate the signing certificate of the application in IDaaS and pass its new metadata."},
		},
		"nothing": {
			doc: metadataXML{EncCerts: [][]byte{valid}},
			want: []string{
				"the EntityDescriptor has no entityID; RAM matches it against the Issuer of every assertion, so pass complete IdP metadata.",
				`the IDPSSODescriptor has no signing certificate (a KeyDescriptor with use="signing" and a ds:X509Certificate); RAM verifies assertions with it, so pass metadata that includes it.`,
				"the IDPSSODescriptor has no SingleSignOnService; pass complete IdP metadata.",
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		m := mustParseMetadata(t, tc.doc.String())
		checkProblems(t, m.Validate(t0), tc.want, func(e *rolesso.MetadataError) []string { return e.Problems })
	})
}

func TestMetadataWarnings(t *testing.T) {
	expired := newCertDER(t, "old", t0.AddDate(-2, 0, 0), t0.AddDate(0, 0, -1))
	soon := newCertDER(t, "soon", t0.AddDate(-1, 0, 0), t0.Add(10*24*time.Hour))
	later := newCertDER(t, "later", t0.AddDate(-1, 0, 0), t0.Add(40*24*time.Hour))
	tomorrow := newCertDER(t, "tomorrow", t0.AddDate(-1, 0, 0), t0.Add(23*time.Hour))
	month := 30 * 24 * time.Hour
	type testCase struct {
		doc  metadataXML
		want []string
	}
	tests := map[string]testCase{
		"far from expiry": {doc: metadataXML{EntityID: entityID, Certs: [][]byte{later}, SSO: [][2]string{postSSO}}},
		"the newest expires soon": {
			doc:  metadataXML{EntityID: entityID, Certs: [][]byte{soon}, SSO: [][2]string{postSSO}},
			want: []string{"the newest signing certificate (SHA-256 " + fingerprint(soon) + ") expires at 2026-05-11T12:00:00Z, in 10 days; rotate it in IDaaS and upload the new metadata before then, or sign-in stops."},
		},
		"an older one expiring soon does not matter": {doc: metadataXML{EntityID: entityID, Certs: [][]byte{soon, later}, SSO: [][2]string{postSSO}}},
		"less than a day": {
			doc:  metadataXML{EntityID: entityID, Certs: [][]byte{tomorrow}, SSO: [][2]string{postSSO}},
			want: []string{"the newest signing certificate (SHA-256 " + fingerprint(tomorrow) + ") expires at 2026-05-02T11:00:00Z, in less than a day; rotate it in IDaaS and upload the new metadata before then, or sign-in stops."},
		},
		"an expired one beside a valid one": {
			doc:  metadataXML{EntityID: entityID, Certs: [][]byte{expired, later}, SSO: [][2]string{postSSO}},
			want: []string{"the signing certificate SHA-256 " + fingerprint(expired) + " expired at 2026-04-30T12:00:00Z; remove it from the metadata."},
		},
		"all expired is Validate's error, not a warning": {doc: metadataXML{EntityID: entityID, Certs: [][]byte{expired}, SSO: [][2]string{postSSO}}},
		"validUntil passed": {
			doc:  metadataXML{EntityID: entityID, ValidUntil: "2026-01-01T00:00:00Z", Certs: [][]byte{later}, SSO: [][2]string{postSSO}},
			want: []string{"the metadata's validUntil (2026-01-01T00:00:00Z) has passed; download fresh metadata from the IdP."},
		},
		"validUntil soon": {
			doc:  metadataXML{EntityID: entityID, ValidUntil: "2026-05-03T12:00:00Z", Certs: [][]byte{later}, SSO: [][2]string{postSSO}},
			want: []string{"the metadata's validUntil (2026-05-03T12:00:00Z) comes in 2 days; download fresh metadata from the IdP before then."},
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		m := mustParseMetadata(t, tc.doc.String())
		if diff := cmp.Diff(tc.want, m.Warnings(t0, month)); diff != "" {
			t.Errorf("warnings (-want +got):\n%s", diff)
		}
	})
}

func TestMetadataAdvice(t *testing.T) {
	t.Parallel()
	expired := newCertDER(t, "old", t0.AddDate(-2, 0, 0), t0.AddDate(0, 0, -1))
	soon := newCertDER(t, "soon", t0.AddDate(-1, 0, 0), t0.Add(10*24*time.Hour))
	doc := metadataXML{EntityID: entityID, ValidUntil: "2026-01-01T00:00:00Z", Certs: [][]byte{expired, soon}, SSO: [][2]string{postSSO}}
	m := mustParseMetadata(t, doc.String())
	month := 30 * 24 * time.Hour
	want := []rolesso.MetadataAdvice{
		{
			Problem: "the newest signing certificate (SHA-256 " + fingerprint(soon) + ") expires at 2026-05-11T12:00:00Z, in 10 days",
			Fix:     "rotate it in IDaaS and upload the new metadata before then, or sign-in stops.",
		},
		{Problem: "the signing certificate SHA-256 " + fingerprint(expired) + " expired at 2026-04-30T12:00:00Z", Fix: "remove it from the metadata."},
		{Problem: "the metadata's validUntil (2026-01-01T00:00:00Z) has passed", Fix: "download fresh metadata from the IdP."},
	}
	advice := m.Advice(t0, month)
	if diff := cmp.Diff(want, advice); diff != "" {
		t.Errorf("advice (-want +got):\n%s", diff)
	}
	var joined []string
	for _, a := range advice {
		joined = append(joined, a.Problem+"; "+a.Fix)
	}
	if diff := cmp.Diff(joined, m.Warnings(t0, month)); diff != "" {
		t.Errorf("Warnings is not Advice joined (-advice +warnings):\n%s", diff)
	}
	if got := m.Advice(t0, 0); len(got) != 2 {
		t.Errorf("with no window, only the expired certificate and validUntil remain: %v", got)
	}
}

func TestSameMetadata(t *testing.T) {
	t.Parallel()
	a := newCertDER(t, "a", t0, t0.AddDate(1, 0, 0))
	b := newCertDER(t, "b", t0, t0.AddDate(1, 0, 0))
	base := metadataXML{EntityID: entityID, Certs: [][]byte{a, b}, SSO: [][2]string{redirectSSO, postSSO}}
	doc := base.String()
	tests := map[string]struct {
		other string
		want  bool
	}{
		"itself":                               {doc, true},
		"Base64, line-wrapped":                 {wrap(base64.StdEncoding.EncodeToString([]byte(doc)), 76), true},
		"other formatting":                     {strings.ReplaceAll(strings.ReplaceAll(doc, "\n", ""), "  ", ""), true},
		"certificate and endpoint order":       {metadataXML{EntityID: entityID, Certs: [][]byte{b, a}, SSO: [][2]string{postSSO, redirectSSO}}.String(), true},
		"validUntil does not count":            {metadataXML{EntityID: entityID, ValidUntil: "2030-01-01T00:00:00Z", Certs: [][]byte{a, b}, SSO: [][2]string{redirectSSO, postSSO}}.String(), true},
		"encryption certificates do not count": {metadataXML{EntityID: entityID, Certs: [][]byte{a, b}, EncCerts: [][]byte{newCertDER(t, "e", t0, t0.AddDate(1, 0, 0))}, SSO: [][2]string{redirectSSO, postSSO}}.String(), true},
		"a rotated certificate":                {metadataXML{EntityID: entityID, Certs: [][]byte{a, newCertDER(t, "c", t0, t0.AddDate(1, 0, 0))}, SSO: [][2]string{redirectSSO, postSSO}}.String(), false},
		"a removed certificate":                {metadataXML{EntityID: entityID, Certs: [][]byte{a}, SSO: [][2]string{redirectSSO, postSSO}}.String(), false},
		"another entity ID":                    {metadataXML{EntityID: entityID + "2", Certs: [][]byte{a, b}, SSO: [][2]string{redirectSSO, postSSO}}.String(), false},
		"another endpoint":                     {metadataXML{EntityID: entityID, Certs: [][]byte{a, b}, SSO: [][2]string{redirectSSO}}.String(), false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, pair := range [][2]string{{doc, tc.other}, {tc.other, doc}} {
				got, err := rolesso.SameMetadata(pair[0], pair[1])
				if err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Errorf("SameMetadata = %v, want %v", got, tc.want)
				}
			}
		})
	}
	if _, err := rolesso.SameMetadata(doc, "https://idp/meta"); err == nil {
		t.Error("SameMetadata with a URL: no error")
	}
	if _, err := rolesso.SameMetadata("<x/>", doc); err == nil {
		t.Error("SameMetadata with a non-metadata first: no error")
	}
}

func TestEncodeMetadata(t *testing.T) {
	t.Parallel()
	doc := metadataXML{EntityID: entityID, Certs: [][]byte{newCertDER(t, "a", t0, t0.AddDate(1, 0, 0))}, SSO: [][2]string{postSSO}}.String()
	want := base64.StdEncoding.EncodeToString([]byte(strings.TrimSpace(doc)))
	for name, input := range map[string]string{
		"XML":                  doc,
		"Base64":               want,
		"Base64, line-wrapped": wrap(want, 60) + "\n",
	} {
		got, err := rolesso.EncodeMetadata(input)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	if _, err := rolesso.EncodeMetadata("http://idp/meta"); err == nil {
		t.Error("EncodeMetadata with a URL: no error")
	}
}

func TestMetadataErrorText(t *testing.T) {
	t.Parallel()
	two := &rolesso.MetadataError{Problems: []string{"a.", "b."}}
	if diff := cmp.Diff("invalid SAML IdP metadata:\n- a.\n- b.", two.Error()); diff != "" {
		t.Error(diff)
	}
}

// mustParseMetadata parses metadata that must parse.
func mustParseMetadata(t *testing.T, doc string) *rolesso.Metadata {
	t.Helper()
	m, err := rolesso.ParseMetadata(doc)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
