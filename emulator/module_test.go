// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"os"
	"strings"
	"testing"
)

// TestModuleRequiresNothingOfTheProvider keeps the emulator an independent
// oracle: its go.mod requires neither the provider's module nor the
// Terraform plugin libraries, so no code of the provider can reach it and
// `go install …/emulator/cmd/alibabacloud-emulator@<version>` needs none
// of the provider's dependency graph. It also has no replace directive,
// which go install refuses.
func TestModuleRequiresNothingOfTheProvider(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(fields) == 0 {
			continue
		}
		switch mod := fields[0]; {
		case mod == "replace" || strings.HasPrefix(strings.TrimSpace(line), "replace"):
			t.Errorf("go.mod:%d: a replace directive: %s", i+1, line)
		case mod == "github.com/idaas-rolesso/terraform-provider-idaas":
			t.Errorf("go.mod:%d: requires the provider's module: %s", i+1, line)
		case strings.HasPrefix(mod, "github.com/hashicorp/terraform-plugin-"):
			t.Errorf("go.mod:%d: requires a Terraform plugin library: %s", i+1, line)
		}
	}
}
