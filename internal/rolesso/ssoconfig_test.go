// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

func TestValidateSessionDuration(t *testing.T) {
	t.Parallel()
	tests := map[int64]bool{
		0: false, 899: false, 900: true, 3600: true, 43200: true, 43201: false, -900: false,
	}
	for seconds, valid := range tests {
		err := rolesso.ValidateSessionDuration(seconds)
		if (err == nil) != valid {
			t.Errorf("ValidateSessionDuration(%d) = %v, want valid %v", seconds, err, valid)
		}
		if err != nil && err.Error() != fmt.Sprintf("invalid session duration %d: ", seconds)+rolesso.SessionDurationRule {
			t.Errorf("ValidateSessionDuration(%d) = %q, want the rule", seconds, err)
		}
	}
}

func TestSessionDurationExpression(t *testing.T) {
	t.Parallel()
	if got := rolesso.SessionDurationExpression(3600); got != `"3600"` {
		t.Errorf("SessionDurationExpression(3600) = %s, want \"3600\" in quotes", got)
	}
	for _, seconds := range []int64{rolesso.SessionDurationMin, 3600, rolesso.SessionDurationMax} {
		got, ok := rolesso.ParseSessionDurationExpression(rolesso.SessionDurationExpression(seconds))
		if !ok || got != seconds {
			t.Errorf("round trip of %d = %d, %v", seconds, got, ok)
		}
	}
	for _, expr := range []string{"user.username", "3600", `"one hour"`, `""`, ""} {
		if got, ok := rolesso.ParseSessionDurationExpression(expr); ok {
			t.Errorf("ParseSessionDurationExpression(%q) = %d, want not ok", expr, got)
		}
	}
}

func TestNameIDFormats(t *testing.T) {
	t.Parallel()
	formats := rolesso.NameIDFormats()
	if len(formats) != 4 || !slices.Contains(formats, rolesso.DefaultNameIDFormat) {
		t.Errorf("NameIDFormats() = %q, want the four formats including the default", formats)
	}
}
