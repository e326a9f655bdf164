// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
)

// sdkRequest is what every typed SDK request offers to be pointed at the
// emulator.
type sdkRequest interface {
	SetDomain(string)
	SetScheme(string)
}

// at points an SDK request at the emulator over plain HTTP.
func at[R sdkRequest](srv *emulator.Server, r R) R {
	r.SetDomain(srv.Addr())
	r.SetScheme("http")
	return r
}

// clients are the SDK clients of one set of credentials.
type clients struct {
	ram *ram.Client
	ims *ims.Client
	sts *sts.Client
}

func newClients(t testing.TB, keyID, secret string) clients {
	t.Helper()
	r, err := ram.NewClientWithAccessKey("cn-hangzhou", keyID, secret)
	if err != nil {
		t.Fatal(err)
	}
	i, err := ims.NewClientWithAccessKey("cn-hangzhou", keyID, secret)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sts.NewClientWithAccessKey("cn-hangzhou", keyID, secret)
	if err != nil {
		t.Fatal(err)
	}
	return clients{ram: r, ims: i, sts: s}
}

func stsClients(t testing.TB, keyID, secret, token string) clients {
	t.Helper()
	r, err := ram.NewClientWithStsToken("cn-hangzhou", keyID, secret, token)
	if err != nil {
		t.Fatal(err)
	}
	i, err := ims.NewClientWithStsToken("cn-hangzhou", keyID, secret, token)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sts.NewClientWithStsToken("cn-hangzhou", keyID, secret, token)
	if err != nil {
		t.Fatal(err)
	}
	return clients{ram: r, ims: i, sts: s}
}

func defaultClients(t testing.TB) clients {
	return newClients(t, emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
}

// wantAPIError checks that err is a server error with the code and HTTP
// status.
func wantAPIError(t testing.TB, err error, code string, status int) {
	t.Helper()
	_ = wantServerError(t, err, code, status) // The checks are all the caller wants.
}

// wantServerError is wantAPIError for a caller that goes on to check the
// error's message: it returns the server error.
func wantServerError(t testing.TB, err error, code string, status int) *sdkerrors.ServerError {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s (HTTP %d)", code, status)
	}
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("got error %v, want a server error %s", err, code)
	}
	if se.ErrorCode() != code || se.HttpStatus() != status {
		t.Fatalf("got %s (HTTP %d): %s; want %s (HTTP %d)", se.ErrorCode(), se.HttpStatus(), se.Message(), code, status)
	}
	if se.RequestId() == "" || se.HostId() == "" {
		t.Errorf("error body lacks RequestId or HostId: %+v", se)
	}
	return se
}

func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// trustRAM is a trust policy that lets the default account's own keys
// assume a role.
func trustRAM() string {
	return fmt.Sprintf(`{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::%s:root"]}}],"Version":"1"}`, acct)
}

// trustSAML is the documented trust policy for a SAML provider
// (FACTS.md).
func trustSAML(account, provider string) string {
	return fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Federated":"acs:ram::%s:saml-provider/%s"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}}]}`, account, provider)
}

var (
	certOnce sync.Once
	certDER  []byte
)

// testCertificate returns a self-signed RSA certificate, made once.
func testCertificate(t testing.TB) []byte {
	t.Helper()
	certOnce.Do(func() {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "emulator test IdP"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(24 * time.Hour),
		}
		certDER, err = x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			panic(err)
		}
	})
	return certDER
}

// testMetadataXML returns SAML 2.0 IdP metadata with a signing
// certificate.
func testMetadataXML(t testing.TB, entityID string) string {
	cert := base64.StdEncoding.EncodeToString(testCertificate(t))
	return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + entityID + `">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>` + cert + `</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
}

func testMetadata(t testing.TB, entityID string) string {
	return base64.StdEncoding.EncodeToString([]byte(testMetadataXML(t, entityID)))
}

// v1Request builds a v1-signed request by hand: the common parameters,
// then the signature over all of them (FACTS.md).
func v1Request(t testing.TB, srv *emulator.Server, method, keyID, secret string, params map[string]string) *http.Request {
	t.Helper()
	p := emulator.Params{
		"Format":           "JSON",
		"Timestamp":        time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureVersion": "1.0",
		"SignatureNonce":   fmt.Sprintf("%d", time.Now().UnixNano()),
		"AccessKeyId":      keyID,
	}
	for k, v := range params {
		p[k] = v
	}
	q := url.Values{}
	for k, v := range p {
		q.Set(k, v)
	}
	q.Set("Signature", emulator.V1Sign(emulator.V1StringToSign(method, p), secret))
	r, err := http.NewRequest(method, srv.URL()+"/?"+q.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// rawResponse is an API answer read without the SDK.
type rawResponse struct {
	Status int
	Body   map[string]any
}

func (r rawResponse) code() string { s, _ := r.Body["Code"].(string); return s }

func send(t testing.TB, r *http.Request) rawResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := rawResponse{Status: resp.StatusCode}
	if err := json.Unmarshal(b, &out.Body); err != nil {
		t.Fatalf("response body is not JSON: %s", b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	return out
}

// control calls the control API and decodes its JSON answer into out.
func control(t testing.TB, srv *emulator.Server, method, path string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	r, err := http.NewRequest(method, srv.URL()+emulator.ControlPrefix+strings.TrimPrefix(path, "/"), rd)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("control %s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}
