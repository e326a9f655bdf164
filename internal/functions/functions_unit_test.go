// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions_test

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

const (
	account  = "1234567890123456"
	entityID = "https://idaas.example.com/api/v2/app_test/saml2/meta"
	ssoURL   = "https://idaas.example.com/login/app/app_test/saml2/sso"
)

// callFunction calls a function through the provider's protocol server,
// as Terraform does, so that the parameters' validators run too.
func callFunction(t *testing.T, name string, args ...tftypes.Value) (*tfprotov6.DynamicValue, *tfprotov6.FunctionError) {
	t.Helper()
	server, err := acctest.ProtoV6ProviderFactories[acctest.ProviderName]()
	if err != nil {
		t.Fatal(err)
	}
	req := &tfprotov6.CallFunctionRequest{Name: name}
	for _, a := range args {
		dv, err := tfprotov6.NewDynamicValue(a.Type(), a)
		if err != nil {
			t.Fatal(err)
		}
		req.Arguments = append(req.Arguments, &dv)
	}
	resp, err := server.CallFunction(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Result, resp.Error
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func strList(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = str(v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

// argumentError is the function error the parameters report for a value
// that breaks a rule: rolesso's message, without the final period that
// Terraform adds, on the argument's position.
func argumentError(position int64, err error) *tfprotov6.FunctionError {
	return &tfprotov6.FunctionError{Text: text(err), FunctionArgument: &position}
}

func text(err error) string { return strings.TrimSuffix(err.Error(), ".") }

func TestStringFunctions(t *testing.T) {
	trust := func(names ...string) string {
		doc, err := rolesso.BuildTrustPolicy(account, names, rolesso.China)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	_, noNames := rolesso.BuildTrustPolicy(account, nil, rolesso.International)
	type testCase struct {
		name    string
		args    []tftypes.Value
		want    string
		wantErr *tfprotov6.FunctionError
	}
	tests := map[string]testCase{
		"role_arn": {name: "role_arn", args: []tftypes.Value{str(account), str("sso-admin")}, want: "acs:ram::1234567890123456:role/sso-admin"},
		"role_arn with a bad role name": {
			name: "role_arn", args: []tftypes.Value{str(account), str("sso_admin")},
			wantErr: argumentError(1, rolesso.ValidateRoleName("sso_admin")),
		},
		"role_arn with a bad account ID": {
			name: "role_arn", args: []tftypes.Value{str("12345"), str("sso-admin")},
			wantErr: argumentError(0, rolesso.ValidateAccountID("12345")),
		},
		"role_arn with both bad reports both, on the first": {
			name: "role_arn", args: []tftypes.Value{str("12345"), str("")},
			wantErr: &tfprotov6.FunctionError{
				Text:             text(rolesso.ValidateAccountID("12345")) + "\n" + text(rolesso.ValidateRoleName("")),
				FunctionArgument: new(int64),
			},
		},
		"saml_provider_arn": {name: "saml_provider_arn", args: []tftypes.Value{str(account), str("idaas_prod")}, want: "acs:ram::1234567890123456:saml-provider/idaas_prod"},
		"saml_provider_arn with a bad name": {
			name: "saml_provider_arn", args: []tftypes.Value{str(account), str("-idaas")},
			wantErr: argumentError(1, rolesso.ValidateSAMLProviderName("-idaas")),
		},
		"role_attribute": {
			name: "role_attribute", args: []tftypes.Value{str(account), str("sso-admin"), str("idaas")},
			want: rolesso.ExampleRoleAttribute,
		},
		"role_attribute with an account name RAM refuses": {
			name: "role_attribute", args: []tftypes.Value{str(account), str("sso_admin"), str("idaas")},
			wantErr: argumentError(1, rolesso.ValidateRoleName("sso_admin")),
		},
		"role_attribute with a bad IdP name": {
			name: "role_attribute", args: []tftypes.Value{str(account), str("sso-admin"), str("idaas.")},
			wantErr: argumentError(2, rolesso.ValidateIdPName("idaas.")),
		},
		"trust_policy": {
			name: "trust_policy", args: []tftypes.Value{str(account), strList("okta", "idaas", "okta"), str("china")},
			want: trust("idaas", "okta"),
		},
		"trust_policy without names": {
			name: "trust_policy", args: []tftypes.Value{str(account), strList(), str("international")},
			wantErr: argumentError(1, noNames),
		},
		"trust_policy with bad names names each": {
			name: "trust_policy", args: []tftypes.Value{str(account), strList("idaas", "a b", "-x"), str("international")},
			wantErr: &tfprotov6.FunctionError{
				Text:             "element 1: " + text(rolesso.ValidateSAMLProviderName("a b")) + "\nelement 2: " + text(rolesso.ValidateSAMLProviderName("-x")),
				FunctionArgument: ptr(int64(1)),
			},
		},
		"trust_policy with a null name": {
			name:    "trust_policy",
			args:    []tftypes.Value{str(account), tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, nil)}), str("china")},
			wantErr: &tfprotov6.FunctionError{Text: "element 0 is null; remove it or give a name", FunctionArgument: ptr(int64(1))},
		},
		"trust_policy with a site in upper case": {
			name: "trust_policy", args: []tftypes.Value{str(account), strList("idaas"), str("China")},
			wantErr: argumentError(2, rolesso.ValidateSiteName("China")),
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		result, funcErr := callFunction(t, tc.name, tc.args...)
		if diff := cmp.Diff(tc.wantErr, funcErr); diff != "" {
			t.Fatalf("error (-want +got):\n%s", diff)
		}
		if tc.wantErr != nil {
			return
		}
		v, err := result.Unmarshal(tftypes.String)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := v.As(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("result %q, want %q", got, tc.want)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// idpMetadata returns IdP metadata as IDaaS serves it, with a certificate
// valid from notBefore for validFor.
func idpMetadata(t *testing.T, notBefore time.Time, validFor time.Duration) (string, *samlsso.Key) {
	t.Helper()
	return samltest.IdPMetadata(t, "IDaaS app_test", notBefore, validFor, entityID, ssoURL)
}

func TestParseSAMLMetadata(t *testing.T) {
	notBefore := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	doc, key := idpMetadata(t, notBefore, 365*24*time.Hour)
	withValidUntil := strings.Replace(doc, `entityID=`, `validUntil="2027-01-01T00:00:00Z" entityID=`, 1)
	m, err := rolesso.ParseMetadata(doc)
	if err != nil {
		t.Fatal(err)
	}
	fingerprint := m.SigningCertificates[0].SHA256Fingerprint

	certificate := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"sha256_fingerprint": tftypes.String, "not_before": tftypes.String, "not_after": tftypes.String, "subject": tftypes.String,
	}}
	endpoint := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"binding": tftypes.String, "location": tftypes.String}}
	resultType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"entity_id":    tftypes.String,
		"certificates": tftypes.List{ElementType: certificate},
		"sso_urls":     tftypes.List{ElementType: endpoint},
		"valid_until":  tftypes.String,
	}}
	want := func(validUntil any) tftypes.Value {
		return tftypes.NewValue(resultType, map[string]tftypes.Value{
			"entity_id": str(entityID),
			"certificates": tftypes.NewValue(tftypes.List{ElementType: certificate}, []tftypes.Value{
				tftypes.NewValue(certificate, map[string]tftypes.Value{
					"sha256_fingerprint": str(fingerprint),
					"not_before":         str("2026-01-02T03:04:05Z"),
					"not_after":          str("2027-01-02T03:04:05Z"),
					"subject":            str("CN=IDaaS app_test"),
				}),
			}),
			"sso_urls": tftypes.NewValue(tftypes.List{ElementType: endpoint}, []tftypes.Value{
				tftypes.NewValue(endpoint, map[string]tftypes.Value{"binding": str(rolesso.BindingHTTPRedirect), "location": str(ssoURL)}),
				tftypes.NewValue(endpoint, map[string]tftypes.Value{"binding": str(rolesso.BindingHTTPPost), "location": str(ssoURL)}),
			}),
			"valid_until": tftypes.NewValue(tftypes.String, validUntil),
		})
	}
	if key.Certificate().NotAfter.Format(time.RFC3339) != "2027-01-02T03:04:05Z" {
		t.Fatalf("the test key expires at %s", key.Certificate().NotAfter)
	}
	_, notMetadata := rolesso.ParseMetadata("<html/>")
	_, isURL := rolesso.ParseMetadata("https://idaas.example.com/meta")

	type testCase struct {
		metadata string
		want     tftypes.Value
		wantErr  *tfprotov6.FunctionError
	}
	tests := map[string]testCase{
		"XML":                {metadata: doc, want: want(nil)},
		"wrapped Base64":     {metadata: wrap(base64.StdEncoding.EncodeToString([]byte(doc)), 76), want: want(nil)},
		"with validUntil":    {metadata: withValidUntil, want: want("2027-01-01T00:00:00Z")},
		"not IdP metadata":   {metadata: "<html/>", wantErr: argumentError(0, notMetadata)},
		"a URL, not content": {metadata: "https://idaas.example.com/meta", wantErr: argumentError(0, isURL)},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		result, funcErr := callFunction(t, "parse_saml_metadata", str(tc.metadata))
		if diff := cmp.Diff(tc.wantErr, funcErr); diff != "" {
			t.Fatalf("error (-want +got):\n%s", diff)
		}
		if tc.wantErr != nil {
			return
		}
		got, err := result.Unmarshal(resultType)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("result (-want +got):\n%s", diff)
		}
	})
}

func wrap(s string, width int) string {
	var b strings.Builder
	for len(s) > width {
		b.WriteString(s[:width] + "\n")
		s = s[width:]
	}
	return b.String() + s
}

// TestFunctionDefinitions checks that every function is documented: a
// summary, a description and a description of each parameter.
func TestFunctionDefinitions(t *testing.T) {
	t.Parallel()
	server, err := acctest.ProtoV6ProviderFactories[acctest.ProviderName]()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetFunctions(context.Background(), &tfprotov6.GetFunctionsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, f := range resp.Functions {
		names = append(names, name)
		if f.Summary == "" || f.Description == "" || f.DescriptionKind != tfprotov6.StringKindMarkdown {
			t.Errorf("%s: summary %q, description %q (%v)", name, f.Summary, f.Description, f.DescriptionKind)
		}
		for _, p := range f.Parameters {
			if p.Description == "" || p.DescriptionKind != tfprotov6.StringKindMarkdown || p.AllowNullValue || p.AllowUnknownValues {
				t.Errorf("%s(%s): description %q, null %t, unknown %t", name, p.Name, p.Description, p.AllowNullValue, p.AllowUnknownValues)
			}
		}
	}
	want := []string{"parse_saml_metadata", "role_arn", "role_attribute", "saml_provider_arn", "trust_policy"}
	slices.Sort(names)
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("functions (-want +got):\n%s", diff)
	}
}
