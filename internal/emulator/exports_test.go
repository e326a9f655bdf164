// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

// Exports for the external tests.
var (
	V1StringToSign = v1StringToSign
	V1Sign         = v1Sign
)
