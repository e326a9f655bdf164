// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
)

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{
		"-listen", "127.0.0.1:0", "-account-id", "6543210987654321",
		"-access-key", "LTAI5tUser:user-secret:ci", "-access-key", "LTAI5tOther:other-secret",
		"-latency", "20ms", "-qps", "CreateRole=1,Ram.GetRole=2.5",
		"-faults", "CreateRole=ambiguous#1,*=internal-error@0.05",
		"-consistency", "Ram.Role=2s,Ims.SAMLProvider=5s",
		"-state", "s.json", "-load", "l.json",
	}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.Config{
		Listen:    "127.0.0.1:0",
		AccountID: "6543210987654321",
		AccessKeys: []emulator.AccessKey{
			{ID: emulator.DefaultAccessKeyID, Secret: emulator.DefaultAccessKeySecret},
			{ID: "LTAI5tUser", Secret: "user-secret", UserName: "ci"},
			{ID: "LTAI5tOther", Secret: "other-secret"},
		},
		StateFile: "s.json",
		LoadFile:  "l.json",
		Knobs: emulator.Knobs{
			Latency: emulator.Duration(20 * time.Millisecond),
			QPS:     map[string]float64{"CreateRole": 1, "Ram.GetRole": 2.5},
			Faults: []emulator.Fault{
				{Action: "CreateRole", Kind: "ambiguous", Count: 1},
				{Action: "*", Kind: "internal-error", Probability: 0.05},
			},
			Consistency: map[string]emulator.Duration{"Ram.Role": emulator.Duration(2 * time.Second), "Ims.SAMLProvider": emulator.Duration(5 * time.Second)},
		},
	}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if cfg, _ := parseFlags([]string{"-qps", "10"}, io.Discard); cfg.Knobs.QPS["*"] != 10 {
		t.Errorf("-qps 10: %v", cfg.Knobs.QPS)
	}
}

func TestParseFlagsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-qps", "CreateRole"},
		{"-faults", "CreateRole=reset"},
		{"-faults", "CreateRole=reset@often"},
		{"-consistency", "Ram.Role=soon"},
		{"-access-key", "only-an-id"},
		{"extra"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
	// A malformed key never echoes its secret.
	_, err := parseFlags([]string{"-access-key", "ID:s3cret:user:x"}, io.Discard)
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error %v", err)
	}
}

// TestCommand builds the command, starts it, calls it through the SDK, and
// stops it with SIGTERM and then SIGINT: it prints one ready line, exits 0,
// and keeps its state file across the restart.
func TestCommand(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "alibabacloud-emulator")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	state := filepath.Join(dir, "state.json")

	start := func() (*exec.Cmd, string) {
		t.Helper()
		cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-state", state)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// A stopped emulator has been waited for; one a failed test
			// left running is killed.
			if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Errorf("killing the emulator: %v", err)
			}
		})
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil {
			t.Fatalf("reading the ready line: %v", err)
		}
		m := regexp.MustCompile(`^listening on http://(127\.0\.0\.1:\d+)\n$`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("ready line %q", line)
		}
		// Drain the rest of the output so that the emulator never blocks on
		// a full pipe. The copy ends when the process exits, with nothing
		// to report.
		go func() { _, _ = io.Copy(io.Discard, stdout) }()
		return cmd, m[1]
	}
	stop := func(cmd *exec.Cmd, sig syscall.Signal) {
		t.Helper()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("exit after %v: %v", sig, err)
		}
	}

	cmd, addr := start()
	client, err := ram.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	req := ram.CreateCreateRoleRequest()
	req.Domain, req.Scheme = addr, "http"
	req.RoleName = "kept"
	req.AssumeRolePolicyDocument = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + emulator.DefaultAccountID + `:root"}}]}`
	if _, err := client.CreateRole(req); err != nil {
		t.Fatal(err)
	}
	stop(cmd, syscall.SIGTERM)

	cmd, addr = start()
	get := ram.CreateGetRoleRequest()
	get.Domain, get.Scheme = addr, "http"
	get.RoleName = "kept"
	if _, err := client.GetRole(get); err != nil {
		t.Errorf("role after restart: %v", err)
	}
	sc, err := sts.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	id := sts.CreateGetCallerIdentityRequest()
	id.Domain, id.Scheme = addr, "http"
	if resp, err := sc.GetCallerIdentity(id); err != nil || resp.AccountId != emulator.DefaultAccountID {
		t.Errorf("GetCallerIdentity: %v %v", resp, err)
	}
	stop(cmd, syscall.SIGINT)
}
