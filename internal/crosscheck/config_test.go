// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// recommendedChain is the whole chain wired as the name-matching guide
// recommends: the SAML provider links its application, the role trusts the
// SAML provider by reference and lists its application, and the account
// links the application and the role. Every name is written once.
// templateArgs are the application's template arguments as the chains
// write them: from variables, as a real configuration would, since no
// public source gives the values. templateVariables declares them with the
// emulator's stand-ins of the international site.
const templateArgs = `  template_id             = var.template_id
  template_idp_name_param = var.template_idp_name_param
`

var templateVariables = fmt.Sprintf(`
variable "template_id" {
  type    = string
  default = %q
}

variable "template_idp_name_param" {
  type    = string
  default = %q
}
`, emulator.RoleSSOTemplateIDInternational, emulator.RoleSSOIdPNameParam)

// chainDataSources read the instance and the user alice that every chain
// of this package grants.
const chainDataSources = `
data "idaas_instance" "this" {}

data "idaas_user" "alice" {
  instance_id = data.idaas_instance.this.id
  username    = "alice"
}
`

// consoleApplication is the application of the two fixed chains.
const consoleApplication = `
resource "idaas_role_sso_application" "console" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud"
  idp_name    = "idaas"
` + templateArgs + `}
`

var recommendedChain = chainDataSources + consoleApplication + `
resource "idaas_ram_saml_provider" "idaas" {
  application = idaas_role_sso_application.console
}

resource "idaas_ram_role" "admin" {
  name                = "sso-admin"
  saml_provider_names = [idaas_ram_saml_provider.idaas.name]
  applications        = [idaas_role_sso_application.console]
}

resource "idaas_application_account" "alice" {
  application = idaas_role_sso_application.console
  role        = idaas_ram_role.admin
  user_id     = data.idaas_user.alice.id
}
`

// literalChain is the same chain with no link attributes: every name is
// typed where it is needed, and depends_on orders what references would.
var literalChain = chainDataSources + consoleApplication + `
resource "idaas_ram_saml_provider" "idaas" {
  name     = "idaas"
  metadata = idaas_role_sso_application.console.idp_metadata
}

resource "idaas_ram_role" "admin" {
  name                = "sso-admin"
  saml_provider_names = ["idaas"]
  depends_on          = [idaas_ram_saml_provider.idaas]
}

resource "idaas_application_account" "alice" {
  instance_id    = data.idaas_instance.this.id
  application_id = idaas_role_sso_application.console.id
  user_id        = data.idaas_user.alice.id
  account_name   = "sso-admin"
  depends_on     = [idaas_ram_role.admin]
}
`

// set returns config with the argument line ("name = value") set in the
// block whose header is block (`resource "idaas_ram_role" "admin"`): it
// replaces the block's line of that argument, or adds the line.
func set(t *testing.T, config, block, line string) string {
	t.Helper()
	header := block + " {\n"
	start := strings.Index(config, header)
	if start < 0 {
		t.Fatalf("set: no block %s in\n%s", block, config)
	}
	bodyStart := start + len(header)
	end := bodyStart + strings.Index(config[bodyStart:], "\n}\n")
	name, _, _ := strings.Cut(line, "=")
	name = strings.TrimSpace(name)
	lines := strings.Split(config[bodyStart:end], "\n")
	replaced := false
	for i, l := range lines {
		if n, _, ok := strings.Cut(l, "="); ok && strings.TrimSpace(n) == name {
			lines[i], replaced = "  "+line, true
		}
	}
	if !replaced {
		lines = append(lines, "  "+line)
	}
	return config[:bodyStart] + strings.Join(lines, "\n") + config[end:]
}

// add returns config with blocks appended.
func add(config string, blocks ...string) string {
	return config + strings.Join(blocks, "")
}

// hclString quotes s as an HCL string, template sequences escaped.
func hclString(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// noCredentials is the world's provider block without credentials: a plan
// that needs the provider configured fails with "No Alibaba Cloud
// credentials". The test's environment gets none either (see
// withoutCredentials).
func (w world) noCredentials() string {
	return acctest.ProviderConfig(w.idaas.URL(), acctest.Credentials{}) + templateVariables
}

// withCredentials is the world's provider block with the emulator's keys.
func (w world) withCredentials() string {
	hcl, _ := w.providers()
	return hcl
}

// withoutCredentials empties, for the test, every environment variable
// and file the provider reads credentials from, so that a provider block
// without them has none.
func withoutCredentials(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "ALIBABA_CLOUD_") || strings.HasPrefix(name, "ALICLOUD_") {
			t.Setenv(name, "")
		}
	}
	// The Alibaba Cloud CLI's profile, ~/.aliyun/config.json.
	t.Setenv("HOME", t.TempDir())
}

// consoleApplications starts a world whose IDaaS instance already has
// role-based SSO applications made in the console, named as given, each
// with the IdP name "idaas", for the emulator's account, open to every
// user.
func consoleApplications(t *testing.T, names ...string) world {
	t.Helper()
	site := rolesso.International
	apps := make([]string, len(names))
	for i, name := range names {
		apps[i] = fmt.Sprintf(`{"ApplicationName": %q, "ApplicationTemplateId": %q, "AuthorizationType": "default_all",
      "TemplateParams": {%q: %q, %q: "idaas"}}`,
			name, emulator.RoleSSOTemplateID(site.Name), rolesso.DefaultAccountIDParam, emulator.DefaultAccountID, emulator.RoleSSOIdPNameParam)
	}
	load := strings.TrimSuffix(usersLoad(), "}}") + `, "Applications": [` + strings.Join(apps, ", ") + `]}}`
	srv := acctest.Emulator(t, emulatortest.WithLoad(load))
	return world{idaas: srv, ram: srv}
}
