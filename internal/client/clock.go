// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
)

// clock is the client's source of time. Tests replace it (exports_test.go)
// so that backoff, rate limiting and credential expiry run without waiting.
type clock interface {
	Now() time.Time
	// Sleep waits for d, or until ctx is done, whichever comes first; it
	// returns ctx.Err() in the second case.
	Sleep(ctx context.Context, d time.Duration) error
	// Jitter returns a random duration in [0, d], for full-jitter backoff.
	Jitter(d time.Duration) time.Duration
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error { return retry.Sleep(ctx, d) }

func (realClock) Jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}
