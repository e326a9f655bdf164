// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// The validation rules the emulator enforces, each mapped to its API error.
// The rules themselves live in package rules, written from FACTS.md; this
// file only turns them into the codes the services answer with.

// checkRoleName applies the RAM role-name rule.
func checkRoleName(name string) *APIError {
	switch rules.RoleName(name) {
	case rules.NameLength:
		return errRoleNameLength()
	case rules.NameChars:
		return errRoleNameChars()
	}
	return nil
}

// checkSAMLProviderName applies the SAML provider name rule.
func checkSAMLProviderName(name string) *APIError {
	switch rules.SAMLProviderName(name) {
	case rules.NameLength:
		return errSAMLProviderNameLength()
	case rules.NameChars:
		return errSAMLProviderNameChars()
	}
	return nil
}

// sameName is how RAM compares role and SAML provider names.
func sameName(a, b string) bool { return rules.SameName(a, b) }

// checkLength reports whether s has between least and most characters.
func checkLength(s string, least, most int) bool {
	n := utf8.RuneCountInString(s)
	return n >= least && n <= most
}

// checkEncodedSAMLMetadata checks EncodedSAMLMetadataDocument: Base64
// (whitespace, such as line breaks, is ignored) of SAML 2.0 IdP metadata
// with an entityID and at least one signing certificate, as
// samlsso.ParseMetadata reads it.
func checkEncodedSAMLMetadata(encoded string) error {
	raw, err := base64.StdEncoding.DecodeString(stripSpace(encoded))
	if err != nil {
		return errors.New("it is not Base64")
	}
	_, err = samlsso.ParseMetadata(raw)
	return err
}

// wrapBase64 re-encodes metadata Base64 in lines of 76 characters, the way
// GetSAMLProvider is inferred to return it: the alicloud provider strips
// "\n" before comparing (FACTS.md). The line length is
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
