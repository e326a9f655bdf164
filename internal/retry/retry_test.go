// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package retry_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
)

var (
	errNotYet = errors.New("not yet")
	errBroken = errors.New("broken")
)

func isNotYet(err error) bool { return errors.Is(err, errNotYet) }

// script answers with its results, one a call, and counts the calls.
type script struct {
	results []error
	calls   int
}

func (s *script) call(context.Context) (int, error) {
	s.calls++
	return s.calls, s.results[s.calls-1]
}

func TestValue(t *testing.T) {
	type testCase struct {
		results []error
		// sleepErr is what the injected sleep returns from its nth call
		// (1-based); 0 means it never fails.
		sleepFailsAt int
		wantErr      error
		wantCalls    int
		wantSleeps   []time.Duration
	}
	tests := map[string]testCase{
		"success at once": {results: []error{nil}, wantCalls: 1},
		"success after retries": {
			results:   []error{errNotYet, errNotYet, errNotYet, errNotYet, errNotYet, nil},
			wantCalls: 6,
			// Doubled from First, bounded by Max.
			wantSleeps: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second},
		},
		"non-retryable error stops": {
			results: []error{errNotYet, errBroken, nil}, wantErr: errBroken, wantCalls: 2,
			wantSleeps: []time.Duration{time.Second},
		},
		"context end while waiting returns the last error": {
			results: []error{errNotYet, errNotYet, nil}, sleepFailsAt: 2, wantErr: errNotYet, wantCalls: 2,
			wantSleeps: []time.Duration{time.Second, 2 * time.Second},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var sleeps []time.Duration
		p := retry.Policy{First: time.Second, Max: 5 * time.Second, Sleep: func(_ context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			if len(sleeps) == tt.sleepFailsAt {
				return context.DeadlineExceeded
			}
			return nil
		}}
		s := &script{results: tt.results}
		got, err := retry.Value(context.Background(), p, s.call, isNotYet)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
			t.Errorf("error = %v, want %v", err, tt.wantErr)
		}
		if got != tt.wantCalls || s.calls != tt.wantCalls {
			t.Errorf("value %d after %d calls, want the answer of call %d", got, s.calls, tt.wantCalls)
		}
		if diff := cmp.Diff(tt.wantSleeps, sleeps); diff != "" {
			t.Errorf("sleeps (-want +got):\n%s", diff)
		}
	})
}

func TestWhen(t *testing.T) {
	t.Parallel()
	var sleeps []time.Duration
	p := retry.Policy{First: time.Millisecond, Max: time.Millisecond, Sleep: func(_ context.Context, d time.Duration) error {
		sleeps = append(sleeps, d)
		return nil
	}}
	s := &script{results: []error{errNotYet, nil}}
	err := retry.When(context.Background(), p, func(ctx context.Context) error {
		_, err := s.call(ctx)
		return err
	}, isNotYet)
	if err != nil || s.calls != 2 || len(sleeps) != 1 {
		t.Errorf("When = %v after %d calls and %d sleeps, want nil after 2 calls and 1 sleep", err, s.calls, len(sleeps))
	}
}

// The real sleep (Policy.Sleep nil) ends with the context, without waiting
// out the delay: a delay of an hour would time the test out.
func TestWhen_realSleepEndsWithContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &script{results: []error{errNotYet, nil}}
	err := retry.When(ctx, retry.Policy{First: time.Hour, Max: time.Hour}, func(ctx context.Context) error {
		_, err := s.call(ctx)
		return err
	}, isNotYet)
	if !errors.Is(err, errNotYet) || s.calls != 1 {
		t.Errorf("When = %v after %d calls, want %v after 1 call", err, s.calls, errNotYet)
	}
}
