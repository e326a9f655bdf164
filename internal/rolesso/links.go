// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"fmt"
	"slices"
	"strings"
)

// The link rules: what must hold between two objects of role-based SSO for
// a user to sign in. Each check takes the two objects as LinkEnds and
// returns nil or a *LinkError whose message names both objects, both
// attributes and the fix. Names compare as RAM compares them (SameRoleName,
// SameSAMLProviderName), so that a check rejects exactly what sign-in
// rejects.

// The link rules as sentences, for errors and docs.
const (
	AccountNameMatchRule     = `An application account signs in to the RAM role of the same name: the SAML Role attribute carries the account name as the role name, and RAM compares role names without regard to case.`
	GroupExternalIDMatchRule = `An IDaaS group grants the RAM role its external ID names: in roles by group, the Role attribute is built from the external IDs of the user's groups, so the external ID of a group that maps to a role must be the role's name.`
	RoleTrustRule            = `A RAM role accepts a sign-in only through a SAML provider its trust policy names, and the application's assertions name the SAML provider by the application's IdP name.`
	AccountMatchRule         = `The application's Alibaba Cloud account ID is the account of the role and the SAML provider that every assertion names; RAM accepts the sign-in only in that account.`
	SiteMatchRule            = `The application sends its assertions to the sign-in of its site, and a RAM role's trust policy accepts only the site its saml:recipient names.`
	MetadataMatchRule        = `RAM accepts an assertion only when its Issuer is the entity ID of the SAML provider's metadata and it is signed with a certificate of that metadata.`
	// ExactCaseRule is the warning of CheckExactCase: that sign-in accepts
	// a name in another case is UNCONFIRMED (see SameRoleName).
	ExactCaseRule = `RAM treats role and SAML provider names without regard to case for uniqueness, but whether sign-in accepts a name written in another case is not documented: if it compares names exactly, sign-in fails.`
)

// LinkEnd is one side of a link between two objects: the object, the
// attribute that holds the linked value, and the value.
type LinkEnd struct {
	// Object names the object for people, e.g. `RAM role "sso-admin"`.
	Object string
	// Attribute is the attribute that holds Value, e.g. "name".
	Attribute string
	// Value is the linked value.
	Value string
}

// describe writes the end as `the name "x" of RAM role "x"`.
func (e LinkEnd) describe() string {
	return fmt.Sprintf("the %s %q of %s", e.Attribute, e.Value, e.Object)
}

// LinkError reports two linked objects that break a rule of role-based
// SSO, so that sign-in fails. Its parts let callers build diagnostics;
// Error joins them into sentences.
type LinkError struct {
	// Summary is a short title, e.g. "Application account name is not the
	// role name".
	Summary string
	// Problem says what differs, naming both objects, their attributes and
	// values.
	Problem string
	// Rule states the rule as a sentence.
	Rule string
	// Fix says how to fix it, as a sentence.
	Fix string
}

func (e *LinkError) Error() string {
	return e.Problem + " " + e.Rule + " " + e.Fix
}

// CheckAccountNameMatchesRole checks that an application account signs in
// to the role: its name is the role's name, case aside.
func CheckAccountNameMatchesRole(account, role LinkEnd) error {
	if SameRoleName(account.Value, role.Value) {
		return nil
	}
	return &LinkError{
		Summary: "Application account name is not the RAM role name",
		Problem: upperFirst(fmt.Sprintf("%s differs from %s.", account.describe(), role.describe())),
		Rule:    AccountNameMatchRule,
		Fix:     fmt.Sprintf("Set the %s of %s to %q, the %s of %s.", account.Attribute, account.Object, role.Value, role.Attribute, role.Object),
	}
}

// CheckGroupExternalIDMatchesRole checks that a group maps to the role: its
// external ID is the role's name, case aside.
func CheckGroupExternalIDMatchesRole(group, role LinkEnd) error {
	if SameRoleName(group.Value, role.Value) {
		return nil
	}
	return &LinkError{
		Summary: "Group external ID is not the RAM role name",
		Problem: upperFirst(fmt.Sprintf("%s differs from %s.", group.describe(), role.describe())),
		Rule:    GroupExternalIDMatchRule,
		Fix:     fmt.Sprintf("Set the %s of %s to %q, the %s of %s.", group.Attribute, group.Object, role.Value, role.Attribute, role.Object),
	}
}

// CheckIdPNameMatchesSAMLProvider checks that the SAML provider is the one
// the application's assertions name: its name is the IdP name, case aside.
func CheckIdPNameMatchesSAMLProvider(application, provider LinkEnd) error {
	if SameSAMLProviderName(application.Value, provider.Value) {
		return nil
	}
	return &LinkError{
		Summary: "IdP name is not the SAML provider name",
		Problem: upperFirst(fmt.Sprintf("%s differs from %s.", application.describe(), provider.describe())),
		Rule:    IdPNameMatchRule,
		Fix: fmt.Sprintf("Set the %s of %s to %q, the %s of %s (or set that %s to %q).",
			provider.Attribute, provider.Object, application.Value, application.Attribute, application.Object, application.Attribute, provider.Value),
	}
}

// CheckRoleTrustsIdP checks that a role trusts the SAML provider the
// application's assertions name: the IdP name is among trusted, the names
// of the SAML providers that roleObject's trustedAttribute holds.
func CheckRoleTrustsIdP(application LinkEnd, roleObject, trustedAttribute string, trusted []string) error {
	if slices.ContainsFunc(trusted, func(name string) bool { return SameSAMLProviderName(name, application.Value) }) {
		return nil
	}
	names := "none"
	if len(trusted) > 0 {
		quoted := make([]string, len(trusted))
		for i, n := range trusted {
			quoted[i] = fmt.Sprintf("%q", n)
		}
		names = strings.Join(quoted, ", ")
	}
	return &LinkError{
		Summary: "Role does not trust the application's SAML provider",
		Problem: upperFirst(fmt.Sprintf("%s is not among the %s of %s (%s).", application.describe(), trustedAttribute, roleObject, names)),
		Rule:    RoleTrustRule,
		Fix:     fmt.Sprintf("Add %q to the %s of %s, or link a role that trusts it.", application.Value, trustedAttribute, roleObject),
	}
}

// LinkWarning reports two linked objects that the link rules accept but
// that sign-in may still reject. It has the parts of a LinkError.
type LinkWarning LinkError

// CaseOnlyDifference reports whether a and b differ, but only in case: the
// names the link checks accept (SameRoleName, SameSAMLProviderName) without
// being byte-equal.
func CaseOnlyDifference(a, b string) bool {
	return a != b && strings.EqualFold(a, b)
}

// CheckExactCase warns when two linked names, such as an account name and
// its role name or an IdP name and its SAML provider name, differ only in
// case (CaseOnlyDifference); it returns nil otherwise. The link checks
// accept such a pair, but sign-in may not (ExactCaseRule). The fix is to
// write a's name in b's case.
func CheckExactCase(a, b LinkEnd) *LinkWarning {
	if !CaseOnlyDifference(a.Value, b.Value) {
		return nil
	}
	return &LinkWarning{
		Summary: "Linked names differ only in case",
		Problem: upperFirst(fmt.Sprintf("%s differs from %s only in case.", a.describe(), b.describe())),
		Rule:    ExactCaseRule,
		Fix: fmt.Sprintf("Write the %s of %s in exactly the same case as the %s of %s (%q), or set it by reference.",
			a.Attribute, a.Object, b.Attribute, b.Object, b.Value),
	}
}

// CheckRoleTrustsIdPExactCase is CheckExactCase for CheckRoleTrustsIdP: it
// warns when no name among trusted is the IdP name exactly but one is in
// another case.
func CheckRoleTrustsIdPExactCase(application LinkEnd, roleObject, trustedAttribute string, trusted []string) *LinkWarning {
	if slices.Contains(trusted, application.Value) {
		return nil
	}
	for _, name := range trusted {
		if w := CheckExactCase(LinkEnd{Object: roleObject, Attribute: trustedAttribute, Value: name}, application); w != nil {
			return w
		}
	}
	return nil
}

// CheckSameAccount checks that the application (idp) names the account of
// a RAM object (ram): a role or a SAML provider.
func CheckSameAccount(idp, ram LinkEnd) error {
	if idp.Value == ram.Value {
		return nil
	}
	return &LinkError{
		Summary: "Application and RAM object in different accounts",
		Problem: upperFirst(fmt.Sprintf("%s differs from %s.", idp.describe(), ram.describe())),
		Rule:    AccountMatchRule,
		Fix: fmt.Sprintf("Set the %s of %s to %q, or create %s in account %s (with a provider configured for that account).",
			idp.Attribute, idp.Object, ram.Value, ram.Object, idp.Value),
	}
}

// CheckSameSite checks that the application (idp) and a role (ram) are of
// one site.
func CheckSameSite(idp, ram LinkEnd) error {
	if idp.Value == ram.Value {
		return nil
	}
	return &LinkError{
		Summary: "Application and role of different sites",
		Problem: upperFirst(fmt.Sprintf("%s differs from %s.", idp.describe(), ram.describe())),
		Rule:    SiteMatchRule,
		Fix:     fmt.Sprintf("Set the %s of %s to %q, or the %s of %s to %q.", ram.Attribute, ram.Object, idp.Value, idp.Attribute, idp.Object, ram.Value),
	}
}

// CheckMetadataMatches checks that the metadata of a SAML provider
// (provider.Value) accepts the assertions of the application whose IdP
// metadata is application.Value: the same entity ID, and every signing
// certificate of the application in the provider's metadata. Either
// document may be XML or Base64; one that does not parse is not checked
// here (the metadata rules report it).
func CheckMetadataMatches(provider, application LinkEnd) error {
	pm, providerErr := ParseMetadata(provider.Value)
	am, applicationErr := ParseMetadata(application.Value)
	if providerErr == nil && applicationErr == nil {
		return metadataMismatch(provider, pm, application, am)
	}
	return nil
}

// metadataMismatch is CheckMetadataMatches on parsed documents.
func metadataMismatch(provider LinkEnd, pm *Metadata, application LinkEnd, am *Metadata) error {
	var problems []string
	if pm.EntityID != am.EntityID {
		problems = append(problems, fmt.Sprintf("the entity ID is %q in the %s of %s but %q in the %s of %s",
			pm.EntityID, provider.Attribute, provider.Object, am.EntityID, application.Attribute, application.Object))
	}
	var missing []string
	for _, c := range am.SigningCertificates {
		if !slices.ContainsFunc(pm.SigningCertificates, func(p Certificate) bool { return p.SHA256Fingerprint == c.SHA256Fingerprint }) {
			missing = append(missing, c.SHA256Fingerprint)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("the %s of %s lacks the signing certificate SHA-256 %s of the %s of %s",
			provider.Attribute, provider.Object, strings.Join(missing, ", "), application.Attribute, application.Object))
	}
	if len(problems) == 0 {
		return nil
	}
	return &LinkError{
		Summary: "SAML provider metadata is not the application's",
		Problem: upperFirst(strings.Join(problems, "; ") + "."),
		Rule:    MetadataMatchRule,
		Fix: fmt.Sprintf("Set the %s of %s to the current %s of %s, for example by reference, so that a certificate rotated in IDaaS is uploaded to RAM.",
			provider.Attribute, provider.Object, application.Attribute, application.Object),
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
