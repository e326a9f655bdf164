// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Command alibabacloud-emulator serves a local emulator of the Alibaba
// Cloud Ram, Ims, Sts and Eiam APIs on one port, for tests, demos and CI
// runs of Terraform configurations without cloud credentials.
//
// It prints one line, "listening on http://HOST:PORT", when it is ready,
// and stops cleanly on SIGINT or SIGTERM. Point SDKs and the provider's
// endpoints at that URL. The control API is under /_emulator/ (see the
// emulator package).
//
// Usage:
//
//	alibabacloud-emulator [flags]
//
// Flags:
//
//	-listen HOST:PORT      address to serve on; port 0 picks a free port (default 127.0.0.1:8787)
//	-account-id ID         the emulated account, 16 digits (default 1234567890123456)
//	-access-key-id ID      the root access key ID (default LTAI5tEmulatorDefaultKey)
//	-access-key-secret S   its secret (default EmulatorDefaultSecret0123456789ab)
//	-access-key ID:SECRET[:USER]
//	                       another accepted key, of RAM user USER when given; repeatable
//	-state FILE            load the state from FILE if it exists, and write it there after every change
//	-load FILE             pre-populate a fresh account from FILE (state JSON schema)
//	-latency DURATION      delay every answer, e.g. 50ms
//	-qps LIMITS            per-action QPS limits: "10" (every action) or "CreateRole=1,GetRole=5"
//	-faults RULES          injected faults: "ACTION=KIND@PROBABILITY" or "ACTION=KIND#COUNT", comma-separated;
//	                       ACTION is Action, Product.Action or *; KIND is internal-error, unavailable,
//	                       throttling, reset or ambiguous. Example: "CreateRole=ambiguous#1,*=internal-error@0.05"
//	-consistency DELAYS    eventual-consistency delays, e.g. "Ram.Role=2s,Ims.SAMLProvider=5s"
//
// The default key is documented, not secret: it only opens the emulator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
)

const defaultListen = "127.0.0.1:8787"

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "alibabacloud-emulator:", err)
		}
		os.Exit(2)
	}
}

// run parses the flags, serves until ctx ends or a signal arrives, and
// stops the server.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	cfg.Logf = func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
	srv, err := emulator.Start(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "listening on %s\n", srv.URL())

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return srv.Close()
}

// accessKeys collects repeated -access-key flags. They are checked after
// parsing: the flag package would quote a bad value, secret included, in
// its error.
type accessKeys []string

func (a *accessKeys) String() string { return fmt.Sprintf("%d keys", len(*a)) }

func (a *accessKeys) Set(v string) error {
	*a = append(*a, v)
	return nil
}

func (a accessKeys) keys() ([]emulator.AccessKey, error) {
	var out []emulator.AccessKey
	for _, v := range a {
		parts := strings.Split(v, ":")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("-access-key %q is not ID:SECRET or ID:SECRET:USER", redactKey(v))
		}
		k := emulator.AccessKey{ID: parts[0], Secret: parts[1]}
		if len(parts) == 3 {
			k.UserName = parts[2]
		}
		out = append(out, k)
	}
	return out, nil
}

// redactKey hides the secret of an ID:SECRET[:USER] value in messages.
func redactKey(v string) string {
	id, _, _ := strings.Cut(v, ":")
	return id + ":…"
}

func parseFlags(args []string, stderr io.Writer) (emulator.Config, error) {
	fs := flag.NewFlagSet("alibabacloud-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg         emulator.Config
		keyID       = fs.String("access-key-id", emulator.DefaultAccessKeyID, "the root access key ID")
		keySecret   = fs.String("access-key-secret", emulator.DefaultAccessKeySecret, "its secret (documented default, not secret)")
		extra       accessKeys
		latency     = fs.Duration("latency", 0, "delay every answer, e.g. 50ms")
		qps         = fs.String("qps", "", `per-action QPS limits: "10" (every action) or "CreateRole=1,GetRole=5"`)
		faults      = fs.String("faults", "", `injected faults, e.g. "CreateRole=ambiguous#1,*=internal-error@0.05"`)
		consistency = fs.String("consistency", "", `eventual-consistency delays, e.g. "Ram.Role=2s,Ims.SAMLProvider=5s"`)
	)
	fs.StringVar(&cfg.Listen, "listen", defaultListen, "address to serve on; port 0 picks a free port")
	fs.StringVar(&cfg.AccountID, "account-id", emulator.DefaultAccountID, "the emulated account ID (16 digits)")
	fs.Var(&extra, "access-key", "another accepted key, ID:SECRET or ID:SECRET:USER (a RAM user's); repeatable")
	fs.StringVar(&cfg.StateFile, "state", "", "load the state from this file if it exists, and write it after every change")
	fs.StringVar(&cfg.LoadFile, "load", "", "pre-populate a fresh account from this state JSON file")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q; every setting is a flag", fs.Args())
	}
	more, err := extra.keys()
	if err != nil {
		return cfg, err
	}
	cfg.AccessKeys = append([]emulator.AccessKey{{ID: *keyID, Secret: *keySecret}}, more...)
	cfg.Knobs.Latency = emulator.Duration(*latency)
	if cfg.Knobs.QPS, err = parseQPS(*qps); err != nil {
		return cfg, fmt.Errorf("-qps: %w", err)
	}
	if cfg.Knobs.Faults, err = parseFaults(*faults); err != nil {
		return cfg, fmt.Errorf("-faults: %w", err)
	}
	if cfg.Knobs.Consistency, err = parseConsistency(*consistency); err != nil {
		return cfg, fmt.Errorf("-consistency: %w", err)
	}
	return cfg, nil
}

// parseQPS reads "10" (every action) or "Action=N,Product.Action=N".
func parseQPS(s string) (map[string]float64, error) {
	if s == "" {
		return nil, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return map[string]float64{"*": n}, nil
	}
	out := map[string]float64{}
	for _, item := range strings.Split(s, ",") {
		action, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		n, err := strconv.ParseFloat(v, 64)
		if !ok || action == "" || err != nil {
			return nil, fmt.Errorf("%q is not ACTION=NUMBER, such as GetRole=5", item)
		}
		out[action] = n
	}
	return out, nil
}

// parseFaults reads "ACTION=KIND@PROBABILITY" and "ACTION=KIND#COUNT"
// rules, comma-separated.
func parseFaults(s string) ([]emulator.Fault, error) {
	if s == "" {
		return nil, nil
	}
	var out []emulator.Fault
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		action, rest, ok := strings.Cut(item, "=")
		if !ok || action == "" {
			return nil, fmt.Errorf("%q is not ACTION=KIND@PROBABILITY or ACTION=KIND#COUNT", item)
		}
		f := emulator.Fault{Action: action}
		if kind, p, ok := strings.Cut(rest, "@"); ok {
			n, err := strconv.ParseFloat(p, 64)
			if err != nil {
				return nil, fmt.Errorf("%q: the probability %q is not a number", item, p)
			}
			f.Kind, f.Probability = emulator.FaultKind(kind), n
		} else if kind, c, ok := strings.Cut(rest, "#"); ok {
			n, err := strconv.Atoi(c)
			if err != nil {
				return nil, fmt.Errorf("%q: the count %q is not a whole number", item, c)
			}
			f.Kind, f.Count = emulator.FaultKind(kind), n
		} else {
			return nil, fmt.Errorf("%q needs @PROBABILITY or #COUNT after the kind", item)
		}
		out = append(out, f)
	}
	return out, nil
}

// parseConsistency reads "Kind=DURATION" pairs, comma-separated.
func parseConsistency(s string) (map[string]emulator.Duration, error) {
	if s == "" {
		return nil, nil
	}
	out := map[string]emulator.Duration{}
	for _, item := range strings.Split(s, ",") {
		kind, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		d, err := time.ParseDuration(v)
		if !ok || kind == "" || err != nil {
			return nil, fmt.Errorf("%q is not KIND=DURATION, such as Ram.Role=2s", item)
		}
		out[kind] = emulator.Duration(d)
	}
	return out, nil
}
