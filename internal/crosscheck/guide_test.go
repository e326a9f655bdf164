// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package crosscheck_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// guidePath is the template of docs/guides/name-matching.md, from this
// package's directory. Its examples are marked with an HTML comment,
// <!-- crosscheck:<name> -->, before their code block, so that the tests
// apply and quote them: the guide shows only what the tests prove.
const guidePath = "../../templates/guides/name-matching.md.tmpl"

// guideExample returns the code block that follows the marker name.
func guideExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	marker := "<!-- crosscheck:" + name + " -->\n"
	_, rest, ok := strings.Cut(string(b), marker)
	if !ok {
		t.Fatalf("the guide %s has no example marked %q", guidePath, strings.TrimSpace(marker))
	}
	fence, rest, _ := strings.Cut(rest, "\n")
	if !strings.HasPrefix(fence, "```") {
		t.Fatalf("the guide's example %q is not a code block: %q", name, fence)
	}
	code, _, ok := strings.Cut(rest, "```\n")
	if !ok {
		t.Fatalf("the guide's example %q has no end", name)
	}
	return code
}

// TestGuideRecommendedWiring checks that the guide's recommended wiring is
// the configuration the tests apply and sign in to (recommendedChain).
func TestGuideRecommendedWiring(t *testing.T) {
	if got, want := strings.TrimSpace(guideExample(t, "recommended")), strings.TrimSpace(recommendedChain); got != want {
		t.Errorf("the guide's recommended wiring differs from recommendedChain, which the tests prove:\n--- guide\n%s\n--- recommendedChain\n%s", got, want)
	}
}

// expectGuideQuotes fails the test unless the guide's error example name
// quotes the diagnostic d: its first paragraph is "Error: <summary>", the
// others the detail, with lines wrapped anywhere and "..." standing for
// an ID.
func expectGuideQuotes(t *testing.T, name string, d diagnostic) {
	t.Helper()
	quote := strings.TrimSpace(guideExample(t, name))
	summary, detail, _ := strings.Cut(quote, "\n\n")
	if summary != "Error: "+d.Summary {
		t.Errorf("the guide's example %q shows %q, not the summary %q", name, summary, d.Summary)
	}
	paragraphs := strings.Split(detail, "\n\n")
	for i, p := range paragraphs {
		paragraphs[i] = strings.ReplaceAll(regexp.QuoteMeta(strings.ReplaceAll(p, "\n", " ")), `\.\.\.`, `[A-Za-z0-9_]*`)
	}
	if !regexp.MustCompile(`^` + strings.Join(paragraphs, `\s+`) + `$`).MatchString(strings.TrimSpace(d.Detail)) {
		t.Errorf("the guide's example %q does not quote the detail of %q:\n--- guide\n%s\n--- detail\n%s", name, d.Summary, detail, d.Detail)
	}
}
