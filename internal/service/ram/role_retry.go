// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"time"
)

// roleRetry is the backoff of the eventual-consistency retries of roles and
// their attachments: a new SAML provider that RAM does not yet accept in a
// trust policy, a new role that reads do not yet see. The delay doubles
// from first up to most; sleep is replaced in tests.
type roleRetry struct {
	first, most time.Duration
	sleep       func(ctx context.Context, d time.Duration) error
}

// defaultRoleRetry waits 1s, 2s, 4s, then 8s between tries.
var defaultRoleRetry = roleRetry{first: time.Second, most: 8 * time.Second, sleep: sleepContext}

// do calls fn until it succeeds, fails with an error retryable does not
// accept, or ctx ends; it then returns fn's last error. Callers bound ctx
// with the operation's timeout.
func (r roleRetry) do(ctx context.Context, fn func(context.Context) error, retryable func(error) bool) error {
	delay := r.first
	for {
		err := fn(ctx)
		if err == nil || !retryable(err) {
			return err
		}
		if r.sleep(ctx, delay) != nil {
			return err
		}
		delay = min(2*delay, r.most)
	}
}

// sleepContext sleeps for d, or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
