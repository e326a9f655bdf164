// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// SAML namespaces and bindings used in IdP metadata.
const (
	MetadataNamespace   = facts.MetadataNamespace
	XMLDSigNamespace    = facts.XMLDSigNamespace
	ProtocolNamespace   = facts.ProtocolNamespace
	BindingHTTPPost     = facts.BindingHTTPPost
	BindingHTTPRedirect = facts.BindingHTTPRedirect
)

// MaxMetadataSize bounds the metadata this package reads, as raw XML and as
// Base64. IdP metadata is a few kilobytes; RAM's own limit is UNCONFIRMED
// (ROS documents 102,400 bytes for its SAMLMetadataDocument property).
const MaxMetadataSize = 1 << 20

// Metadata is what role-based SSO uses from a SAML IdP metadata document.
type Metadata struct {
	// EntityID is the IdP's entity ID; assertions' Issuer must equal it.
	EntityID string
	// SigningCertificates are the certificates of the IDPSSODescriptor's
	// KeyDescriptors for signing (use="signing" or no use), in document
	// order, without duplicates.
	SigningCertificates []Certificate
	// SSOURLs are the SingleSignOnService endpoints, in document order,
	// without duplicates.
	SSOURLs []SSOEndpoint
	// ValidUntil is the document's validUntil, or zero when it has none.
	ValidUntil time.Time
}

// Certificate is a signing certificate of an IdP.
type Certificate struct {
	// SHA256Fingerprint is the lower-case hex SHA-256 of the DER bytes.
	SHA256Fingerprint string
	NotBefore         time.Time
	NotAfter          time.Time
	// Subject is the certificate's subject as an RFC 2253 string.
	Subject string
	X509    *x509.Certificate
}

// SSOEndpoint is a SingleSignOnService of an IdP.
type SSOEndpoint struct {
	Binding  string
	Location string
}

// MetadataError reports metadata that cannot be read or used. Problems are
// sentences.
type MetadataError struct {
	Problems []string
}

func (e *MetadataError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid SAML IdP metadata: " + e.Problems[0]
	}
	return "invalid SAML IdP metadata:\n- " + strings.Join(e.Problems, "\n- ")
}

func metadataErrorf(format string, args ...any) error {
	return &MetadataError{Problems: []string{fmt.Sprintf(format, args...)}}
}

// DecodeMetadata returns the XML of metadata given as XML or as Base64 of
// XML (line-wrapped or not, as RAM returns it). A URL is rejected: the
// metadata must be downloaded first.
func DecodeMetadata(input string) ([]byte, error) {
	if len(input) > MaxMetadataSize*4/3+4096 {
		return nil, metadataErrorf("it has %d bytes, more than the %d this provider accepts.", len(input), MaxMetadataSize)
	}
	s := strings.TrimSpace(strings.TrimPrefix(input, "\uFEFF"))
	switch {
	case s == "":
		return nil, metadataErrorf("it is empty; pass the IdP metadata XML, for example the application's idp_metadata or file(\"idp-metadata.xml\").")
	case strings.HasPrefix(s, "<"):
		if len(s) > MaxMetadataSize {
			return nil, metadataErrorf("it has %d bytes, more than the %d this provider accepts.", len(s), MaxMetadataSize)
		}
		return []byte(s), nil
	case hasURLScheme(s):
		return nil, metadataErrorf("it is a URL (%q), not a metadata document; download the metadata and pass its contents, for example file(\"idp-metadata.xml\") or the application's idp_metadata.", truncateRunes(s, 100))
	}
	compact := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
	raw, err := base64.StdEncoding.DecodeString(compact)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(compact)
	}
	if err != nil {
		return nil, metadataErrorf("it is neither XML (it does not start with \"<\") nor Base64 (%s); pass the metadata XML or its Base64.", err.Error())
	}
	raw = bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\uFEFF")))
	if !bytes.HasPrefix(raw, []byte("<")) {
		return nil, metadataErrorf("it is Base64, but what it encodes is not XML; pass the metadata XML or its Base64.")
	}
	if len(raw) > MaxMetadataSize {
		return nil, metadataErrorf("it has %d bytes, more than the %d this provider accepts.", len(raw), MaxMetadataSize)
	}
	return raw, nil
}

func hasURLScheme(s string) bool {
	l := strings.ToLower(truncateRunes(s, 10))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// EncodeMetadata returns the Base64 (standard, unwrapped) of metadata given
// as XML or Base64, as CreateSAMLProvider expects it in
// EncodedSAMLMetadataDocument. It does not parse the XML.
func EncodeMetadata(input string) (string, error) {
	raw, err := DecodeMetadata(input)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(raw), nil
}

// XML shapes of the parts of SAML metadata that are read.
type xmlEntityDescriptor struct {
	EntityID          string                `xml:"entityID,attr"`
	ValidUntil        string                `xml:"validUntil,attr"`
	IDPSSODescriptors []xmlIDPSSODescriptor `xml:"urn:oasis:names:tc:SAML:2.0:metadata IDPSSODescriptor"`
	SPSSODescriptors  []struct{}            `xml:"urn:oasis:names:tc:SAML:2.0:metadata SPSSODescriptor"`
}

type xmlEntitiesDescriptor struct {
	ValidUntil        string                `xml:"validUntil,attr"`
	EntityDescriptors []xmlEntityDescriptor `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntityDescriptor"`
}

type xmlIDPSSODescriptor struct {
	KeyDescriptors []struct {
		Use              string   `xml:"use,attr"`
		X509Certificates []string `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo>X509Data>X509Certificate"`
	} `xml:"urn:oasis:names:tc:SAML:2.0:metadata KeyDescriptor"`
	SingleSignOnServices []struct {
		Binding  string `xml:"Binding,attr"`
		Location string `xml:"Location,attr"`
	} `xml:"urn:oasis:names:tc:SAML:2.0:metadata SingleSignOnService"`
}

// ParseMetadata parses SAML IdP metadata given as XML or Base64 (see
// DecodeMetadata). The document must be well-formed, without a DTD, with an
// EntityDescriptor root (or an EntitiesDescriptor holding exactly one
// EntityDescriptor) that has an IDPSSODescriptor, and every certificate in
// it must parse. Use Validate to check that the metadata is usable for
// sign-in.
func ParseMetadata(input string) (*Metadata, error) {
	raw, err := DecodeMetadata(input)
	if err != nil {
		return nil, err
	}
	root, err := rootElement(raw)
	if err != nil {
		return nil, err
	}
	var ed xmlEntityDescriptor
	validUntil := ""
	switch root.Name {
	case xml.Name{Space: MetadataNamespace, Local: "EntityDescriptor"}:
		if err := xml.Unmarshal(raw, &ed); err != nil {
			return nil, xmlError(err)
		}
	case xml.Name{Space: MetadataNamespace, Local: "EntitiesDescriptor"}:
		var eds xmlEntitiesDescriptor
		if err := xml.Unmarshal(raw, &eds); err != nil {
			return nil, xmlError(err)
		}
		if n := len(eds.EntityDescriptors); n != 1 {
			return nil, metadataErrorf("the EntitiesDescriptor holds %d EntityDescriptors, not 1; pass the metadata of the one IdP.", n)
		}
		ed, validUntil = eds.EntityDescriptors[0], eds.ValidUntil
	default:
		return nil, metadataErrorf("the root element is %s, not a SAML metadata EntityDescriptor (namespace %q); pass the IdP metadata document.", describeName(root.Name), MetadataNamespace)
	}
	if len(ed.IDPSSODescriptors) == 0 {
		if len(ed.SPSSODescriptors) > 0 {
			return nil, metadataErrorf("it describes a service provider (SPSSODescriptor), not an IdP; pass the IdP metadata that IDaaS offers for the application.")
		}
		return nil, metadataErrorf("the EntityDescriptor has no IDPSSODescriptor; pass the metadata of a SAML IdP.")
	}
	m := &Metadata{EntityID: strings.TrimSpace(ed.EntityID)}
	if ed.ValidUntil != "" {
		validUntil = ed.ValidUntil
	}
	if validUntil != "" {
		t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(validUntil))
		if err != nil {
			return nil, metadataErrorf("validUntil %q is not a date-time such as 2030-01-02T15:04:05Z.", validUntil)
		}
		m.ValidUntil = t.UTC()
	}
	var problems []string
	seen := map[string]bool{}
	for _, idp := range ed.IDPSSODescriptors {
		for i, kd := range idp.KeyDescriptors {
			use := strings.TrimSpace(kd.Use)
			if use != "" && use != "signing" {
				continue
			}
			for _, text := range kd.X509Certificates {
				c, err := parseCertificate(text)
				if err != nil {
					problems = append(problems, fmt.Sprintf("the certificate of KeyDescriptor %d does not parse: %s; copy the metadata again without editing it.", i+1, err.Error()))
					continue
				}
				if !seen[c.SHA256Fingerprint] {
					seen[c.SHA256Fingerprint] = true
					m.SigningCertificates = append(m.SigningCertificates, c)
				}
			}
		}
		for _, s := range idp.SingleSignOnServices {
			e := SSOEndpoint{Binding: strings.TrimSpace(s.Binding), Location: strings.TrimSpace(s.Location)}
			if !slices.Contains(m.SSOURLs, e) {
				m.SSOURLs = append(m.SSOURLs, e)
			}
		}
	}
	if len(problems) > 0 {
		return nil, &MetadataError{Problems: problems}
	}
	return m, nil
}

func parseCertificate(text string) (Certificate, error) {
	compact := strings.Join(strings.Fields(text), "")
	der, err := base64.StdEncoding.DecodeString(compact)
	if err != nil {
		return Certificate{}, fmt.Errorf("it is not Base64 (%w)", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return Certificate{}, err
	}
	sum := sha256.Sum256(der)
	return Certificate{
		SHA256Fingerprint: hex.EncodeToString(sum[:]),
		NotBefore:         cert.NotBefore.UTC(),
		NotAfter:          cert.NotAfter.UTC(),
		Subject:           cert.Subject.String(),
		X509:              cert,
	}, nil
}

// rootElement returns the first start element, rejecting DTDs: metadata
// never needs one, and refusing them rules out entity tricks.
func rootElement(raw []byte) (xml.StartElement, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, metadataErrorf("it holds no XML element.")
		}
		if err != nil {
			return xml.StartElement{}, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return xml.StartElement{}, metadataErrorf("it contains a DTD or other <!...> declaration, which SAML metadata never needs; remove it.")
		case xml.StartElement:
			// Read the rest of the document too, so that a syntax error
			// or a DTD anywhere is reported.
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					return t, nil
				}
				if err != nil {
					return xml.StartElement{}, xmlError(err)
				}
				if _, ok := tok.(xml.Directive); ok {
					return xml.StartElement{}, metadataErrorf("it contains a <!...> declaration, which SAML metadata never needs; remove it.")
				}
			}
		}
	}
}

func xmlError(err error) error {
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return metadataErrorf("the XML is not well-formed at line %d: %s.", syntax.Line, syntax.Msg)
	}
	return metadataErrorf("the XML cannot be read: %s.", err.Error())
}

func describeName(n xml.Name) string {
	if n.Space == "" {
		return fmt.Sprintf("%q without a namespace", n.Local)
	}
	return fmt.Sprintf("%q in namespace %q", n.Local, n.Space)
}

// Validate checks that the metadata can sign users in at time now: it has
// an entityID, at least one signing certificate and one SingleSignOnService,
// and not every signing certificate has expired.
func (m *Metadata) Validate(now time.Time) error {
	var problems []string
	if m.EntityID == "" {
		problems = append(problems, "the EntityDescriptor has no entityID; RAM matches it against the Issuer of every assertion, so pass complete IdP metadata.")
	}
	if len(m.SigningCertificates) == 0 {
		problems = append(problems, `the IDPSSODescriptor has no signing certificate (a KeyDescriptor with use="signing" and a ds:X509Certificate); RAM verifies assertions with it, so pass metadata that includes it.`)
	} else if newest := m.NewestCertificate(); now.After(newest.NotAfter) {
		problems = append(problems, fmt.Sprintf("every signing certificate has expired; the newest (SHA-256 %s) expired at %s. Rotate the signing certificate of the application in IDaaS and pass its new metadata.", newest.SHA256Fingerprint, newest.NotAfter.Format(time.RFC3339)))
	}
	if len(m.SSOURLs) == 0 {
		problems = append(problems, "the IDPSSODescriptor has no SingleSignOnService; pass complete IdP metadata.")
	}
	if len(problems) > 0 {
		return &MetadataError{Problems: problems}
	}
	return nil
}

// NewestCertificate returns the signing certificate that expires last. It
// returns a zero Certificate when there is none.
func (m *Metadata) NewestCertificate() Certificate {
	var newest Certificate
	for _, c := range m.SigningCertificates {
		if c.NotAfter.After(newest.NotAfter) {
			newest = c
		}
	}
	return newest
}

// Warnings returns advice about metadata that Validate accepts at time now:
// the newest signing certificate expiring within the given duration,
// certificates that have expired while others remain, and a validUntil
// that has passed or comes within the duration. Each warning is the
// problem and the fix of one Advice, joined by "; ".
func (m *Metadata) Warnings(now time.Time, within time.Duration) []string {
	var out []string
	for _, a := range m.Advice(now, within) {
		out = append(out, a.Problem+"; "+a.Fix)
	}
	return out
}

// MetadataAdvice is one warning about metadata, split into what is wrong
// and what to do, for callers that show them apart.
type MetadataAdvice struct {
	// Problem says what is wrong, without a final period.
	Problem string
	// Fix says what to do, as a sentence that starts in lower case.
	Fix string
}

// Advice returns the warnings of Warnings with problem and fix apart.
func (m *Metadata) Advice(now time.Time, within time.Duration) []MetadataAdvice {
	var out []MetadataAdvice
	add := func(problem, fix string) { out = append(out, MetadataAdvice{Problem: problem, Fix: fix}) }
	newest := m.NewestCertificate()
	if newest.X509 != nil && !now.After(newest.NotAfter) && newest.NotAfter.Sub(now) <= within {
		add(fmt.Sprintf("the newest signing certificate (SHA-256 %s) expires at %s, in %s", newest.SHA256Fingerprint, newest.NotAfter.Format(time.RFC3339), humanDays(newest.NotAfter.Sub(now))),
			"rotate it in IDaaS and upload the new metadata before then, or sign-in stops.")
	}
	if newest.X509 != nil && !now.After(newest.NotAfter) {
		for _, c := range m.SigningCertificates {
			if now.After(c.NotAfter) {
				add(fmt.Sprintf("the signing certificate SHA-256 %s expired at %s", c.SHA256Fingerprint, c.NotAfter.Format(time.RFC3339)),
					"remove it from the metadata.")
			}
		}
	}
	switch {
	case m.ValidUntil.IsZero():
	case now.After(m.ValidUntil):
		add(fmt.Sprintf("the metadata's validUntil (%s) has passed", m.ValidUntil.Format(time.RFC3339)),
			"download fresh metadata from the IdP.")
	case m.ValidUntil.Sub(now) <= within:
		add(fmt.Sprintf("the metadata's validUntil (%s) comes in %s", m.ValidUntil.Format(time.RFC3339), humanDays(m.ValidUntil.Sub(now))),
			"download fresh metadata from the IdP before then.")
	}
	return out
}

func humanDays(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch days {
	case 0:
		return "less than a day"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}

// Equal reports whether m and o mean the same to RAM: the same entityID,
// the same set of signing certificates and the same set of SSO endpoints.
// Order, formatting, encoding and validUntil do not matter.
func (m *Metadata) Equal(o *Metadata) bool {
	if m.EntityID != o.EntityID {
		return false
	}
	fingerprints := func(md *Metadata) []string {
		out := make([]string, 0, len(md.SigningCertificates))
		for _, c := range md.SigningCertificates {
			out = append(out, c.SHA256Fingerprint)
		}
		return setOf(out)
	}
	endpoints := func(md *Metadata) []string {
		out := make([]string, 0, len(md.SSOURLs))
		for _, e := range md.SSOURLs {
			out = append(out, e.Binding+" "+e.Location)
		}
		return setOf(out)
	}
	return slices.Equal(fingerprints(m), fingerprints(o)) && slices.Equal(endpoints(m), endpoints(o))
}

// SameMetadata reports whether metadata documents a and b (each XML or
// Base64) mean the same; see Metadata.Equal. It returns an error when
// either does not parse.
func SameMetadata(a, b string) (bool, error) {
	ma, err := ParseMetadata(a)
	if err != nil {
		return false, err
	}
	mb, err := ParseMetadata(b)
	if err != nil {
		return false, err
	}
	return ma.Equal(mb), nil
}

// SigningX509Certificates returns the signing certificates as
// *x509.Certificate, for signature verification.
func (m *Metadata) SigningX509Certificates() []*x509.Certificate {
	out := make([]*x509.Certificate, 0, len(m.SigningCertificates))
	for _, c := range m.SigningCertificates {
		out = append(out, c.X509)
	}
	return out
}
