// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// testMetadata returns the Base64 of IdP metadata with a new signing key.
func testMetadata(t testing.TB, entityID string) string {
	t.Helper()
	xml, _ := samltest.IdPMetadata(t, "idaas-test", time.Now().Add(-time.Hour), 24*time.Hour, entityID, "https://idaas.example.com/login/app/sso")
	return base64.StdEncoding.EncodeToString([]byte(xml))
}

// samlProviderReply is an IMS answer holding provider p.
func samlProviderReply(p map[string]any) fakeReply {
	return ok(map[string]any{"SAMLProvider": p})
}

func samlProviderJSON(name, description, encodedMetadata string) map[string]any {
	p := map[string]any{
		"SAMLProviderName": name, "Arn": "acs:ram::" + testAccountID + ":saml-provider/" + name,
		"Description": description, "AuthnSignAlgo": "rsa-sha1",
		"CreateDate": "2026-01-02T03:04:05Z", "UpdateDate": "2026-01-02T03:04:06Z",
	}
	if encodedMetadata != "" {
		p["EncodedSAMLMetadataDocument"] = encodedMetadata
	}
	return p
}

// TestIMSWrites checks the parameters and answers of the write calls.
func TestIMSWrites(t *testing.T) {
	t.Parallel()
	metadata := testMetadata(t, "https://idaas.example.com/a")
	want := &client.SAMLProvider{
		SAMLProviderName: "idaas", ARN: "acs:ram::" + testAccountID + ":saml-provider/idaas", Description: "IDaaS",
		CreateDate: "2026-01-02T03:04:05Z", UpdateDate: "2026-01-02T03:04:06Z",
	}
	tests := map[string]callCase[client.IMS]{
		"CreateSAMLProvider": {
			call: func(c client.IMS) (any, error) {
				return c.CreateSAMLProvider(context.Background(), client.CreateSAMLProviderInput{
					Name: "idaas", Description: "IDaaS", EncodedSAMLMetadataDocument: metadata,
				})
			},
			wantAction: "CreateSAMLProvider",
			wantParams: map[string]string{"SAMLProviderName": "idaas", "Description": "IDaaS", "EncodedSAMLMetadataDocument": metadata},
			want:       want,
		},
		"UpdateSAMLProvider metadata": {
			call: func(c client.IMS) (any, error) {
				return c.UpdateSAMLProvider(context.Background(), client.UpdateSAMLProviderInput{Name: "idaas", NewEncodedSAMLMetadataDocument: metadata})
			},
			wantAction: "UpdateSAMLProvider",
			wantParams: map[string]string{"SAMLProviderName": "idaas", "NewEncodedSAMLMetadataDocument": metadata, "NewDescription": ""},
			want:       want,
		},
		"UpdateSAMLProvider description": {
			call: func(c client.IMS) (any, error) {
				return c.UpdateSAMLProvider(context.Background(), client.UpdateSAMLProviderInput{Name: "idaas", NewDescription: "IDaaS"})
			},
			wantAction: "UpdateSAMLProvider",
			wantParams: map[string]string{"SAMLProviderName": "idaas", "NewDescription": "IDaaS", "NewEncodedSAMLMetadataDocument": ""},
			want:       want,
		},
		"DeleteSAMLProvider": {
			call: func(c client.IMS) (any, error) {
				return nil, c.DeleteSAMLProvider(context.Background(), "idaas")
			},
			wantAction: "DeleteSAMLProvider",
			wantParams: map[string]string{"SAMLProviderName": "idaas"},
		},
	}
	// Every write answers with the provider it wrote.
	for name, tt := range tests {
		tt.reply = samlProviderReply(samlProviderJSON("idaas", "IDaaS", ""))
		tests[name] = tt
	}
	runCallCases(t, "2019-08-15", (*client.Client).IMS, tests)
}

func TestUpdateSAMLProviderWithNothingToChange(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fakeCall) fakeReply { return samlProviderReply(samlProviderJSON("idaas", "", "")) })
	_, err := newClient(t, fake.config()).IMS().UpdateSAMLProvider(context.Background(), client.UpdateSAMLProviderInput{Name: "idaas"})
	if err == nil || !strings.Contains(err.Error(), "nothing to change") {
		t.Errorf("error = %v, want one saying there is nothing to change", err)
	}
	if n := len(fake.Calls()); n != 0 {
		t.Errorf("%d calls, want none", n)
	}
}

// TestListSAMLProvidersPages follows the Marker across pages.
func TestListSAMLProvidersPages(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		page := 0
		if m := fc.Params.Get("Marker"); m != "" {
			page, _ = strconv.Atoi(strings.TrimPrefix(m, "page-"))
		}
		var items []map[string]any
		for i := range 2 {
			if n := page*2 + i; n < 5 {
				items = append(items, samlProviderJSON("idp-"+strconv.Itoa(n), "", ""))
			}
		}
		truncated := page < 2
		marker := ""
		if truncated {
			marker = "page-" + strconv.Itoa(page+1)
		}
		return ok(map[string]any{"IsTruncated": truncated, "Marker": marker, "SAMLProviders": map[string]any{"SAMLProvider": items}})
	})
	got, err := newClient(t, fake.config()).IMS().ListSAMLProviders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkListed(t, []string{"idp-0", "idp-1", "idp-2", "idp-3", "idp-4"}, got, func(p client.SAMLProvider) string { return p.SAMLProviderName })
	calls := fake.Calls()
	var markers []string
	for _, c := range calls {
		if got := c.Params.Get("MaxItems"); got != "100" {
			t.Errorf("MaxItems = %q, want 100", got)
		}
		markers = append(markers, c.Params.Get("Marker"))
	}
	if diff := cmp.Diff([]string{"", "page-1", "page-2"}, markers); diff != "" {
		t.Errorf("markers (-want +got):\n%s", diff)
	}
}

func TestListSAMLProvidersStuckMarker(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fakeCall) fakeReply {
		return ok(map[string]any{"IsTruncated": true, "Marker": "", "SAMLProviders": map[string]any{"SAMLProvider": []any{}}})
	})
	_, err := newClient(t, fake.config()).IMS().ListSAMLProviders(context.Background())
	if err == nil || !strings.Contains(err.Error(), "no new Marker") {
		t.Errorf("error = %v, want one about the Marker", err)
	}
}

// samlIMS is a fake IMS with one SAML provider slot, whose Create and Get
// answers a test scripts: each script entry either lets the call through
// or answers with a status and code, and says whether a Create takes
// effect.
type samlIMS struct {
	mu      sync.Mutex
	stored  map[string]any // nil: no provider
	creates []createOutcome
	// hidden makes Get answer not found while it is above zero, as a new
	// provider that is not yet visible.
	hidden int
}

type createOutcome struct {
	status int    // 0: success
	code   string // error code when status is set
	apply  bool   // whether the provider is created
}

func (s *samlIMS) handle(fc fakeCall) fakeReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch fc.Action {
	case "CreateSAMLProvider":
		out := createOutcome{apply: true}
		if len(s.creates) > 0 {
			out, s.creates = s.creates[0], s.creates[1:]
		}
		exists := s.stored != nil
		if out.apply && !exists {
			s.stored = samlProviderJSON(fc.Params.Get("SAMLProviderName"), fc.Params.Get("Description"), fc.Params.Get("EncodedSAMLMetadataDocument"))
		}
		switch {
		case out.status != 0:
			return fakeReply{Status: out.status, Body: apiError(out.code, "scripted")}
		case exists:
			return fakeReply{Status: http.StatusConflict, Body: apiError(client.CodeSAMLProviderExists, "The SAML provider does already EXIST.")}
		}
		return samlProviderReply(s.stored)
	case "GetSAMLProvider":
		if s.stored == nil || s.hidden > 0 {
			s.hidden--
			return fakeReply{Status: http.StatusNotFound, Body: apiError("EntityNotExist.SAMLProvider", "Can not find SAML provider.")}
		}
		return samlProviderReply(s.stored)
	}
	return fakeReply{Status: http.StatusBadRequest, Body: apiError("InvalidAction", fc.Action)}
}

// TestCreateSAMLProviderAfterAnAmbiguousFailure checks that a Create whose
// outcome is unknown is never sent again blindly.
func TestCreateSAMLProviderAfterAnAmbiguousFailure(t *testing.T) {
	metadata := testMetadata(t, "https://idaas.example.com/a")
	// The same document, line-wrapped as the API returns it.
	wrapped := metadata[:64] + "\n" + metadata[64:]
	other := testMetadata(t, "https://idaas.example.com/a")
	in := client.CreateSAMLProviderInput{Name: "idaas", Description: "IDaaS", EncodedSAMLMetadataDocument: metadata}
	ambiguous := createOutcome{status: http.StatusInternalServerError, code: "InternalError", apply: true}
	failed := createOutcome{status: http.StatusInternalServerError, code: "InternalError"}
	type testCase struct {
		fake        *samlIMS
		wantActions []string
		wantErr     string // "" for success
	}
	tests := map[string]testCase{
		"created, then adopted": {
			fake:        &samlIMS{creates: []createOutcome{ambiguous}},
			wantActions: []string{"CreateSAMLProvider", "GetSAMLProvider"},
		},
		"not created, then sent again": {
			fake:        &samlIMS{creates: []createOutcome{failed}},
			wantActions: []string{"CreateSAMLProvider", "GetSAMLProvider", "CreateSAMLProvider"},
		},
		"created but not yet visible, then adopted": {
			fake:        &samlIMS{creates: []createOutcome{ambiguous}, hidden: 1},
			wantActions: []string{"CreateSAMLProvider", "GetSAMLProvider", "CreateSAMLProvider", "GetSAMLProvider"},
		},
		"another provider of that name": {
			fake:        &samlIMS{creates: []createOutcome{{status: http.StatusServiceUnavailable, code: "ServiceUnavailable"}}, stored: samlProviderJSON("idaas", "IDaaS", other)},
			wantActions: []string{"CreateSAMLProvider", "GetSAMLProvider"},
			wantErr:     `SAML provider "idaas" exists, with other metadata`,
		},
		"another description": {
			fake:        &samlIMS{creates: []createOutcome{failed}, stored: samlProviderJSON("idaas", "someone else's", wrapped)},
			wantActions: []string{"CreateSAMLProvider", "GetSAMLProvider"},
			wantErr:     "it was not adopted",
		},
		"the name is taken, without ambiguity": {
			fake:        &samlIMS{stored: samlProviderJSON("idaas", "IDaaS", wrapped)},
			wantActions: []string{"CreateSAMLProvider"},
			wantErr:     client.CodeSAMLProviderExists,
		},
		"never succeeds": {
			fake:        &samlIMS{creates: []createOutcome{failed, failed, failed}},
			wantActions: []string{"CreateSAMLProvider", "GetSAMLProvider", "CreateSAMLProvider", "GetSAMLProvider", "CreateSAMLProvider", "GetSAMLProvider"},
			wantErr:     "InternalError",
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		fake := newFakeAPI(t, tt.fake.handle)
		cfg := fake.config()
		cfg.MaxRetries = 2
		c := newClientWithClock(t, cfg, client.NewFakeClock(), "")
		got, err := c.IMS().CreateSAMLProvider(context.Background(), in)
		if diff := cmp.Diff(tt.wantActions, fake.Actions()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		if wanterr.Contains(t, err, tt.wantErr) {
			return
		}
		if got.SAMLProviderName != "idaas" || got.ARN != "acs:ram::"+testAccountID+":saml-provider/idaas" {
			t.Errorf("provider = %+v, want idaas", got)
		}
	})
}
