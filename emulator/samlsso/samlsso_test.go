// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

var (
	now      = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	entityID = "https://emulator.aliyunidaas.com/api/v2/app_abc/saml2/meta"
	ssoURL   = "https://emulator.aliyunidaas.com/login/app/app_abc/saml2/sso"
	account  = "1234567890123456"
	roleA    = rules.RoleARN(account, "sso-admin") + "," + rules.SAMLProviderARN(account, "idaas")
	roleB    = rules.RoleARN(account, "sso-readonly") + "," + rules.SAMLProviderARN(account, "idaas")
)

// RSA key generation is slow, so the tests share two keys.
var keys = sync.OnceValues(func() ([2]*samlsso.Key, error) {
	var out [2]*samlsso.Key
	for i := range out {
		k, err := samlsso.NewSigningKey("idaas-emulator", now.Add(-time.Hour), 10*365*24*time.Hour)
		if err != nil {
			return out, err
		}
		out[i] = k
	}
	return out, nil
})

func testKeys(t testing.TB) (*samlsso.Key, *samlsso.Key) {
	t.Helper()
	k, err := keys()
	if err != nil {
		t.Fatal(err)
	}
	return k[0], k[1]
}

func metadataFor(t testing.TB, entity string, key *samlsso.Key) *samlsso.Metadata {
	t.Helper()
	raw, err := samlsso.IdPMetadata(entity, ssoURL, key)
	if err != nil {
		t.Fatal(err)
	}
	md, err := samlsso.ParseMetadata(raw)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

func params(key *samlsso.Key) samlsso.ResponseParams {
	return samlsso.ResponseParams{
		Key:             key,
		IssuerEntityID:  entityID,
		Site:            facts.International,
		NameID:          "alice@example.com",
		RoleSessionName: "alice",
		Roles:           []string{roleA, roleB},
		Now:             now,
		SignAssertion:   true,
	}
}

func issue(t testing.TB, p samlsso.ResponseParams) []byte {
	t.Helper()
	raw, err := samlsso.IssueResponse(p)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestIdPMetadata(t *testing.T) {
	t.Parallel()
	key, _ := testKeys(t)
	raw, err := samlsso.IdPMetadata(entityID, ssoURL, key)
	if err != nil {
		t.Fatal(err)
	}
	md, err := samlsso.ParseMetadata(raw)
	if err != nil {
		t.Fatalf("the metadata does not parse: %v\n%s", err, raw)
	}
	want := &samlsso.Metadata{
		EntityID:     entityID,
		Certificates: []*x509.Certificate{key.Certificate()},
		SSOServices: []samlsso.Endpoint{
			{Binding: facts.BindingHTTPRedirect, Location: ssoURL},
			{Binding: facts.BindingHTTPPost, Location: ssoURL},
		},
	}
	if diff := cmp.Diff(want, md, cmp.Comparer(func(a, b *x509.Certificate) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	if c := md.Certificates[0]; c.Subject.String() != "CN=idaas-emulator" || !c.NotBefore.Equal(now.Add(-time.Hour)) || !c.NotAfter.Equal(now.Add(-time.Hour+10*365*24*time.Hour)) {
		t.Errorf("certificate %s valid %s to %s", c.Subject, c.NotBefore, c.NotAfter)
	}
	for _, s := range []string{`protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"`, "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>"} {
		if !bytes.Contains(raw, []byte(s)) {
			t.Errorf("the metadata lacks %s", s)
		}
	}
}

func TestIdPMetadataErrors(t *testing.T) {
	t.Parallel()
	key, _ := testKeys(t)
	tests := map[string]struct {
		entity, url string
		key         *samlsso.Key
		want        string
	}{
		"no entity ID":     {"", ssoURL, key, "samlsso: the IdP metadata needs an entity ID"},
		"no key":           {entityID, ssoURL, nil, "samlsso: the IdP metadata needs a signing key"},
		"relative SSO URL": {entityID, "/login", key, "samlsso: the SSO URL must be an absolute URL"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := samlsso.IdPMetadata(tc.entity, tc.url, tc.key)
			if diff := cmp.Diff(tc.want, errText(err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeyPEM(t *testing.T) {
	t.Parallel()
	key, other := testKeys(t)
	pemData, err := key.MarshalPEM()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := samlsso.ParseKeyPEM(pemData)
	if err != nil {
		t.Fatal(err)
	}
	if !parsed.Certificate().Equal(key.Certificate()) {
		t.Error("the certificate changed in the PEM round trip")
	}
	// The parsed key signs responses that the original metadata accepts.
	if _, err := samlsso.VerifyResponse(issue(t, params(parsed)), samlsso.VerifyParams{Metadata: metadataFor(t, entityID, key), Now: now}); err != nil {
		t.Errorf("a response signed with the parsed key does not verify: %v", err)
	}

	otherPEM, err := other.MarshalPEM()
	if err != nil {
		t.Fatal(err)
	}
	keyBlock := pemData[:bytes.Index(pemData, []byte("-----BEGIN CERTIFICATE"))]
	otherCert := otherPEM[bytes.Index(otherPEM, []byte("-----BEGIN CERTIFICATE")):]
	tests := map[string]struct {
		data []byte
		want string
	}{
		"empty":          {nil, `samlsso: the PEM data needs a "PRIVATE KEY" and a "CERTIFICATE" block`},
		"key only":       {keyBlock, `samlsso: the PEM data needs a "PRIVATE KEY" and a "CERTIFICATE" block`},
		"another's cert": {append(append([]byte{}, keyBlock...), otherCert...), "samlsso: the certificate does not belong to the private key"},
		"garbage key":    {[]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "samlsso: parsing the private key: "},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := samlsso.ParseKeyPEM(tc.data)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestCertifyKey(t *testing.T) {
	t.Parallel()
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	right, err := rsa.GenerateKey(rand.Reader, samlsso.KeyBits)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		private  *rsa.PrivateKey
		validFor time.Duration
		want     string
	}{
		"no key":        {nil, time.Hour, "samlsso: no private key"},
		"1024 bits":     {small, time.Hour, "samlsso: the private key has 1024 bits; signing keys are RSA 2048"},
		"zero validity": {right, 0, "samlsso: the certificate validity must be positive"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := samlsso.CertifyKey(tc.private, "x", now, tc.validFor)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error = %v, want prefix %q", err, tc.want)
			}
		})
	}
	k, err := samlsso.CertifyKey(right, "x", now, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if c := k.Certificate(); !right.PublicKey.Equal(c.PublicKey) || c.Subject.CommonName != "x" || !c.NotBefore.Equal(now) || !c.NotAfter.Equal(now.Add(time.Hour)) {
		t.Errorf("certificate for %s, valid %s to %s; want the key's, for x, valid %s to %s", c.Subject.CommonName, c.NotBefore, c.NotAfter, now, now.Add(time.Hour))
	}
}

func TestIssueAndVerify(t *testing.T) {
	t.Parallel()
	key, _ := testKeys(t)
	md := metadataFor(t, entityID, key)
	tests := map[string]struct {
		site                    facts.Site
		signResponse, signAsser bool
		duration                time.Duration
	}{
		"assertion signed, international": {site: facts.International, signAsser: true},
		"response signed, China":          {site: facts.China, signResponse: true},
		"both signed, session duration":   {site: facts.International, signResponse: true, signAsser: true, duration: 2 * time.Hour},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := params(key)
			p.Site, p.SignResponse, p.SignAssertion, p.SessionDuration = tc.site, tc.signResponse, tc.signAsser, tc.duration
			raw := issue(t, p)
			got, err := samlsso.VerifyResponse(raw, samlsso.VerifyParams{Metadata: md, Now: now.Add(time.Minute)})
			if err != nil {
				t.Fatalf("VerifyResponse: %v\n%s", err, raw)
			}
			session := time.Hour
			if tc.duration > 0 {
				session = tc.duration
			}
			want := &samlsso.Assertion{
				Issuer:              entityID,
				Subject:             "alice@example.com",
				SubjectFormat:       samlsso.NameIDFormatUnspecified,
				Recipient:           tc.site.ACSURL,
				Site:                tc.site,
				Audiences:           []string{tc.site.SPEntityID},
				NotBefore:           now,
				NotOnOrAfter:        now.Add(samlsso.DefaultResponseLifetime),
				SessionNotOnOrAfter: now.Add(session),
				RoleSessionName:     "alice",
				Roles:               []string{roleA, roleB},
				SessionDuration:     tc.duration,
				ResponseSigned:      tc.signResponse,
				AssertionSigned:     tc.signAsser,
			}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(samlsso.Assertion{}, "ID")); diff != "" {
				t.Errorf("assertion (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(got.ID, "_") {
				t.Errorf("ID = %q", got.ID)
			}
			// The response names its destination and puts each signature
			// after the Issuer, as the SAML schema requires.
			doc := etree.NewDocument()
			if err := doc.ReadFromBytes(raw); err != nil {
				t.Fatal(err)
			}
			if d := doc.Root().SelectAttrValue("Destination", ""); d != tc.site.ACSURL {
				t.Errorf("Destination = %q", d)
			}
			for _, el := range []*etree.Element{doc.Root(), doc.Root().SelectElement("saml:Assertion")} {
				kids := el.ChildElements()
				signed := len(el.SelectElements("ds:Signature")) > 0
				if signed && (len(kids) < 2 || kids[0].Tag != "Issuer" || kids[1].Tag != "Signature") {
					t.Errorf("%s: the Signature does not follow the Issuer", el.Tag)
				}
			}
		})
	}
}

func TestIssueResponseErrors(t *testing.T) {
	t.Parallel()
	key, _ := testKeys(t)
	tests := map[string]struct {
		change func(*samlsso.ResponseParams)
		want   string
	}{
		"no key":       {func(p *samlsso.ResponseParams) { p.Key = nil }, "samlsso: a response needs a signing key"},
		"no issuer":    {func(p *samlsso.ResponseParams) { p.IssuerEntityID = "" }, "samlsso: a response needs the IdP entity ID"},
		"no site":      {func(p *samlsso.ResponseParams) { p.Site = facts.Site{} }, "samlsso: a response needs a site with an ACS URL and an SP entity ID"},
		"no NameID":    {func(p *samlsso.ResponseParams) { p.NameID = "" }, "samlsso: a response needs a NameID"},
		"nothing sign": {func(p *samlsso.ResponseParams) { p.SignAssertion = false }, "samlsso: sign the response, the assertion or both"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := params(key)
			tc.change(&p)
			_, err := samlsso.IssueResponse(p)
			if diff := cmp.Diff(tc.want, errText(err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

var allErrors = []error{
	samlsso.ErrMalformed, samlsso.ErrSignature, samlsso.ErrStatus, samlsso.ErrIssuer, samlsso.ErrAudience,
	samlsso.ErrRecipient, samlsso.ErrExpired, samlsso.ErrNotYetValid, samlsso.ErrSubject, samlsso.ErrAttribute,
}

func TestVerifyFailures(t *testing.T) {
	t.Parallel()
	key, other := testKeys(t)
	md := metadataFor(t, entityID, key)
	signed := func(change func(*samlsso.ResponseParams)) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			p := params(key)
			if change != nil {
				change(&p)
			}
			return issue(t, p)
		}
	}
	// edit issues a response signed as chosen and changes its bytes.
	edit := func(signResponse bool, old, replacement string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			p := params(key)
			p.SignResponse, p.SignAssertion = signResponse, !signResponse
			raw := issue(t, p)
			if !bytes.Contains(raw, []byte(old)) {
				t.Fatalf("the response does not contain %q", old)
			}
			return bytes.Replace(raw, []byte(old), []byte(replacement), 1)
		}
	}
	// tree issues a response with only the assertion signed and edits its
	// element tree.
	tree := func(change func(t *testing.T, response *etree.Element)) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			doc := etree.NewDocument()
			if err := doc.ReadFromBytes(issue(t, params(key))); err != nil {
				t.Fatal(err)
			}
			change(t, doc.Root())
			raw, err := doc.WriteToBytes()
			if err != nil {
				t.Fatal(err)
			}
			return raw
		}
	}
	tests := map[string]struct {
		response func(t *testing.T) []byte
		verify   samlsso.VerifyParams
		want     error
	}{
		"signed with another key": {
			response: signed(func(p *samlsso.ResponseParams) { p.Key = other }),
			want:     samlsso.ErrSignature,
		},
		"signed with another key, response signature": {
			response: signed(func(p *samlsso.ResponseParams) { p.Key, p.SignResponse, p.SignAssertion = other, true, false }),
			want:     samlsso.ErrSignature,
		},
		"metadata of another key": {
			response: signed(nil),
			verify:   samlsso.VerifyParams{Metadata: metadataFor(t, entityID, other)},
			want:     samlsso.ErrSignature,
		},
		"role attribute changed after signing the assertion": {
			response: edit(false, "role/sso-readonly", "role/sso-admin2"),
			want:     samlsso.ErrSignature,
		},
		"role attribute changed after signing the response": {
			response: edit(true, "role/sso-readonly", "role/sso-admin2"),
			want:     samlsso.ErrSignature,
		},
		"unsigned": {
			response: tree(func(t *testing.T, response *etree.Element) {
				a := response.SelectElement("Assertion")
				a.RemoveChild(a.SelectElement("Signature"))
			}),
			want: samlsso.ErrSignature,
		},
		"wrapping: a forged assertion, the signed one moved into Extensions": {
			response: tree(func(t *testing.T, response *etree.Element) {
				original := response.SelectElement("Assertion")
				forged := original.Copy()
				forged.RemoveChild(forged.SelectElement("Signature"))
				forged.FindElement("./AttributeStatement/Attribute/AttributeValue").SetText(rules.RoleARN(account, "root-admin") + "," + rules.SAMLProviderARN(account, "idaas"))
				response.RemoveChild(original)
				response.CreateElement("samlp:Extensions").AddChild(original)
				response.AddChild(forged)
			}),
			want: samlsso.ErrSignature,
		},
		"wrapping: a forged assertion carrying the original signature": {
			response: tree(func(t *testing.T, response *etree.Element) {
				response.FindElement("./Assertion/AttributeStatement/Attribute/AttributeValue").SetText(rules.RoleARN(account, "root-admin") + "," + rules.SAMLProviderARN(account, "idaas"))
			}),
			want: samlsso.ErrSignature,
		},
		"wrapping: a second, unsigned assertion": {
			response: tree(func(t *testing.T, response *etree.Element) {
				forged := response.SelectElement("Assertion").Copy()
				forged.RemoveChild(forged.SelectElement("Signature"))
				response.AddChild(forged)
			}),
			want: samlsso.ErrMalformed,
		},
		"certificate expired": {
			response: signed(func(p *samlsso.ResponseParams) { p.Lifetime = 20 * 365 * 24 * time.Hour }),
			verify:   samlsso.VerifyParams{Now: now.Add(11 * 365 * 24 * time.Hour)},
			want:     samlsso.ErrSignature,
		},
		"wrong issuer": {
			response: signed(func(p *samlsso.ResponseParams) { p.IssuerEntityID = "https://other-idp/meta" }),
			want:     samlsso.ErrIssuer,
		},
		"wrong Response issuer, unsigned Response": {
			response: edit(false, "<saml:Issuer>"+entityID+"</saml:Issuer><samlp:Status>", "<saml:Issuer>https://x/</saml:Issuer><samlp:Status>"),
			want:     samlsso.ErrIssuer,
		},
		"wrong audience": {
			response: signed(func(p *samlsso.ResponseParams) { p.Site.SPEntityID = "urn:alibaba:cloudcomputing" }),
			want:     samlsso.ErrAudience,
		},
		"wrong recipient": {
			response: signed(func(p *samlsso.ResponseParams) { p.Site.ACSURL = "https://signin.example.com/saml-role/sso" }),
			want:     samlsso.ErrRecipient,
		},
		"a site the SP does not serve": {
			response: signed(nil),
			verify:   samlsso.VerifyParams{Sites: []facts.Site{facts.China}},
			want:     samlsso.ErrRecipient,
		},
		"Destination differs, unsigned Response": {
			response: edit(false, `Destination="https://signin.alibabacloud.com/saml-role/sso"`, `Destination="https://signin.aliyun.com/saml-role/sso"`),
			want:     samlsso.ErrRecipient,
		},
		"status not Success, unsigned Response": {
			response: edit(false, samlsso.StatusSuccess, "urn:oasis:names:tc:SAML:2.0:status:Requester"),
			want:     samlsso.ErrStatus,
		},
		"expired": {
			response: signed(nil),
			verify:   samlsso.VerifyParams{Now: now.Add(samlsso.DefaultResponseLifetime + samlsso.DefaultClockSkew)},
			want:     samlsso.ErrExpired,
		},
		"expired, no skew": {
			response: signed(nil),
			verify:   samlsso.VerifyParams{Now: now.Add(samlsso.DefaultResponseLifetime), ClockSkew: -1},
			want:     samlsso.ErrExpired,
		},
		"not yet valid": {
			response: signed(nil),
			verify:   samlsso.VerifyParams{Now: now.Add(-2 * time.Minute)},
			want:     samlsso.ErrNotYetValid,
		},
		"no Role attribute": {
			response: signed(func(p *samlsso.ResponseParams) { p.Roles = nil }),
			want:     samlsso.ErrAttribute,
		},
		"RoleSessionName too short": {
			response: signed(func(p *samlsso.ResponseParams) { p.RoleSessionName = "a" }),
			want:     samlsso.ErrAttribute,
		},
		"SessionDuration too short": {
			response: signed(func(p *samlsso.ResponseParams) { p.SessionDuration = time.Minute }),
			want:     samlsso.ErrAttribute,
		},
		"not XML": {
			response: func(*testing.T) []byte { return []byte("PHNhbWxwOlJlc3BvbnNl") },
			want:     samlsso.ErrMalformed,
		},
		"not a Response": {
			response: func(t *testing.T) []byte {
				raw, err := samlsso.IdPMetadata(entityID, ssoURL, key)
				if err != nil {
					t.Fatal(err)
				}
				return raw
			},
			want: samlsso.ErrMalformed,
		},
		"a DTD": {
			response: func(t *testing.T) []byte {
				return append([]byte(`<!DOCTYPE r [<!ENTITY x "y">]>`), issue(t, params(key))...)
			},
			want: samlsso.ErrMalformed,
		},
		"too large": {
			response: func(*testing.T) []byte { return bytes.Repeat([]byte(" "), samlsso.MaxResponseSize+1) },
			want:     samlsso.ErrMalformed,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v := tc.verify
			if v.Metadata == nil {
				v.Metadata = md
			}
			if v.Now.IsZero() {
				v.Now = now
			}
			_, err := samlsso.VerifyResponse(tc.response(t), v)
			t.Log(err)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			for _, e := range allErrors {
				if e != tc.want && errors.Is(err, e) {
					t.Errorf("error %v also matches %v", err, e)
				}
			}
		})
	}
}

func TestVerifyNeedsMetadata(t *testing.T) {
	t.Parallel()
	key, _ := testKeys(t)
	if _, err := samlsso.VerifyResponse(issue(t, params(key)), samlsso.VerifyParams{Now: now}); err == nil {
		t.Error("VerifyResponse without metadata: no error")
	}
	if _, err := samlsso.VerifyResponse(issue(t, params(key)), samlsso.VerifyParams{Metadata: &samlsso.Metadata{EntityID: entityID}, Now: now}); !errors.Is(err, samlsso.ErrSignature) {
		t.Errorf("VerifyResponse with metadata without certificates: %v", err)
	}
}

func TestHasRole(t *testing.T) {
	t.Parallel()
	a := &samlsso.Assertion{Roles: []string{"garbage", roleA}}
	idaas := rules.ARN{AccountID: account, Type: facts.ResourceTypeSAMLProvider, Name: "idaas"}
	tests := map[string]struct {
		role     string
		provider rules.ARN
		want     bool
	}{
		"listed":            {"sso-admin", idaas, true},
		"listed, uppercase": {"SSO-Admin", idaas, true},
		"not listed":        {"sso-readonly", idaas, false},
		"other provider":    {"sso-admin", rules.ARN{AccountID: account, Type: facts.ResourceTypeSAMLProvider, Name: "okta"}, false},
	}
	for name, tc := range tests {
		role := rules.ARN{AccountID: account, Type: facts.ResourceTypeRole, Name: tc.role}
		if got := a.HasRole(role, tc.provider); got != tc.want {
			t.Errorf("%s: HasRole = %v, want %v", name, got, tc.want)
		}
	}
}

func BenchmarkIssueAndVerify(b *testing.B) {
	key, _ := testKeys(b)
	md := metadataFor(b, entityID, key)
	p := params(key)
	p.SignResponse = true
	b.ReportAllocs()
	for b.Loop() {
		raw, err := samlsso.IssueResponse(p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := samlsso.VerifyResponse(raw, samlsso.VerifyParams{Metadata: md, Now: now}); err != nil {
			b.Fatal(err)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
