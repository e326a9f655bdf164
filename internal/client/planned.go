// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"strings"
	"sync"
)

// Kinds of objects a plan can note.
const (
	PlannedRole         = "RAM role"
	PlannedSAMLProvider = "RAM SAML provider"
)

// plannedObjects are the RAM objects that resources planned in this run of
// the provider (one Terraform plan or apply: Terraform configures the
// provider again for each). Live plan-time checks use them so as not to
// warn of a missing object that the same plan creates.
//
// Terraform plans a resource only after the resources it refers to, so an
// object wired by reference (saml_provider_names =
// [idaas_ram_saml_provider.idaas.name]) is noted before the resource that
// looks for it. Without a reference the order is not defined, and a check
// may run first: its warning then says to wire the objects by reference,
// which also makes Terraform create them in the right order.
type plannedObjects struct {
	mu    sync.Mutex
	names map[string]bool
}

// plannedKey is kind and name, the name folded to lower case: RAM compares
// role and SAML provider names without regard to case.
func plannedKey(kind, name string) string {
	return kind + "\x00" + strings.ToLower(name)
}

// NotePlanned records that a resource of this run plans the object of the
// kind (PlannedRole or PlannedSAMLProvider) and name in the client's
// account.
func (c *Client) NotePlanned(kind, name string) {
	c.planned.mu.Lock()
	defer c.planned.mu.Unlock()
	if c.planned.names == nil {
		c.planned.names = map[string]bool{}
	}
	c.planned.names[plannedKey(kind, name)] = true
}

// IsPlanned reports whether a resource of this run noted the object with
// NotePlanned.
func (c *Client) IsPlanned(kind, name string) bool {
	c.planned.mu.Lock()
	defer c.planned.mu.Unlock()
	return c.planned.names[plannedKey(kind, name)]
}
