// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package retry is the one helper of the eventual-consistency retries of
// resources and data sources: call a function again while its error is one
// a named predicate accepts, waiting longer each time, until the context
// (bounded by the operation's timeout) ends.
//
// Throttling and transient server errors are retried in internal/client,
// not here.
package retry

import (
	"context"
	"time"
)

// Policy is the wait between tries: First, then doubled on each retry up
// to Max.
type Policy struct {
	First, Max time.Duration
	// Sleep waits for d or until ctx ends, when it returns an error. Nil
	// sleeps for real; tests set it so that they never wait.
	Sleep func(ctx context.Context, d time.Duration) error
}

// When calls fn until it succeeds, fails with an error isRetryable does not
// accept, or ctx ends while waiting; it returns fn's last error. Callers
// bound ctx with the operation's timeout.
func When(ctx context.Context, p Policy, fn func(context.Context) error, isRetryable func(error) bool) error {
	_, err := Value(ctx, p, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, fn(ctx)
	}, isRetryable)
	return err
}

// Value is When for a function that returns a value as well: it returns
// fn's last answer.
func Value[T any](ctx context.Context, p Policy, fn func(context.Context) (T, error), isRetryable func(error) bool) (T, error) {
	sleep := p.Sleep
	if sleep == nil {
		sleep = Sleep
	}
	delay := p.First
	for {
		v, err := fn(ctx)
		if err == nil || !isRetryable(err) {
			return v, err
		}
		if sleep(ctx, delay) != nil {
			return v, err
		}
		delay = min(2*delay, p.Max)
	}
}

// Sleep waits for d, or until ctx ends, when it returns ctx.Err(). The
// client's backoff sleeps with it too.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
