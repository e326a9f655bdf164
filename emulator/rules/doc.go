// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package rules holds the rules of the Alibaba Cloud services as the
// emulator enforces them: name limits, ARNs, the Role attribute of a SAML
// assertion, and RAM policy documents with the one trust evaluator of all
// three AssumeRole* actions.
//
// They are written from the API facts (FACTS.md at the repository root),
// on purpose independently of the provider's own rules in
// internal/rolesso: when the two agree only because they run the same
// code, no test can find a wrong rule. The provider's tests feed both the
// same cases and list every deliberate difference.
package rules
