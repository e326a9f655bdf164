// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

func TestSAMLProviderNameValidator(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		value types.String
		want  diag.Diagnostics
	}{
		"valid":   {value: types.StringValue("idaas-prod")},
		"null":    {value: types.StringNull()},
		"unknown": {value: types.StringUnknown()},
		"space": {value: types.StringValue("idaas prod"), want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("name"),
			"Invalid SAML provider name",
			`The name "idaas prod" is invalid: it contains ' ' at position 6. `+rolesso.SAMLProviderNameRule+` For example "idaas-prod".`+
				"\n\n"+rolesso.IdPNameMatchRule)}},
		"trailing special": {value: types.StringValue("idaas_"), want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("name"),
			"Invalid SAML provider name",
			`The name "idaas_" is invalid: it starts or ends with a special character. `+rolesso.SAMLProviderNameRule+` For example "idaas".`+
				"\n\n"+rolesso.IdPNameMatchRule)}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var resp validator.StringResponse
			ram.SAMLProviderNameValidator().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: tt.value}, &resp)
			if diff := cmp.Diff(tt.want, resp.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSAMLProviderNamePlanModifier(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		state, plan, want types.String
	}{
		"create":          {state: types.StringNull(), plan: types.StringValue("idaas"), want: types.StringValue("idaas")},
		"same":            {state: types.StringValue("idaas"), plan: types.StringValue("idaas"), want: types.StringValue("idaas")},
		"only case":       {state: types.StringValue("IDaaS"), plan: types.StringValue("idaas"), want: types.StringValue("IDaaS")},
		"another name":    {state: types.StringValue("idaas"), plan: types.StringValue("idaas2"), want: types.StringValue("idaas2")},
		"unknown at plan": {state: types.StringValue("idaas"), plan: types.StringUnknown(), want: types.StringUnknown()},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := planmodifier.StringResponse{PlanValue: tt.plan}
			ram.SAMLProviderNamePlanModifier{}.PlanModifyString(context.Background(),
				planmodifier.StringRequest{Path: path.Root("name"), StateValue: tt.state, PlanValue: tt.plan, ConfigValue: tt.plan}, &resp)
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("plan = %s, want %s", resp.PlanValue, tt.want)
			}
		})
	}
}
