// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// The property test and the failing half of the matrix run the Terraform
// CLI themselves rather than through terraform-plugin-testing: they need
// every diagnostic of a plan, warnings included, as data (a verdict to
// compare, a phase to assert), where terraform-plugin-testing offers only
// a regular expression that must match an error; and they need `validate`,
// which never configures the provider, to tell offline checks from plan
// checks. The provider is served by this process, as terraform-plugin-testing
// serves it; the property test's apply goes to a second server of it put together
// WithoutNameChecks.

// providerSource is the provider's address in the configurations these
// tests write. ramProviderSource serves the same provider a second time,
// for the RAM side of a world split across accounts: Terraform gives every
// provider configuration a process of its own, but a reattached provider
// is one server, which a second configuration (an alias) would configure
// again for both. A second address is a second server.
const (
	providerSource    = "registry.terraform.io/idaas-rolesso/idaas"
	ramProviderSource = "registry.terraform.io/idaas-rolesso/idaasram"
)

// requireAcceptance gates a test that runs the Terraform CLI as every
// acceptance test is gated (resource.Test does the same).
func requireAcceptance(t *testing.T) {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("Acceptance tests skipped unless env '%s' set", resource.EnvTfAcc)
	}
	acctest.PreCheck(t)
}

// reattachWait bounds the wait for the in-process provider to listen.
const reattachWait = 10 * time.Second

// reattachConfig is a provider's entry in TF_REATTACH_PROVIDERS.
type reattachConfig struct {
	Protocol        string
	ProtocolVersion int
	Pid             int
	Test            bool
	Addr            struct{ Network, String string }
}

// serveProviders serves a fresh provider server per source in this
// process until the test ends, and returns the TF_REATTACH_PROVIDERS value
// that points the CLI at them. A server serves one CLI command at a time:
// each command configures it anew.
func serveProviders(t *testing.T, factory func() (tfprotov6.ProviderServer, error), sources ...string) string {
	t.Helper()
	reattach := map[string]reattachConfig{}
	for _, source := range sources {
		reattach[source] = serveProvider(t, factory, source)
	}
	b, err := json.Marshal(reattach)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// serveProvider serves a provider server of factory as source.
func serveProvider(t *testing.T, factory func() (tfprotov6.ProviderServer, error), source string) reattachConfig {
	t.Helper()
	server, err := factory()
	if err != nil {
		t.Fatalf("provider server: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(source, func() tfprotov6.ProviderServer { return server },
			tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithoutLogStderrOverride(),
			// Provider logs follow TF_LOG and TF_ACC_LOG_PATH, as under terraform-plugin-testing.
			tf6server.WithLoggingSink(t),
		)
	}()
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case err := <-served:
		t.Fatalf("serving the provider: %v", err)
	case <-time.After(reattachWait):
		t.Fatal("the in-process provider did not start listening")
	}
	out := reattachConfig{
		Protocol:        string(cfg.Protocol),
		ProtocolVersion: cfg.ProtocolVersion,
		Pid:             cfg.Pid,
		Test:            cfg.Test,
	}
	out.Addr.Network, out.Addr.String = cfg.Addr.Network(), cfg.Addr.String()
	return out
}

// workdir is a Terraform working directory whose CLI reaches a provider
// served by this process. It holds one configuration and state at a time;
// write replaces the configuration and reset forgets the state, so one
// directory, initialised once, serves many configurations in turn.
type workdir struct {
	t   *testing.T
	cli string
	dir string
	env []string
	// envWithoutChecks points the CLI at servers put together
	// WithoutNameChecks; withoutNameChecks starts them on first use.
	envWithoutChecks []string
}

func newWorkdir(t *testing.T) *workdir {
	t.Helper()
	w := &workdir{
		t:   t,
		cli: os.Getenv("TF_ACC_TERRAFORM_PATH"),
		dir: t.TempDir(),
		env: cliEnv(serveProviders(t, acctest.ProtoV6ProviderFactories[acctest.ProviderName], providerSource, ramProviderSource)),
	}
	w.write("")
	if out, err := w.exec("init", "-input=false", "-no-color", "-backend=false"); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	return w
}

// cliEnv is the CLI's environment with reattach as TF_REATTACH_PROVIDERS.
func cliEnv(reattach string) []string {
	return append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
}

// withoutNameChecks runs f with the directory's CLI pointed at provider
// servers put together WithoutNameChecks.
func (w *workdir) withoutNameChecks(f func()) {
	w.t.Helper()
	if w.envWithoutChecks == nil {
		w.envWithoutChecks = cliEnv(serveProviders(w.t, provider.NewProtocol6("acctest", provider.WithoutNameChecks()), providerSource, ramProviderSource))
	}
	checked := w.env
	w.env = w.envWithoutChecks
	defer func() { w.env = checked }()
	f()
}

// requiredProviders names the providers by the addresses the in-process
// servers answer to. idaasram is for the RAM side of a split world.
const requiredProviders = `terraform {
  required_providers {
    idaas = {
      source = "` + providerSource + `"
    }
    idaasram = {
      source = "` + ramProviderSource + `"
    }
  }
}
`

// write replaces the configuration with hcl, plus the required_providers
// block.
func (w *workdir) write(hcl string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(requiredProviders+"\n"+hcl), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// reset forgets the state, for a configuration of a new world.
func (w *workdir) reset() {
	w.t.Helper()
	for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		if err := os.Remove(filepath.Join(w.dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			w.t.Fatal(err)
		}
	}
}

// exec runs the CLI with args in the directory and returns its standard
// output; the error includes standard error.
func (w *workdir) exec(args ...string) (string, error) {
	cmd := exec.Command(w.cli, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%s %s: %w: %s", filepath.Base(w.cli), args[0], err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// diagnostic is a diagnostic of the CLI's machine-readable output.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

func (d diagnostic) String() string {
	s := d.Severity + ": " + d.Summary
	if d.Address != "" {
		s += " (" + d.Address + ")"
	}
	return s
}

// diagnostics is what a command reported.
type diagnostics []diagnostic

func (ds diagnostics) bySeverity(severity string) diagnostics {
	var out diagnostics
	for _, d := range ds {
		if d.Severity == severity {
			out = append(out, d)
		}
	}
	return out
}

func (ds diagnostics) errors() diagnostics { return ds.bySeverity("error") }

func (ds diagnostics) String() string {
	if len(ds) == 0 {
		return "no diagnostics"
	}
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "; ")
}

// full writes every diagnostic with its detail, for failure messages.
func (ds diagnostics) full() string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s\n%s\n\n", d, d.Detail)
	}
	return b.String()
}

// validate runs `validate`, which checks the configuration without
// configuring the provider: no credentials are used and no API is called.
func (w *workdir) validate() diagnostics {
	w.t.Helper()
	out, err := w.exec("validate", "-json", "-no-color")
	var answer struct {
		Valid       bool        `json:"valid"`
		Diagnostics diagnostics `json:"diagnostics"`
	}
	if jerr := json.Unmarshal([]byte(out), &answer); jerr != nil {
		w.t.Fatalf("validate: %v; output %q (%v)", jerr, out, err)
	}
	if answer.Valid != (len(answer.Diagnostics.errors()) == 0) || (err != nil) == answer.Valid {
		w.t.Fatalf("validate: valid %t with %s (%v)", answer.Valid, answer.Diagnostics, err)
	}
	return answer.Diagnostics
}

// plan runs `plan` and returns its diagnostics.
func (w *workdir) plan() diagnostics {
	w.t.Helper()
	return w.streaming("plan", "-json", "-no-color", "-input=false", "-lock=false")
}

// apply runs `apply` and returns its diagnostics.
func (w *workdir) apply() diagnostics {
	w.t.Helper()
	return w.streaming("apply", "-json", "-no-color", "-input=false", "-lock=false", "-auto-approve")
}

// streaming runs a command whose -json output is a stream of messages,
// and returns the diagnostics among them. The command fails exactly when
// an error is among them.
func (w *workdir) streaming(args ...string) diagnostics {
	w.t.Helper()
	out, err := w.exec(args...)
	var ds diagnostics
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var msg struct {
			Type       string     `json:"type"`
			Diagnostic diagnostic `json:"diagnostic"`
		}
		if jerr := json.Unmarshal(sc.Bytes(), &msg); jerr != nil {
			w.t.Fatalf("%s: a line that is not JSON: %q (%v)", args[0], sc.Text(), err)
		}
		if msg.Type == "diagnostic" {
			ds = append(ds, msg.Diagnostic)
		}
	}
	if sc.Err() != nil {
		w.t.Fatal(sc.Err())
	}
	if (err != nil) != (len(ds.errors()) > 0) {
		w.t.Fatalf("%s: %v with %s", args[0], err, ds)
	}
	return ds
}
