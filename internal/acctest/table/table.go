// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package table runs the cases of a table-driven test: the test and each
// case, in a subtest named by its key, run in parallel.
//
//	type testCase struct{ in, want string }
//	table.Run(t, map[string]testCase{
//		"empty": {in: "", want: ""},
//	}, func(t *testing.T, tc testCase) {
//		if got := f(tc.in); got != tc.want {
//			t.Errorf("f(%q) = %q, want %q", tc.in, got, tc.want)
//		}
//	})
package table

import "testing"

// Run marks t parallel and runs check on each of cases in a parallel
// subtest named by the case's key. A test that calls Run does not call
// t.Parallel itself.
func Run[C any](t *testing.T, cases map[string]C, check func(t *testing.T, tc C)) {
	t.Helper()
	t.Parallel()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			check(t, tc)
		})
	}
}
