// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package semantic is the one base of the provider's string types whose
// values compare by meaning rather than by bytes (a trust policy's JSON,
// a SAML metadata document): when the cloud answers a value that means the
// same in another form, the framework keeps the user's form in state and
// shows no change.
package semantic

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Meaning says when two strings of a kind mean the same. Its zero value
// must be usable: kinds are empty structs.
type Meaning interface {
	// Name names the type in errors and plans.
	Name() string
	// Same reports whether a and b, both known, mean the same.
	Same(a, b string) bool
}

var (
	_ basetypes.StringTypable                    = StringType[nameOnly]{}
	_ basetypes.StringValuableWithSemanticEquals = StringValue[nameOnly]{}
)

// StringType is a string type of the kind M.
type StringType[M Meaning] struct {
	basetypes.StringType
}

func (t StringType[M]) String() string {
	var m M
	return m.Name()
}

func (t StringType[M]) Equal(o attr.Type) bool {
	_, ok := o.(StringType[M])
	return ok
}

func (t StringType[M]) ValueType(context.Context) attr.Value { return StringValue[M]{} }

func (t StringType[M]) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return StringValue[M]{StringValue: in}, nil
}

func (t StringType[M]) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value of type %T", v)
	}
	return StringValue[M]{StringValue: s}, nil
}

// StringValue is a value of StringType[M].
type StringValue[M Meaning] struct {
	basetypes.StringValue
}

// NewStringValue returns the known value s.
func NewStringValue[M Meaning](s string) StringValue[M] {
	return StringValue[M]{StringValue: basetypes.NewStringValue(s)}
}

func (v StringValue[M]) Type(context.Context) attr.Type { return StringType[M]{} }

func (v StringValue[M]) Equal(o attr.Value) bool {
	other, ok := o.(StringValue[M])
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether newValuable means the same as v (M's
// Same); the framework then keeps v. Null and unknown values, and equal
// strings, compare as strings.
func (v StringValue[M]) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	other, ok := newValuable.(StringValue[M])
	if !ok {
		diags.AddError("Semantic equality check error",
			fmt.Sprintf("Expected a value of type %T, got %T. This is a bug in the provider; please report it.", v, newValuable))
		return false, diags
	}
	if v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() || v.ValueString() == other.ValueString() {
		return v.StringValue.Equal(other.StringValue), diags
	}
	var m M
	return m.Same(v.ValueString(), other.ValueString()), diags
}

// nameOnly is a Meaning for the assertions above.
type nameOnly struct{}

func (nameOnly) Name() string          { return "nameOnly" }
func (nameOnly) Same(a, b string) bool { return a == b }
