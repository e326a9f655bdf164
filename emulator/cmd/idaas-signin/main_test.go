// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

func noEnv(string) string { return "" }

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		in   string
		want string
	}{
		{nil, `{}`, "no STS endpoint: pass -endpoint"},
		{[]string{"-endpoint", "http://127.0.0.1:1", "extra"}, `{}`, "unexpected arguments"},
		{[]string{"-endpoint", "http://127.0.0.1:1"}, `{}`, `no "accounts" output`},
		{[]string{"-endpoint", "http://127.0.0.1:1", "-outputs", "/nonexistent/outputs.json"}, ``, "no such file"},
	} {
		err := run(context.Background(), tc.args, strings.NewReader(tc.in), io.Discard, io.Discard, noEnv)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.args, err, tc.want)
		}
	}
}

// TestRunFailedSignIn checks that a failed sign-in is printed in the table
// and makes the command fail, with the endpoint taken from the
// environment.
func TestRunFailedSignIn(t *testing.T) {
	srv := emulatortest.Start(t)
	in := `{"accounts": {"value": {"nobody/admin": {"username": "nobody", "role_name": "sso-admin",
	  "role_attribute": "acs:ram::1234567890123456:role/sso-admin,acs:ram::1234567890123456:saml-provider/idaas",
	  "sign_in_url": "` + srv.URL() + `/login/app/app_none/saml2/sso"}}}}`
	env := func(k string) string {
		if k == "IDAAS_STS_ENDPOINT" {
			return srv.URL()
		}
		return ""
	}
	var out strings.Builder
	err := run(context.Background(), nil, strings.NewReader(in), &out, io.Discard, env)
	if !errors.Is(err, errFailed) {
		t.Errorf("error %v, want errFailed", err)
	}
	if !strings.Contains(out.String(), "nobody  sso-admin  FAILED: IdP sign-in refused: ApplicationNotFound") {
		t.Errorf("output:\n%s", out.String())
	}
}
