// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
)

// This file holds the one set of rules that keeps secrets out of logs and
// errors: which parameter and field names are secret, and how an access key
// ID is shown.

const removed = "(removed)"

// secretNameParts mark a parameter or JSON field as secret when its
// lower-cased name contains one of them: access key secrets, security and
// OIDC tokens, signatures, SAML assertions and passwords.
var secretNameParts = []string{"secret", "token", "signature", "assertion", "password"}

// notSecretNames are names that match secretNameParts but hold no secret:
// idempotency and pagination tokens, and the signing parameters that are
// not the signature itself.
var notSecretNames = []string{
	"clienttoken", "nexttoken",
	"signaturemethod", "signatureversion", "signaturenonce", "signaturetype", "signaturealgorithm",
}

// isSecretName reports whether a parameter or JSON field of this name holds
// a secret. Flattened names such as "SamlSsoConfig.SignatureAlgorithm" are
// judged by their last part.
func isSecretName(name string) bool {
	lower := strings.ToLower(name)
	if slices.Contains(notSecretNames, lower[strings.LastIndex(lower, ".")+1:]) {
		return false
	}
	for _, part := range secretNameParts {
		if strings.Contains(lower, part) {
			return true
		}
	}
	return false
}

// isAccessKeyIDName reports whether a parameter or JSON field of this name
// holds an access key ID.
func isAccessKeyIDName(name string) bool {
	return strings.EqualFold(name, "AccessKeyId")
}

// MaskAccessKeyID shows enough of an access key ID to tell keys apart and
// hides the rest, e.g. "LTAI****Key" for "LTAI5tEmulatorDefaultKey".
func MaskAccessKeyID(id string) string {
	if len(id) < 12 {
		return "****"
	}
	return id[:4] + "****" + id[len(id)-3:]
}

// redactValue returns value as it may be logged under name.
func redactValue(name, value string) string {
	switch {
	case isSecretName(name):
		return removed
	case isAccessKeyIDName(name):
		return MaskAccessKeyID(value)
	default:
		return value
	}
}

// redactParams returns request parameters as they may be logged.
func redactParams(params url.Values) map[string]string {
	out := make(map[string]string, len(params))
	for name, values := range params {
		out[name] = redactValue(name, strings.Join(values, ","))
	}
	return out
}

// redactJSON returns a JSON document as it may be logged: secret fields
// removed and access key IDs masked, at any depth. A body that is not JSON
// is not logged, as it cannot be checked.
func redactJSON(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		return "(a body that is not JSON, not logged)"
	}
	out, err := json.Marshal(redactJSONValue("", doc))
	if err != nil {
		return "(a body that could not be redacted, not logged)"
	}
	return string(out)
}

func redactJSONValue(name string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		for key, value := range v {
			v[key] = redactJSONValue(key, value)
		}
		return v
	case []any:
		for i, value := range v {
			v[i] = redactJSONValue(name, value)
		}
		return v
	case string:
		return sanitizeMessage(redactValue(name, v))
	default:
		if isSecretName(name) {
			return removed
		}
		return v
	}
}

// signatureEcho is where Alibaba Cloud starts echoing the string to sign in
// a SignatureDoesNotMatch message. That string holds the access key ID and
// any security token, so it is cut off.
const signatureEcho = "server string to sign is:"

// sanitizeMessage removes anything secret from a server's error message.
func sanitizeMessage(msg string) string {
	if i := strings.Index(strings.ToLower(msg), signatureEcho); i >= 0 {
		msg = strings.TrimSpace(msg[:i]) + " (the echoed string to sign is removed)"
	}
	return msg
}
