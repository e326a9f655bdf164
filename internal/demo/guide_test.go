// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package demo_test

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

// guidePath is the user guide on running the emulator in CI.
const guidePath = moduleRoot + "/templates/guides/emulator-in-ci.md.tmpl"

func readGuide(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGuideLoadExample checks that the guide's -load example loads, and
// that its user can sign in to the application it holds, as the guide
// shows with curl.
func TestGuideLoadExample(t *testing.T) {
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(readGuide(t), -1)
	if len(blocks) != 1 {
		t.Fatalf("the guide has %d JSON blocks, want the one -load example", len(blocks))
	}
	srv := emulatortest.Start(t, emulatortest.WithLoad(blocks[0][1]))
	req, err := http.NewRequest(http.MethodGet, srv.URL()+"/login/app/app_console_made/saml2/sso?username=alice", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct{ SAMLResponse, Destination, Code, Message string }
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || answer.SAMLResponse == "" {
		t.Fatalf("alice's sign-in: HTTP %d %s: %s", resp.StatusCode, answer.Code, answer.Message)
	}
	if !strings.Contains(readGuide(t), `"Destination": "`+answer.Destination+`"`) {
		t.Errorf("the guide's sign-in answer does not show the destination %q", answer.Destination)
	}
}

// TestGuideControlAPI checks that every GET of the control API the guide
// lists answers.
func TestGuideControlAPI(t *testing.T) {
	paths := regexp.MustCompile("`GET[`, A-Z]*(/_emulator/[a-z]+)`").FindAllStringSubmatch(readGuide(t), -1)
	if len(paths) < 5 {
		t.Fatalf("found %d GET paths in the guide's control API table", len(paths))
	}
	srv := emulatortest.Start(t)
	for _, p := range paths {
		if !strings.HasPrefix(p[1], emulator.ControlPrefix) {
			t.Errorf("%s is not under %s", p[1], emulator.ControlPrefix)
		}
		resp, err := http.Get(srv.URL() + p[1])
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: HTTP %d", p[1], resp.StatusCode)
		}
	}
}
