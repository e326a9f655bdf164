// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package idaas holds the resources and data sources of the IDaaS side of
// role-based SSO (Eiam 2021-12-01): the instance, the role-based SSO
// application, its application accounts and authorization, and users.
package idaas
