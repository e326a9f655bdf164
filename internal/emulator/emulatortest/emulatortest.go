// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package emulatortest starts the Alibaba Cloud emulator for Go tests and
// drives its control API.
package emulatortest

import (
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/emulator"
)

// Option changes the emulator's configuration before it starts.
type Option func(*emulator.Config)

// Start starts an emulator on a free loopback port and stops it when the
// test ends.
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
