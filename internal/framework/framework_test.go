// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
)

func TestConfigure(t *testing.T) {
	t.Parallel()
	c, err := client.New(context.Background(), client.Config{
		AccountID: "1234567890123456",
		AccessKey: &client.AccessKey{ID: "LTAI5tTestKey0000", Secret: "s"},
		MaxQPS:    1,
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		data       any
		wantClient *client.Client
		wantDiags  diag.Diagnostics
	}{
		"client":        {data: c, wantClient: c},
		"not yet known": {data: nil},
		"wrong type": {data: "oops", wantDiags: diag.Diagnostics{diag.NewErrorDiagnostic(
			"Unexpected provider data",
			"Expected *client.Client, got string. This is a bug in the provider; please report it.",
		)}},
	}
	// Each configures itself from the provider data and returns its
	// diagnostics and its client.
	configurers := map[string]func(data any) (diag.Diagnostics, *client.Client){
		"resource": func(data any) (diag.Diagnostics, *client.Client) {
			var r framework.ResourceWithClient
			var resp resource.ConfigureResponse
			r.Configure(context.Background(), resource.ConfigureRequest{ProviderData: data}, &resp)
			return resp.Diagnostics, r.Client()
		},
		"data source": func(data any) (diag.Diagnostics, *client.Client) {
			var d framework.DataSourceWithClient
			var resp datasource.ConfigureResponse
			d.Configure(context.Background(), datasource.ConfigureRequest{ProviderData: data}, &resp)
			return resp.Diagnostics, d.Client()
		},
	}
	for name, tt := range tests {
		for kind, configure := range configurers {
			t.Run(name+"/"+kind, func(t *testing.T) {
				t.Parallel()
				diags, got := configure(tt.data)
				if diff := cmp.Diff(tt.wantDiags, diags); diff != "" {
					t.Errorf("diagnostics (-want +got):\n%s", diff)
				}
				if got != tt.wantClient {
					t.Errorf("Client() = %p, want %p", got, tt.wantClient)
				}
			})
		}
	}
}

func TestAddAPIError(t *testing.T) {
	type testCase struct {
		action, object, id string
		err                error
		wantSummary        string
		wantDetail         string
	}
	tests := map[string]testCase{
		"API error": {
			action: "creating", object: "RAM role", id: "Admin",
			err: &client.APIError{
				Product: "Ram", Action: "CreateRole", Code: "EntityAlreadyExists.Role", HTTPStatus: 409,
				RequestID: "7463B73D-35CC-4D19", Message: "The role does already EXIST.", Attempts: 1,
			},
			wantSummary: "Error creating RAM role",
			wantDetail: "RAM role: Admin\nAPI: Ram CreateRole\nCode: EntityAlreadyExists.Role (HTTP 409)\n" +
				"Request ID: 7463B73D-35CC-4D19\nMessage: The role does already EXIST.",
		},
		"throttled after retries, with a hint": {
			action: "reading", object: "application", id: "app_1",
			err:         &client.APIError{Product: "Eiam", Action: "GetApplication", Code: "Throttling.User", HTTPStatus: 400, RequestID: "R", Attempts: 6},
			wantSummary: "Error reading application",
			wantDetail: "Application: app_1\nAPI: Eiam GetApplication\nCode: Throttling.User (HTTP 400)\nRequest ID: R\nAttempts: 6\n\n" +
				"Alibaba Cloud kept throttling the calls. Lower max_qps or raise max_retries in the provider configuration.",
		},
		"not an API error, no ID": {
			action: "reading", object: "caller identity",
			err:         errors.New("Sts GetCallerIdentity: dial tcp: connection refused"),
			wantSummary: "Error reading caller identity",
			wantDetail:  "Error: Sts GetCallerIdentity: dial tcp: connection refused",
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var diags diag.Diagnostics
		framework.AddAPIError(&diags, tt.action, tt.object, tt.id, tt.err)
		want := diag.Diagnostics{diag.NewErrorDiagnostic(tt.wantSummary, tt.wantDetail)}
		if diff := cmp.Diff(want, diags); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
		if strings.Contains(tt.wantDetail, tt.wantSummary) {
			t.Errorf("the detail repeats the summary")
		}
	})
}

// TestWithTimeout bounds the context by the configured timeout, or by the
// default when none is set or the value is invalid (an error then).
func TestWithTimeout(t *testing.T) {
	const def = time.Hour
	configured := func(d time.Duration) func(context.Context, time.Duration) (time.Duration, diag.Diagnostics) {
		return func(context.Context, time.Duration) (time.Duration, diag.Diagnostics) { return d, nil }
	}
	unset := func(_ context.Context, def time.Duration) (time.Duration, diag.Diagnostics) { return def, nil }
	invalid := func(context.Context, time.Duration) (time.Duration, diag.Diagnostics) {
		return 0, diag.Diagnostics{diag.NewErrorDiagnostic("Timeout Cannot Be Parsed", "bad")}
	}
	type testCase struct {
		get     func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)
		want    time.Duration
		wantErr bool
	}
	tests := map[string]testCase{
		"configured": {get: configured(time.Minute), want: time.Minute},
		"unset":      {get: unset, want: def},
		"invalid":    {get: invalid, want: def, wantErr: true},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		var diags diag.Diagnostics
		ctx, cancel := framework.WithTimeout(context.Background(), tt.get, def, &diags)
		defer cancel()
		deadline, ok := ctx.Deadline()
		if !ok {
			t.Fatal("no deadline")
		}
		if left := time.Until(deadline); left > tt.want || left < tt.want-time.Minute/2 {
			t.Errorf("deadline in %s, want about %s", left, tt.want)
		}
		if diags.HasError() != tt.wantErr {
			t.Errorf("diagnostics %v, want an error: %t", diags, tt.wantErr)
		}
	})
}
