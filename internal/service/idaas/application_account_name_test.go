// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

func TestApplicationAccountNameValidator(t *testing.T) {
	at := path.Root("account_name")
	invalid := func(detail string) diag.Diagnostics {
		return diag.Diagnostics{diag.NewAttributeErrorDiagnostic(at, "Invalid application account name", detail)}
	}
	type testCase struct {
		value types.String
		want  diag.Diagnostics
	}
	tests := map[string]testCase{
		"a role name":       {value: types.StringValue("sso-admin")},
		"dots and digits":   {value: types.StringValue("ops.v2")},
		"64 characters":     {value: types.StringValue(strings.Repeat("a", 64))},
		"null: not checked": {value: types.StringNull()},
		"unknown: not checked, it comes from another resource": {value: types.StringUnknown()},
		"underscore: IDaaS takes it, RAM never": {
			value: types.StringValue("sso_admin"),
			want: invalid(`The account name "sso_admin" is invalid: it contains '_' at position 4; IDaaS may accept it, ` +
				`but no RAM role can have this name, so this account can never sign in.` + "\n\n" +
				rolesso.ApplicationAccountNameRule + "\n" + rolesso.RoleNameRule + "\n\n" +
				`For example "sso-admin". Rename the RAM role to match.`),
		},
		"too long": {
			value: types.StringValue(strings.Repeat("a", 65)),
			want: invalid(`The account name "` + strings.Repeat("a", 65) + `" is invalid: it has 65 characters, more than 64.` + "\n\n" +
				rolesso.ApplicationAccountNameRule + "\n" + rolesso.RoleNameRule + "\n\n" +
				`For example "` + strings.Repeat("a", 64) + `". Rename the RAM role to match.`),
		},
		"empty": {
			value: types.StringValue(""),
			want: invalid(`The account name "" is invalid: it is empty.` + "\n\n" +
				rolesso.ApplicationAccountNameRule + "\n" + rolesso.RoleNameRule + "\n\n" +
				`Choose a name that satisfies the rule. Rename the RAM role to match.`),
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if diff := cmp.Diff(tt.want, validateString(idaas.ApplicationAccountNameValidator, at, tt.value)); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	})
}
