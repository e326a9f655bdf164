// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// What the resources and data sources of IDaaS objects share.

// eiamTime turns an EIAM time, Unix epoch milliseconds, into RFC 3339 UTC;
// 0 (not known) is null.
func eiamTime(ms int64) types.String {
	if ms == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}

// eiamTimeDescription describes a time attribute.
const eiamTimeDescription = "in RFC 3339 UTC, e.g. `2026-01-02T03:04:05Z`"
