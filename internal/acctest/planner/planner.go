// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package planner plans resources through the provider's protocol-6
// server, configured against an emulator, the way Terraform does. Tests of
// plan-time checks use it to see warnings, which terraform-plugin-testing
// does not show, and to plan several resources in one run of the provider.
package planner

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// Unknown marks a value as not known at plan.
var Unknown = unknownValue{}

type unknownValue struct{}

// Planner is one run of the provider: configured once, it plans any number
// of resources, as one Terraform plan does.
type Planner struct {
	t       testing.TB
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

// NewPlanner starts the provider, put together with opts, and configures
// it with srv's endpoints and default keys, and the provider arguments in
// extra (in the form of Plan's values), such as "max_retries": 0.
func NewPlanner(t testing.TB, srv *emulator.Server, extra map[string]any, opts ...provider.Option) *Planner {
	t.Helper()
	server, err := provider.NewProtocol6("acctest", opts...)()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &Planner{t: t, server: server, schemas: schemas}
	typ := schemas.Provider.ValueType()
	args := map[string]any{
		"access_key": acctest.EmulatorCredentials.AccessKeyID,
		"secret_key": acctest.EmulatorCredentials.AccessKeySecret,
		"endpoints":  map[string]any{"ram": srv.URL(), "ims": srv.URL(), "sts": srv.URL(), "eiam": srv.URL()},
	}
	for name, v := range extra {
		args[name] = v
	}
	config := p.dynamic(typ, args)
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("configuring the provider: %s: %s", d.Summary, d.Detail)
		}
	}
	return p
}

// Plan plans a resource of typeName from config (attribute names to Go
// values: nil, Unknown, string, bool, int, []string, []any or
// map[string]any; attributes left out are null). prior is the prior state
// in the same form, or nil for a create. The proposed new state is the
// configuration, as for a create or a resource whose computed values are
// re-planned. Its diagnostics are those of the validation, then those of
// the plan, as Terraform shows both.
func (p *Planner) Plan(typeName string, config, prior map[string]any) *tfprotov6.PlanResourceChangeResponse {
	p.t.Helper()
	schema, ok := p.schemas.ResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("the provider has no resource %s", typeName)
	}
	typ := schema.ValueType()
	cfg := p.dynamic(typ, config)
	var priorValue any
	if prior != nil {
		priorValue = prior
	}
	state := p.dynamic(typ, priorValue)
	ctx := context.Background()
	validated, err := p.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &cfg})
	if err != nil {
		p.t.Fatal(err)
	}
	for _, d := range validated.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return &tfprotov6.PlanResourceChangeResponse{Diagnostics: validated.Diagnostics}
		}
	}
	resp, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName:         typeName,
		PriorState:       &state,
		ProposedNewState: &cfg,
		Config:           &cfg,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	resp.Diagnostics = append(validated.Diagnostics, resp.Diagnostics...)
	return resp
}

// PlanWithoutError is Plan for a plan that must not fail: it fails the test
// on an error diagnostic.
func (p *Planner) PlanWithoutError(typeName string, config, prior map[string]any) *tfprotov6.PlanResourceChangeResponse {
	p.t.Helper()
	resp := p.Plan(typeName, config, prior)
	if errs := Diagnostics(resp, tfprotov6.DiagnosticSeverityError); len(errs) > 0 {
		p.t.Fatalf("planning %s: %s: %s", typeName, errs[0].Summary, errs[0].Detail)
	}
	return resp
}

// Type returns the type of a resource's values, to read a planned state.
func (p *Planner) Type(typeName string) tftypes.Type {
	p.t.Helper()
	schema, ok := p.schemas.ResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("the provider has no resource %s", typeName)
	}
	return schema.ValueType()
}

// Diagnostics returns the diagnostics of a plan of the given severity.
func Diagnostics(resp *tfprotov6.PlanResourceChangeResponse, severity tfprotov6.DiagnosticSeverity) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range resp.Diagnostics {
		if d.Severity == severity {
			out = append(out, d)
		}
	}
	return out
}

// AssertWarning checks that a plan warns once, with summary at the
// top-level attribute at and a detail holding each piece (white space
// folded, as a terminal wraps it); or, for summary "", that it does not
// warn.
func AssertWarning(t testing.TB, resp *tfprotov6.PlanResourceChangeResponse, summary, at string, pieces ...string) {
	t.Helper()
	warnings := Diagnostics(resp, tfprotov6.DiagnosticSeverityWarning)
	if summary == "" {
		for _, w := range warnings {
			t.Errorf("unexpected warning: %s: %s", w.Summary, w.Detail)
		}
		return
	}
	if len(warnings) != 1 {
		t.Fatalf("%d warnings, want 1: %+v", len(warnings), warnings)
	}
	w := warnings[0]
	if w.Summary != summary {
		t.Errorf("summary %q, want %q", w.Summary, summary)
	}
	if want := tftypes.NewAttributePath().WithAttributeName(at); w.Attribute == nil || !w.Attribute.Equal(want) {
		t.Errorf("attribute %v, want %v", w.Attribute, want)
	}
	detail := strings.Join(strings.Fields(w.Detail), " ")
	for _, piece := range pieces {
		if !strings.Contains(detail, piece) {
			t.Errorf("detail lacks %q:\n%s", piece, w.Detail)
		}
	}
}

func (p *Planner) dynamic(typ tftypes.Type, v any) tfprotov6.DynamicValue {
	p.t.Helper()
	value, err := Value(typ, v)
	if err != nil {
		p.t.Fatal(err)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, value)
	if err != nil {
		p.t.Fatal(err)
	}
	return dv
}

// Value builds a value of typ from a Go value: nil, Unknown, string, bool,
// int, []string, []any, or map[string]any for an object (attributes left
// out are null).
func Value(typ tftypes.Type, v any) (tftypes.Value, error) {
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil), nil
	case unknownValue:
		return tftypes.NewValue(typ, tftypes.UnknownValue), nil
	case string, bool:
		return tftypes.NewValue(typ, v), nil
	case int:
		return tftypes.NewValue(typ, new(big.Float).SetInt64(int64(v))), nil
	case []string:
		elems := make([]any, len(v))
		for i, s := range v {
			elems[i] = s
		}
		return Value(typ, elems)
	case []any:
		var elemType tftypes.Type
		switch t := typ.(type) {
		case tftypes.List:
			elemType = t.ElementType
		case tftypes.Set:
			elemType = t.ElementType
		default:
			return tftypes.Value{}, fmt.Errorf("a list for a %s", typ)
		}
		elems := make([]tftypes.Value, len(v))
		for i, e := range v {
			var err error
			if elems[i], err = Value(elemType, e); err != nil {
				return tftypes.Value{}, err
			}
		}
		return tftypes.NewValue(typ, elems), nil
	case map[string]any:
		obj, ok := typ.(tftypes.Object)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("an object for a %s", typ)
		}
		attrs := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			var err error
			if attrs[name], err = Value(at, v[name]); err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
			}
		}
		for name := range v {
			if _, ok := obj.AttributeTypes[name]; !ok {
				return tftypes.Value{}, fmt.Errorf("no attribute %q", name)
			}
		}
		return tftypes.NewValue(typ, attrs), nil
	}
	return tftypes.Value{}, fmt.Errorf("cannot make a %s of %T", typ, v)
}
