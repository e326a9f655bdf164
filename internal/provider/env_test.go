// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"slices"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// TestEnvVarNames: every credential and endpoint variable is listed, once,
// in order.
func TestEnvVarNames(t *testing.T) {
	t.Parallel()
	names := provider.EnvVarNames()
	for _, want := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALICLOUD_ASSUME_ROLE_ARN",
		"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_PROFILE", "IDAAS_EIAM_ENDPOINT",
	} {
		if !slices.Contains(names, want) {
			t.Errorf("EnvVarNames() lacks %s", want)
		}
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("EnvVarNames() = %v, want sorted names, each once", names)
	}
}
