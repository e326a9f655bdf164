// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

// samlReindented returns xml with every line's indentation changed and CRLF
// line ends: the same document in meaning.
func samlReindented(xml string) string {
	var lines []string
	for l := range strings.Lines(xml) {
		lines = append(lines, "\t"+strings.TrimSpace(l))
	}
	return strings.Join(lines, "\r\n")
}

func TestSAMLMetadataSemanticEquals(t *testing.T) {
	idp := newValidSAMLTestIdP(t)
	other := newValidSAMLTestIdP(t)
	swappedSSO := strings.Replace(strings.Replace(idp.XML, rolesso.BindingHTTPRedirect, "SWAP", 1), rolesso.BindingHTTPPost, rolesso.BindingHTTPRedirect, 1)
	swappedSSO = strings.Replace(swappedSSO, "SWAP", rolesso.BindingHTTPPost, 1)
	type testCase struct {
		old, new string
		want     bool
	}
	tests := map[string]testCase{
		"identical":                        {old: idp.XML, new: idp.XML, want: true},
		"XML and Base64":                   {old: idp.XML, new: base64.StdEncoding.EncodeToString([]byte(idp.XML)), want: true},
		"XML and line-wrapped Base64":      {old: idp.XML, new: samlWrappedBase64(idp.XML), want: true},
		"Base64 and XML":                   {old: samlWrappedBase64(idp.XML), new: idp.XML, want: true},
		"whitespace and line ends":         {old: idp.XML, new: samlReindented(idp.XML), want: true},
		"trailing newline":                 {old: idp.XML, new: strings.TrimSpace(idp.XML), want: true},
		"SSO endpoints in another order":   {old: idp.XML, new: swappedSSO, want: true},
		"another certificate":              {old: idp.XML, new: other.XML, want: false},
		"another entity ID":                {old: idp.XML, new: strings.Replace(idp.XML, samlTestEntityID, "https://other.example.com/meta", 1), want: false},
		"another SSO URL":                  {old: idp.XML, new: strings.ReplaceAll(idp.XML, samlTestSSOURL, "https://other.example.com/sso"), want: false},
		"an SSO endpoint less":             {old: idp.XML, new: strings.Replace(idp.XML, `Binding="`+rolesso.BindingHTTPPost+`"`, `Binding="`+rolesso.BindingHTTPRedirect+`"`, 1), want: false},
		"unreadable old value":             {old: "<not-metadata/>", new: idp.XML, want: false},
		"unreadable new value":             {old: idp.XML, new: "https://idaas.example.com/meta", want: false},
		"unreadable values, in other form": {old: "<x/>", new: " <x/> ", want: false},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, diags := ram.NewSAMLMetadataValue(tt.old).StringSemanticEquals(context.Background(), ram.NewSAMLMetadataValue(tt.new))
		if diags.HasError() {
			t.Fatalf("diagnostics: %v", diags)
		}
		if got != tt.want {
			t.Errorf("StringSemanticEquals = %t, want %t", got, tt.want)
		}
	})
}

func TestSAMLMetadataSemanticEqualsNullAndUnknown(t *testing.T) {
	t.Parallel()
	known := ram.NewSAMLMetadataValue(newValidSAMLTestIdP(t).XML)
	for name, v := range map[string]ram.SAMLMetadataValue{
		"null":    {StringValue: types.StringNull()},
		"unknown": {StringValue: types.StringUnknown()},
	} {
		if got, _ := known.StringSemanticEquals(context.Background(), v); got {
			t.Errorf("known value equals %s value", name)
		}
		if got, _ := v.StringSemanticEquals(context.Background(), v); !got {
			t.Errorf("%s value does not equal itself", name)
		}
	}
}

func TestSAMLMetadataPlanModifier(t *testing.T) {
	idp := newValidSAMLTestIdP(t)
	rotated := newValidSAMLTestIdP(t)
	type testCase struct {
		state, plan types.String
		want        types.String
	}
	tests := map[string]testCase{
		"create":                     {state: types.StringNull(), plan: types.StringValue(idp.XML), want: types.StringValue(idp.XML)},
		"same document, Base64":      {state: types.StringValue(idp.XML), plan: types.StringValue(samlWrappedBase64(idp.XML)), want: types.StringValue(idp.XML)},
		"same document, reindented":  {state: types.StringValue(idp.XML), plan: types.StringValue(samlReindented(idp.XML)), want: types.StringValue(idp.XML)},
		"rotated certificate":        {state: types.StringValue(idp.XML), plan: types.StringValue(rotated.XML), want: types.StringValue(rotated.XML)},
		"unknown until apply":        {state: types.StringValue(idp.XML), plan: types.StringUnknown(), want: types.StringUnknown()},
		"unchanged":                  {state: types.StringValue(idp.XML), plan: types.StringValue(idp.XML), want: types.StringValue(idp.XML)},
		"invalid new value (no-op)":  {state: types.StringValue(idp.XML), plan: types.StringValue("<x/>"), want: types.StringValue("<x/>")},
		"destroy (plan null, no-op)": {state: types.StringValue(idp.XML), plan: types.StringNull(), want: types.StringNull()},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		req := planmodifier.StringRequest{Path: path.Root("metadata"), StateValue: tt.state, PlanValue: tt.plan, ConfigValue: tt.plan}
		resp := planmodifier.StringResponse{PlanValue: tt.plan}
		ram.SAMLMetadataPlanModifier{}.PlanModifyString(context.Background(), req, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("diagnostics: %v", resp.Diagnostics)
		}
		if !resp.PlanValue.Equal(tt.want) {
			t.Errorf("plan = %s, want %s", resp.PlanValue, tt.want)
		}
	})
}

// samlDiagSummary is what the tests compare of a diagnostic; the detail texts
// come from rolesso and are checked by a fragment.
type samlDiagSummary struct {
	Severity diag.Severity
	Summary  string
	Path     string
	Detail   string // a fragment of the detail
}

func samlSummarize(diags diag.Diagnostics, fragments []string) []samlDiagSummary {
	var out []samlDiagSummary
	for i, d := range diags {
		s := samlDiagSummary{Severity: d.Severity(), Summary: d.Summary()}
		if p, ok := d.(diag.DiagnosticWithPath); ok {
			s.Path = p.Path().String()
		}
		if i < len(fragments) && strings.Contains(d.Detail(), fragments[i]) {
			s.Detail = fragments[i]
		} else {
			s.Detail = d.Detail()
		}
		out = append(out, s)
	}
	return out
}

func TestSAMLMetadataDiagnostics(t *testing.T) {
	now := time.Now()
	valid := newValidSAMLTestIdP(t)
	expired := newSAMLTestIdP(t, now.Add(-2*365*24*time.Hour), 365*24*time.Hour)
	var kept []string
	for l := range strings.Lines(valid.XML) {
		if !strings.Contains(l, "SingleSignOnService") {
			kept = append(kept, l)
		}
	}
	noSSO := strings.Join(kept, "")
	type testCase struct {
		input     string
		fragments []string // one per expected error, in order
	}
	tests := map[string]testCase{
		"valid XML":           {input: valid.XML},
		"valid Base64":        {input: samlWrappedBase64(valid.XML)},
		"URL":                 {input: "https://idaas-test.aliyunidaas.com/api/v2/app_test/saml2/meta", fragments: []string{"It is a URL"}},
		"malformed XML":       {input: strings.TrimSuffix(strings.TrimSpace(valid.XML), ">"), fragments: []string{"The XML is not well-formed"}},
		"every cert expired":  {input: expired.XML, fragments: []string{"Every signing certificate has expired"}},
		"no SSO endpoint":     {input: noSSO, fragments: []string{"no SingleSignOnService"}},
		"no entity ID":        {input: strings.Replace(valid.XML, `entityID="`+samlTestEntityID+`"`, "", 1), fragments: []string{"no entityID"}},
		"SP metadata":         {input: `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:alibaba:cloudcomputing"><md:SPSSODescriptor/></md:EntityDescriptor>`, fragments: []string{"describes a service provider"}},
		"empty":               {input: "  ", fragments: []string{"It is empty"}},
		"not XML, not Base64": {input: "idp metadata?", fragments: []string{"neither XML"}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got := ram.SAMLMetadataDiagnostics(path.Root("metadata"), tt.input, now)
		var want []samlDiagSummary
		for _, f := range tt.fragments {
			want = append(want, samlDiagSummary{Severity: diag.SeverityError, Summary: "Invalid SAML IdP metadata", Path: "metadata", Detail: f})
		}
		if diff := cmp.Diff(want, samlSummarize(got, tt.fragments)); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	})
}

func TestSAMLMetadataWarnings(t *testing.T) {
	now := time.Now()
	soon := newSAMLTestIdP(t, now.Add(-300*24*time.Hour), 310*24*time.Hour) // Expires in 10 days.
	md, err := rolesso.ParseMetadata(soon.XML)
	if err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	type testCase struct {
		within time.Duration
		want   []samlDiagSummary
	}
	tests := map[string]testCase{
		"within the window": {within: 30 * day, want: []samlDiagSummary{{
			Severity: diag.SeverityWarning, Summary: "SAML IdP metadata needs attention", Path: "metadata",
			Detail: "The newest signing certificate (SHA-256 " + soon.Fingerprint + ") expires at " + soon.NotAfter.Format(time.RFC3339),
		}}},
		"outside the window": {within: 5 * day},
		"turned off":         {within: 0},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got := ram.SAMLMetadataWarnings(path.Root("metadata"), md, now, tt.within)
		var fragments []string
		for _, w := range tt.want {
			fragments = append(fragments, w.Detail)
		}
		if diff := cmp.Diff(tt.want, samlSummarize(got, fragments)); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	})
}

// TestSAMLMetadataFacts checks the computed facts and that documents equal
// in meaning give equal facts.
func TestSAMLMetadataFacts(t *testing.T) {
	t.Parallel()
	now := time.Now().UTC().Truncate(time.Second)
	older := newSAMLTestIdP(t, now.Add(-time.Hour), 100*24*time.Hour)
	newer := newSAMLTestIdP(t, now.Add(-time.Hour), 200*24*time.Hour)
	// One document with both certificates, older first, and validUntil.
	both := strings.Replace(newer.XML, "<md:KeyDescriptor", samltest.KeyDescriptor(t, older.XML)+"<md:KeyDescriptor", 1)
	both = strings.Replace(both, `entityID=`, `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	md, err := rolesso.ParseMetadata(both)
	if err != nil {
		t.Fatal(err)
	}
	got := ram.SAMLMetadataFactsOf(md)
	cert := func(idp samlTestIdP) attr.Value {
		c := idp.Key.Certificate()
		return types.ObjectValueMust(map[string]attr.Type{
			"sha256_fingerprint": types.StringType, "not_before": types.StringType, "not_after": types.StringType, "subject": types.StringType,
		}, map[string]attr.Value{
			"sha256_fingerprint": types.StringValue(idp.Fingerprint),
			"not_before":         types.StringValue(c.NotBefore.UTC().Format(time.RFC3339)),
			"not_after":          types.StringValue(c.NotAfter.UTC().Format(time.RFC3339)),
			"subject":            types.StringValue("CN=idaas-test"),
		})
	}
	want := ram.SAMLMetadataFacts{
		EntityID:     types.StringValue(samlTestEntityID),
		SSOURLs:      types.ListValueMust(types.StringType, []attr.Value{types.StringValue(samlTestSSOURL)}),
		Certificates: types.ListValueMust(cert(newer).Type(context.Background()), []attr.Value{cert(newer), cert(older)}),
		ValidUntil:   types.StringValue("2030-01-02T03:04:05Z"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}

	// The same certificates in the other order give the same facts.
	swapped := strings.Replace(older.XML, "<md:KeyDescriptor", samltest.KeyDescriptor(t, newer.XML)+"<md:KeyDescriptor", 1)
	swapped = strings.Replace(swapped, `entityID=`, `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	md2, err := rolesso.ParseMetadata(samlWrappedBase64(swapped))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, ram.SAMLMetadataFactsOf(md2)); diff != "" {
		t.Errorf("facts differ for the same meaning (-first +second):\n%s", diff)
	}
	noValidUntil, err := rolesso.ParseMetadata(newer.XML)
	if err != nil {
		t.Fatal(err)
	}
	if v := ram.SAMLMetadataFactsOf(noValidUntil).ValidUntil; !v.IsNull() {
		t.Errorf("valid_until = %s, want null without validUntil", v)
	}
}

func TestModifySAMLProviderPlan(t *testing.T) {
	now := time.Now()
	idp := newValidSAMLTestIdP(t)
	rotated := newValidSAMLTestIdP(t)
	soon := newSAMLTestIdP(t, now.Add(-300*24*time.Hour), 310*24*time.Hour)
	factsOf := func(xml string) ram.SAMLMetadataFacts {
		md, err := rolesso.ParseMetadata(xml)
		if err != nil {
			t.Fatal(err)
		}
		return ram.SAMLMetadataFactsOf(md)
	}
	model := func(description, metadata string, updateDate types.String) *ram.SAMLProviderResourceModel {
		m := &ram.SAMLProviderResourceModel{
			Metadata:              ram.NewSAMLMetadataValue(metadata),
			CertExpiryWarningDays: types.Int64Value(30),
		}
		m.Description, m.UpdateDate = types.StringValue(description), updateDate
		m.EntityID, m.ValidUntil = types.StringUnknown(), types.StringUnknown()
		m.SSOURLs = types.ListUnknown(types.StringType)
		m.Certificates = types.ListUnknown(factsOf(idp.XML).Certificates.ElementType(context.Background()))
		if metadata == "" {
			m.Metadata = ram.SAMLMetadataValue{StringValue: types.StringUnknown()}
		}
		return m
	}
	stateUpdate := types.StringValue("2026-01-02T03:04:05Z")
	type testCase struct {
		plan, state    *ram.SAMLProviderResourceModel
		wantFacts      string // metadata whose facts are expected; "" for unknown
		wantUpdateDate types.String
		wantWarnings   int
	}
	tests := map[string]testCase{
		"create": {
			plan: model("d", idp.XML, types.StringUnknown()), wantFacts: idp.XML, wantUpdateDate: types.StringUnknown(),
		},
		"no change": {
			plan: model("d", idp.XML, types.StringUnknown()), state: model("d", idp.XML, stateUpdate),
			wantFacts: idp.XML, wantUpdateDate: stateUpdate,
		},
		"new description": {
			plan: model("e", idp.XML, types.StringUnknown()), state: model("d", idp.XML, stateUpdate),
			wantFacts: idp.XML, wantUpdateDate: types.StringUnknown(),
		},
		"rotation shows the new certificate": {
			plan: model("d", rotated.XML, types.StringUnknown()), state: model("d", idp.XML, stateUpdate),
			wantFacts: rotated.XML, wantUpdateDate: types.StringUnknown(),
		},
		"metadata known only at apply": {
			plan: model("d", "", types.StringUnknown()), state: model("d", idp.XML, stateUpdate),
			wantUpdateDate: types.StringUnknown(),
		},
		"certificate expiring soon": {
			plan: model("d", soon.XML, types.StringUnknown()), state: model("d", soon.XML, stateUpdate),
			wantFacts: soon.XML, wantUpdateDate: stateUpdate, wantWarnings: 1,
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		diags := ram.ModifySAMLProviderPlan(tt.plan, tt.state, now)
		if diags.HasError() || diags.WarningsCount() != tt.wantWarnings {
			t.Errorf("diagnostics = %v, want %d warnings", diags, tt.wantWarnings)
		}
		got := ram.SAMLMetadataFacts{EntityID: tt.plan.EntityID, SSOURLs: tt.plan.SSOURLs, Certificates: tt.plan.Certificates, ValidUntil: tt.plan.ValidUntil}
		if tt.wantFacts == "" {
			if !got.EntityID.IsUnknown() || !got.Certificates.IsUnknown() || !got.SSOURLs.IsUnknown() || !got.ValidUntil.IsUnknown() {
				t.Errorf("facts = %+v, want unknown", got)
			}
		} else if diff := cmp.Diff(factsOf(tt.wantFacts), got); diff != "" {
			t.Errorf("facts (-want +got):\n%s", diff)
		}
		if !tt.plan.UpdateDate.Equal(tt.wantUpdateDate) {
			t.Errorf("update_date = %s, want %s", tt.plan.UpdateDate, tt.wantUpdateDate)
		}
	})
}
