// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

func FuzzParseMetadata(f *testing.F) {
	cert := newCertDER(f, "idp", t0, t0.AddDate(1, 0, 0))
	doc := metadataXML{EntityID: entityID, ValidUntil: "2030-01-01T00:00:00Z", Certs: [][]byte{cert}, SSO: [][2]string{redirectSSO, postSSO}}.String()
	f.Add(doc)
	f.Add(base64.StdEncoding.EncodeToString([]byte(doc)))
	f.Add(wrap(base64.StdEncoding.EncodeToString([]byte(doc)), 76))
	f.Add(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><md:EntityDescriptor entityID="x"><md:IDPSSODescriptor/></md:EntityDescriptor></md:EntitiesDescriptor>`)
	f.Add(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`)
	f.Add("https://idp/meta")
	f.Add("")
	f.Fuzz(func(t *testing.T, input string) {
		m, err := rolesso.ParseMetadata(input)
		if !accepted(t, m, err) {
			return
		}
		_ = m.Validate(t0)
		_ = m.Warnings(t0, 30*24*time.Hour)
		if !m.Equal(m) {
			t.Fatal("metadata is not Equal to itself")
		}
		encoded, err := rolesso.EncodeMetadata(input)
		if err != nil {
			t.Fatalf("EncodeMetadata fails on parsable metadata: %v", err)
		}
		same, err := rolesso.SameMetadata(input, wrap(encoded, 64))
		if err != nil || !same {
			t.Fatalf("metadata differs from its wrapped Base64: %v, %v", same, err)
		}
	})
}

func FuzzParseTrustPolicy(f *testing.F) {
	built, err := rolesso.BuildTrustPolicy(account, []string{"idaas", "okta"}, rolesso.China)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{policy2021, policyCurrent, built, `{"Version":"1","Statement":{"Effect":"Deny","Principal":{"RAM":1},"Action":true}}`, `[]`, `{"Statement":[{"Condition":{"A":{"b":[null]}}}]}`, "{\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := rolesso.ParseTrustPolicy(doc)
		if !accepted(t, p, err) {
			return
		}
		_ = p.Validate()
		_ = p.Trusts(rolesso.SAMLProviderARN(account, "idaas"), rolesso.China.ACSURL)
		canonical, err := rolesso.CanonicalTrustPolicy(doc)
		if err != nil {
			t.Fatalf("CanonicalTrustPolicy fails on a parsable policy: %v", err)
		}
		again, err := rolesso.CanonicalTrustPolicy(canonical)
		if err != nil {
			t.Fatalf("the canonical form does not parse: %v\n%s", err, canonical)
		}
		if again != canonical {
			t.Fatalf("the canonical form is not stable:\n%s\n%s", canonical, again)
		}
		for _, arn := range p.SAMLProviderARNs() {
			for _, recipient := range p.Recipients() {
				_ = p.Trusts(arn, recipient)
			}
		}
	})
}

func FuzzEquivalent(f *testing.F) {
	built, err := rolesso.BuildTrustPolicy(account, []string{"idaas"}, rolesso.International)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(policy2021, policyCurrent)
	f.Add(built, policyCurrent)
	f.Add(built, strings.ReplaceAll(built, "idaas", "IDaaS"))
	f.Add(`{"Version":"1","Statement":[]}`, `{"Statement":[],"Version":"1"}`)
	f.Add(`{"Version":"1","Statement":[{"Action":["a","b"]}]}`, `{"Version":"1","Statement":[{"Action":["b","a","a"]}]}`)
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, errAB := rolesso.EquivalentTrustPolicies(a, b)
		ba, errBA := rolesso.EquivalentTrustPolicies(b, a)
		if (errAB == nil) != (errBA == nil) {
			t.Fatalf("errors are not symmetric: %v / %v", errAB, errBA)
		}
		if ab != ba {
			t.Fatalf("not symmetric: %v / %v", ab, ba)
		}
		if errAB != nil && ab {
			t.Fatal("equivalent with an error")
		}
		for _, doc := range []string{a, b} {
			if _, err := rolesso.ParseTrustPolicy(doc); err != nil {
				continue
			}
			same, err := rolesso.EquivalentTrustPolicies(doc, doc)
			if err != nil || !same {
				t.Fatalf("not reflexive: %v, %v", same, err)
			}
		}
		if ab {
			pa, _ := rolesso.ParseTrustPolicy(a)
			pb, _ := rolesso.ParseTrustPolicy(b)
			for _, arn := range append(pa.SAMLProviderARNs(), pb.SAMLProviderARNs()...) {
				for _, site := range rolesso.Sites() {
					if pa.Trusts(arn, site.ACSURL) != pb.Trusts(arn, site.ACSURL) {
						t.Fatalf("equivalent policies disagree on trusting %q at %s", arn, site.Name)
					}
				}
			}
		}
	})
}

func FuzzParseRoleAttribute(f *testing.F) {
	f.Add(rolesso.ExampleRoleAttribute)
	f.Add(rolesso.ExampleSAMLProviderARN + "," + rolesso.ExampleRoleARN)
	f.Add(rolesso.ExampleRoleARN + ", " + rolesso.ExampleSAMLProviderARN)
	f.Add("acs:ram::1234567890123456:role/a,acs:ram::6543210987654321:saml-provider/b")
	f.Add(",")
	f.Fuzz(func(t *testing.T, s string) {
		attr, ok := parsesBack(t, rolesso.ParseRoleAttribute, s)
		if !ok {
			return
		}
		if !attr.Matches(attr.Role, attr.SAMLProvider) {
			t.Fatal("a Role attribute does not match its own ARNs")
		}
	})
}

func FuzzParseARN(f *testing.F) {
	f.Add(rolesso.ExampleRoleARN)
	f.Add(rolesso.ExampleSAMLProviderARN)
	f.Add("acs:ram::1234567890123456:role/")
	f.Add("acs:ram::1234567890123456:role/a/b")
	f.Add("ACS:RAM::1234567890123456:role/a")
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := parsesBack(t, rolesso.ParseARN, s)
		if !ok {
			return
		}
		if !a.Equal(a) {
			t.Fatal("an ARN is not Equal to itself")
		}
		var typed rolesso.ARN
		var err error
		if a.ResourceType == rolesso.ResourceTypeRole {
			typed, err = rolesso.ParseRoleARN(s)
		} else {
			typed, err = rolesso.ParseSAMLProviderARN(s)
		}
		if err != nil || typed != a {
			t.Fatalf("the typed parser disagrees: %v, %v", typed, err)
		}
	})
}

// parsesBack parses s, and reports whether parse accepted it; what it
// accepts must print back as s.
func parsesBack[T fmt.Stringer](t *testing.T, parse func(string) (T, error), s string) (T, bool) {
	t.Helper()
	v, err := parse(s)
	if err != nil {
		return v, false
	}
	if v.String() != s {
		t.Fatalf("String() = %q, want the input %q", v.String(), s)
	}
	return v, true
}

// accepted reports whether a parser that returns v and err accepted its
// input; one that did not must return no value.
func accepted[T any](t *testing.T, v *T, err error) bool {
	t.Helper()
	if err != nil {
		if v != nil {
			t.Fatalf("the parser returned a %T with an error", v)
		}
		return false
	}
	return true
}
