// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// What the directory resources and data sources (users, authorization,
// application accounts) share.

// directoryTime turns an EIAM time, Unix epoch milliseconds, into RFC 3339
// UTC; 0 (not known) is null.
func directoryTime(ms int64) types.String {
	if ms == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}

// directoryTimeDescription describes a time attribute.
const directoryTimeDescription = "in RFC 3339 UTC, e.g. `2026-01-02T03:04:05Z`"

// Backoff of the eventual-consistency retries: the first wait, doubled up
// to the last.
const (
	directoryRetryFirst = 500 * time.Millisecond
	directoryRetryMost  = 5 * time.Second
)

// retryDirectory calls read until it succeeds, fails with an error that
// retryable does not accept, or ctx ends; it then returns read's last
// answer. Callers bound ctx with the operation's timeout.
func retryDirectory[T any](ctx context.Context, read func(context.Context) (T, error), retryable func(error) bool) (T, error) {
	delay := directoryRetryFirst
	for {
		v, err := read(ctx)
		if err == nil || !retryable(err) {
			return v, err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return v, err
		case <-t.C:
		}
		delay = min(2*delay, directoryRetryMost)
	}
}
