// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package importid_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
)

var (
	byID = importid.Format{
		Sep:     "/",
		Parts:   []importid.Part{{Name: "instance_id"}, {Name: "object_id", Check: noDigits}},
		Example: "i/o",
		Check: func(parts []string) string {
			if parts[0] == parts[1] {
				return "the two IDs are the same"
			}
			return ""
		},
	}
	byName = importid.Format{
		Sep:     "/",
		Parts:   []importid.Part{{Name: "instance_id"}, {Name: "user_id"}, {Name: "name"}},
		Example: "i/u/n",
	}
	withRest = importid.Format{
		Sep:           ":",
		Parts:         []importid.Part{{Name: "role"}, {Name: "policy"}},
		Example:       "r:p",
		LastTakesRest: true,
	}
)

func noDigits(v string) string {
	if strings.ContainsAny(v, "0123456789") {
		return "contains a digit"
	}
	return ""
}

const twoFormats = `Give "<instance_id>/<object_id>" (for example "i/o") or "<instance_id>/<user_id>/<name>" (for example "i/u/n"), the parts separated by "/"`

func TestParse(t *testing.T) {
	type testCase struct {
		id         string
		formats    []importid.Format
		wantFormat int
		wantParts  []string
		wantErr    string
	}
	tests := map[string]testCase{
		"first format":  {id: "i/o", formats: []importid.Format{byID, byName}, wantParts: []string{"i", "o"}},
		"second format": {id: "i/u/n", formats: []importid.Format{byID, byName}, wantFormat: 1, wantParts: []string{"i", "u", "n"}},
		"empty":         {id: "", formats: []importid.Format{byID, byName}, wantErr: `invalid import ID "": it is empty. ` + twoFormats},
		"no separator":  {id: "o", formats: []importid.Format{byID, byName}, wantErr: `invalid import ID "o": it has no "/". ` + twoFormats},
		"too many":      {id: "a/b/c/d", formats: []importid.Format{byID, byName}, wantErr: `invalid import ID "a/b/c/d": it has 4 parts separated by "/". ` + twoFormats},
		"every wrong part is named": {
			id: "/ u/", formats: []importid.Format{byID, byName},
			wantErr: `invalid import ID "/ u/": part 1 (instance_id) is empty; part 2 (user_id) has leading or trailing spaces; part 3 (name) is empty. ` + twoFormats,
		},
		"a part's own check": {
			id: "i/o1", formats: []importid.Format{byID, byName},
			wantErr: `invalid import ID "i/o1": part 2 (object_id) contains a digit. ` + twoFormats,
		},
		"the format's check": {
			id: "x/x", formats: []importid.Format{byID, byName},
			wantErr: `invalid import ID "x/x": the two IDs are the same. ` + twoFormats,
		},
		"last part takes the rest": {id: "r:p:q", formats: []importid.Format{withRest}, wantParts: []string{"r", "p:q"}},
		"too few with the rest": {
			id: "r", formats: []importid.Format{withRest},
			wantErr: `invalid import ID "r": it has no ":". Give "<role>:<policy>" (for example "r:p"), the parts separated by ":"`,
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		format, parts, err := importid.Parse(tt.id, tt.formats...)
		if wanterr.Exact(t, err, tt.wantErr) {
			return
		}
		if format != tt.wantFormat {
			t.Errorf("format = %d, want %d", format, tt.wantFormat)
		}
		if diff := cmp.Diff(tt.wantParts, parts); diff != "" {
			t.Errorf("parts (-want +got):\n%s", diff)
		}
	})
}

func TestFormatStringAndJoin(t *testing.T) {
	t.Parallel()
	if got, want := byName.String(), "<instance_id>/<user_id>/<name>"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := byName.Join("i", "u", "n"), "i/u/n"; got != want {
		t.Errorf("Join() = %q, want %q", got, want)
	}
}

// FuzzParse: any input is either parsed into non-empty, untrimmed parts
// that join back to it, or rejected with an error that names every format
// and its example.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "/", "i/o", "i/u/n", "a//c", " a/b", "a/b/c/d", "x/x", "i/o1", "\xff/\x00"} {
		f.Add(seed)
	}
	formats := []importid.Format{byID, byName}
	f.Fuzz(func(t *testing.T, id string) {
		n, parts, err := importid.Parse(id, formats...)
		if err != nil {
			for _, format := range formats {
				if !strings.Contains(err.Error(), format.String()) || !strings.Contains(err.Error(), format.Example) {
					t.Fatalf("error %q does not give the format %s with its example", err, format)
				}
			}
			return
		}
		if len(parts) != len(formats[n].Parts) {
			t.Fatalf("%q parsed as format %d into %d parts", id, n, len(parts))
		}
		for _, p := range parts {
			if p == "" || strings.TrimSpace(p) != p {
				t.Fatalf("%q parsed into a bad part %q", id, p)
			}
		}
		if joined := formats[n].Join(parts...); joined != id {
			t.Fatalf("%q parsed into %q, which joins to %q", id, parts, joined)
		}
	})
}
