// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
)

// alicloudAddress is the source address of alicloud state in the tests.
const alicloudAddress = "registry.terraform.io/aliyun/alicloud"

// TestMoveFromAlicloud moves states in the alicloud provider's schemas
// (fixtures with its attribute names, current and deprecated) through the
// protocol server, as a `moved {}` block does, and checks the attributes
// the target state gets; a state of another provider or type is refused.
func TestMoveFromAlicloud(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server, err := acctest.ProtoV6ProviderFactories["idaas"]()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	metadata, _ := samltest.IdPMetadata(t, "IDaaS", time.Now(), 24*time.Hour, "https://idaas.example/meta", "https://idaas.example/sso")
	doc := `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Federated":["acs:ram::1234567890123456:saml-provider/idaas"]},"Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}}],"Version":"1"}`
	tests := map[string]struct {
		address, source, target string
		state                   map[string]any
		want                    map[string]any // attribute => string, bool or int64
		wantErr                 string
	}{
		"role": {
			source: "alicloud_ram_role", target: "idaas_ram_role",
			state: map[string]any{"id": "sso-admin", "role_name": "sso-admin", "assume_role_policy_document": doc, "description": "Admins",
				"max_session_duration": 7200, "force": true, "arn": "acs:ram::1234567890123456:role/sso-admin"},
			want: map[string]any{"id": "sso-admin", "name": "sso-admin", "assume_role_policy": doc, "description": "Admins",
				"max_session_duration": int64(7200), "force_detach_policies": true},
		},
		"role with the deprecated names": {
			source: "alicloud_ram_role", target: "idaas_ram_role",
			state: map[string]any{"id": "sso-read-only", "name": "sso-read-only", "document": doc},
			want:  map[string]any{"id": "sso-read-only", "name": "sso-read-only", "assume_role_policy": doc, "force_detach_policies": false},
		},
		"SAML provider": {
			source: "alicloud_ram_saml_provider", target: "idaas_ram_saml_provider",
			state: map[string]any{"id": "idaas", "saml_provider_name": "idaas", "description": "IDaaS",
				"encodedsaml_metadata_document": base64.StdEncoding.EncodeToString([]byte(metadata))},
			want: map[string]any{"id": "idaas", "name": "idaas", "description": "IDaaS", "metadata": strings.TrimSpace(metadata),
				"cert_expiry_warning_days": int64(30)},
		},
		"policy attachment": {
			source: "alicloud_ram_role_policy_attachment", target: "idaas_ram_role_policy_attachment",
			state: map[string]any{"id": "role:AdministratorAccess:System:sso-admin", "role_name": "sso-admin", "policy_type": "System",
				"policy_name": "AdministratorAccess"},
			want: map[string]any{"id": "sso-admin:System:AdministratorAccess", "role_name": "sso-admin", "policy_type": "System",
				"policy_name": "AdministratorAccess"},
		},
		"another provider's resource of that name": {
			address: "registry.terraform.io/example/other", source: "alicloud_ram_role", target: "idaas_ram_role",
			state: map[string]any{"role_name": "sso-admin"}, wantErr: "Unable to Move Resource State",
		},
		"a role without a name": {
			source: "alicloud_ram_role", target: "idaas_ram_role", state: map[string]any{"document": doc},
			wantErr: "Cannot move alicloud_ram_role",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			address := tt.address
			if address == "" {
				address = alicloudAddress
			}
			raw, err := json.Marshal(tt.state)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.MoveResourceState(ctx, &tfprotov6.MoveResourceStateRequest{
				SourceProviderAddress: address, SourceTypeName: tt.source, SourceState: &tfprotov6.RawState{JSON: raw},
				TargetTypeName: tt.target,
			})
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" {
				if len(resp.Diagnostics) == 0 || !strings.Contains(resp.Diagnostics[0].Summary, tt.wantErr) {
					t.Fatalf("diagnostics = %+v, want an error %q", resp.Diagnostics, tt.wantErr)
				}
				return
			}
			if len(resp.Diagnostics) > 0 {
				t.Fatalf("diagnostics: %+v", resp.Diagnostics[0])
			}
			value, err := resp.TargetState.Unmarshal(schemas.ResourceSchemas[tt.target].ValueType())
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := value.As(&attrs); err != nil {
				t.Fatal(err)
			}
			for attr, want := range tt.want {
				if got := goValue(t, attrs[attr]); got != want {
					t.Errorf("%s = %#v, want %#v", attr, got, want)
				}
			}
		})
	}
}

// goValue is a string, bool or number attribute as a Go value (a number
// as int64).
func goValue(t *testing.T, v tftypes.Value) any {
	t.Helper()
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case v.Type().Is(tftypes.Number):
		var n big.Float
		_ = v.As(&n)
		i, _ := n.Int64()
		return i
	}
	t.Fatalf("unexpected type %s", v.Type())
	return nil
}
