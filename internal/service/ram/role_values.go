// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Conversions between API values and framework values used by the role
// resources and data sources.

// stringsOfSet returns the known string elements of a set; nil for a null
// or unknown set.
func stringsOfSet(ctx context.Context, s types.Set) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	_ = s.ElementsAs(ctx, &out, true) // A set of strings always converts.
	return out
}

// setHasUnknown reports whether a set has an unknown element.
func setHasUnknown(s types.Set) bool {
	for _, e := range s.Elements() {
		if e.IsUnknown() {
			return true
		}
	}
	return false
}

// setOfStringsOrNull is a set of the strings, or null when there are none.
func setOfStringsOrNull(ctx context.Context, values []string, diags *diag.Diagnostics) types.Set {
	if len(values) == 0 {
		return types.SetNull(types.StringType)
	}
	s, d := types.SetValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return s
}

// siteNameOrNull is the site's name, or null for no site.
func siteNameOrNull(site *rolesso.Site) types.String {
	if site == nil {
		return types.StringNull()
	}
	return types.StringValue(site.Name)
}

// quotedList writes values as "a", "b".
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted, ", ")
}

// markdownRule writes a rule sentence of rolesso for docs, with its quoted
// characters as code.
func markdownRule(rule string) string {
	return strings.NewReplacer(`"."`, "`.`", `"-"`, "`-`", `"_"`, "`_`").Replace(rule)
}
