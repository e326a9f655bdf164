// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package crosscheck holds only tests: it proves that the name-matching
// checks at validate, plan and apply tell the truth about sign-in.
//
//   - The matrix makes one configuration fail per check, asserting the
//     diagnostic, the phase it appears at (validate, which never configures
//     the provider, or plan) and, through the emulator's request log, that
//     nothing was written. Configurations that pass (wired by reference,
//     with literals, and split in two) are applied and signed in to.
//   - The property test generates many small configurations and, for each,
//     compares the verdict of the checks at plan with the outcome of an
//     emulated sign-in after applying the configuration with the checks
//     bypassed (provider.WithoutNameChecks).
//
// The property test applies through a second in-process server of the
// provider, put together WithoutNameChecks; every other call reaches a
// server with its checks.
package crosscheck
