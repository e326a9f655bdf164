// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package links_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/links"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

func TestAddError(t *testing.T) {
	at := path.Root("role").AtName("site")
	linkErr := &rolesso.LinkError{Summary: "Summary", Problem: "Problem.", Rule: "Rule.", Fix: "Fix."}
	type testCase struct {
		err  error
		hint string
		want diag.Diagnostics
	}
	tests := map[string]testCase{
		"no error":     {},
		"a link error": {err: linkErr, want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(at, "Summary", "Problem.\n\nRule.\n\nFix.")}},
		"with a hint": {err: linkErr, hint: "Hint.",
			want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(at, "Summary", "Problem.\n\nRule.\n\nFix. Hint.")}},
		"another error": {err: errors.New("boom"), want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(at, "Link check failed", "boom")}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		expectDiagnostics(t, tt.want, func(diags *diag.Diagnostics) { links.AddError(diags, at, tt.err, tt.hint) })
	})
}

func TestAddWarning(t *testing.T) {
	at := path.Root("account_name")
	warning := &rolesso.LinkWarning{Summary: "Summary", Problem: "Problem.", Rule: "Rule.", Fix: "Fix."}
	type testCase struct {
		warning *rolesso.LinkWarning
		hint    string
		want    diag.Diagnostics
	}
	tests := map[string]testCase{
		"no warning":     {},
		"a link warning": {warning: warning, want: diag.Diagnostics{diag.NewAttributeWarningDiagnostic(at, "Summary", "Problem.\n\nRule.\n\nFix.")}},
		"with a hint": {warning: warning, hint: "Hint.",
			want: diag.Diagnostics{diag.NewAttributeWarningDiagnostic(at, "Summary", "Problem.\n\nRule.\n\nFix. Hint.")}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		expectDiagnostics(t, tt.want, func(diags *diag.Diagnostics) { links.AddWarning(diags, at, tt.warning, tt.hint) })
	})
}

func TestAddLiveCheckWarning(t *testing.T) {
	t.Parallel()
	want := diag.Diagnostics{diag.NewAttributeWarningDiagnostic(path.Root("name"), "Plan-time check could not run",
		"The provider could not check whether RAM role \"x\" exists: Forbidden.RAM\n\nThe plan goes on without this check.")}
	expectDiagnostics(t, want, func(diags *diag.Diagnostics) {
		links.AddLiveCheckWarning(diags, path.Root("name"), `whether RAM role "x" exists`, errors.New("Forbidden.RAM"))
	})
}

// expectDiagnostics checks that add adds want to no diagnostics.
func expectDiagnostics(t *testing.T, want diag.Diagnostics, add func(*diag.Diagnostics)) {
	t.Helper()
	var diags diag.Diagnostics
	add(&diags)
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestKnownStrings(t *testing.T) {
	set := func(elems ...attr.Value) types.Set { return types.SetValueMust(types.StringType, elems) }
	type testCase struct {
		set    types.Set
		want   []string
		wantOK bool
	}
	tests := map[string]testCase{
		"null":              {set: types.SetNull(types.StringType)},
		"unknown":           {set: types.SetUnknown(types.StringType)},
		"an unknown string": {set: set(types.StringValue("a"), types.StringUnknown())},
		"empty":             {set: set(), want: []string{}, wantOK: true},
		"known":             {set: set(types.StringValue("a"), types.StringValue("b")), want: []string{"a", "b"}, wantOK: true},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, ok := links.KnownStrings(context.Background(), tt.set)
		if ok != tt.wantOK || len(got) != len(tt.want) {
			t.Fatalf("KnownStrings = %v, %t; want %v, %t", got, ok, tt.want, tt.wantOK)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("element %d = %q, want %q", i, got[i], tt.want[i])
			}
		}
	})
}

func TestObjectAs(t *testing.T) {
	t.Parallel()
	type link struct {
		Name types.String `tfsdk:"name"`
	}
	attrTypes := map[string]attr.Type{"name": types.StringType}
	ctx := context.Background()
	var diags diag.Diagnostics
	if got := links.ObjectAs[link](ctx, types.ObjectNull(attrTypes), &diags); got != nil {
		t.Errorf("a null object gave %+v", got)
	}
	if got := links.ObjectAs[link](ctx, types.ObjectUnknown(attrTypes), &diags); got != nil {
		t.Errorf("an unknown object gave %+v", got)
	}
	o := types.ObjectValueMust(attrTypes, map[string]attr.Value{"name": types.StringValue("sso-admin")})
	got := links.ObjectAs[link](ctx, o, &diags)
	if got == nil || got.Name.ValueString() != "sso-admin" {
		t.Errorf("ObjectAs = %+v, want name sso-admin", got)
	}
	if diags.HasError() {
		t.Errorf("diagnostics: %v", diags)
	}
}

func TestApplicationObject(t *testing.T) {
	type testCase struct {
		id, idpName types.String
		want        string
	}
	tests := map[string]testCase{
		"by ID":         {id: types.StringValue("app_1"), idpName: types.StringValue("idaas"), want: "IDaaS application app_1"},
		"by IdP name":   {id: types.StringUnknown(), idpName: types.StringValue("idaas"), want: `the IDaaS application with IdP name "idaas"`},
		"neither known": {id: types.StringNull(), idpName: types.StringUnknown(), want: "the linked IDaaS application"},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if got := links.ApplicationObject(tt.id, tt.idpName, "the linked IDaaS application"); got != tt.want {
			t.Errorf("ApplicationObject = %q, want %q", got, tt.want)
		}
	})
}

func TestNamedObject(t *testing.T) {
	t.Parallel()
	for name, want := range map[types.String]string{
		types.StringValue("sso-admin"): `RAM role "sso-admin"`,
		types.StringUnknown():          "this RAM role",
		types.StringNull():             "this RAM role",
	} {
		if got := links.NamedObject("RAM role", name, "this RAM role"); got != want {
			t.Errorf("NamedObject(%s) = %q, want %q", name, got, want)
		}
	}
}
