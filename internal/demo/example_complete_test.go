// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/signin"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
)

// Paths from this package's directory.
const (
	moduleRoot = "../.."
	// exampleDir is examples/complete, the configuration `make demo` applies.
	exampleDir = moduleRoot + "/examples/complete"
	// standardSAMLDir is examples/standard-saml: the same setup as a
	// standard SAML 2.0 application.
	standardSAMLDir = moduleRoot + "/examples/standard-saml"
	// namingMistakesFile breaks both naming rules; added to the example, the
	// plan must fail.
	namingMistakesFile = moduleRoot + "/tools/demo-naming-mistakes.tf"
)

// exampleRoles is who may sign in as which role in examples/complete:
// what its local.assignments say, in RAM role names.
var exampleRoles = map[string][]string{
	"alice": {"sso-admin", "sso-billing", "sso-read-only"},
	"bob":   {"sso-read-only"},
	"carol": {"sso-billing", "sso-read-only"},
	"dave":  {"sso-admin", "sso-read-only"},
	"erin":  {"sso-read-only"},
}

// TestAccExampleComplete does what `make demo` does, so that the demo
// cannot rot: it applies examples/complete to an emulator loaded with its
// users.json, checks that a second plan is empty and that a plan with the
// demo's naming mistakes fails, signs every user in (each must get exactly
// the roles of exampleRoles), destroys, and checks that nothing the example
// made is left.
//
// It runs the CLI itself, with the provider binary built from this
// checkout through a development override, as the demo does.
// terraform-plugin-testing cannot run the example: it converts every state
// to its legacy form, which has no for_each instances (it fails with "for_each
// is not supported"; terraform-plugin-sdk issue 536), and the example
// shows for_each as real configurations use it.
func TestAccExampleComplete(t *testing.T) {
	// The gate of every acceptance test (resource.Test has the same).
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("Acceptance tests skipped unless env '%s' set", resource.EnvTfAcc)
	}
	acctest.PreCheck(t)
	cli := newExampleCLI(t, exampleDir)
	if !cli.hasProviderFunctions(t) {
		// As tfversion.SkipBelow(1.8.0) does for resource.Test.
		t.Skipf("%s %s has no provider-defined functions, which the example uses", cli.path, cli.version)
	}
	srv := acctest.Emulator(t, emulatortest.WithConfig(func(c *emulator.Config) {
		c.LoadFile = exampleDir + "/users.json"
	}))
	cli.env = append(cli.env, "TF_VAR_emulator_url="+srv.URL())
	cli.env = append(cli.env, exampleTemplateVars...)

	cli.run(t, "plan", "-input=false", "-no-color", "-out=test.tfplan")
	cli.run(t, "apply", "-input=false", "-no-color", "-auto-approve", "test.tfplan")
	if out, code := cli.exec(t, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after apply is not empty (exit code %d):\n%s", code, out)
	}

	// The demo's naming mistakes must fail at plan, each on its resource.
	mistakes, err := os.ReadFile(namingMistakesFile)
	if err != nil {
		t.Fatal(err)
	}
	mistakesPath := filepath.Join(cli.dir, filepath.Base(namingMistakesFile))
	writeFile(t, mistakesPath, string(mistakes))
	out, code := cli.exec(t, "plan", "-input=false", "-no-color")
	for _, address := range []string{"idaas_application_account.naming_mistake", "idaas_ram_saml_provider.naming_mistake"} {
		if code == 0 || !strings.Contains(out, "with "+address+",") {
			t.Errorf("the plan with %s did not refuse %s (exit code %d):\n%s", namingMistakesFile, address, code, out)
		}
	}
	if err := os.Remove(mistakesPath); err != nil {
		t.Fatal(err)
	}

	checkSignIns(t, cli, srv)
	cli.run(t, "destroy", "-input=false", "-no-color", "-auto-approve")
	checkEmulatorEmpty(t, srv)
}

// TestAccExampleStandardSAML applies examples/standard-saml, the setup of
// examples/complete as a standard SAML 2.0 application, checks that a
// second plan is empty, signs every user in (each must get exactly the
// roles of exampleRoles, from the Role attribute statement the provider
// wrote), destroys, and checks that nothing is left.
func TestAccExampleStandardSAML(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("Acceptance tests skipped unless env '%s' set", resource.EnvTfAcc)
	}
	acctest.PreCheck(t)
	cli := newExampleCLI(t, standardSAMLDir)
	srv := acctest.Emulator(t, emulatortest.WithConfig(func(c *emulator.Config) {
		c.LoadFile = standardSAMLDir + "/users.json"
	}))
	cli.env = append(cli.env, "TF_VAR_emulator_url="+srv.URL())
	cli.run(t, "apply", "-input=false", "-no-color", "-auto-approve")
	if out, code := cli.exec(t, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after apply is not empty (exit code %d):\n%s", code, out)
	}
	checkSignIns(t, cli, srv)

	// A SAML provider deleted out of band plans only itself again.
	deleteSAMLProviders(t, srv)
	if out := cli.run(t, "plan", "-input=false", "-no-color"); !strings.Contains(out, "Plan: 1 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the plan after the SAML provider was deleted is not its create alone:\n%s", out)
	}
	cli.run(t, "apply", "-input=false", "-no-color", "-auto-approve")
	checkSignIns(t, cli, srv)
	cli.run(t, "destroy", "-input=false", "-no-color", "-auto-approve")
	checkEmulatorEmpty(t, srv)
}

// deleteSAMLProviders deletes every SAML provider, as the RAM console
// would, through the emulator's state.
func deleteSAMLProviders(t *testing.T, srv *emulator.Server) {
	t.Helper()
	ctl := emulatortest.ControlOf(t, srv)
	var st map[string]json.RawMessage
	ctl.State(&st)
	st["Ims"] = json.RawMessage(`{"SAMLProviders":[]}`)
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	ctl.PutState(string(b))
}

// checkSignIns signs in every application account of the configuration's
// `accounts` output through the emulated portal: each user must get
// exactly the roles of exampleRoles.
func checkSignIns(t *testing.T, cli *exampleCLI, srv *emulator.Server) {
	t.Helper()
	outputs := cli.run(t, "output", "-json")
	accounts, err := signin.ReadOutputs(strings.NewReader(outputs))
	if err != nil {
		t.Fatal(err)
	}
	results, err := signin.SignIn(context.Background(), emulatortest.SignInConfig(srv), accounts)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range results {
		if !r.OK() {
			t.Errorf("%s could not sign in as %s: %v", r.Username, r.RoleName, r.Err)
			continue
		}
		if want := "acs:ram::" + emulator.DefaultAccountID + ":assumed-role/" + r.RoleName + "/" + r.Username; r.Identity != want {
			t.Errorf("%s as %s: identity %q, want %q", r.Username, r.RoleName, r.Identity, want)
		}
		got[r.Username] = append(got[r.Username], r.RoleName)
	}
	for _, roles := range got {
		slices.Sort(roles)
	}
	if diff := cmp.Diff(exampleRoles, got); diff != "" {
		t.Errorf("who signed in as which role (-want +got):\n%s", diff)
	}
}

// exampleCLI runs the Terraform or OpenTofu CLI of the acceptance tests on
// a copy of examples/complete, with the provider built from this checkout.
type exampleCLI struct {
	path    string
	version string
	dir     string
	env     []string
}

func newExampleCLI(t *testing.T, exampleDir string) *exampleCLI {
	t.Helper()
	work := t.TempDir()
	plugins := filepath.Join(work, "plugins")
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "terraform-provider-idaas"), ".")
	build.Dir = moduleRoot
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	// A development override runs the provider binary in place: no init,
	// and nothing is downloaded.
	tfrc := filepath.Join(work, "cli.tfrc")
	writeFile(t, tfrc, fmt.Sprintf(`disable_checkpoint = true
provider_installation {
  dev_overrides {
    "idaas-rolesso/idaas" = %q
  }
  direct {}
}
`, plugins))
	config := filepath.Join(work, "config")
	tfFiles, err := filepath.Glob(filepath.Join(exampleDir, "*.tf"))
	if err != nil || len(tfFiles) == 0 {
		t.Fatalf("no .tf files in %s: %v", exampleDir, err)
	}
	for _, f := range tfFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(config, filepath.Base(f)), string(b))
	}
	c := &exampleCLI{path: os.Getenv("TF_ACC_TERRAFORM_PATH"), dir: config, env: cleanEnv(tfrc)}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(c.run(t, "version", "-json")), &v); err != nil {
		t.Fatalf("reading the CLI version: %v", err)
	}
	c.version = v.Version
	return c
}

// cleanEnv is the environment of the CLI and the provider: this process's,
// without any Alibaba Cloud settings, plus the emulator's default key and
// the CLI configuration.
func cleanEnv(tfrc string) []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		for _, prefix := range []string{"ALIBABA_CLOUD_", "ALICLOUD_", "IDAAS_", "TF_VAR_", "TF_CLI_CONFIG_FILE=", "TF_REATTACH_PROVIDERS="} {
			if strings.HasPrefix(kv, prefix) {
				return true
			}
		}
		return false
	})
	return append(env,
		"TF_CLI_CONFIG_FILE="+tfrc,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+emulator.DefaultAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET="+emulator.DefaultAccessKeySecret,
	)
}

// hasProviderFunctions reports whether the CLI runs provider-defined
// functions: OpenTofu 1.7 and Terraform 1.8 or later. Both report a
// terraform_version; 1.8 is the bound for both here.
func (c *exampleCLI) hasProviderFunctions(t *testing.T) bool {
	t.Helper()
	parts := strings.SplitN(c.version, ".", 3)
	if len(parts) < 2 {
		t.Fatalf("unreadable CLI version %q", c.version)
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err := errors.Join(err1, err2); err != nil {
		t.Fatalf("unreadable CLI version %q: %v", c.version, err)
	}
	return major > 1 || (major == 1 && minor >= 8)
}

// exec runs the CLI in the configuration's directory and returns its
// output and exit code; it fails the test if the CLI cannot start.
func (c *exampleCLI) exec(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(c.path, args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("running %s: %v", c.path, err)
	}
	return out.String(), 0
}

// run runs the CLI and fails the test unless it succeeds.
func (c *exampleCLI) run(t *testing.T, args ...string) string {
	t.Helper()
	out, code := c.exec(t, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit code %d:\n%s", filepath.Base(c.path), strings.Join(args, " "), code, out)
	}
	return out
}

// checkEmulatorEmpty checks that destroying the example left none of its
// objects in the emulator. The users stay: they came from the load file.
func checkEmulatorEmpty(t *testing.T, srv *emulator.Server) {
	t.Helper()
	var st struct {
		Ram struct{ Roles []struct{ RoleName string } }
		Ims struct {
			SAMLProviders []struct{ SAMLProviderName string }
		}
		Eiam struct {
			Users               []struct{ Username string }
			Applications        []struct{ ApplicationName string }
			ApplicationAccounts []struct{ ApplicationUsername string }
			Groups              []struct{ GroupName string }
		}
	}
	emulatortest.ControlOf(t, srv).State(&st)
	if n := len(st.Ram.Roles) + len(st.Ims.SAMLProviders) + len(st.Eiam.Applications) + len(st.Eiam.ApplicationAccounts) + len(st.Eiam.Groups); n != 0 {
		t.Errorf("after destroy the emulator still holds %d objects: %+v", n, st)
	}
	if len(st.Eiam.Users) != len(exampleRoles) {
		t.Errorf("after destroy the emulator holds %d users, want the %d loaded ones", len(st.Eiam.Users), len(exampleRoles))
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// exampleTemplateVars name the emulator's template of the example's
// default site and its IdP-name parameter, which no public source gives.
var exampleTemplateVars = []string{
	"TF_VAR_template_id=" + emulator.RoleSSOTemplateIDInternational,
	"TF_VAR_template_idp_name_param=" + emulator.RoleSSOIdPNameParam,
}

// TestDemoTemplateVars checks that the demo passes the same template
// variables as the test of the example.
func TestDemoTemplateVars(t *testing.T) {
	demo, err := os.ReadFile("../../tools/demo.sh")
	if err != nil {
		t.Fatal(err)
	}
	want := "export " + strings.Join(exampleTemplateVars, " ")
	if !strings.Contains(string(demo), want) {
		t.Errorf("tools/demo.sh does not contain %q", want)
	}
}
