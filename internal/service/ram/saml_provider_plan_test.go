// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

// samlProviderPlan plans the creation of an idaas_ram_saml_provider with
// the given arguments through the provider's protocol server, as the CLI
// would. The CLI hides warnings from terraform-plugin-testing, so this is
// where a test sees them.
func samlProviderPlan(t *testing.T, args map[string]tftypes.Value) *tfprotov6.PlanResourceChangeResponse {
	t.Helper()
	ctx := context.Background()
	server, err := acctest.ProtoV6ProviderFactories[acctest.ProviderName]()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schema, ok := schemas.ResourceSchemas["idaas_ram_saml_provider"]
	if !ok {
		t.Fatal("the provider has no idaas_ram_saml_provider resource")
	}
	objectType, ok := schema.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T, want an object", schema.ValueType())
	}
	values := map[string]tftypes.Value{}
	for name, typ := range objectType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, nil)
	}
	for name, v := range args {
		values[name] = v
	}
	config, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, values))
	if err != nil {
		t.Fatal(err)
	}
	prior, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, nil))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName:         "idaas_ram_saml_provider",
		PriorState:       &prior,
		ProposedNewState: &config,
		Config:           &config,
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestSAMLProviderPlanWarnsOfAnExpiringCertificate(t *testing.T) {
	t.Parallel()
	soon := newSAMLTestIdP(t, time.Now().Add(-300*24*time.Hour), 310*24*time.Hour) // Expires in 10 days.
	tests := map[string]struct {
		days         *int64 // nil: the default, 30
		wantWarnings int
	}{
		"default window":         {wantWarnings: 1},
		"a window of 5 days":     {days: samlPtr(int64(5))},
		"the warning turned off": {days: samlPtr(int64(0))},
		"a window of 11 days":    {days: samlPtr(int64(11)), wantWarnings: 1},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			args := map[string]tftypes.Value{
				"name":     tftypes.NewValue(tftypes.String, "idaas"),
				"metadata": tftypes.NewValue(tftypes.String, soon.XML),
			}
			if tt.days != nil {
				args["cert_expiry_warning_days"] = tftypes.NewValue(tftypes.Number, *tt.days)
			}
			resp := samlProviderPlan(t, args)
			var warnings []*tfprotov6.Diagnostic
			for _, d := range resp.Diagnostics {
				switch d.Severity {
				case tfprotov6.DiagnosticSeverityError:
					t.Fatalf("error: %s: %s", d.Summary, d.Detail)
				case tfprotov6.DiagnosticSeverityWarning:
					warnings = append(warnings, d)
				}
			}
			if len(warnings) != tt.wantWarnings {
				t.Fatalf("%d warnings, want %d: %+v", len(warnings), tt.wantWarnings, warnings)
			}
			for _, w := range warnings {
				if w.Summary != "SAML IdP metadata needs attention" || !strings.Contains(w.Detail, soon.Fingerprint) ||
					w.Attribute == nil || w.Attribute.String() != tftypes.NewAttributePath().WithAttributeName("metadata").String() {
					t.Errorf("warning %q: %q at %v, want one about certificate %s at metadata", w.Summary, w.Detail, w.Attribute, soon.Fingerprint)
				}
			}
		})
	}
}

func samlPtr[T any](v T) *T { return &v }
