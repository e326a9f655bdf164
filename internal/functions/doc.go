// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package functions holds the provider-defined functions. Each is a thin
// wrapper over internal/rolesso: the parameters check their arguments with
// rolesso's rules, and Run returns what rolesso computes. Functions need no
// credentials and call no API.
package functions
