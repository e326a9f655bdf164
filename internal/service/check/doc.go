// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package check holds the idaas_role_sso_check data source: it reads the
// live chain of a role-based SSO application, from IDaaS to RAM, and
// reports what would break sign-in, for check blocks in CI. The checks use
// the rules of internal/rolesso; the reads are those of internal/client.
package check
