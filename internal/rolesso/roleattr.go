// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"fmt"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// SAML attribute names of role-based SSO (FACTS.md, "SAML assertion").
const (
	RoleAttributeName            = facts.RoleAttributeName
	RoleSessionNameAttributeName = facts.RoleSessionNameAttributeName
	SessionDurationAttributeName = facts.SessionDurationAttributeName
)

// ExampleRoleAttribute is a valid Role attribute value, for errors and docs.
const ExampleRoleAttribute = ExampleRoleARN + "," + ExampleSAMLProviderARN

// RoleAttribute is one value of the SAML Role attribute: the role a user may
// assume and the SAML provider that vouches for the user.
type RoleAttribute struct {
	Role         ARN
	SAMLProvider ARN
}

// NewRoleAttribute returns the Role attribute value that IDaaS sends for an
// application account named roleName, in an application whose account ID
// and IdP name are accountID and idpName. It checks every part.
func NewRoleAttribute(accountID, roleName, idpName string) (RoleAttribute, error) {
	if err := ValidateAccountID(accountID); err != nil {
		return RoleAttribute{}, err
	}
	if err := ValidateRoleName(roleName); err != nil {
		return RoleAttribute{}, err
	}
	if err := ValidateIdPName(idpName); err != nil {
		return RoleAttribute{}, err
	}
	return RoleAttribute{
		Role:         ARN{AccountID: accountID, ResourceType: ResourceTypeRole, Name: roleName},
		SAMLProvider: ARN{AccountID: accountID, ResourceType: ResourceTypeSAMLProvider, Name: idpName},
	}, nil
}

// String returns the wire form "<role ARN>,<SAML provider ARN>".
func (r RoleAttribute) String() string {
	return r.Role.String() + "," + r.SAMLProvider.String()
}

// Matches reports whether r names the given role and SAML provider, with
// names compared as RAM compares them.
func (r RoleAttribute) Matches(role, samlProvider ARN) bool {
	return r.Role.Equal(role) && r.SAMLProvider.Equal(samlProvider)
}

// ParseRoleAttribute parses a Role attribute value. The docs give exactly
// one form, the role ARN, a comma, then the SAML provider ARN, and say
// nothing of the reverse order, so the parser accepts only that form; a
// reversed value gets an error that says to swap the parts. The two ARNs
// may name different accounts; whether that signs in is for the trust
// policy and STS to decide.
func ParseRoleAttribute(s string) (RoleAttribute, error) {
	fail := func(format string, args ...any) (RoleAttribute, error) {
		return RoleAttribute{}, fmt.Errorf("invalid Role attribute value %q: %s. A Role attribute value is the role ARN, a comma and the SAML provider ARN, with no spaces, for example %q.", s, fmt.Sprintf(format, args...), ExampleRoleAttribute)
	}
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return fail("it has %d comma-separated parts, not 2", len(parts))
	}
	if strings.TrimSpace(parts[0]) != parts[0] || strings.TrimSpace(parts[1]) != parts[1] {
		return fail("it has spaces around a part")
	}
	first, err1 := ParseARN(parts[0])
	second, err2 := ParseARN(parts[1])
	if err1 == nil && err2 == nil && first.ResourceType == ResourceTypeSAMLProvider && second.ResourceType == ResourceTypeRole {
		return fail("the SAML provider ARN comes first; swap the two ARNs")
	}
	role, err := ParseRoleARN(parts[0])
	if err != nil {
		return fail("the first part: %s", strings.TrimSuffix(err.Error(), "."))
	}
	provider, err := ParseSAMLProviderARN(parts[1])
	if err != nil {
		return fail("the second part: %s", strings.TrimSuffix(err.Error(), "."))
	}
	return RoleAttribute{Role: role, SAMLProvider: provider}, nil
}
