// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package demo_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

// TestAccGenerateConfig adopts a setup made elsewhere as a new user would:
// it applies an example (the setup "clicked together"), then, in a fresh
// directory that knows nothing of it, writes an import block for every
// object and runs `plan -generate-config-out`. The generated configuration
// must validate, and its plan must import every object and change none.
// It runs for both forms of the application.
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

			adopter := made.emptyDir(t, providerBlock(srv)+importBlocks(t, made))
			adopter.run(t, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
			adopter.run(t, "validate", "-no-color")
			out := adopter.run(t, "plan", "-input=false", "-no-color")
			summary := regexp.MustCompile(`Plan: (\d+) to import, (\d+) to add, (\d+) to change, (\d+) to destroy`).FindStringSubmatch(out)
			if summary == nil || summary[2] != "0" || summary[3] != "0" || summary[4] != "0" {
				t.Fatalf("the plan of the generated configuration is not imports only:\n%s", out)
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

// importBlocks writes an import block for each managed object in c's
// state, by the import ID each resource documents, to a resource named
// after the instance key (generated configuration has no for_each).
func importBlocks(t *testing.T, c *exampleCLI) string {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Mode, Type, Name string
					Index            any
					Values           map[string]any
				}
			} `json:"root_module"`
		}
	}
	if err := json.Unmarshal([]byte(c.run(t, "show", "-json")), &state); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range state.Values.RootModule.Resources {
		if r.Mode != "managed" {
			continue
		}
		v := func(k string) string { return fmt.Sprint(r.Values[k]) }
		var id string
		switch r.Type {
		case "idaas_role_sso_application":
			id = v("instance_id") + "/" + v("id")
		case "idaas_group":
			id = v("instance_id") + "/" + v("id")
		case "idaas_application_account":
			id = v("instance_id") + "/" + v("application_id") + "/" + v("id")
		default: // RAM objects import by their ID: a name, or role:type:policy.
			id = v("id")
		}
		name := r.Name
		if r.Index != nil {
			name += "_" + regexp.MustCompile(`[^A-Za-z0-9_]`).ReplaceAllString(fmt.Sprint(r.Index), "_")
		}
		fmt.Fprintf(&b, "\nimport {\n  to = %s.%s\n  id = %q\n}\n", r.Type, name, id)
	}
	return b.String()
}
