// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

func TestCloseUsernames(t *testing.T) {
	users := func(names ...string) []client.User {
		var out []client.User
		for _, n := range names {
			out = append(out, client.User{Username: n})
		}
		return out
	}
	type testCase struct {
		username string
		users    []client.User
		want     []string
	}
	tests := map[string]testCase{
		"case differs":           {username: "Alice", users: users("alice", "bob"), want: []string{`"alice"`}},
		"a typo":                 {username: "alcie", users: users("alice", "alan"), want: []string{`"alice"`}},
		"longer names by prefix": {username: "ali", users: users("alice.smith", "alice", "bob"), want: []string{`"alice"`, `"alice.smith"`}},
		"closest first":          {username: "carl", users: users("carlos.x", "karla", "carol"), want: []string{`"carol"`, `"karla"`, `"carlos.x"`}},
		"nothing close":          {username: "zed", users: users("alice", "bob")},
		"at most five": {
			username: "u", users: users("u1", "u2", "u3", "u4", "u5", "u6", "u7"),
			want: []string{`"u1"`, `"u2"`, `"u3"`, `"u4"`, `"u5"`},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if diff := cmp.Diff(tt.want, idaas.CloseUsernames(tt.username, tt.users)); diff != "" {
			t.Errorf("close usernames (-want +got):\n%s", diff)
		}
	})
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"alice", "alice", 0}, {"", "abc", 3}, {"alice", "alcie", 2}, {"kitten", "sitting", 3}, {"zoë", "zoe", 1},
	} {
		if got := idaas.EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := idaas.EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}
