// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Small helpers of values and text that the provider, its resources and
// its data sources share.

// IsKnown reports whether v is neither null nor unknown.
func IsKnown(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// StringOrNull is s, or null when s is empty: the APIs answer "" for a
// value that was never set.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// UpperFirst returns s with its first letter in upper case, to start a
// sentence with a name such as "this RAM role".
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// OrList joins values as "A, B or C", each between quote marks q, e.g.
// "`a`, `b` or `c`" for descriptions with q "`".
func OrList(values []string, q string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = q + v + q
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
