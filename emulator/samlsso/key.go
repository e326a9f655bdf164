// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// KeyBits is the RSA key size of signing keys, as IDaaS uses.
const KeyBits = 2048

// Key is an IdP signing key with its self-signed certificate.
type Key struct {
	private *rsa.PrivateKey
	cert    *x509.Certificate
}

// NewSigningKey creates an RSA 2048 key and a self-signed certificate for
// subjectCN, valid from notBefore for validFor.
//
// Generating the RSA key takes tens of milliseconds. A caller that
// serializes work behind a lock generates it before taking the lock, with
// rsa.GenerateKey(rand.Reader, KeyBits), and calls CertifyKey under it.
func NewSigningKey(subjectCN string, notBefore time.Time, validFor time.Duration) (*Key, error) {
	private, err := rsa.GenerateKey(rand.Reader, KeyBits)
	if err != nil {
		return nil, fmt.Errorf("samlsso: generating an RSA key: %w", err)
	}
	return CertifyKey(private, subjectCN, notBefore, validFor)
}

// CertifyKey makes a signing key of private, an RSA key of KeyBits bits,
// with a self-signed certificate for subjectCN, valid from notBefore for
// validFor. It costs one signature.
func CertifyKey(private *rsa.PrivateKey, subjectCN string, notBefore time.Time, validFor time.Duration) (*Key, error) {
	if private == nil {
		return nil, errors.New("samlsso: no private key")
	}
	if bits := private.N.BitLen(); bits != KeyBits {
		return nil, fmt.Errorf("samlsso: the private key has %d bits; signing keys are RSA %d, as IDaaS uses", bits, KeyBits)
	}
	if validFor <= 0 {
		return nil, fmt.Errorf("samlsso: the certificate validity must be positive, got %s", validFor)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("samlsso: generating a serial number: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: subjectCN},
		NotBefore:             notBefore.UTC(),
		NotAfter:              notBefore.Add(validFor).UTC(),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		SignatureAlgorithm:    x509.SHA256WithRSA,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &private.PublicKey, private)
	if err != nil {
		return nil, fmt.Errorf("samlsso: creating the certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("samlsso: parsing the new certificate: %w", err)
	}
	return &Key{private: private, cert: cert}, nil
}

// Certificate returns the key's certificate.
func (k *Key) Certificate() *x509.Certificate {
	return k.cert
}

// MarshalPEM encodes the key as a PKCS #8 "PRIVATE KEY" block followed by a
// "CERTIFICATE" block, for the emulator's state file.
func (k *Key) MarshalPEM() ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k.private)
	if err != nil {
		return nil, fmt.Errorf("samlsso: encoding the private key: %w", err)
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	return append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.cert.Raw})...), nil
}

// ParseKeyPEM decodes a key written by MarshalPEM. It checks that the
// certificate belongs to the key.
func ParseKeyPEM(data []byte) (*Key, error) {
	var k Key
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		switch block.Type {
		case "PRIVATE KEY":
			parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("samlsso: parsing the private key: %w", err)
			}
			private, ok := parsed.(*rsa.PrivateKey)
			if !ok {
				return nil, fmt.Errorf("samlsso: the private key is %T, not RSA", parsed)
			}
			k.private = private
		case "CERTIFICATE":
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("samlsso: parsing the certificate: %w", err)
			}
			k.cert = cert
		}
	}
	if k.private == nil || k.cert == nil {
		return nil, errors.New(`samlsso: the PEM data needs a "PRIVATE KEY" and a "CERTIFICATE" block`)
	}
	if !k.private.PublicKey.Equal(k.cert.PublicKey) {
		return nil, errors.New("samlsso: the certificate does not belong to the private key")
	}
	return &k, nil
}
