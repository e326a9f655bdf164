// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

func TestParseApplicationAccountImportID(t *testing.T) {
	formats := `Give "<instance_id>/<application_id>/<application_account_id>" ` +
		`(for example "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/aac_m6z7awz5kresi2ezgajsbkxxxx") or ` +
		`"<instance_id>/<application_id>/<user_id>/<account_name>" ` +
		`(for example "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/user_d6sbsuumeta4h66ec3il7yxxxx/sso-admin"), ` +
		`the parts separated by "/"`
	type testCase struct {
		id      string
		want    idaas.ApplicationAccountImportIDParts
		wantErr string
	}
	tests := map[string]testCase{
		"by account ID": {
			id:   "idaas_i/app_a/aac_1",
			want: idaas.ApplicationAccountImportIDParts{InstanceID: "idaas_i", ApplicationID: "app_a", AccountID: "aac_1"},
		},
		"by user and name": {
			id:   "idaas_i/app_a/user_u/sso-admin",
			want: idaas.ApplicationAccountImportIDParts{InstanceID: "idaas_i", ApplicationID: "app_a", UserID: "user_u", AccountName: "sso-admin"},
		},
		"an account name IDaaS accepts but RAM does not is still found": {
			id:   "idaas_i/app_a/user_u/sso_admin",
			want: idaas.ApplicationAccountImportIDParts{InstanceID: "idaas_i", ApplicationID: "app_a", UserID: "user_u", AccountName: "sso_admin"},
		},
		"too few parts": {
			id:      "idaas_i/app_a",
			wantErr: `invalid import ID "idaas_i/app_a": it has 2 parts separated by "/". ` + formats,
		},
		"too many parts": {
			id:      "idaas_i/app_a/user_u/sso/admin",
			wantErr: `invalid import ID "idaas_i/app_a/user_u/sso/admin": it has 5 parts separated by "/". ` + formats,
		},
		"empty": {
			id:      "",
			wantErr: `invalid import ID "": it is empty. ` + formats,
		},
		"one part": {
			id:      "aac_1",
			wantErr: `invalid import ID "aac_1": it has no "/". ` + formats,
		},
		"an empty part": {
			id:      "idaas_i//aac_1",
			wantErr: `invalid import ID "idaas_i//aac_1": part 2 (application_id) is empty. ` + formats,
		},
		"an empty name": {
			id:      "idaas_i/app_a/user_u/",
			wantErr: `invalid import ID "idaas_i/app_a/user_u/": part 4 (account_name) is empty. ` + formats,
		},
		"spaces around a part": {
			id:      "idaas_i/ app_a/aac_1",
			wantErr: `invalid import ID "idaas_i/ app_a/aac_1": part 2 (application_id) has leading or trailing spaces. ` + formats,
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, err := idaas.ParseApplicationAccountImportID(tt.id)
		if wanterr.Exact(t, err, tt.wantErr) {
			return
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parsed (-want +got):\n%s", diff)
		}
	})
}

// TestApplicationAccountImportExamples: the example of each format parses
// as that format.
func TestApplicationAccountImportExamples(t *testing.T) {
	t.Parallel()
	for i, f := range idaas.ApplicationAccountImportFormats {
		got, err := idaas.ParseApplicationAccountImportID(f.Example)
		if err != nil {
			t.Fatalf("example of %s: %v", f.Format, err)
		}
		if byID := got.AccountID != ""; byID != (i == 0) {
			t.Errorf("example of %s parsed as %+v", f.Format, got)
		}
	}
}

// FuzzParseApplicationAccountImportID: any input is either parsed into
// non-empty, untrimmed parts that join back to it, or rejected with an
// error that names both formats.
func FuzzParseApplicationAccountImportID(f *testing.F) {
	for _, seed := range []string{"", "/", "a/b/c", "a/b/c/d", "a//c", " a/b/c", "a/b/c/d/e", "idaas_i/app_a/user_u/sso-admin"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		got, err := idaas.ParseApplicationAccountImportID(id)
		if err != nil {
			for _, format := range idaas.ApplicationAccountImportFormats {
				if !strings.Contains(err.Error(), format.Format) {
					t.Fatalf("error %q does not name the format %s", err, format.Format)
				}
			}
			return
		}
		parts := []string{got.InstanceID, got.ApplicationID, got.AccountID}
		if got.AccountID == "" {
			parts = []string{got.InstanceID, got.ApplicationID, got.UserID, got.AccountName}
		}
		for _, p := range parts {
			if p == "" || strings.TrimSpace(p) != p || strings.Contains(p, "/") {
				t.Fatalf("%q parsed into a bad part %q: %+v", id, p, got)
			}
		}
		if joined := strings.Join(parts, "/"); joined != id {
			t.Fatalf("%q parsed into %+v, which joins to %q", id, got, joined)
		}
	})
}
