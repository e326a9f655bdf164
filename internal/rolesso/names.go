// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// NameError reports a value that breaks a naming rule. Its parts let
// callers build diagnostics; Error joins them into sentences.
type NameError struct {
	// Subject names the kind of value, e.g. "RAM role name".
	Subject string
	// Value is the offending value.
	Value string
	// Problem says what is wrong, e.g. `it contains "_" at position 4`.
	Problem string
	// Rule states the rule as a sentence.
	Rule string
	// Fix says how to fix the value, as a sentence.
	Fix string
}

func (e *NameError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s. %s %s", e.Subject, e.Value, e.Problem, e.Rule, e.Fix)
}

// RAM role names (FACTS.md). The 2021 docs also allowed "@"
// (regex ^[a-zA-Z0-9\.@\-]+$); the current docs and SDK do not, so neither
// do we.
const (
	RoleNameMinLength = 1
	RoleNameMaxLength = 64
	RoleNamePattern   = `^[A-Za-z0-9.-]{1,64}$`
	RoleNameRule      = `A RAM role name has 1 to 64 characters: letters, digits, "." and "-".`
)

// SAML provider names (RAM) and IdP names (IDaaS) follow one rule, and must
// be equal for SSO to work (FACTS.md).
const (
	SAMLProviderNameMinLength = 1
	SAMLProviderNameMaxLength = 128
	SAMLProviderNamePattern   = `^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$`
	SAMLProviderNameRule      = `A SAML provider name (the IDaaS IdP name) has 1 to 128 characters: letters, digits, ".", "-" and "_", and does not start or end with ".", "-" or "_".`
)

// IdPNameMatchRule is the rule that links the two sides by name, as a
// sentence for errors and docs (FACTS.md: "the IDaaS IdP Name must
// equal the RAM SAML provider name").
const IdPNameMatchRule = `The SAML provider name must equal the IdP name of the IDaaS role-based SSO application: every assertion names the SAML provider by that IdP name, and RAM rejects the sign-in when no provider has it.`

// Alibaba Cloud account IDs are 16 digits. The length is inferred from the
// docs' examples (e.g. "123456789012****") and is not stated by them.
const (
	AccountIDLength  = 16
	AccountIDPattern = `^[0-9]{16}$`
	AccountIDRule    = `An Alibaba Cloud account ID has 16 digits.`
)

// RoleSessionName attribute values. The 2021 docs give 2 to 32 characters;
// whether newer docs changed the length is UNCONFIRMED (FACTS.md).
const (
	RoleSessionNameMinLength = 2
	RoleSessionNameMaxLength = 32
	RoleSessionNamePattern   = `^[A-Za-z0-9.@=,+_-]{2,32}$`
	RoleSessionNameRule      = `A role session name has 2 to 32 characters: letters, digits and ".", "@", "=", ",", "+", "_", "-".`
)

// ApplicationAccountNameRule explains why application account names follow
// the RAM role-name rule.
const ApplicationAccountNameRule = `An application account name must equal the name of the RAM role it signs in to, so it must satisfy the RAM role-name rule: 1 to 64 characters: letters, digits, "." and "-".`

var (
	roleNameRegexp         = regexp.MustCompile(RoleNamePattern)
	samlProviderNameRegexp = regexp.MustCompile(SAMLProviderNamePattern)
	accountIDRegexp        = regexp.MustCompile(AccountIDPattern)
	roleSessionNameRegexp  = regexp.MustCompile(RoleSessionNamePattern)
)

func isRoleNameChar(r rune) bool {
	return isAlnum(r) || r == '.' || r == '-'
}

func isSAMLProviderNameChar(r rune) bool {
	return isAlnum(r) || r == '.' || r == '-' || r == '_'
}

func isRoleSessionNameChar(r rune) bool {
	return isAlnum(r) || strings.ContainsRune(".@=,+_-", r)
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// ValidateRoleName reports whether name is a valid RAM role name.
func ValidateRoleName(name string) error {
	if roleNameRegexp.MatchString(name) {
		return nil
	}
	return &NameError{
		Subject: "RAM role name",
		Value:   name,
		Problem: describeProblem(name, RoleNameMinLength, RoleNameMaxLength, isRoleNameChar),
		Rule:    RoleNameRule,
		Fix:     suggestion(SuggestRoleName(name)),
	}
}

// ValidateApplicationAccountName reports whether name can be the name of an
// IDaaS application account of a role-based SSO application. IDaaS accepts
// more names than RAM does (for example with "_"), but the account name is
// sent as the role name of the SAML Role attribute, so a name that is not a
// valid RAM role name can never sign in.
//
// In the standard SAML form the account name is the whole Role value
// (StandardRoleExpression), which ParseRoleAttribute checks.
func ValidateApplicationAccountName(name string) error {
	if isRoleAttributeForm(name) {
		_, err := ParseRoleAttribute(name)
		return err
	}
	if roleNameRegexp.MatchString(name) {
		return nil
	}
	problem := describeProblem(name, RoleNameMinLength, RoleNameMaxLength, isRoleNameChar)
	if name != "" && utf8.RuneCountInString(name) <= RoleNameMaxLength {
		problem += "; IDaaS may accept it, but no RAM role can have this name, so this account can never sign in"
	}
	return &NameError{
		Subject: "application account name",
		Value:   name,
		Problem: problem,
		Rule:    ApplicationAccountNameRule,
		Fix:     suggestion(SuggestRoleName(name)) + " Rename the RAM role to match.",
	}
}

// isRoleAttributeForm reports whether an application account name is
// written as a Role value rather than a role name: it starts with an ARN.
func isRoleAttributeForm(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), "acs:")
}

// AccountRoleName returns the name of the role an application account
// name signs in to: the role inside a Role value, or the name itself.
func AccountRoleName(name string) string {
	if r, err := ParseRoleAttribute(name); err == nil && isRoleAttributeForm(name) {
		return r.Role.Name
	}
	return name
}

// ValidateSAMLProviderName reports whether name is a valid RAM SAML
// provider name.
func ValidateSAMLProviderName(name string) error {
	return validateSAMLProviderNameAs("SAML provider name", name)
}

// ValidateIdPName reports whether name is a valid IDaaS IdP name. The IdP
// name must equal the RAM SAML provider name, and follows the same rule.
func ValidateIdPName(name string) error {
	return validateSAMLProviderNameAs("IdP name", name)
}

func validateSAMLProviderNameAs(subject, name string) error {
	if samlProviderNameRegexp.MatchString(name) {
		return nil
	}
	problem := describeProblem(name, SAMLProviderNameMinLength, SAMLProviderNameMaxLength, isSAMLProviderNameChar)
	if problem == "" {
		problem = "it starts or ends with a special character"
	}
	return &NameError{
		Subject: subject,
		Value:   name,
		Problem: problem,
		Rule:    SAMLProviderNameRule,
		Fix:     suggestion(SuggestSAMLProviderName(name)),
	}
}

// ValidateAccountID reports whether id is an Alibaba Cloud account ID.
func ValidateAccountID(id string) error {
	if accountIDRegexp.MatchString(id) {
		return nil
	}
	problem := describeProblem(id, 1, len(id), func(r rune) bool { return r >= '0' && r <= '9' })
	if problem == "" {
		problem = fmt.Sprintf("it has %d digits", len(id))
	}
	return &NameError{
		Subject: "Alibaba Cloud account ID",
		Value:   id,
		Problem: problem,
		Rule:    AccountIDRule,
		Fix:     `Copy it from the account menu of the Alibaba Cloud console, or from "aliyun sts GetCallerIdentity" (field AccountId).`,
	}
}

// ValidateRoleSessionName reports whether name is a valid value of the
// RoleSessionName SAML attribute.
func ValidateRoleSessionName(name string) error {
	if roleSessionNameRegexp.MatchString(name) {
		return nil
	}
	return &NameError{
		Subject: "role session name",
		Value:   name,
		Problem: describeProblem(name, RoleSessionNameMinLength, RoleSessionNameMaxLength, isRoleSessionNameChar),
		Rule:    RoleSessionNameRule,
		Fix:     "Map the RoleSessionName attribute to a user field that satisfies the rule, such as the username.",
	}
}

// SameRoleName reports whether a and b name the same RAM role. RAM role
// names are unique without regard to case, so "Admin" and "admin" are the
// same role. That sign-in also accepts a Role attribute naming the role in
// another case is inferred from that and UNCONFIRMED: the plan-time checks
// and the emulator's sign-in both use this function so that they agree, and
// the name-matching guide advises writing names in the exact case.
func SameRoleName(a, b string) bool {
	return strings.EqualFold(a, b)
}

// SameSAMLProviderName reports whether a and b name the same RAM SAML
// provider. Like role names, provider names are compared without regard to
// case. That RAM treats provider names so is UNCONFIRMED; it follows the
// rule RAM documents for role names, and keeps the plan-time checks and the
// emulator's sign-in in agreement.
func SameSAMLProviderName(a, b string) bool {
	return strings.EqualFold(a, b)
}

// SuggestRoleName returns a valid RAM role name close to name: invalid
// characters become "-" and the name is cut to the maximum length. It
// returns "" when nothing usable is left.
func SuggestRoleName(name string) string {
	s := replaceInvalid(name, isRoleNameChar)
	s = truncateRunes(s, RoleNameMaxLength)
	if strings.Trim(s, "-") == "" {
		return ""
	}
	return s
}

// SuggestSAMLProviderName returns a valid SAML provider name close to
// name, or "" when nothing usable is left.
func SuggestSAMLProviderName(name string) string {
	s := replaceInvalid(name, isSAMLProviderNameChar)
	s = strings.Trim(s, ".-_")
	s = truncateRunes(s, SAMLProviderNameMaxLength)
	s = strings.TrimRight(s, ".-_")
	return s
}

func replaceInvalid(s string, valid func(rune) bool) string {
	return strings.Map(func(r rune) rune {
		if valid(r) {
			return r
		}
		return '-'
	}, s)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func suggestion(name string) string {
	if name == "" {
		return "Choose a name that satisfies the rule."
	}
	return fmt.Sprintf("For example %q.", name)
}

// describeProblem explains why name breaks a length-and-charset rule. It
// returns "" when the length and characters are fine (the rule then fails
// for another reason, such as a leading special character).
func describeProblem(name string, minLen, maxLen int, valid func(rune) bool) string {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return "it is empty"
	case n < minLen:
		return fmt.Sprintf("it has %d character, fewer than %d", n, minLen)
	case n > maxLen:
		return fmt.Sprintf("it has %d characters, more than %d", n, maxLen)
	}
	pos := 0
	for _, r := range name {
		pos++
		if !valid(r) {
			if r == utf8.RuneError {
				return fmt.Sprintf("it is not valid UTF-8 at position %d", pos)
			}
			return fmt.Sprintf("it contains %q at position %d", r, pos)
		}
	}
	return ""
}

// SamePolicyName reports whether a and b name the same permission policy.
// RAM compares policy names without regard to case: the alicloud provider
// compares the names ListPoliciesForRole answers so, and RAM was seen to
// store AliyunOSSFullAccess for a request naming AliyunOssFullAccess
// (FACTS.md, "Policies").
func SamePolicyName(a, b string) bool {
	return strings.EqualFold(a, b)
}
