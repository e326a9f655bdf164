// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// TestAccCrossCheck_agreesWithSignIn is the property that
// the plan-time checks agree with the cloud. It generates small
// configurations of the whole chain (application, SAML provider, role,
// an application account of alice), wired as the name-matching guide
// recommends, and varies what can go wrong: names equal, differing only in
// case, different or with "_", the application's account and site against
// the role's, and RAM in another account than IDaaS. For each, against a
// fresh emulator:
//
//  1. the verdict: `plan` with the checks on, which rejects the
//     configuration when it reports an error, and writes nothing;
//  2. the outcome: `apply` with the checks bypassed
//     (provider.WithoutNameChecks), then alice signs in (IdP-initiated SSO,
//     then AssumeRoleWithSAML), which succeeds when she gets credentials of
//     the role her account links.
//
// Every configuration the checks accept must sign in, and every one they
// reject must fail to sign in.
//
// The SAML provider's metadata is not varied: on a first apply, neither
// the application's metadata nor any other new application's is known at
// plan (IDaaS makes the signing key when it creates the application), so
// no plan can tell them apart. The matrix covers the metadata check where
// it can run: against an application that exists. The cases are drawn from a fixed seed, so a
// failure names a case that fails again.
func TestAccCrossCheck_agreesWithSignIn(t *testing.T) {
	requireAcceptance(t)
	n := propertyCases
	if testing.Short() {
		n = 0 // Only the cases of one option each.
	}
	cases := generateCases(n)
	w := newWorkdir(t)
	start := time.Now()
	rows := make([]propertyRow, 0, len(cases))
	for i, c := range cases {
		rows = append(rows, runPropertyCase(t, w, i+1, c))
	}
	elapsed := time.Since(start)

	accepted, disagreements := 0, 0
	for _, r := range rows {
		if r.accepted() {
			accepted++
		}
		if !r.agrees() {
			disagreements++
		}
	}
	// The table shows with -v, and on failure.
	t.Logf("%d cases (seed %d): %d accepted, %d rejected, %d disagreements, in %s:\n%s",
		len(rows), propertySeed, accepted, len(rows)-accepted, disagreements, elapsed.Round(time.Millisecond), propertyTable(rows))
	if disagreements > 0 {
		t.Errorf("the plan-time checks and the sign-in disagree on %d of %d cases: the rows marked \"!!\" above", disagreements, len(rows))
	}
	// A property that holds only because every case went one way proves
	// nothing: the generator must produce both verdicts, many times.
	if minEach := len(rows) / 5; accepted < minEach || len(rows)-accepted < minEach {
		t.Errorf("the generator is unbalanced: %d accepted, %d rejected of %d cases; each should be at least %d",
			accepted, len(rows)-accepted, len(rows), minEach)
	}
}

// The size of the property test: each case is a plan and an apply (about
// a third of a second). The seed is fixed so that runs repeat.
const (
	propertyCases = 64
	propertySeed  = 20260601
	// goodChance is the chance of each choice being one the checks accept,
	// so that many cases are accepted and many rejected.
	goodChance = 0.85
)

// A propertyCase is one generated configuration. Each field is a choice
// from its options below; the values are short labels shown in the table.
type propertyCase struct {
	// split puts RAM in another account (a second emulator) than IDaaS.
	split bool
	// idpName is the application's IdP name.
	idpName string
	// appSite and roleSite are the sites of the application and the role.
	appSite, roleSite string
	// appAccount is the application's account_id: "default" (unset: the
	// provider's account, IDaaS's), "ram" (set to the RAM account) or
	// "stranger" (set to an account that is neither).
	appAccount string
	// providerName is the SAML provider's name: "default" (unset: the IdP
	// name, from its application link), "case" (the IdP name in upper
	// case) or "wrong" (another name).
	providerName string
	// trust is what the role trusts: "ref" (the SAML provider, by
	// reference), "case" (the IdP name in upper case, as a literal), "both"
	// (the SAML provider and an auxiliary one) or "aux" (only an auxiliary
	// SAML provider, which exists).
	trust string
	// accountName is the application account's name: "default" (unset:
	// the linked role's name), "case" (the role name in upper case),
	// "underscore" (the role name with "_" for "-", which no role can
	// have), "other-role" (the name of another role, which exists and
	// trusts the application) or "missing" (a name no role has).
	accountName string
	// links is where the application is linked for the checks: "account"
	// (the account links the application and the role), "role" (the role
	// lists the application; the account links the role only) or "both".
	links string
}

// choice is one dimension of propertyCase: its options, split into those
// the checks should accept and those they should reject. The test does not
// assume it: the split only weights the draw, so that both verdicts are
// common.
type choice struct {
	name string
	good []string
	bad  []string
	set  func(*propertyCase, string)
}

var choices = []choice{
	{"split", []string{"one account", "split"}, nil, func(c *propertyCase, v string) { c.split = v == "split" }},
	{"idp", []string{"idaas", "Corp_IdP.1"}, nil, func(c *propertyCase, v string) { c.idpName = v }},
	{"app-site", []string{rolesso.SiteInternational, rolesso.SiteChina}, nil, func(c *propertyCase, v string) { c.appSite = v }},
	{"role-site", []string{"same"}, []string{"other"}, func(c *propertyCase, v string) { c.roleSite = v }},
	{"app-account", []string{"ram", "default"}, []string{"stranger"}, func(c *propertyCase, v string) { c.appAccount = v }},
	{"provider-name", []string{"default", "case"}, []string{"wrong"}, func(c *propertyCase, v string) { c.providerName = v }},
	{"trust", []string{"ref", "case", "both"}, []string{"aux"}, func(c *propertyCase, v string) { c.trust = v }},
	{"account-name", []string{"default", "case"}, []string{"underscore", "other-role", "missing"}, func(c *propertyCase, v string) { c.accountName = v }},
	{"links", []string{"account", "role", "both"}, nil, func(c *propertyCase, v string) { c.links = v }},
}

// generateCases draws the cases from propertySeed: first one case per
// option of every choice, the others drawn from the good options, so that
// each option is tried and each bad one alone; then cases with every
// choice drawn, good with goodChance, up to n in all. The "default" of
// app-account is the RAM account in a world of one account, but not in a
// split one.
func generateCases(n int) []propertyCase {
	rng := rand.New(rand.NewPCG(propertySeed, propertySeed))
	draw := func(forced *choice, option string) propertyCase {
		var c propertyCase
		for i := range choices {
			ch := &choices[i]
			if ch == forced {
				ch.set(&c, option)
				continue
			}
			options := ch.good
			if forced == nil && len(ch.bad) > 0 && rng.Float64() >= goodChance {
				options = ch.bad
			}
			ch.set(&c, options[rng.IntN(len(options))])
		}
		c.roleSite = map[bool]string{true: c.appSite, false: otherSite(c.appSite)}[c.roleSite == "same"]
		// RAM refuses a trust policy naming a SAML provider that does not
		// exist, and the literal IdP name names none when the provider is
		// misnamed: the role then trusts the misnamed provider by reference.
		if c.trust == "case" && c.providerName == "wrong" {
			c.trust = "ref"
		}
		return c
	}
	var out []propertyCase
	for i := range choices {
		for _, option := range slices.Concat(choices[i].good, choices[i].bad) {
			out = append(out, draw(&choices[i], option))
		}
	}
	for len(out) < n {
		out = append(out, draw(nil, ""))
	}
	return out
}

func otherSite(site string) string {
	if site == rolesso.SiteChina {
		return rolesso.SiteInternational
	}
	return rolesso.SiteChina
}

func (c propertyCase) String() string {
	world := "one"
	if c.split {
		world = "split"
	}
	site := c.appSite
	if c.roleSite != c.appSite {
		site += "/role:" + c.roleSite
	}
	return fmt.Sprintf("world=%s idp=%s site=%s app-acct=%s prov=%s trust=%s acct-name=%s links=%s",
		world, c.idpName, site, c.appAccount, c.providerName, c.trust, c.accountName, c.links)
}

// Names of the generated objects.
const (
	roleName      = "sso-admin"
	otherRoleName = "sso-ops"
	missingName   = "sso-nobody"
	auxProvider   = "idaas-aux"
	wrongProvider = "idaas-wrong"
	appName       = "Alibaba Cloud"
	// strangerAccountID is an account that is neither IDaaS's nor RAM's.
	strangerAccountID = "9876543210987654"
)

// effectiveAccountName is the name the account gets.
func (c propertyCase) effectiveAccountName() string {
	switch c.accountName {
	case "case":
		return strings.ToUpper(roleName)
	case "underscore":
		return strings.ReplaceAll(roleName, "-", "_")
	case "other-role":
		return otherRoleName
	case "missing":
		return missingName
	}
	return roleName
}

// config writes the case as a configuration for the world w.
func (c propertyCase) config(w world) string {
	providers, ramProvider := w.providers()
	var b strings.Builder
	b.WriteString(providers)
	ram := func() {
		if ramProvider != "" {
			fmt.Fprintf(&b, "  provider = %s\n", ramProvider)
		}
	}
	b.WriteString(chainDataSources + `
resource "idaas_role_sso_application" "console" {
  instance_id = data.idaas_instance.this.id
`)
	fmt.Fprintf(&b, "  name        = %q\n", appName)
	fmt.Fprintf(&b, "  idp_name    = %q\n  site        = %q\n", c.idpName, c.appSite)
	b.WriteString(acctest.RoleSSOTemplateOf(c.appSite))
	switch c.appAccount {
	case "ram":
		fmt.Fprintf(&b, "  account_id  = %q\n", w.ram.AccountID())
	case "stranger":
		fmt.Fprintf(&b, "  account_id  = %q\n", strangerAccountID)
	}
	b.WriteString("}\n")
	b.WriteString("\nresource \"idaas_ram_saml_provider\" \"idaas\" {\n")
	ram()
	b.WriteString("  application = idaas_role_sso_application.console\n")
	switch c.providerName {
	case "case":
		fmt.Fprintf(&b, "  name        = %q\n", strings.ToUpper(c.idpName))
	case "wrong":
		fmt.Fprintf(&b, "  name        = %q\n", wrongProvider)
	}
	b.WriteString("}\n")
	if c.trust == "both" || c.trust == "aux" {
		// Another IdP's provider; for the test it loads the same metadata.
		b.WriteString("\nresource \"idaas_ram_saml_provider\" \"aux\" {\n")
		ram()
		fmt.Fprintf(&b, "  name     = %q\n  metadata = idaas_role_sso_application.console.idp_metadata\n}\n", auxProvider)
	}

	var trusted string
	switch c.trust {
	case "ref":
		trusted = "[idaas_ram_saml_provider.idaas.name]"
	case "case":
		trusted = fmt.Sprintf("[%q]", strings.ToUpper(c.idpName))
	case "both":
		trusted = "[idaas_ram_saml_provider.idaas.name, idaas_ram_saml_provider.aux.name]"
	case "aux":
		trusted = "[idaas_ram_saml_provider.aux.name]"
	}
	b.WriteString("\nresource \"idaas_ram_role\" \"admin\" {\n")
	ram()
	fmt.Fprintf(&b, "  name                = %q\n  site                = %q\n  saml_provider_names = %s\n", roleName, c.roleSite, trusted)
	if c.links != "account" {
		b.WriteString("  applications        = [idaas_role_sso_application.console]\n")
	}
	if c.trust == "case" {
		// A literal does not order the role after the provider.
		b.WriteString("  depends_on          = [idaas_ram_saml_provider.idaas]\n")
	}
	b.WriteString("}\n")
	if c.accountName == "other-role" {
		// A role that works for the application, but is not the one the
		// account links.
		b.WriteString("\nresource \"idaas_ram_role\" \"ops\" {\n")
		ram()
		fmt.Fprintf(&b, "  name                = %q\n  site                = %q\n", otherRoleName, c.appSite)
		b.WriteString("  saml_provider_names = [idaas_ram_saml_provider.idaas.name]\n}\n")
	}

	b.WriteString(`
resource "idaas_application_account" "alice" {
  user_id = data.idaas_user.alice.id
  role    = idaas_ram_role.admin
`)
	if c.links == "role" {
		b.WriteString("  instance_id    = data.idaas_instance.this.id\n  application_id = idaas_role_sso_application.console.id\n")
	} else {
		b.WriteString("  application = idaas_role_sso_application.console\n")
	}
	if c.accountName != "default" {
		fmt.Fprintf(&b, "  account_name = %q\n", c.effectiveAccountName())
	}
	if c.accountName == "other-role" {
		b.WriteString("  depends_on = [idaas_ram_role.ops]\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// propertyRow is a case with its verdict and outcome.
type propertyRow struct {
	n       int
	c       propertyCase
	verdict diagnostics // The errors of the plan with the checks on.
	outcome error       // Why sign-in failed; nil when it worked.
	seconds float64
}

func (r propertyRow) accepted() bool { return len(r.verdict) == 0 }
func (r propertyRow) agrees() bool   { return r.accepted() == (r.outcome == nil) }

// runPropertyCase plans the case with the checks on, applies it with
// them off, and signs alice in. A plan that writes, or an apply that
// fails, fails the test: the generator makes only configurations that
// Alibaba Cloud accepts, so that sign-in is the judge.
func runPropertyCase(t *testing.T, w *workdir, n int, c propertyCase) propertyRow {
	t.Helper()
	start := time.Now()
	world := newWorld(t)
	if c.split {
		world = newSplitWorld(t)
	}
	w.reset()
	w.write(c.config(world))

	row := propertyRow{n: n, c: c, verdict: w.plan().errors()}
	if writes := world.writes(t); len(writes) > 0 {
		t.Errorf("case %d (%s): the plan wrote %v", n, c, writes)
	}

	var applied diagnostics
	w.withoutNameChecks(func() { applied = w.apply() })
	if errs := applied.errors(); len(errs) > 0 {
		t.Fatalf("case %d (%s): apply with the checks off failed:\n%s\n%s", n, c, errs.full(), c.config(world))
	}
	row.outcome = world.signIn(t, world.application(t, appName), []grant{{user: "alice", accountName: c.effectiveAccountName(), role: roleName}})
	row.seconds = time.Since(start).Seconds()
	return row
}

// propertyTable writes the rows as a table: each case, the checks'
// verdict and the sign-in's outcome, disagreements marked "!!".
func propertyTable(rows []propertyRow) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, "\t#\tCASE\tCHECKS\tSIGN-IN")
	for _, r := range rows {
		mark := ""
		if !r.agrees() {
			mark = "!!"
		}
		verdict := "accept"
		if !r.accepted() {
			verdict = "reject: " + summaries(r.verdict)
		}
		outcome := "signs in"
		if r.outcome != nil {
			outcome = "fails: " + truncate(r.outcome.Error(), 110)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", mark, r.n, r.c, verdict, outcome)
	}
	_ = tw.Flush() // A strings.Builder does not fail.
	return b.String()
}

// summaries joins the distinct summaries of ds.
func summaries(ds diagnostics) string {
	var out []string
	for _, d := range ds {
		if !slices.Contains(out, d.Summary) {
			out = append(out, d.Summary)
		}
	}
	return strings.Join(out, "; ")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
