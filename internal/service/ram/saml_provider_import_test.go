// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

// samlProviderImportExamples is the part of every import ID error that
// shows both formats.
const samlProviderImportExamples = `Import a SAML provider by its name, for example "idaas", or by its ARN, for example "acs:ram::1234567890123456:saml-provider/idaas".`

func TestParseSAMLProviderImportID(t *testing.T) {
	type testCase struct {
		id          string
		wantName    string
		wantAccount string
		wantErr     string // a fragment; the examples are checked too
	}
	tests := map[string]testCase{
		"name":                  {id: "idaas", wantName: "idaas"},
		"name with . - _":       {id: "IDaaS.prod-1_a", wantName: "IDaaS.prod-1_a"},
		"ARN":                   {id: "acs:ram::1234567890123456:saml-provider/idaas", wantName: "idaas", wantAccount: "1234567890123456"},
		"empty":                 {id: "", wantErr: `"" is not a SAML provider name: it is empty.`},
		"leading special":       {id: "-idaas", wantErr: `"-idaas" is not a SAML provider name: it starts or ends with a special character.`},
		"slash":                 {id: "idaas/prod", wantErr: `"idaas/prod" is not a SAML provider name: it contains '/' at position 6.`},
		"role ARN":              {id: "acs:ram::1234567890123456:role/admin", wantErr: `is not a SAML provider ARN: the resource type is "role", not "saml-provider".`},
		"short account":         {id: "acs:ram::123:saml-provider/idaas", wantErr: `the account ID "123" is not 16 digits.`},
		"upper-case prefix":     {id: "ACS:RAM::1234567890123456:saml-provider/idaas", wantErr: `it must start with "acs:ram::" in lower case.`},
		"ARN with invalid name": {id: "acs:ram::1234567890123456:saml-provider/_x", wantErr: `the SAML provider name "_x" is invalid`},
		"other service ARN":     {id: "acs:ecs:cn-hangzhou:1234567890123456:instance/i-1", wantErr: `it does not start with "acs:ram::"`},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		gotName, gotAccount, err := ram.ParseSAMLProviderImportID(tt.id)
		// Every rejection shows both formats.
		if tt.wantErr != "" {
			wanterr.ContainsAll(t, err, tt.wantErr, samlProviderImportExamples)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if gotName != tt.wantName || gotAccount != tt.wantAccount {
			t.Errorf("ParseSAMLProviderImportID(%q) = %q, %q, want %q, %q", tt.id, gotName, gotAccount, tt.wantName, tt.wantAccount)
		}
	})
}

// FuzzParseSAMLProviderImportID checks that an accepted ID names a valid
// provider and round-trips, and that every rejection shows both formats.
func FuzzParseSAMLProviderImportID(f *testing.F) {
	for _, seed := range []string{
		"idaas", "acs:ram::1234567890123456:saml-provider/idaas", "acs:ram::1234567890123456:role/idaas",
		"", "-", "a.b", "acs:", "ACS:ram::1:saml-provider/x", "acs:ram::1234567890123456:saml-provider/",
		"idaas\x00", "ümlaut", strings.Repeat("a", 129),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		name, account, err := ram.ParseSAMLProviderImportID(id)
		if err != nil {
			if !strings.Contains(err.Error(), samlProviderImportExamples) {
				t.Fatalf("error %q does not show the formats", err)
			}
			return
		}
		if verr := rolesso.ValidateSAMLProviderName(name); verr != nil {
			t.Fatalf("accepted %q with an invalid name: %v", id, verr)
		}
		switch {
		case account == "" && name != id:
			t.Fatalf("name %q from %q, want the ID itself", name, id)
		case account != "" && rolesso.SAMLProviderARN(account, name) != id:
			t.Fatalf("ARN %q does not round-trip: account %q, name %q", id, account, name)
		}
	})
}
