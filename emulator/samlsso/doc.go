// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package samlsso is the SAML side of the emulator's role-based SSO: the
// IdP that an IDaaS application is (a signing key, its metadata and signed
// IdP-initiated responses) and the service provider check that Sts
// AssumeRoleWithSAML performs on a response.
//
// XML signatures use github.com/russellhaering/goxmldsig with
// RSA-SHA256 and exclusive canonicalization. The verifier reads every value
// from the element that the signature covers, never from the document as
// received, which defeats signature-wrapping attacks.
package samlsso
