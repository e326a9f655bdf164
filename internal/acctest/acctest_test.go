// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package acctest_test

import (
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

func TestProviderConfig(t *testing.T) {
	t.Parallel()
	got := acctest.ProviderConfig("http://127.0.0.1:18080",
		acctest.Credentials{AccessKeyID: "LTAI5tKey", AccessKeySecret: "se${cr}et", SecurityToken: "tok"},
		"assume_role = {\n  role_arn = \"acs:ram::1234567890123456:role/r\"\n}")
	want := `provider "idaas" {
  access_key = "LTAI5tKey"
  secret_key = "se$${cr}et"
  security_token = "tok"
  endpoints = {
    ram  = "http://127.0.0.1:18080"
    ims  = "http://127.0.0.1:18080"
    sts  = "http://127.0.0.1:18080"
    eiam = "http://127.0.0.1:18080"
  }
  assume_role = {
    role_arn = "acs:ram::1234567890123456:role/r"
  }
}
`
	if got != want {
		t.Errorf("ProviderConfig =\n%s\nwant\n%s", got, want)
	}
}
