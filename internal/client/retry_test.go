// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

func TestRetryPolicy(t *testing.T) {
	throttled := fakeReply{Status: http.StatusBadRequest, Body: apiError("Throttling.User", "Request was denied due to user flow control.")}
	type testCase struct {
		replies    []fakeReply // answers in order; the last repeats
		maxRetries int
		wantHits   int
		wantCode   string // "" for success
		wantSleeps []time.Duration
	}
	tests := map[string]testCase{
		"throttling then success": {
			replies:    []fakeReply{throttled, throttled, role()},
			maxRetries: 5,
			wantHits:   3,
			wantSleeps: []time.Duration{500 * time.Millisecond, time.Second},
		},
		"throttling without a code but HTTP 429": {
			replies:    []fakeReply{{Status: http.StatusTooManyRequests, Body: apiError("TooManyRequests", "slow down")}, role()},
			maxRetries: 5,
			wantHits:   2,
			wantSleeps: []time.Duration{500 * time.Millisecond},
		},
		"server error then success": {
			replies:    []fakeReply{{Status: http.StatusServiceUnavailable, Body: apiError("ServiceUnavailable", "try later")}, role()},
			maxRetries: 5,
			wantHits:   2,
			wantSleeps: []time.Duration{500 * time.Millisecond},
		},
		"no retry on another 4xx": {
			replies:    []fakeReply{{Status: http.StatusBadRequest, Body: apiError("InvalidParameter.RoleName.InvalidChars", "bad name")}},
			maxRetries: 5,
			wantHits:   1,
			wantCode:   "InvalidParameter.RoleName.InvalidChars",
		},
		"no retry on not found": {
			replies:    []fakeReply{{Status: http.StatusNotFound, Body: apiError("EntityNotExist.Role", "The role does not exist.")}},
			maxRetries: 5,
			wantHits:   1,
			wantCode:   "EntityNotExist.Role",
		},
		"bounded by max_retries": {
			replies:    []fakeReply{throttled},
			maxRetries: 3,
			wantHits:   4,
			wantCode:   "Throttling.User",
			wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second},
		},
		"max_retries 0 never retries": {
			replies:    []fakeReply{throttled},
			maxRetries: 0,
			wantHits:   1,
			wantCode:   "Throttling.User",
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var hits atomic.Int32
		fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
			n := int(hits.Add(1))
			return tt.replies[min(n, len(tt.replies))-1]
		})
		cfg := fake.config()
		cfg.MaxRetries = tt.maxRetries
		clk := client.NewFakeClock()
		c := newClientWithClock(t, cfg, clk, "")

		_, err := c.RAM().GetRole(context.Background(), "r")

		if got := int(hits.Load()); got != tt.wantHits {
			t.Errorf("server hits = %d, want %d", got, tt.wantHits)
		}
		if got := client.ErrorCode(err); got != tt.wantCode {
			t.Errorf("error code = %q, want %q (error: %v)", got, tt.wantCode, err)
		}
		if diff := cmp.Diff(tt.wantSleeps, clk.Sleeps()); diff != "" {
			t.Errorf("backoff sleeps (-want +got):\n%s", diff)
		}
		var apiErr *client.APIError
		if tt.wantCode != "" && errors.As(err, &apiErr) && apiErr.Attempts != tt.wantHits {
			t.Errorf("APIError.Attempts = %d, want %d", apiErr.Attempts, tt.wantHits)
		}
	})
}

func TestBackoffIsCappedExponential(t *testing.T) {
	t.Parallel()
	clk := client.NewFakeClock() // its jitter returns the upper bound
	want := []time.Duration{
		500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second,
		8 * time.Second, 16 * time.Second, 20 * time.Second, 20 * time.Second,
	}
	for i, w := range want {
		if got := client.Backoff(clk, i+1); got != w {
			t.Errorf("backoff before retry %d = %v, want %v", i+1, got, w)
		}
	}
}

func TestRetryStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	throttled := fakeReply{Status: http.StatusBadRequest, Body: apiError("Throttling", "slow down")}
	// getRole calls GetRole under ctx, with up to 10 retries, against a
	// fake that answers as handler does.
	getRole := func(t *testing.T, ctx context.Context, handler func(fakeCall) fakeReply) error {
		t.Helper()
		fake := newFakeAPI(t, handler)
		cfg := fake.config()
		cfg.MaxRetries = 10
		_, err := newClientWithClock(t, cfg, client.NewFakeClock(), "").RAM().GetRole(ctx, "r")
		return err
	}

	t.Run("cancelled", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var hits atomic.Int32
		err := getRole(t, ctx, func(fakeCall) fakeReply {
			if hits.Add(1) == 2 {
				cancel()
			}
			return throttled
		})
		if got := hits.Load(); got != 2 {
			t.Errorf("server hits = %d, want 2: retries must stop once the context is cancelled", got)
		}
		// The cancellation races with the answer: either ends the call.
		if !errors.Is(err, context.Canceled) && client.ErrorCode(err) != "Throttling" {
			t.Errorf("error = %v, want context.Canceled or the last API error", err)
		}
	})

	t.Run("deadline shorter than the next backoff", func(t *testing.T) {
		t.Parallel()
		// The fake clock does not wait, so only the second backoff (1s)
		// outlasts the deadline: two attempts, then the last error.
		ctx, cancel := context.WithTimeout(context.Background(), 900*time.Millisecond)
		defer cancel()
		var hits atomic.Int32
		err := getRole(t, ctx, func(fakeCall) fakeReply { hits.Add(1); return throttled })
		if got := hits.Load(); got != 2 {
			t.Errorf("server hits = %d, want 2", got)
		}
		if client.ErrorCode(err) != "Throttling" {
			t.Errorf("error = %v, want the last API error", err)
		}
	})
}

// TestAmbiguousFailures checks that calls marked non-idempotent are not sent
// again once they may have taken effect, while idempotent ones are.
func TestAmbiguousFailures(t *testing.T) {
	type testCase struct {
		idempotent    bool
		fail          string // "reset" (after the request was read) or "5xx" or "throttle"
		wantHits      int
		wantErr       bool
		wantAmbiguous bool
	}
	tests := map[string]testCase{
		"reset after send, not idempotent": {idempotent: false, fail: "reset", wantHits: 1, wantErr: true, wantAmbiguous: true},
		"reset after send, idempotent":     {idempotent: true, fail: "reset", wantHits: 2},
		"5xx, not idempotent":              {idempotent: false, fail: "5xx", wantHits: 1, wantErr: true, wantAmbiguous: true},
		"5xx, idempotent":                  {idempotent: true, fail: "5xx", wantHits: 2},
		"throttled, not idempotent":        {idempotent: false, fail: "throttle", wantHits: 2},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if hits.Add(1) > 1 {
				writeJSON(w, http.StatusOK, map[string]any{"RequestId": "REQ-OK", "ApplicationId": "app_1"})
				return
			}
			switch tt.fail {
			case "reset":
				_ = r.ParseForm() // the request was read in full
				hijacker, ok := w.(http.Hijacker)
				if !ok {
					t.Error("the test server cannot hijack connections")
					return
				}
				conn, _, err := hijacker.Hijack()
				if err != nil {
					t.Error(err)
					return
				}
				if tcp, ok := conn.(*net.TCPConn); ok {
					_ = tcp.SetLinger(0) // A reset, not a clean close.
				}
				_ = conn.Close()
			case "5xx":
				writeJSON(w, http.StatusInternalServerError, apiError("InternalError", "An internal error occurred."))
			case "throttle":
				writeJSON(w, http.StatusBadRequest, apiError("Throttling.Api", "slow down"))
			}
		}))
		t.Cleanup(srv.Close)
		cfg := client.Config{
			AccountID:  testAccountID,
			AccessKey:  &client.AccessKey{ID: testKeyID, Secret: testKeySecret},
			Endpoints:  client.Endpoints{EIAM: srv.URL},
			MaxRetries: 3,
			MaxQPS:     1000,
		}
		c := newClientWithClock(t, cfg, client.NewFakeClock(), "")

		err := client.InvokeEIAM(context.Background(), c, "CreateApplication", tt.idempotent, map[string]string{"InstanceId": "idaas_x"})

		if got := int(hits.Load()); got != tt.wantHits {
			t.Errorf("server hits = %d, want %d", got, tt.wantHits)
		}
		if (err != nil) != tt.wantErr {
			t.Fatalf("error = %v, want error: %v", err, tt.wantErr)
		}
		if got := client.IsAmbiguous(err); got != tt.wantAmbiguous {
			t.Errorf("IsAmbiguous = %v, want %v (error: %v)", got, tt.wantAmbiguous, err)
		}
	})
}

// TestConnectionFailureBeforeSendIsRetried checks that a call that never
// reached the server is retried even when it is not idempotent.
func TestConnectionFailureBeforeSendIsRetried(t *testing.T) {
	t.Parallel()
	closedURL := closedPortURL(t)

	cfg := client.Config{
		AccountID:  testAccountID,
		AccessKey:  &client.AccessKey{ID: testKeyID, Secret: testKeySecret},
		Endpoints:  client.Endpoints{EIAM: closedURL},
		MaxRetries: 2,
		MaxQPS:     1000,
	}
	clk := client.NewFakeClock()
	c := newClientWithClock(t, cfg, clk, "")
	err := client.InvokeEIAM(context.Background(), c, "CreateApplication", false, nil)

	var reqErr *client.RequestError
	if !errors.As(err, &reqErr) {
		t.Fatalf("error = %v, want a RequestError", err)
	}
	if reqErr.Attempts != 3 || reqErr.Sent {
		t.Errorf("Attempts = %d, Sent = %v; want 3 attempts of a request never sent", reqErr.Attempts, reqErr.Sent)
	}
	if client.IsAmbiguous(err) {
		t.Error("IsAmbiguous = true for a request that was never sent")
	}
	if got := len(clk.Sleeps()); got != 2 {
		t.Errorf("backoff sleeps = %d, want 2", got)
	}
}

// TestRateLimiterPacing checks the token bucket with a fake clock: a burst
// of max_qps calls goes at once, then one call every 1/max_qps seconds.
func TestRateLimiterPacing(t *testing.T) {
	t.Parallel()
	fake, c, clk := rateLimitedClient(t, 2)
	start := clk.Now()
	for range 6 {
		if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond}
	if diff := cmp.Diff(want, clk.Sleeps()); diff != "" {
		t.Errorf("limiter waits (-want +got):\n%s", diff)
	}
	if got := clk.Now().Sub(start); got != 2*time.Second {
		t.Errorf("6 calls at max_qps 2 took %v of clock time, want 2s", got)
	}
	if got := len(fake.Calls()); got != 6 {
		t.Errorf("server hits = %d, want 6", got)
	}
}

func TestRateLimiterStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	fake, c, _ := rateLimitedClient(t, 1)
	if _, err := c.RAM().GetRole(context.Background(), "r"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.RAM().GetRole(ctx, "r")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled from the limiter", err)
	}
	if got := len(fake.Calls()); got != 1 {
		t.Errorf("server hits = %d, want 1", got)
	}
}

// rateLimitedClient is a client of a fake that finds every role, limited
// to maxQPS calls a second on a fake clock.
func rateLimitedClient(t *testing.T, maxQPS int) (*fakeAPI, *client.Client, *client.FakeClock) {
	t.Helper()
	fake := newFakeAPI(t, func(fakeCall) fakeReply { return role() })
	cfg := fake.config()
	cfg.MaxQPS = maxQPS
	clk := client.NewFakeClock()
	return fake, newClientWithClock(t, cfg, clk, ""), clk
}
