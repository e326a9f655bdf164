// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

func TestOrList(t *testing.T) {
	type testCase struct {
		values []string
		q      string
		want   string
	}
	tests := map[string]testCase{
		"none":        {want: ""},
		"one":         {values: []string{"a"}, q: "`", want: "`a`"},
		"two":         {values: []string{"a", "b"}, q: "`", want: "`a` or `b`"},
		"three plain": {values: []string{"A", "B", "C"}, want: "A, B or C"},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if got := framework.OrList(tt.values, tt.q); got != tt.want {
			t.Errorf("OrList(%q, %q) = %q, want %q", tt.values, tt.q, got, tt.want)
		}
	})
}

func TestUpperFirst(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", "this RAM role": "This RAM role", "RAM": "RAM"} {
		if got := framework.UpperFirst(in); got != want {
			t.Errorf("UpperFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStringOrNull(t *testing.T) {
	t.Parallel()
	if got := framework.StringOrNull(""); !got.IsNull() {
		t.Errorf(`StringOrNull("") = %s, want null`, got)
	}
	if got := framework.StringOrNull("x"); !got.Equal(types.StringValue("x")) {
		t.Errorf(`StringOrNull("x") = %s, want "x"`, got)
	}
}

func TestIsKnown(t *testing.T) {
	t.Parallel()
	for v, want := range map[types.String]bool{
		types.StringValue(""): true, types.StringNull(): false, types.StringUnknown(): false,
	} {
		if got := framework.IsKnown(v); got != want {
			t.Errorf("IsKnown(%s) = %t, want %t", v, got, want)
		}
	}
}
