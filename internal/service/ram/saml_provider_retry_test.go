// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

// samlLaggingIMS answers GetSAMLProvider with errs, one a call, then with
// the provider.
type samlLaggingIMS struct {
	client.IMS
	errs  []error
	calls int
}

func (f *samlLaggingIMS) GetSAMLProvider(_ context.Context, name string) (*client.SAMLProvider, error) {
	f.calls++
	if len(f.errs) > 0 {
		err := f.errs[0]
		f.errs = f.errs[1:]
		return nil, err
	}
	return &client.SAMLProvider{SAMLProviderName: name}, nil
}

func TestWaitSAMLProviderReadable(t *testing.T) {
	notFound := &client.NotFoundError{Object: "SAML provider", ID: "idaas"}
	denied := &client.APIError{Code: "NoPermission", HTTPStatus: 403}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	type testCase struct {
		ctx        context.Context
		errs       []error
		wantErr    error
		wantCalls  int
		wantSleeps []time.Duration
	}
	tests := map[string]testCase{
		"visible at once": {ctx: context.Background(), wantCalls: 1},
		"visible after three reads": {
			ctx: context.Background(), errs: []error{notFound, notFound, notFound}, wantCalls: 4,
			wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second},
		},
		"another error is not retried": {ctx: context.Background(), errs: []error{denied}, wantErr: denied, wantCalls: 1},
		"the timeout ends the wait": {
			ctx: canceled, errs: []error{notFound, notFound}, wantErr: notFound, wantCalls: 1,
			wantSleeps: []time.Duration{500 * time.Millisecond},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		conn := &samlLaggingIMS{errs: tt.errs}
		var sleeps []time.Duration
		got, err := ram.WaitSAMLProviderReadable(tt.ctx, conn, "idaas", &sleeps)
		if !errors.Is(err, tt.wantErr) {
			t.Fatalf("error = %v, want %v", err, tt.wantErr)
		}
		if err == nil && got.SAMLProviderName != "idaas" {
			t.Errorf("provider = %+v, want idaas", got)
		}
		if conn.calls != tt.wantCalls {
			t.Errorf("%d reads, want %d", conn.calls, tt.wantCalls)
		}
		if diff := cmp.Diff(tt.wantSleeps, sleeps); diff != "" {
			t.Errorf("sleeps (-want +got):\n%s", diff)
		}
	})
}
