// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package acctest holds the helpers of acceptance tests: the provider
// factories, the pre-check, the emulator per test and the provider
// configuration that points at it.
package acctest

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/provider"
)

// ProviderName is the provider's type name in configurations.
const ProviderName = "idaas"

// ProtoV6ProviderFactories serves the provider in-process to the Terraform
// CLI of an acceptance test.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	ProviderName: provider.NewProtocol6("acctest"),
}

// PreCheck fails the test unless a Terraform CLI is set up: without
// TF_ACC_TERRAFORM_PATH, terraform-plugin-testing would download one.
// `make testacc` sets it to the OpenTofu that `make tools` builds.
func PreCheck(t *testing.T) {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is not set. Run acceptance tests with `make testacc`, " +
			"or set it to a Terraform or OpenTofu CLI such as .tools/bin/tofu (built by `make tools`).")
	}
	if info, err := os.Stat(cli); err != nil || info.IsDir() {
		t.Fatalf("TF_ACC_TERRAFORM_PATH is %q, which is not a file; run `make tools` to build the CLIs.", cli)
	}
}

// ParallelTest runs steps as an acceptance test of the in-process provider,
// in parallel with the other tests, after PreCheck. checkDestroy, unless
// nil, runs once the last step's resources have been destroyed.
func ParallelTest(t *testing.T, checkDestroy resource.TestCheckFunc, steps []resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, testCase(t, checkDestroy, steps))
}

// Test is ParallelTest for a test that must not run in parallel with the
// others.
func Test(t *testing.T, checkDestroy resource.TestCheckFunc, steps []resource.TestStep) {
	t.Helper()
	resource.Test(t, testCase(t, checkDestroy, steps))
}

func testCase(t *testing.T, checkDestroy resource.TestCheckFunc, steps []resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { PreCheck(t) },
		ProtoV6ProviderFactories: ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroy,
		Steps:                    steps,
	}
}

// WithoutCredentials leaves the provider of a test no credentials: none of
// the environment variables it reads is set, and the home directory holds
// no CLI profile.
func WithoutCredentials(t *testing.T) {
	t.Helper()
	for _, name := range provider.EnvVarNames() {
		t.Setenv(name, "")
	}
	t.Setenv("HOME", t.TempDir())
}

// OfflineEmulator starts an emulator for a test of the checks that run
// before the provider is configured: the test is left no credentials
// anywhere (WithoutCredentials), and provider is a provider block without
// credentials that points at the emulator.
func OfflineEmulator(t *testing.T) (srv *emulator.Server, provider string) {
	t.Helper()
	WithoutCredentials(t)
	srv = Emulator(t)
	return srv, ProviderConfig(srv.URL(), Credentials{})
}

// PlanOffline runs steps as plans only (each expects its error), not in
// parallel since the test has changed its environment, and then fails the
// test if srv received any call at all.
func PlanOffline(t *testing.T, srv *emulator.Server, steps []resource.TestStep) {
	t.Helper()
	for i := range steps {
		steps[i].PlanOnly = true
	}
	Test(t, nil, steps)
	if calls := emulatortest.ControlOf(t, srv).Requests(0); len(calls) != 0 {
		t.Errorf("the emulator received %d calls, want none; the first: %s %s", len(calls), calls[0].Product, calls[0].Action)
	}
}

// Credentials are the keys a provider configuration carries.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

// EmulatorCredentials are the emulator's default keys (documented, not
// secret).
var EmulatorCredentials = Credentials{
	AccessKeyID:     emulator.DefaultAccessKeyID,
	AccessKeySecret: emulator.DefaultAccessKeySecret,
}

// Emulator starts an emulator for one test; it stops when the test ends.
func Emulator(t *testing.T, opts ...emulatortest.Option) *emulator.Server {
	t.Helper()
	return emulatortest.Start(t, opts...)
}

// EmulatorClient is a client of srv with its default keys, for a test to
// set up, change out of band or look at what the provider made.
func EmulatorClient(t testing.TB, srv *emulator.Server) *client.Client {
	t.Helper()
	return EmulatorClientOfSite(t, srv, "")
}

// EmulatorClientOfSite is EmulatorClient with the client's site set.
func EmulatorClientOfSite(t testing.TB, srv *emulator.Server, site string) *client.Client {
	t.Helper()
	c, err := client.New(context.Background(), client.Config{
		AccountID: srv.AccountID(),
		Site:      site,
		AccessKey: &client.AccessKey{ID: EmulatorCredentials.AccessKeyID, Secret: EmulatorCredentials.AccessKeySecret},
		Endpoints: client.Endpoints{RAM: srv.URL(), IMS: srv.URL(), STS: srv.URL(), EIAM: srv.URL()},
		MaxQPS:    100,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ProviderConfig returns a provider block that sends every service's calls
// to baseURL, e.g. an emulator's URL(), with the given credentials, plus
// any extra lines of HCL (e.g. an assume_role argument).
func ProviderConfig(baseURL string, creds Credentials, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "provider %q {\n", ProviderName)
	if creds.AccessKeyID != "" {
		fmt.Fprintf(&b, "  access_key = %s\n", hclString(creds.AccessKeyID))
		fmt.Fprintf(&b, "  secret_key = %s\n", hclString(creds.AccessKeySecret))
	}
	if creds.SecurityToken != "" {
		fmt.Fprintf(&b, "  security_token = %s\n", hclString(creds.SecurityToken))
	}
	b.WriteString("  endpoints = {\n")
	for _, service := range []string{"ram", "ims", "sts", "eiam"} {
		fmt.Fprintf(&b, "    %-4s = %s\n", service, hclString(baseURL))
	}
	b.WriteString("  }\n")
	for _, line := range extra {
		for l := range strings.Lines(line) {
			b.WriteString("  " + strings.TrimRight(l, "\n") + "\n")
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// EmulatorProviderConfig is ProviderConfig for srv with its default keys.
func EmulatorProviderConfig(srv *emulator.Server, extra ...string) string {
	return ProviderConfig(srv.URL(), EmulatorCredentials, extra...)
}

// hclString quotes s as an HCL string literal, with template sequences
// escaped.
func hclString(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// chinaSite matches an argument that sets site to "china".
var chinaSite = regexp.MustCompile(`(?m)^\s*site\s*=\s*"china"`)

// RoleSSOTemplate returns the template arguments of an
// idaas_role_sso_application block whose other arguments are args: the
// emulator's role-based SSO template of the site args sets (international
// unless it sets "china") and its IdP-name parameter. A configuration must
// name them because no public source gives the real ones. It returns ""
// when args sets template_id itself.
func RoleSSOTemplate(args string) string {
	if strings.Contains(args, "template_id") {
		return ""
	}
	site := facts.SiteInternational
	if chinaSite.MatchString(args) {
		site = facts.SiteChina
	}
	return RoleSSOTemplateOf(site)
}

// RoleSSOTemplateOf returns the template arguments of an
// idaas_role_sso_application of site, as RoleSSOTemplate does.
func RoleSSOTemplateOf(site string) string {
	return fmt.Sprintf("  template_id             = %s\n  template_idp_name_param = %s\n",
		hclString(emulator.RoleSSOTemplateID(site)), hclString(emulator.RoleSSOIdPNameParam))
}
