// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package provider

// EnvVars exposes the environment variables of each argument.
var EnvVars = envVars
