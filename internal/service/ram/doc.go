// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package ram holds the resources and data sources of the RAM side of
// role-based SSO: SAML providers (Ims 2019-08-15), roles that trust them
// and the roles' policy attachments (Ram 2015-05-01). Every naming and
// trust-policy rule comes from internal/rolesso.
package ram
