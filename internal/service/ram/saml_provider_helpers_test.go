// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// samlTestIdP is an IdP signing key and its metadata, for tests.
type samlTestIdP struct {
	Key *samlsso.Key
	// XML is the metadata as samlsso writes it, with a final newline, as
	// file("idp.xml") reads a file.
	XML         string
	Fingerprint string
	NotAfter    time.Time
}

const (
	samlTestEntityID = "https://idaas-test.aliyunidaas.com/api/v2/app_test/saml2/meta"
	samlTestSSOURL   = "https://idaas-test.aliyunidaas.com/login/app/app_test/saml2/sso"
)

// newSAMLTestIdP returns an IdP whose certificate is valid from notBefore
// for validFor.
func newSAMLTestIdP(t testing.TB, notBefore time.Time, validFor time.Duration) samlTestIdP {
	t.Helper()
	s, key := samltest.IdPMetadata(t, "idaas-test", notBefore, validFor, samlTestEntityID, samlTestSSOURL)
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	sum := sha256.Sum256(key.Certificate().Raw)
	return samlTestIdP{Key: key, XML: s, Fingerprint: hex.EncodeToString(sum[:]), NotAfter: key.Certificate().NotAfter.UTC()}
}

// newValidSAMLTestIdP returns an IdP whose certificate is valid for a year.
func newValidSAMLTestIdP(t testing.TB) samlTestIdP {
	t.Helper()
	return newSAMLTestIdP(t, time.Now().Add(-time.Hour), 365*24*time.Hour)
}

// samlWrappedBase64 is the Base64 of s in lines of 76 characters, as RAM and
// many tools write it.
func samlWrappedBase64(s string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var lines []string
	for len(enc) > 76 {
		lines = append(lines, enc[:76])
		enc = enc[76:]
	}
	return strings.Join(append(lines, enc), "\n") + "\n"
}

// newSAMLProviderTest is how a SAML provider acceptance test starts: an
// emulator of its own, a client of it (samlTestConn) and a random provider
// name.
func newSAMLProviderTest(t *testing.T) (*emulator.Server, client.IMS, string) {
	t.Helper()
	srv := acctest.Emulator(t)
	return srv, samlTestConn(t, srv), sdkacctest.RandomWithPrefix("tf-acc-idp")
}

// samlTestConn returns an IMS client of the emulator, as the provider
// builds one, for changes out of band and CheckDestroy.
func samlTestConn(t testing.TB, srv *emulator.Server) client.IMS {
	t.Helper()
	return acctest.EmulatorClient(t, srv).IMS()
}
