// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Signature algorithms, as a request names them.
const (
	sigV1   = "HMAC-SHA1"        // RPC signature v1, FACTS.md
	sigACS3 = "ACS3-HMAC-SHA256" // the new SDKs' default, FACTS.md
)

// timestampLayout is the format of Timestamp (v1) and x-acs-date (ACS3).
const timestampLayout = "2006-01-02T15:04:05Z"

// defaultTimestampTolerance is how far a request's time may be from the
// server's: 15 minutes (error centre text quoted in
// overtrue/laravel-mail-aliyun#4).
const defaultTimestampTolerance = 15 * time.Minute

// Identity types, as GetCallerIdentity reports them.
const (
	identityAccount     = "Account"
	identityRAMUser     = "RAMUser"
	identityAssumedRole = "AssumedRoleUser"
)

// principal is who made a call.
type principal struct {
	// IdentityType is identityAccount, identityRAMUser or
	// identityAssumedRole; "" for an anonymous call.
	IdentityType string
	AccountID    string
	// UserName and UserID identify a RAM user.
	UserName string
	UserID   string
	// RoleName, RoleID and SessionName identify an assumed role.
	RoleName    string
	RoleID      string
	SessionName string
	// AccessKeyID is the key that signed the call.
	AccessKeyID string
}

// ARN returns the principal's ARN (FACTS.md).
func (p principal) ARN() string {
	switch p.IdentityType {
	case identityRAMUser:
		return "acs:ram::" + p.AccountID + ":user/" + p.UserName
	case identityAssumedRole:
		return assumedRoleARN(p.AccountID, p.RoleName, p.SessionName)
	case identityAccount:
		return "acs:ram::" + p.AccountID + ":root"
	}
	return ""
}

// PrincipalID is GetCallerIdentity's PrincipalId: the account ID, the RAM
// user ID, or "<RoleId>:<session>".
func (p principal) PrincipalID() string {
	switch p.IdentityType {
	case identityRAMUser:
		return p.UserID
	case identityAssumedRole:
		return p.RoleID + ":" + p.SessionName
	}
	return p.AccountID
}

// assumedRoleARN is the ARN of an STS session as GetCallerIdentity names
// it. The SDK documents no example of it for a role session; the form is
// the RAM docs' (FACTS.md, "STS"), and UNCONFIRMED.
func assumedRoleARN(account, roleName, session string) string {
	return "acs:ram::" + account + ":assumed-role/" + roleName + "/" + session
}

// credential is an access key the emulator accepts: a long-term key from
// the configuration, or temporary STS credentials.
type credential struct {
	secret string
	// securityToken and expiration are set for STS credentials only.
	securityToken string
	expiration    time.Time
	who           principal
}

func (k *credential) temporary() bool { return k.securityToken != "" }

// signedRequest is what authentication needs from a request.
type signedRequest struct {
	r      *http.Request
	body   []byte
	query  url.Values
	params Params // query and form merged
}

// authenticate verifies a request's signature and returns its caller. The
// order of checks: algorithm and required parts, time, key, token,
// signature, nonce. The caller holds s.mu.
func (s *Server) authenticate(req signedRequest, now time.Time) (principal, *APIError) {
	if auth := req.r.Header.Get("Authorization"); strings.HasPrefix(auth, "ACS3-") {
		return s.authenticateACS3(req, auth, now)
	}
	return s.authenticateV1(req, now)
}

// authenticateV1 verifies an RPC v1 (HMAC-SHA1) signature (FACTS.md): every
// parameter except Signature, query and form merged.
func (s *Server) authenticateV1(req signedRequest, now time.Time) (principal, *APIError) {
	p := req.params
	for _, name := range []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "Timestamp"} {
		if p.Get(name) == "" {
			return principal{}, errMissingParam(name)
		}
	}
	if m := p.Get("SignatureMethod"); m != sigV1 {
		return principal{}, errSignatureMethod(m)
	}
	if v := p.Get("SignatureVersion"); v != "" && v != "1.0" {
		return principal{}, errInvalidParam("SignatureVersion", `it must be "1.0"`)
	}
	if err := s.checkTimestamp(p.Get("Timestamp")); err != nil {
		return principal{}, err
	}
	key, err := s.lookupKey(p.Get("AccessKeyId"), p.Get("SecurityToken"), now)
	if err != nil {
		return principal{}, err
	}
	stringToSign := v1StringToSign(req.r.Method, p)
	if !hmac.Equal([]byte(p.Get("Signature")), []byte(v1Sign(stringToSign, key.secret))) {
		return principal{}, errSignatureV1(stringToSign)
	}
	if err := s.useNonce(p.Get("AccessKeyId"), p.Get("SignatureNonce")); err != nil {
		return principal{}, err
	}
	return key.who, nil
}

// v1StringToSign builds the v1 string to sign from a request's parameters.
func v1StringToSign(method string, p Params) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(percentEncode(k))
		b.WriteByte('=')
		b.WriteString(percentEncode(p[k]))
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(b.String())
}

// v1Sign is Base64(HMAC-SHA1(secret + "&", stringToSign)).
func v1Sign(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// percentEncode is RFC 3986 encoding as the v1 signature uses it: only
// A-Z a-z 0-9 - _ . ~ are kept.
func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

// authenticateACS3 verifies an ACS3-HMAC-SHA256 signature (FACTS.md).
func (s *Server) authenticateACS3(req signedRequest, auth string, now time.Time) (principal, *APIError) {
	algorithm, rest, _ := strings.Cut(auth, " ")
	if algorithm != sigACS3 {
		return principal{}, errSignatureMethod(algorithm)
	}
	var keyID, signedHeaders, signature string
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			keyID = v
		case "SignedHeaders":
			signedHeaders = v
		case "Signature":
			signature = v
		}
	}
	if keyID == "" || signedHeaders == "" || signature == "" {
		return principal{}, errIncompleteSignature("the Authorization header must carry Credential, SignedHeaders and Signature")
	}
	h := req.r.Header
	for _, name := range []string{"x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if h.Get(name) == "" {
			return principal{}, errMissingParam(name)
		}
	}
	signed := strings.Split(signedHeaders, ";")
	signedSet := map[string]bool{}
	for _, name := range signed {
		signedSet[name] = true
	}
	for name := range h {
		if l := strings.ToLower(name); strings.HasPrefix(l, "x-acs-") && !signedSet[l] {
			return principal{}, errIncompleteSignature("header " + l + " is not in SignedHeaders")
		}
	}
	if !signedSet["host"] {
		return principal{}, errIncompleteSignature("header host is not in SignedHeaders")
	}
	if err := s.checkTimestamp(h.Get("x-acs-date")); err != nil {
		return principal{}, err
	}
	key, err := s.lookupKey(keyID, h.Get("x-acs-security-token"), now)
	if err != nil {
		return principal{}, err
	}
	stringToSign := acs3StringToSign(req.r, req.query, signed, req.body)
	mac := hmac.New(sha256.New, []byte(key.secret))
	mac.Write([]byte(stringToSign))
	if !hmac.Equal([]byte(strings.ToLower(signature)), []byte(hex.EncodeToString(mac.Sum(nil)))) {
		return principal{}, errSignatureACS3(stringToSign)
	}
	if err := s.useNonce(keyID, h.Get("x-acs-signature-nonce")); err != nil {
		return principal{}, err
	}
	return key.who, nil
}

// acs3StringToSign builds the ACS3 string to sign: the canonical request's
// hash under the algorithm name. The payload hash is of the body actually
// received, so a body that does not match x-acs-content-sha256 fails.
func acs3StringToSign(r *http.Request, query url.Values, signedHeaders []string, body []byte) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(acs3CanonicalURI(r.URL.Path))
	b.WriteByte('\n')
	b.WriteString(acs3CanonicalQuery(query))
	b.WriteByte('\n')
	for _, name := range signedHeaders {
		var v string
		if name == "host" {
			v = r.Host
		} else {
			v = strings.Join(r.Header.Values(name), ",")
		}
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strings.TrimSpace(v))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(signedHeaders, ";"))
	b.WriteByte('\n')
	b.WriteString(hexSHA256(body))
	return sigACS3 + "\n" + hexSHA256([]byte(b.String()))
}

func acs3CanonicalURI(path string) string {
	if path == "" {
		return "/"
	}
	return acs3Escape(path, false)
}

// acs3CanonicalQuery re-encodes the decoded query: keys sorted, each
// key=value percent-encoded, "" values as "key=".
func acs3CanonicalQuery(query url.Values) string {
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		v := ""
		if vs := query[k]; len(vs) > 0 {
			v = vs[0]
		}
		b.WriteString(acs3Escape(k, true))
		b.WriteByte('=')
		b.WriteString(acs3Escape(v, true))
	}
	return b.String()
}

// acs3Escape is url.QueryEscape with "+"→"%20", "*"→"%2A", "%7E"→"~"; for
// a path, "/" stays.
func acs3Escape(s string, query bool) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	e = strings.ReplaceAll(e, "%7E", "~")
	if !query {
		e = strings.ReplaceAll(e, "%2F", "/")
	}
	return e
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkTimestamp checks a request's time against the wall clock. The
// client signs with its real clock, so the check ignores the emulated time
// (Config.Clock, AdvanceClock), which only ages the emulator's objects and
// credentials.
func (s *Server) checkTimestamp(value string) *APIError {
	t, err := time.Parse(timestampLayout, value)
	if err != nil {
		return errTimestampFormat(value)
	}
	if d := time.Since(t); d > s.timestampTolerance || d < -s.timestampTolerance {
		return errTimestampExpired()
	}
	return nil
}

// lookupKey finds an access key and checks its token. The caller holds
// s.mu.
func (s *Server) lookupKey(id, token string, now time.Time) (*credential, *APIError) {
	key, ok := s.keys[id]
	if !ok {
		return nil, errAccessKeyNotFound()
	}
	switch {
	case !key.temporary() && token != "":
		return nil, errSecurityTokenMismatch()
	case key.temporary() && token == "":
		return nil, errMissingSecurityToken()
	case key.temporary() && !hmac.Equal([]byte(token), []byte(key.securityToken)):
		return nil, errSecurityTokenMismatch()
	case key.temporary() && !now.Before(key.expiration):
		return nil, errSecurityTokenExpired()
	}
	return key, nil
}

// useNonce records a signature nonce, rejecting one seen before within the
// timestamp tolerance. The caller holds s.mu.
func (s *Server) useNonce(keyID, nonce string) *APIError {
	now := time.Now()
	k := keyID + "\x00" + nonce
	if _, seen := s.nonces[k]; seen {
		return errNonceUsed()
	}
	s.nonces[k] = now
	// Forget nonces old enough that their timestamps are rejected anyway.
	if len(s.nonces) > 4096 && now.Sub(s.noncesPruned) > time.Minute {
		for n, t := range s.nonces {
			if now.Sub(t) > 2*s.timestampTolerance {
				delete(s.nonces, n)
			}
		}
		s.noncesPruned = now
	}
	return nil
}
