// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"sync"
	"time"
)

// FakeClock is a clock for tests: Sleep returns at once and moves the clock
// forward, and Jitter returns its upper bound, so backoff is predictable.
type FakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

// NewFakeClock returns a FakeClock at a fixed time.
func NewFakeClock() *FakeClock {
	return &FakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (f *FakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *FakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	return nil
}

func (f *FakeClock) Jitter(d time.Duration) time.Duration { return d }

// Advance moves the clock forward without recording a sleep.
func (f *FakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// Sleeps returns every sleep so far.
func (f *FakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// NewWithClock is New with a fake clock and an ECS metadata service URL.
func NewWithClock(ctx context.Context, cfg Config, clk *FakeClock, ecsMetadataURL string) (*Client, error) {
	return newClient(ctx, cfg, clk, ecsMetadataURL)
}

// InvokeEIAM runs an EIAM action, marked idempotent or not, as the typed
// functions of eiam.go do.
func InvokeEIAM(ctx context.Context, c *Client, action string, idempotent bool, params map[string]string) error {
	var out struct{}
	return c.invokeEIAM(ctx, call{action: action, idempotent: idempotent}, params, &out)
}

// Backoff exposes the backoff of retry number n with the given clock.
func Backoff(clk *FakeClock, n int) time.Duration { return backoff(clk, n) }
