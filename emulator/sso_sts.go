// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"fmt"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// Sts AssumeRoleWithSAML (FACTS.md, "STS"): the SP half of the emulated
// sign-in. Anonymous: the SAML response is the credential. The checks, in
// order, each with its own code (errors.go):
//
//  1. SAMLProviderArn, RoleArn and SAMLAssertion are present; the
//     assertion has 4 to 100,000 characters; Policy is valid.
//  2. The SAML provider exists in the account (names compare as RAM
//     compares them) and is past its consistency delay.
//  3. SAMLAssertion is the Base64 of a SAML Response that
//     samlsso.VerifyResponse accepts with the provider's metadata: signed
//     with one of its certificates, Issuer equal to its entityID, audience
//     and recipient of one site, inside its validity window.
//  4. A Role attribute value names the requested RoleArn and
//     SAMLProviderArn.
//  5. The role exists; DurationSeconds is 900 to its MaxSessionDuration.
//  6. The role's trust policy allows the provider as a Federated
//     principal, with the response's recipient as saml:recipient, judged by
//     the evaluator all AssumeRole* actions share (rules.Policy.Allows).
//
// Whether STS refuses a response it has seen before is UNCONFIRMED; the
// emulator does not check replays.

// SAMLAssertion has 4 to 100,000 characters (the STS SDK reference).
const (
	minSAMLAssertionLength = 4
	maxSAMLAssertionLength = 100000
)

func (s *Server) stsAssumeRoleWithSAML(c *call) (obj, error) {
	providerARN := c.required("SAMLProviderArn")
	roleARN := c.required("RoleArn")
	encoded := c.required("SAMLAssertion")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if n := len(encoded); n < minSAMLAssertionLength || n > maxSAMLAssertionLength {
		return nil, errSAMLAssertionParam(fmt.Sprintf("it has %d characters, not 4 to 100,000", n))
	}
	if err := checkSessionPolicy(c); err != nil {
		return nil, err
	}
	provider, ok := rules.ParseARN(providerARN, facts.ResourceTypeSAMLProvider)
	if !ok {
		return nil, errSAMLProviderArn(providerARN)
	}
	p := s.ims().samlProvider(provider.Name)
	if provider.AccountID != s.accountID || p == nil || !s.visible(consistencySAMLProvider, p.CreateDate, c.now) {
		return nil, errSAMLProviderNotExist()
	}
	metadata, err := decodeSAMLMetadata(p.EncodedSAMLMetadataDocument)
	if err != nil {
		return nil, errSAMLVerify(fmt.Errorf("%w: the metadata of SAML provider %s cannot be read: %v", samlsso.ErrSignature, p.SAMLProviderName, err))
	}
	raw, err := base64.StdEncoding.DecodeString(stripSpace(encoded))
	if err != nil {
		return nil, errSAMLAssertionParam("it is not Base64")
	}
	assertion, err := samlsso.VerifyResponse(raw, samlsso.VerifyParams{Metadata: metadata, Now: c.now})
	if err != nil {
		return nil, errSAMLVerify(err)
	}
	role, ok := rules.ParseARN(roleARN, facts.ResourceTypeRole)
	if !ok {
		return nil, errSTSRoleArn(roleARN)
	}
	if !assertion.HasRole(role, provider) {
		return nil, errSAMLRoleNotMatch(roleARN, providerARN, assertion.Roles)
	}
	req := rules.Request{
		PrincipalType: rules.PrincipalFederated,
		Principals:    []string{providerARN},
		Context:       map[string][]string{"saml:recipient": {assertion.Recipient}},
	}
	out, err := s.assume(c, roleARN, req, assertion.RoleSessionName, stsAssumedRoleARN, "SAML provider "+p.SAMLProviderName+" with saml:recipient "+quote(assertion.Recipient))
	if err != nil {
		return nil, err
	}
	out["SAMLAssertionInfo"] = obj{
		"SubjectType": assertion.SubjectFormat,
		"Subject":     assertion.Subject,
		"Recipient":   assertion.Recipient,
		"Issuer":      assertion.Issuer,
	}
	return out, nil
}

// decodeSAMLMetadata reads a stored EncodedSAMLMetadataDocument.
func decodeSAMLMetadata(encoded string) (*samlsso.Metadata, error) {
	raw, err := base64.StdEncoding.DecodeString(stripSpace(encoded))
	if err != nil {
		return nil, err
	}
	return samlsso.ParseMetadata(raw)
}
