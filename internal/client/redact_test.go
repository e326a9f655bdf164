// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// TestLogsAreRedacted captures the logs of calls that carry a secret and a
// security token, and whose answers hold secrets too, and checks that no
// secret, token or signature is logged while the masked key ID is.
func TestLogsAreRedacted(t *testing.T) {
	t.Parallel()
	const (
		keyID          = "LTAI5tEmulatorDefaultKey"
		keySecret      = "EmulatorDefaultSecret0123456789ab"
		securityToken  = "CAISSecurityTokenValueXYZ0123456789"
		returnedSecret = "ReturnedSessionSecretValue987"
		returnedToken  = "ReturnedSessionTokenValue654"
		samlAssertion  = "PHNhbWxwOlJlc3BvbnNlIFNBTUxBc3NlcnRpb25WYWx1ZQ=="
	)
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		if fc.Action == "GetRole" {
			return fakeReply{Status: http.StatusBadRequest, Body: apiError("SignatureDoesNotMatch",
				"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D"+keyID+"%26SecurityToken%3D"+securityToken)}
		}
		return stsCredentials("STS.NUgYrLnoC37mZZCNnAbez2nJ", returnedSecret, returnedToken, "2099-01-01T00:00:00Z")
	})
	fake.allowKey(keyID, keySecret)
	cfg := fake.config()
	cfg.AccessKey = &client.AccessKey{ID: keyID, Secret: keySecret, SecurityToken: securityToken}
	c := newClient(t, cfg)

	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	if _, err := c.STS().GetCallerIdentity(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := c.RAM().GetRole(ctx, "r")
	if err == nil {
		t.Fatal("want the SignatureDoesNotMatch error")
	}
	// A parameter that is secret by name is removed, whatever the action.
	if err := client.InvokeEIAM(ctx, c, "AssumeRoleWithSAML", true, map[string]string{"SAMLAssertion": samlAssertion}); err != nil {
		t.Fatal(err)
	}

	out := logs.String()
	for _, s := range []string{"Alibaba Cloud API call", "Alibaba Cloud API request", "Alibaba Cloud API response"} {
		if !strings.Contains(out, s) {
			t.Fatalf("logs lack %q; were debug and trace logs captured?\n%s", s, out)
		}
	}
	if !strings.Contains(out, "LTAI****Key") {
		t.Errorf("logs lack the masked access key ID LTAI****Key:\n%s", out)
	}
	secrets := []string{keyID, keySecret, securityToken, returnedSecret, returnedToken, samlAssertion}
	for _, fc := range fake.Calls() {
		secrets = append(secrets, fc.Params.Get("Signature"))
	}
	for _, secret := range secrets {
		if secret != "" && strings.Contains(out, secret) {
			t.Errorf("logs contain the secret %q:\n%s", secret, out)
		}
		if secret != "" && strings.Contains(err.Error(), secret) {
			t.Errorf("the error contains the secret %q: %v", secret, err)
		}
	}
	for _, s := range []string{`"Action":"GetCallerIdentity"`, `"RoleName":"r"`, `"SAMLAssertion":"(removed)"`} {
		if !strings.Contains(out, s) {
			t.Errorf("logs lack the request parameter %s:\n%s", s, out)
		}
	}
}

// TestTransportErrorsHideTheQuery checks that a failed connection's error
// does not repeat the signed URL, which holds the key ID and the token.
func TestTransportErrorsHideTheQuery(t *testing.T) {
	t.Parallel()
	closedURL := closedPortURL(t)
	const token = "CAISSecurityTokenForAFailedCall"
	cfg := client.Config{
		AccountID: testAccountID,
		AccessKey: &client.AccessKey{ID: testKeyID, Secret: testKeySecret, SecurityToken: token},
		Endpoints: client.Endpoints{RAM: closedURL},
		MaxQPS:    1000,
	}
	c := newClient(t, cfg)
	_, err := c.RAM().GetRole(context.Background(), "r")
	if err == nil {
		t.Fatal("want a connection error")
	}
	for _, s := range []string{testKeyID, token, "Signature="} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error %q contains %q", err, s)
		}
	}
	if !strings.Contains(err.Error(), strings.TrimPrefix(closedURL, "http://")) {
		t.Errorf("error %q should still name the endpoint", err)
	}
}

func TestMaskAccessKeyID(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"LTAI5tEmulatorDefaultKey":     "LTAI****Key",
		"STS.NUgYrLnoC37mZZCNnAbez2nJ": "STS.****2nJ",
		"short":                        "****",
		"":                             "****",
	}
	for id, want := range tests {
		if got := client.MaskAccessKeyID(id); got != want {
			t.Errorf("MaskAccessKeyID(%q) = %q, want %q", id, got, want)
		}
	}
}
