// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/check"
)

// TestNameInventory names objects after their labels: lower case, unsafe
// characters as "_", a leading digit guarded, unique per type, sorted;
// and renders one import block each.
func TestNameInventory(t *testing.T) {
	t.Parallel()
	got, blocks := check.NameInventory([]check.InventoryObject{
		check.NewInventoryObject("idaas_ram_role", "SSO-Admin", "SSO-Admin"),
		check.NewInventoryObject("idaas_group", "Ops Team", "i/group_1"),
		check.NewInventoryObject("idaas_ram_role", "sso.admin", "sso.admin"),
		check.NewInventoryObject("idaas_role_sso_application", "Alibaba Cloud", "i/app_1"),
		check.NewInventoryObject("idaas_group", "2026 auditors", "i/group_2"),
		check.NewInventoryObject("idaas_group", "", "i/group_3"),
	})
	want := []string{
		"idaas_group._=i/group_3",
		"idaas_group._2026_auditors=i/group_2",
		"idaas_group.ops_team=i/group_1",
		"idaas_ram_role.sso_admin=SSO-Admin",
		"idaas_ram_role.sso_admin_2=sso.admin",
		"idaas_role_sso_application.alibaba_cloud=i/app_1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("names:\n got %q\nwant %q", got, want)
	}
	if n := strings.Count(blocks, "import {"); n != len(want) {
		t.Errorf("%d import blocks, want %d:\n%s", n, len(want), blocks)
	}
	if !strings.Contains(blocks, "import {\n  to = idaas_ram_role.sso_admin_2\n  id = \"sso.admin\"\n}\n") {
		t.Errorf("the block of sso.admin is missing or malformed:\n%s", blocks)
	}
}
