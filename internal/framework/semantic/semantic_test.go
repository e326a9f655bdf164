// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package semantic_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/semantic"
)

// caseless is a kind whose values mean the same without regard to case.
type caseless struct{}

func (caseless) Name() string          { return "caseless" }
func (caseless) Same(a, b string) bool { return strings.EqualFold(a, b) }

// other is a second kind, so that types of two kinds differ.
type other struct{}

func (other) Name() string          { return "other" }
func (other) Same(a, b string) bool { return a == b }

func TestStringSemanticEquals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	v := semantic.NewStringValue[caseless]
	null := semantic.StringValue[caseless]{StringValue: types.StringNull()}
	unknown := semantic.StringValue[caseless]{StringValue: types.StringUnknown()}
	tests := []struct {
		name string
		a, b semantic.StringValue[caseless]
		want bool
	}{
		{"same text", v("Idaas"), v("Idaas"), true},
		{"same meaning", v("IDaaS"), v("idaas"), true},
		{"another meaning", v("idaas"), v("okta"), false},
		{"null and known", null, v("idaas"), false},
		{"null and null", null, null, true},
		{"unknown and known", unknown, v("idaas"), false},
	}
	for _, tt := range tests {
		got, diags := tt.a.StringSemanticEquals(ctx, tt.b)
		if got != tt.want || diags.HasError() {
			t.Errorf("%s: %t, %v; want %t", tt.name, got, diags, tt.want)
		}
	}
	if _, diags := v("idaas").StringSemanticEquals(ctx, semantic.NewStringValue[other]("idaas")); !diags.HasError() {
		t.Error("a value of another kind: no error")
	}
}

func TestStringType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	typ := semantic.StringType[caseless]{}
	if !typ.Equal(semantic.StringType[caseless]{}) || typ.Equal(semantic.StringType[other]{}) || typ.Equal(types.StringType) {
		t.Error("a type equals only the type of its kind")
	}
	if typ.String() != "caseless" {
		t.Errorf("String() = %q", typ.String())
	}
	got, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, "IDaaS"))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(semantic.NewStringValue[caseless]("IDaaS")) || got.Equal(semantic.NewStringValue[caseless]("idaas")) {
		t.Errorf("ValueFromTerraform = %v; Equal compares the text", got)
	}
	if _, ok := got.Type(ctx).(semantic.StringType[caseless]); !ok {
		t.Errorf("the value's type is %T", got.Type(ctx))
	}
}
