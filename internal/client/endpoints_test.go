// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

func TestParseEndpoint(t *testing.T) {
	type testCase struct {
		raw     string
		want    string
		wantErr string
	}
	tests := map[string]testCase{
		"https URL":             {raw: "https://ram.aliyuncs.com", want: "https://ram.aliyuncs.com"},
		"trailing slash":        {raw: "https://ram.aliyuncs.com/", want: "https://ram.aliyuncs.com"},
		"bare host is https":    {raw: "ram-vpc.aliyuncs.com", want: "https://ram-vpc.aliyuncs.com"},
		"bare host and port":    {raw: "10.0.0.1:8443", want: "https://10.0.0.1:8443"},
		"http on 127.0.0.1":     {raw: "http://127.0.0.1:18080", want: "http://127.0.0.1:18080"},
		"http on 127.0.0.2":     {raw: "http://127.0.0.2:1", want: "http://127.0.0.2:1"},
		"http on localhost":     {raw: "http://localhost:18080", want: "http://localhost:18080"},
		"http on ::1":           {raw: "http://[::1]:18080", want: "http://[::1]:18080"},
		"spaces trimmed":        {raw: "  https://ims.aliyuncs.com  ", want: "https://ims.aliyuncs.com"},
		"http on a remote host": {raw: "http://ram.example.com", wantErr: "uses plain http, which is allowed only for loopback hosts"},
		"http on a private IP":  {raw: "http://10.0.0.1:80", wantErr: "uses plain http"},
		"other scheme":          {raw: "ftp://ram.aliyuncs.com", wantErr: `has scheme "ftp"`},
		"path":                  {raw: "https://ram.aliyuncs.com/api", wantErr: "has a path, query or user information"},
		"query":                 {raw: "https://ram.aliyuncs.com?x=1", wantErr: "has a path, query or user information"},
		"user":                  {raw: "https://u:p@ram.aliyuncs.com", wantErr: "has a path, query or user information"},
		"empty":                 {raw: " ", wantErr: "the endpoint is empty"},
		"no host":               {raw: "https://", wantErr: "names no host"},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, err := client.ParseEndpoint(tt.raw)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ParseEndpoint(%q) error = %v, want one containing %q", tt.raw, err, tt.wantErr)
			}
			return
		}
		if err != nil {
			t.Fatalf("ParseEndpoint(%q): %v", tt.raw, err)
		}
		if got.String() != tt.want {
			t.Errorf("ParseEndpoint(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	})
}
