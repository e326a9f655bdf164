// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"sync"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

func TestPlannedObjects(t *testing.T) {
	t.Parallel()
	newClient := func() *client.Client {
		c, err := client.New(context.Background(), client.Config{
			AccountID: "1234567890123456",
			AccessKey: &client.AccessKey{ID: "LTAI5tTestKeyForPlanned", Secret: "test-secret-for-planned-objects"},
			Endpoints: client.Endpoints{RAM: "http://127.0.0.1:1", IMS: "http://127.0.0.1:1", STS: "http://127.0.0.1:1", EIAM: "http://127.0.0.1:1"},
			MaxQPS:    10,
		})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := newClient()
	if c.IsPlanned(client.PlannedRole, "sso-admin") {
		t.Fatal("a new client has a planned role")
	}
	var wg sync.WaitGroup
	for _, name := range []string{"sso-admin", "sso-ops", "sso-read"} {
		wg.Go(func() { c.NotePlanned(client.PlannedRole, name) })
	}
	wg.Wait()
	c.NotePlanned(client.PlannedSAMLProvider, "idaas")

	tests := map[string]struct {
		kind, name string
		want       bool
	}{
		"a noted role":                     {client.PlannedRole, "sso-ops", true},
		"a noted role in another case":     {client.PlannedRole, "SSO-Admin", true},
		"a role not noted":                 {client.PlannedRole, "sso-audit", false},
		"a noted SAML provider":            {client.PlannedSAMLProvider, "IDAAS", true},
		"a role's name as a SAML provider": {client.PlannedSAMLProvider, "sso-admin", false},
		"a SAML provider's name as a role": {client.PlannedRole, "idaas", false},
		"a name that only shares a prefix": {client.PlannedRole, "sso", false},
	}
	for name, tt := range tests {
		if got := c.IsPlanned(tt.kind, tt.name); got != tt.want {
			t.Errorf("%s: IsPlanned(%q, %q) = %t, want %t", name, tt.kind, tt.name, got, tt.want)
		}
	}
	if newClient().IsPlanned(client.PlannedRole, "sso-admin") {
		t.Error("another client (another run) sees the objects of the first")
	}
}
