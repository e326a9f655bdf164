// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rules

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// NameProblem is why a name breaks a rule, as the services tell the two
// apart in their error codes (InvalidParameter.<Param>.Length and
// .InvalidChars).
type NameProblem int

// The problems a name can have.
const (
	NameOK NameProblem = iota
	NameLength
	NameChars
)

// RAM role names: 1 to 64 characters of letters, digits, "." and "-" (the
// CreateRole reference; FACTS.md, "Names"). The 2021 docs also allowed
// "@"; the current ones do not.
var roleNameChars = regexp.MustCompile(`^[A-Za-z0-9.-]*$`)

// RoleNameMaxLength is the longest RAM role name.
const RoleNameMaxLength = 64

// RoleName checks a RAM role name.
func RoleName(name string) NameProblem {
	return checkName(name, RoleNameMaxLength, func(s string) bool { return roleNameChars.MatchString(s) })
}

// SAML provider names: 1 to 128 characters of letters, digits, ".", "-"
// and "_", not starting or ending with ".", "-" or "_" (the
// CreateSAMLProvider reference; FACTS.md, "Names").
var samlProviderNameChars = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$`)

// SAMLProviderNameMaxLength is the longest SAML provider name.
const SAMLProviderNameMaxLength = 128

// SAMLProviderName checks a SAML provider name. IDaaS's IdP name is sent
// as a SAML provider name inside every Role attribute, but IDaaS itself
// does not document a rule for it (FACTS.md, "Not known"); the emulator
// checks only what RAM checks, where RAM checks it.
func SAMLProviderName(name string) NameProblem {
	return checkName(name, SAMLProviderNameMaxLength, samlProviderNameChars.MatchString)
}

func checkName(name string, maxLength int, valid func(string) bool) NameProblem {
	if n := utf8.RuneCountInString(name); n == 0 || n > maxLength {
		return NameLength
	}
	if !valid(name) {
		return NameChars
	}
	return NameOK
}

// SameName is how RAM compares role names, and how the emulator compares
// SAML provider names: without regard to case. Role names are documented
// as unique without regard to case; that SAML provider names and sign-in
// are too is UNCONFIRMED (FACTS.md, "Not known").
func SameName(a, b string) bool { return strings.EqualFold(a, b) }

// Policy names: 1 to 128 characters of letters, digits and "-" (the
// CreatePolicy reference).
var policyNameChars = regexp.MustCompile(`^[A-Za-z0-9-]*$`)

// PolicyName checks a permission policy name.
func PolicyName(name string) NameProblem {
	return checkName(name, 128, policyNameChars.MatchString)
}

// SamePolicyName is how RAM compares policy names: without regard to case.
// The alicloud provider compares ListPoliciesForRole names so, and RAM was
// seen storing AliyunOSSFullAccess for a request naming
// AliyunOssFullAccess (FACTS.md, "Policies").
func SamePolicyName(a, b string) bool { return strings.EqualFold(a, b) }

// AccountID checks an Alibaba Cloud account ID: 16 digits, the length of
// every example in the docs (UNCONFIRMED as a rule; FACTS.md, "Not known").
func AccountID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// roleSessionNameChars is the RoleSessionName SAML attribute: 2 to 32
// characters of letters, digits and ".@=,+_-" (the 2021 RAM docs of the
// SAML assertion; the current length is UNCONFIRMED, FACTS.md).
var roleSessionNameChars = regexp.MustCompile(`^[A-Za-z0-9.@=,+_-]{2,32}$`)

// RoleSessionName reports whether v is a valid RoleSessionName attribute.
func RoleSessionName(v string) bool { return roleSessionNameChars.MatchString(v) }

// stsSessionNameChars is the RoleSessionName parameter of AssumeRole and
// AssumeRoleWithOIDC: 2 to 64 characters of letters, digits and ".@-_"
// (the STS SDK reference).
var stsSessionNameChars = regexp.MustCompile(`^[A-Za-z0-9.@_-]{2,64}$`)

// STSSessionName reports whether v is a valid RoleSessionName parameter.
func STSSessionName(v string) bool { return stsSessionNameChars.MatchString(v) }
