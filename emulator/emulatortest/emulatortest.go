// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package emulatortest starts the Alibaba Cloud emulator for Go tests and
// drives its control API.
package emulatortest

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/signin"
)

// Option changes the emulator's configuration before it starts.
type Option func(*emulator.Config)

// Start starts an emulator on a free loopback port and stops it when the
// test ends. Problems the emulator cannot answer a call with (a failed
// state file write) are reported with t.Logf.
func Start(t testing.TB, opts ...Option) *emulator.Server {
	t.Helper()
	var cfg emulator.Config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.Logf == nil {
		cfg.Logf = t.Logf
	}
	srv, err := emulator.Start(cfg)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stop emulator: %v", err)
		}
	})
	return srv
}

// WithConfig applies f to the configuration.
func WithConfig(f func(*emulator.Config)) Option { return Option(f) }

// WithAccountID sets the emulated account.
func WithAccountID(id string) Option {
	return func(c *emulator.Config) { c.AccountID = id }
}

// WithAccessKeys sets the accepted long-term keys (the default key is then
// not accepted unless listed).
func WithAccessKeys(keys ...emulator.AccessKey) Option {
	return func(c *emulator.Config) { c.AccessKeys = keys }
}

// WithKnobs sets the initial knobs.
func WithKnobs(k emulator.Knobs) Option {
	return func(c *emulator.Config) { c.Knobs = k }
}

// WithStateFile persists the state to path.
func WithStateFile(path string) Option {
	return func(c *emulator.Config) { c.StateFile = path }
}

// WithLoad pre-populates the account from a state JSON document.
func WithLoad(stateJSON string) Option {
	return func(c *emulator.Config) { c.Load = []byte(stateJSON) }
}

// WithClock sets the emulator's clock, for tests that move time.
func WithClock(now func() time.Time) Option {
	return func(c *emulator.Config) { c.Clock = now }
}

// SAMLTrustPolicy is the trust policy of a role that users of the named
// SAML providers of accountID may assume through the site's sign-in, in
// the form the RAM docs give (FACTS.md, "Trust policy"). It is written out
// here, not built by the provider's code, so that tests of the emulator
// do not lean on the provider.
func SAMLTrustPolicy(accountID string, site facts.Site, providers ...string) string {
	arns := make([]string, len(providers))
	for i, p := range providers {
		arns[i] = strconv.Quote(rules.SAMLProviderARN(accountID, p))
	}
	return `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Federated":[` + strings.Join(arns, ",") +
		`]},"Condition":{"StringEquals":{"saml:recipient":[` + strconv.Quote(site.ACSURL) + `]}}}],"Version":"1"}`
}

// SignInConfig sends the emulated portal sign-in's STS half to srv, signed
// with its default key.
func SignInConfig(srv *emulator.Server) signin.Config {
	return signin.Config{STSEndpoint: srv.URL(), AccessKeyID: emulator.DefaultAccessKeyID, AccessKeySecret: emulator.DefaultAccessKeySecret}
}
