// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
)

// The retry policies of this package.

// eiamRetry paces the eventual-consistency retries of IDaaS objects (a new
// application or account that IDaaS does not show yet): 0.5s, 1s, 2s, 4s,
// then 5s between tries.
var eiamRetry = retry.Policy{First: 500 * time.Millisecond, Max: 5 * time.Second}
