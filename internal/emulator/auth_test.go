// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/emulator"
)

// TestV1SignatureVector checks the RPC v1 signature against the test vector
// of the RAM docs (alibaba-api.md §4.4).
func TestV1SignatureVector(t *testing.T) {
	params := emulator.Params{
		"UserName":         "test",
		"SignatureVersion": "1.0",
		"Format":           "JSON",
		"Timestamp":        "2015-08-18T03:15:45Z",
		"AccessKeyId":      "testid",
		"SignatureMethod":  "HMAC-SHA1",
		"Version":          "2015-05-01",
		"Action":           "CreateUser",
		"SignatureNonce":   "6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2",
		"Signature":        "ignored: never part of the string to sign",
	}
	const wantStringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2%26SignatureVersion%3D1.0%26Timestamp%3D2015-08-18T03%253A15%253A45Z%26UserName%3Dtest%26Version%3D2015-05-01"
	got := emulator.V1StringToSign("GET", params)
	if got != wantStringToSign {
		t.Fatalf("string to sign:\n got %s\nwant %s", got, wantStringToSign)
	}
	if sig := emulator.V1Sign(got, "testsecret"); sig != "kRA2cnpJVacIhDMzXnoNZG9tDCI=" {
		t.Errorf("signature = %s, want kRA2cnpJVacIhDMzXnoNZG9tDCI=", sig)
	}
}
