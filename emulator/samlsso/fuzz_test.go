// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso_test

import (
	"errors"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// FuzzVerifyResponse feeds altered responses to the verifier: it must never
// panic, every failure must be one of the typed errors, and a response that
// still verifies must carry what the IdP signed.
func FuzzVerifyResponse(f *testing.F) {
	key, _ := testKeys(f)
	md := metadataFor(f, entityID, key)
	for _, mode := range [][2]bool{{true, false}, {false, true}, {true, true}} {
		p := params(key)
		p.SignResponse, p.SignAssertion = mode[0], mode[1]
		f.Add(issue(f, p))
	}
	f.Add([]byte(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/></samlp:Response>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := samlsso.VerifyResponse(raw, samlsso.VerifyParams{Metadata: md, Now: now})
		if err != nil {
			for _, e := range allErrors {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("untyped error: %v", err)
		}
		if a.Issuer != entityID || a.RoleSessionName != "alice" || len(a.Roles) != 2 || a.Roles[0] != roleA || a.Roles[1] != roleB {
			t.Fatalf("a verified response says what the IdP did not sign: %+v", a)
		}
	})
}
