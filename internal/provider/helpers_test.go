// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// testServer drives the provider through its protocol-6 server, the way
// Terraform does, without a Terraform CLI.
type testServer struct {
	t      *testing.T
	server tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, server: server, schema: schema}
}

// unknown marks a configuration value as not known yet.
type unknownValue struct{}

var unknown = unknownValue{}

// value builds a value of typ from a Go value: nil, unknown, a string, an
// int, or a map[string]any for an object (missing attributes are null).
func value(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil)
	case unknownValue:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	case string:
		return tftypes.NewValue(typ, v)
	case int:
		return tftypes.NewValue(typ, int64(v))
	case map[string]any:
		objType, ok := typ.(tftypes.Object)
		if !ok {
			t.Fatalf("%v is not an object type", typ)
		}
		for name := range v {
			if _, ok := objType.AttributeTypes[name]; !ok {
				t.Fatalf("no attribute %q in %v", name, typ)
			}
		}
		attrs := make(map[string]tftypes.Value, len(objType.AttributeTypes))
		for name, attrType := range objType.AttributeTypes {
			attrs[name] = value(t, attrType, v[name])
		}
		return tftypes.NewValue(objType, attrs)
	default:
		t.Fatalf("cannot build a value from %T", v)
		return tftypes.Value{}
	}
}

func (s *testServer) providerConfig(config map[string]any) *tfprotov6.DynamicValue {
	s.t.Helper()
	typ := s.schema.Provider.ValueType()
	dv, err := tfprotov6.NewDynamicValue(typ, value(s.t, typ, config))
	if err != nil {
		s.t.Fatal(err)
	}
	return &dv
}

// validate runs the provider's validation of config.
func (s *testServer) validate(config map[string]any) []*tfprotov6.Diagnostic {
	s.t.Helper()
	resp, err := s.server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{Config: s.providerConfig(config)})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

// configure configures the provider with config.
func (s *testServer) configure(config map[string]any) []*tfprotov6.Diagnostic {
	s.t.Helper()
	resp, err := s.server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.5.7",
		Config:           s.providerConfig(config),
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

// readCallerIdentity reads the idaas_caller_identity data source.
func (s *testServer) readCallerIdentity() (map[string]string, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	const typeName = "idaas_caller_identity"
	typ := s.schema.DataSourceSchemas[typeName].ValueType()
	config, err := tfprotov6.NewDynamicValue(typ, value(s.t, typ, map[string]any{}))
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := s.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &config})
	if err != nil {
		s.t.Fatal(err)
	}
	if resp.State == nil {
		return nil, resp.Diagnostics
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		s.t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		s.t.Fatal(err)
	}
	out := map[string]string{}
	for name, v := range attrs {
		var str string
		if err := v.As(&str); err != nil {
			s.t.Fatal(err)
		}
		out[name] = str
	}
	return out, resp.Diagnostics
}

// diagText renders diagnostics for test messages.
func diagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  [%v] %s: %s (at %v)", d.Severity, d.Summary, d.Detail, d.Attribute)
	}
	return b.String()
}

// attrPath builds an attribute path from names.
func attrPath(names ...string) *tftypes.AttributePath {
	p := tftypes.NewAttributePath()
	for _, n := range names {
		p = p.WithAttributeName(n)
	}
	return p
}

// isolateEnv clears every environment variable the provider reads and
// points HOME at an empty directory, so the developer's own credentials
// cannot leak into a test.
func isolateEnv(t *testing.T) string {
	t.Helper()
	for _, names := range provider.EnvVars {
		for _, name := range names {
			t.Setenv(name, "")
		}
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	return home
}
