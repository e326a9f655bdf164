// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"
)

// maxLoggedCalls bounds the request log; the oldest calls are dropped.
const maxLoggedCalls = 10000

// CallRecord is one API call in the request log (GET /_emulator/requests).
// It holds no secret: no signature, no token, no assertion.
type CallRecord struct {
	Seq       int64     `json:"seq"`
	Time      time.Time `json:"time"`
	RequestID string    `json:"requestId"`
	Product   string    `json:"product,omitempty"`
	Version   string    `json:"version,omitempty"`
	Action    string    `json:"action,omitempty"`
	// Signature is the algorithm, HMAC-SHA1 or ACS3-HMAC-SHA256; "" for
	// an unsigned call.
	Signature   string `json:"signature,omitempty"`
	AccessKeyID string `json:"accessKeyId,omitempty"`
	// Params are the business parameters, secrets redacted.
	Params map[string]string `json:"params,omitempty"`
	// Status is the HTTP status; 0 when the connection was dropped.
	Status int    `json:"status"`
	Code   string `json:"code,omitempty"`
	// Fault is the injected fault, if any.
	Fault string `json:"fault,omitempty"`
}

// callLog is the request log, safe for concurrent use.
type callLog struct {
	mu    sync.Mutex
	seq   int64
	calls []CallRecord
}

func (s *Server) logCall(c CallRecord) {
	l := &s.calls
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	c.Seq = l.seq
	if len(l.calls) >= maxLoggedCalls {
		l.calls = append(l.calls[:0], l.calls[len(l.calls)-maxLoggedCalls/2:]...)
	}
	l.calls = append(l.calls, c)
}

// since returns the calls with a sequence number above seq.
func (l *callLog) since(seq int64) []CallRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []CallRecord{}
	for _, c := range l.calls {
		if c.Seq > seq {
			out = append(out, c)
		}
	}
	return out
}

func (l *callLog) clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = nil
}

// signingParams are the v1 common parameters: they are about the request,
// not the call, and are left out of the log.
var signingParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "Timestamp": true,
	"SignatureMethod": true, "SignatureVersion": true, "SignatureNonce": true,
	"SignatureType": true, "Signature": true, "AccessKeyId": true,
	"SecurityToken": true, "BearerToken": true,
}

// secretParams are business parameters whose values are secrets.
var secretParams = map[string]bool{
	"SAMLAssertion": true, "OIDCToken": true, "AccessKeySecret": true,
	"Password": true, "NewPassword": true, "ClientSecret": true,
}

const redacted = "(redacted)"

// maxLoggedValue bounds a logged value (metadata documents are long); a
// longer one is cut.
const maxLoggedValue = 1024

// redactParams returns the parameters fit for the log.
func redactParams(p Params) map[string]string {
	out := make(map[string]string, len(p))
	for k, v := range p {
		switch {
		case signingParams[k]:
		case secretParams[k] || strings.Contains(strings.ToLower(k), "secret") || strings.Contains(strings.ToLower(k), "password"):
			out[k] = redacted
		case len(v) > maxLoggedValue:
			out[k] = fmt.Sprintf("%s… (%d characters)", v[:maxLoggedValue/4], len(v))
		default:
			out[k] = v
		}
	}
	return out
}

// newRequestID returns a request ID in the real format, an upper-case
// UUID such as 7463B73D-35CC-4D19-A010-6B8D65D242EF.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
