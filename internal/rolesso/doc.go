// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package rolesso holds the domain rules of Alibaba Cloud role-based SSO
// from IDaaS to RAM: the sites and their service-provider facts, the
// marketplace templates, the naming rules, ARNs, the SAML Role attribute,
// RAM trust policies and SAML IdP metadata.
//
// Every rule lives here once. The provider's validators, import parsers,
// error messages and documentation, and the emulator, all use this package,
// so a rule cannot drift between them. The package is pure Go: it imports
// no SDK and no Terraform framework.
package rolesso
