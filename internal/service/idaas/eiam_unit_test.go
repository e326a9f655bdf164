// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

func TestEIAMTime(t *testing.T) {
	type testCase struct {
		ms   int64
		want types.String
	}
	tests := map[string]testCase{
		"unknown time": {ms: 0, want: types.StringNull()},
		"UTC":          {ms: 1649830226000, want: types.StringValue("2022-04-13T06:10:26Z")},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if got := idaas.EIAMTime(tt.ms); !got.Equal(tt.want) {
			t.Errorf("EIAMTime(%d) = %s, want %s", tt.ms, got, tt.want)
		}
	})
}
