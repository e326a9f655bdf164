// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package samltest makes the SAML IdP metadata tests need, and finds parts
// of it.
package samltest

import (
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// IdPMetadata returns the metadata of an IdP of entityID and ssoURL, and
// its signing key: a new one of subject, whose certificate is valid from
// notBefore for validFor.
func IdPMetadata(t testing.TB, subject string, notBefore time.Time, validFor time.Duration, entityID, ssoURL string) (string, *samlsso.Key) {
	t.Helper()
	key, err := samlsso.NewSigningKey(subject, notBefore, validFor)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := samlsso.IdPMetadata(entityID, ssoURL, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(doc), key
}

// KeyDescriptor returns the first md:KeyDescriptor element of metadata.
func KeyDescriptor(t testing.TB, metadata string) string {
	t.Helper()
	start := strings.Index(metadata, "<md:KeyDescriptor")
	end := strings.Index(metadata, "</md:KeyDescriptor>")
	if start < 0 || end < 0 {
		t.Fatalf("no KeyDescriptor in %s", metadata)
	}
	return metadata[start : end+len("</md:KeyDescriptor>")]
}
