// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package importid_test

import (
	"errors"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// widgetID is a NameOrARN whose parsers fail with an error of their own
// kind, so that every form of its messages shows.
var widgetID = importid.NameOrARN{
	Object:     "widget",
	ExampleARN: "acs:ram::1234567890123456:widget/w1",
	ParseARN: func(s string) (rolesso.ARN, error) {
		switch s {
		case "acs:ram::1234567890123456:widget/w1":
			return rolesso.ARN{AccountID: "1234567890123456", Name: "w1"}, nil
		case "acs:ram::9999999999999999:widget/w1":
			return rolesso.ARN{AccountID: "9999999999999999", Name: "w1"}, nil
		case "acs:typed":
			return rolesso.ARN{}, &rolesso.ARNError{Value: s, Problem: "it is typed"}
		}
		return rolesso.ARN{}, errors.New("plain ARN error")
	},
	ValidateName: func(s string) error {
		switch s {
		case "w1":
			return nil
		case "typed":
			return &rolesso.NameError{Value: s, Problem: "it is typed", Rule: "A widget name is a rule."}
		}
		return errors.New("plain name error")
	},
}

func TestNameOrARN(t *testing.T) {
	const formats = `Import a widget by its name, for example "w1", or by its ARN, for example "acs:ram::1234567890123456:widget/w1".`
	type testCase struct {
		id, wantName, wantErr string
	}
	tests := map[string]testCase{
		"name":              {id: "w1", wantName: "w1"},
		"ARN":               {id: "acs:ram::1234567890123456:widget/w1", wantName: "w1"},
		"ARN in upper case": {id: "ACS:typed", wantErr: `"ACS:typed" is not a widget ARN: plain ARN error. ` + formats},
		"typed ARN error":   {id: "acs:typed", wantErr: `"acs:typed" is not a widget ARN: it is typed. ` + formats},
		"typed name error":  {id: "typed", wantErr: `"typed" is not a widget name: it is typed. A widget name is a rule. ` + formats},
		"plain name error":  {id: "x", wantErr: `"x" is not a widget name: plain name error. ` + formats},
		"other account": {id: "acs:ram::9999999999999999:widget/w1", wantErr: `the ARN "acs:ram::9999999999999999:widget/w1" is of ` +
			`account 9999999999999999, but the provider works in account 1234567890123456. Import it with the provider of ` +
			`account 9999999999999999, or import it by name ("w1") into this account.`},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, err := widgetID.ParseIn(tt.id, "1234567890123456")
		if tt.wantErr == "" {
			if err != nil || got != tt.wantName {
				t.Fatalf("ParseIn(%q) = %q, %v; want %q", tt.id, got, err, tt.wantName)
			}
			return
		}
		if err == nil || err.Error() != tt.wantErr {
			t.Fatalf("ParseIn(%q) error = %v\nwant %s", tt.id, err, tt.wantErr)
		}
	})
}
