// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rules

import (
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// ARN is a RAM ARN, acs:ram::<account>:<type>/<name> (FACTS.md, "ARNs").
type ARN struct {
	AccountID string
	Type      string
	Name      string
}

// String writes the ARN.
func (a ARN) String() string {
	return facts.ARNPrefix + a.AccountID + ":" + a.Type + "/" + a.Name
}

// RoleARN is the ARN of a RAM role.
func RoleARN(accountID, name string) string {
	return ARN{AccountID: accountID, Type: facts.ResourceTypeRole, Name: name}.String()
}

// SAMLProviderARN is the ARN of a SAML provider.
func SAMLProviderARN(accountID, name string) string {
	return ARN{AccountID: accountID, Type: facts.ResourceTypeSAMLProvider, Name: name}.String()
}

// ParseARN parses an ARN of the given resource type. The prefix and the
// type are exact; the account is 16 digits and the name is not empty. The
// name is not checked against the naming rule: the object it names must
// exist, and lookups decide.
func ParseARN(s, resourceType string) (ARN, bool) {
	rest, ok := strings.CutPrefix(s, facts.ARNPrefix)
	if !ok {
		return ARN{}, false
	}
	account, resource, ok := strings.Cut(rest, ":")
	if !ok || !AccountID(account) {
		return ARN{}, false
	}
	typ, name, ok := strings.Cut(resource, "/")
	if !ok || typ != resourceType || name == "" || strings.Contains(name, "/") {
		return ARN{}, false
	}
	return ARN{AccountID: account, Type: typ, Name: name}, true
}

// Same reports whether a and b name the same object: same account and
// type, names compared as RAM compares them.
func (a ARN) Same(b ARN) bool {
	return a.AccountID == b.AccountID && a.Type == b.Type && SameName(a.Name, b.Name)
}

// RoleAttribute is one value of the SAML Role attribute,
// "<role ARN>,<SAML provider ARN>" (FACTS.md, "SAML assertion").
type RoleAttribute struct {
	Role, SAMLProvider ARN
}

// ParseRoleAttribute parses a Role attribute value: exactly the role ARN,
// a comma and the SAML provider ARN, as the RAM docs write it. Whether
// RAM accepts spaces or the reverse order is UNCONFIRMED; the emulator
// refuses both.
func ParseRoleAttribute(v string) (RoleAttribute, bool) {
	role, provider, ok := strings.Cut(v, ",")
	if !ok {
		return RoleAttribute{}, false
	}
	r, ok1 := ParseARN(role, facts.ResourceTypeRole)
	p, ok2 := ParseARN(provider, facts.ResourceTypeSAMLProvider)
	if !ok1 || !ok2 {
		return RoleAttribute{}, false
	}
	return RoleAttribute{Role: r, SAMLProvider: p}, true
}
