// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// SAML NameID formats that an IDaaS application's SSO configuration
// accepts (SetApplicationSsoConfig, FACTS.md). RAM does not use
// the NameID to identify the user, so any of them works for role-based SSO.
const (
	NameIDFormatUnspecified  = facts.NameIDFormatUnspecified
	NameIDFormatEmailAddress = facts.NameIDFormatEmailAddress
	NameIDFormatPersistent   = facts.NameIDFormatPersistent
	NameIDFormatTransient    = facts.NameIDFormatTransient
)

// NameIDFormats returns the NameID formats IDaaS accepts, for validators
// and docs.
func NameIDFormats() []string { return facts.NameIDFormats[:] }

// The SSO settings a role-based SSO template starts with. They are
// UNCONFIRMED: no source shows the template's defaults. They are the
// values the docs use as examples (FACTS.md: NameID from
// user.username, RoleSessionName from user.username, RSA-SHA256), and the
// username is what IDaaS is inferred to send as RoleSessionName (FACTS.md, "Not known").
const (
	DefaultNameIDFormat              = NameIDFormatUnspecified
	DefaultNameIDExpression          = "user.username"
	DefaultRoleSessionNameExpression = "user.username"
	DefaultSignatureAlgorithm        = "RSA-SHA256"
)

// SessionDuration attribute values, in seconds (FACTS.md). The
// 2021 docs give 900 to 3600; the current upper bound is UNCONFIRMED and
// taken to be 43200, the largest maximum session duration of a RAM role,
// which caps the console session anyway.
const (
	SessionDurationMin  = 900
	SessionDurationMax  = 43200
	SessionDurationRule = "A session duration is a number of seconds from 900 to 43200; the console session lasts at most the role's maximum session duration."
)

// ValidateSessionDuration reports whether seconds is a valid value of the
// SessionDuration SAML attribute.
func ValidateSessionDuration(seconds int64) error {
	if seconds >= SessionDurationMin && seconds <= SessionDurationMax {
		return nil
	}
	return fmt.Errorf("invalid session duration %d: %s", seconds, SessionDurationRule)
}

// SessionDurationExpression returns the IDaaS value expression that sends
// seconds as a constant: the number in double quotes, e.g. `"3600"`. That
// IDaaS writes constants this way is UNCONFIRMED; it is the form the
// emulator evaluates.
func SessionDurationExpression(seconds int64) string {
	return strconv.Quote(strconv.FormatInt(seconds, 10))
}

// ParseSessionDurationExpression returns the seconds of an expression
// written by SessionDurationExpression; ok is false for any other
// expression.
func ParseSessionDurationExpression(expr string) (seconds int64, ok bool) {
	unquoted, err := strconv.Unquote(strings.TrimSpace(expr))
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(unquoted, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// The two forms of a role-based SSO application (FACTS.md, "IDaaS
// applications"): made from the marketplace template, whose form
// parameters build the Role attribute, or a standard SAML 2.0 application,
// whose attribute statements build it.
const (
	SSOFormTemplate     = "template"
	SSOFormStandardSAML = "standard_saml"
)

// SSOForms lists the forms, for validators and docs.
func SSOForms() []string { return []string{SSOFormTemplate, SSOFormStandardSAML} }

// RoleMappingApplicationAccount is the role mapping of the standard SAML
// form in which a user's application accounts grant the roles.
const RoleMappingApplicationAccount = "application_account"

// StandardRoleExpression is the Role attribute expression of the standard
// SAML form with application accounts: the account name, which then holds
// the whole Role value, "<role ARN>,<SAML provider ARN>". `appUser.username`
// is documented (doc "Rules for configuring SAML Attribute Statements"); an
// expression that builds the value from a role name would need string
// concatenation, whose syntax no source shows (FACTS.md, "Not known").
const StandardRoleExpression = "appUser.username"

// ManagedAttributeNames are the SAML attributes the provider derives; extra
// attribute statements may not use them.
func ManagedAttributeNames() []string {
	return []string{RoleAttributeName, RoleSessionNameAttributeName, SessionDurationAttributeName}
}
