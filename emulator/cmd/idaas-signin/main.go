// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Command idaas-signin signs the users of examples/complete in through the
// emulator's IDaaS sign-in and prints who got which role: for each user,
// an IdP-initiated SAML sign-in at the application's sign-in URL, then Sts
// AssumeRoleWithSAML for every role offered, then GetCallerIdentity with
// the temporary credentials. It exits with status 1 when any sign-in fails.
//
// Usage:
//
//	tofu output -json | idaas-signin -endpoint http://127.0.0.1:8787
//
// Flags:
//
//	-endpoint URL   the emulator's URL, where STS is served (default $IDAAS_STS_ENDPOINT)
//	-outputs FILE   the JSON of `tofu output -json`; "-" is standard input (default -)
//
// The SDK signs its STS requests with ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET, or the emulator's documented default
// key when they are unset. The sign-in works against the emulator only:
// naming the user is its login.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/signin"
)

// errFailed reports failed sign-ins; the table has said which.
var errFailed = errors.New("some sign-ins failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case errors.Is(err, errFailed):
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "idaas-signin:", err)
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("idaas-signin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", getenv("IDAAS_STS_ENDPOINT"), "the emulator's URL, where STS is served")
	outputs := fs.String("outputs", "-", "the JSON of `tofu output -json`; - is standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q; pipe in `tofu output -json`", fs.Args())
	}
	if *endpoint == "" {
		return errors.New("no STS endpoint: pass -endpoint with the emulator's URL, e.g. -endpoint http://127.0.0.1:8787")
	}
	in := stdin
	if *outputs != "-" {
		f, err := os.Open(*outputs)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	accounts, err := signin.ReadOutputs(in)
	if err != nil {
		return err
	}
	cfg := signin.Config{
		STSEndpoint:     *endpoint,
		AccessKeyID:     emulator.DefaultAccessKeyID,
		AccessKeySecret: emulator.DefaultAccessKeySecret,
	}
	if id, secret := getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"); id != "" && secret != "" {
		cfg.AccessKeyID, cfg.AccessKeySecret = id, secret
	}
	results, err := signin.SignIn(ctx, cfg, accounts)
	if err != nil {
		return err
	}
	if err := signin.WriteTable(stdout, results); err != nil {
		return err
	}
	if signin.Failed(results) {
		return errFailed
	}
	return nil
}
