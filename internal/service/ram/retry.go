// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
)

// The retry policies of this package.

// roleRetry paces the eventual-consistency retries of roles and their
// attachments (a new SAML provider that RAM does not yet accept in a trust
// policy, a new role that reads do not yet see): 1s, 2s, 4s, then 8s
// between tries.
var roleRetry = retry.Policy{First: time.Second, Max: 8 * time.Second}

// samlProviderReadRetry paces reads of a new SAML provider that reads do
// not yet see: 0.5s, 1s, 2s, then up to 8s between tries.
var samlProviderReadRetry = retry.Policy{First: 500 * time.Millisecond, Max: 8 * time.Second}
