// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"testing"
)

// BenchmarkGetRole measures the client's own cost per call (signing, the
// SDK, redaction checks, logging off) against a local fake API.
func BenchmarkGetRole(b *testing.B) {
	fake := newFakeAPI(b, func(fakeCall) fakeReply { return role() })
	cfg := fake.config()
	cfg.MaxQPS = 1 << 30 // Measure the client, not the rate limit.
	c := newClient(b, cfg)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.RAM().GetRole(ctx, "r"); err != nil {
			b.Fatal(err)
		}
	}
}
