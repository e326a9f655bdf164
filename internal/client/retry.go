// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// This file holds the one retry policy and the one rate limiter of every
// call the client makes.

// Defaults for Config.MaxRetries and Config.MaxQPS.
const (
	DefaultMaxRetries = 5
	DefaultMaxQPS     = 20
)

// Backoff bounds: the first retry waits up to retryBaseDelay, each further
// retry up to twice as long, never more than retryMaxDelay.
const (
	retryBaseDelay = 500 * time.Millisecond
	retryMaxDelay  = 20 * time.Second
)

// isThrottlingCode reports whether an error code means the request was
// turned away before it was processed, so that sending it again is always
// safe.
func isThrottlingCode(code string) bool {
	return code == "Throttling" || strings.HasPrefix(code, "Throttling.")
}

// transientCodes are error codes of passing server trouble. Calls that fail
// with them, or with any 5xx status, are retried when they are idempotent.
var transientCodes = []string{"ServiceUnavailable", "InternalError", "UnknownError"}

// retryable reports whether a failed attempt may be sent again. Throttling
// and connections that failed before the request was written are always
// retried; 5xx errors and failures after the request was written only for
// idempotent calls, as the request may have taken effect.
func retryable(err error, idempotent bool) bool {
	if apiErr, ok := errors.AsType[*APIError](err); ok {
		if isThrottlingCode(apiErr.Code) || apiErr.HTTPStatus == http.StatusTooManyRequests {
			return true
		}
		transient := apiErr.HTTPStatus >= http.StatusInternalServerError || slices.Contains(transientCodes, apiErr.Code)
		return transient && idempotent
	}
	if reqErr, ok := errors.AsType[*RequestError](err); ok {
		if errors.Is(reqErr.Err, context.Canceled) {
			return false
		}
		return !reqErr.Sent || idempotent
	}
	return false
}

// backoff returns how long to wait before retry number n (1 for the first
// retry): exponential, capped, with full jitter.
func backoff(clk clock, n int) time.Duration {
	d := retryBaseDelay
	for i := 1; i < n && d < retryMaxDelay; i++ {
		d *= 2
	}
	return clk.Jitter(min(d, retryMaxDelay))
}

// limiter is the provider-wide token bucket: at most qps calls a second on
// average, with bursts of up to qps calls.
type limiter struct {
	bucket *rate.Limiter
}

func newLimiter(qps int) *limiter {
	return &limiter{bucket: rate.NewLimiter(rate.Limit(qps), qps)}
}

// wait takes one token, waiting on clk until one is free or ctx is done.
func (l *limiter) wait(ctx context.Context, clk clock) error {
	now := clk.Now()
	r := l.bucket.ReserveN(now, 1)
	delay := r.DelayFrom(now)
	if delay <= 0 {
		return nil
	}
	if err := clk.Sleep(ctx, delay); err != nil {
		r.CancelAt(clk.Now())
		return err
	}
	return nil
}
