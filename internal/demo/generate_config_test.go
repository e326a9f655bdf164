// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package demo_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

// TestAccGenerateConfig adopts a setup made elsewhere as a new user would:
// it applies an example (the setup "clicked together"), then, in a fresh
// directory that knows nothing of it, reads the idaas_role_sso_inventory
// data source, writes its import blocks and runs `plan
// -generate-config-out`. The inventory must find every object the example
// made, the generated configuration must validate, and its plan must
// import every object and change none. It runs for both forms of the
// application.
func TestAccGenerateConfig(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("Acceptance tests skipped unless env '%s' set", resource.EnvTfAcc)
	}
	acctest.PreCheck(t)
	for name, dir := range map[string]string{"template": exampleDir, "standard SAML": standardSAMLDir} {
		t.Run(name, func(t *testing.T) {
			made := newExampleCLI(t, dir)
			if !made.hasProviderFunctions(t) {
				t.Skipf("%s %s has no provider-defined functions, which the example uses", made.path, made.version)
			}
			srv := acctest.Emulator(t, emulatortest.WithConfig(func(c *emulator.Config) { c.LoadFile = dir + "/users.json" }))
			made.env = append(made.env, "TF_VAR_emulator_url="+srv.URL())
			made.env = append(made.env, exampleTemplateVars...)
			made.run(t, "apply", "-input=false", "-no-color", "-auto-approve")
			managed := managedResources(t, made)

			adopter := made.emptyDir(t, providerBlock(srv)+`
data "idaas_instance" "this" {}

data "idaas_role_sso_inventory" "this" {
  instance_id = data.idaas_instance.this.id
}

output "import_blocks" {
  value = data.idaas_role_sso_inventory.this.import_blocks
}
`)
			adopter.run(t, "apply", "-input=false", "-no-color", "-auto-approve")
			writeFile(t, filepath.Join(adopter.dir, "imports.tf"), adopter.run(t, "output", "-raw", "import_blocks"))
			adopter.run(t, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
			adopter.run(t, "validate", "-no-color")
			out := adopter.run(t, "plan", "-input=false", "-no-color")
			want := fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", managed)
			if !strings.Contains(out, want) {
				t.Fatalf("the plan of the generated configuration is not %q:\n%s", want, out)
			}
		})
	}
}

// emptyDir returns a CLI like c in a new directory holding only main.tf.
func (c *exampleCLI) emptyDir(t *testing.T, mainTF string) *exampleCLI {
	t.Helper()
	dir := filepath.Join(filepath.Dir(c.dir), "adopt")
	writeFile(t, filepath.Join(dir, "main.tf"), mainTF)
	adopter := *c
	adopter.dir = dir
	return &adopter
}

// providerBlock is the provider source and the emulator's endpoints.
func providerBlock(srv *emulator.Server) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    idaas = { source = "idaas-rolesso/idaas" }
  }
}

provider "idaas" {
  endpoints = { ram = %[1]q, ims = %[1]q, sts = %[1]q, eiam = %[1]q }
}
`, srv.URL())
}

// managedResources counts the managed resource instances in c's state.
func managedResources(t *testing.T, c *exampleCLI) int {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct{ Mode string }
			} `json:"root_module"`
		}
	}
	if err := json.Unmarshal([]byte(c.run(t, "show", "-json")), &state); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range state.Values.RootModule.Resources {
		if r.Mode == "managed" {
			n++
		}
	}
	return n
}
