// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package testhooks holds the switches that only tests set. The provider
// never sets them; a user cannot reach them.
package testhooks

import "sync/atomic"

// SkipNameChecks, when set by a test, skips every validate- and plan-time
// naming and link check, so that a configuration the checks would reject
// can be applied to the emulator and its sign-in outcome observed; only
// tests set it.
//
// The checks that consult it: the name-rule validators (RAM role names,
// application account names, SAML provider and IdP names, account IDs),
// the linked checks between an application account, its application and
// its role, between a SAML provider and its application, and between a
// role and its applications, and the live checks of plan. A test that sets
// it runs in its own package (its own test binary) and never in parallel
// with tests that expect the checks.
var SkipNameChecks atomic.Bool

// NameChecksOn reports whether naming and link checks run: they do unless
// a test set SkipNameChecks.
func NameChecksOn() bool { return !SkipNameChecks.Load() }
