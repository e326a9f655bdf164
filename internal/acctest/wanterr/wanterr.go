// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package wanterr checks the error of one case of a table-driven test
// against the error the case wants: none when it wants "", else one whose
// message matches. Each check reports whether an error was wanted, after
// which the case has nothing left to check:
//
//	got, err := parse(tc.in)
//	if wanterr.Prefix(t, err, tc.wantErr) {
//		return
//	}
package wanterr

import (
	"strings"
	"testing"
)

// Contains wants an error whose message contains want.
func Contains(t testing.TB, err error, want string) bool {
	t.Helper()
	return check(t, err, want, strings.Contains, "one containing")
}

// Prefix wants an error whose message starts with want.
func Prefix(t testing.TB, err error, want string) bool {
	t.Helper()
	return check(t, err, want, strings.HasPrefix, "prefix")
}

// Exact wants an error whose message is want.
func Exact(t testing.TB, err error, want string) bool {
	t.Helper()
	return check(t, err, want, func(msg, want string) bool { return msg == want }, "exactly")
}

// ContainsAll wants an error whose message contains each of phrases, or
// none when there are no phrases. It reports every phrase that is missing.
func ContainsAll(t testing.TB, err error, phrases ...string) bool {
	t.Helper()
	if len(phrases) == 0 {
		if err != nil {
			t.Fatal(err)
		}
		return false
	}
	if err == nil {
		t.Fatalf("error = nil, want one containing %q", phrases)
	}
	for _, phrase := range phrases {
		if !strings.Contains(err.Error(), phrase) {
			t.Errorf("error %q lacks %q", err, phrase)
		}
	}
	return true
}

func check(t testing.TB, err error, want string, matches func(msg, want string) bool, how string) bool {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatal(err)
		}
		return false
	}
	if err == nil || !matches(err.Error(), want) {
		t.Fatalf("error = %v, want %s %q", err, how, want)
	}
	return true
}
