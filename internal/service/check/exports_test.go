// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check

// Exports for the tests of package check_test.
type (
	Finding    = finding
	CheckInput = checkInput
	Chain      = chain
)

var (
	Findings = findings
	OK       = ok
)
