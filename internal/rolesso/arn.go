// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"errors"
	"fmt"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// ARN resource types of RAM.
const (
	ResourceTypeRole         = facts.ResourceTypeRole
	ResourceTypeSAMLProvider = facts.ResourceTypeSAMLProvider
)

// ARNPrefix starts every RAM ARN: acs:ram::<account ID>:<type>/<name>.
const ARNPrefix = facts.ARNPrefix

// Example ARNs, used in error messages and docs.
const (
	ExampleRoleARN         = "acs:ram::1234567890123456:role/sso-admin"
	ExampleSAMLProviderARN = "acs:ram::1234567890123456:saml-provider/idaas"
)

// ARN is a RAM role or SAML provider ARN.
type ARN struct {
	AccountID    string
	ResourceType string // ResourceTypeRole or ResourceTypeSAMLProvider.
	Name         string
}

// RoleARN returns the ARN of a RAM role: acs:ram::<account ID>:role/<name>.
func RoleARN(accountID, roleName string) string {
	return ARN{AccountID: accountID, ResourceType: ResourceTypeRole, Name: roleName}.String()
}

// SAMLProviderARN returns the ARN of a RAM SAML provider:
// acs:ram::<account ID>:saml-provider/<name>.
func SAMLProviderARN(accountID, name string) string {
	return ARN{AccountID: accountID, ResourceType: ResourceTypeSAMLProvider, Name: name}.String()
}

func (a ARN) String() string {
	return ARNPrefix + a.AccountID + ":" + a.ResourceType + "/" + a.Name
}

// Equal reports whether a and b name the same RAM object. Names compare as
// RAM compares them (see SameRoleName and SameSAMLProviderName), because
// RAM may return an ARN with a name in another case than the one sent.
func (a ARN) Equal(b ARN) bool {
	if a.AccountID != b.AccountID || a.ResourceType != b.ResourceType {
		return false
	}
	if a.ResourceType == ResourceTypeSAMLProvider {
		return SameSAMLProviderName(a.Name, b.Name)
	}
	return SameRoleName(a.Name, b.Name)
}

// ParseRoleARN parses the ARN of a RAM role.
func ParseRoleARN(s string) (ARN, error) {
	return parseARN(s, ResourceTypeRole)
}

// ParseSAMLProviderARN parses the ARN of a RAM SAML provider.
func ParseSAMLProviderARN(s string) (ARN, error) {
	return parseARN(s, ResourceTypeSAMLProvider)
}

// ParseARN parses a RAM role or SAML provider ARN.
func ParseARN(s string) (ARN, error) {
	return parseARN(s, "")
}

// ARNError reports a string that is not the expected ARN.
type ARNError struct {
	Value    string
	Problem  string
	Expected string // The expected format with an example.
}

func (e *ARNError) Error() string {
	return fmt.Sprintf("invalid ARN %q: %s. %s", e.Value, e.Problem, e.Expected)
}

// parseARN parses s; want is the required resource type, or "" for any.
func parseARN(s, want string) (ARN, error) {
	expected := expectedARN(want)
	fail := func(format string, args ...any) (ARN, error) {
		return ARN{}, &ARNError{Value: s, Problem: fmt.Sprintf(format, args...), Expected: expected}
	}
	rest, ok := strings.CutPrefix(s, ARNPrefix)
	if !ok {
		if strings.HasPrefix(strings.ToLower(s), ARNPrefix) {
			return fail("it must start with %q in lower case", ARNPrefix)
		}
		return fail("it does not start with %q", ARNPrefix)
	}
	account, resource, ok := strings.Cut(rest, ":")
	if !ok {
		return fail("it has no \":\" after the account ID")
	}
	if err := ValidateAccountID(account); err != nil {
		return fail("the account ID %q is not 16 digits", account)
	}
	typ, name, ok := strings.Cut(resource, "/")
	if !ok {
		return fail("it has no \"/\" between the resource type and the name")
	}
	switch {
	case want != "" && typ != want:
		return fail("the resource type is %q, not %q", typ, want)
	case typ != ResourceTypeRole && typ != ResourceTypeSAMLProvider:
		return fail("the resource type %q is neither %q nor %q", typ, ResourceTypeRole, ResourceTypeSAMLProvider)
	}
	var err error
	if typ == ResourceTypeRole {
		err = ValidateRoleName(name)
	} else {
		err = ValidateSAMLProviderName(name)
	}
	if err != nil {
		var ne *NameError
		if errors.As(err, &ne) {
			return fail("the %s %q is invalid: %s. %s", ne.Subject, name, ne.Problem, strings.TrimSuffix(ne.Rule, "."))
		}
		return fail("the name %q is invalid", name)
	}
	return ARN{AccountID: account, ResourceType: typ, Name: name}, nil
}

func expectedARN(want string) string {
	switch want {
	case ResourceTypeRole:
		return fmt.Sprintf("A role ARN looks like acs:ram::<account ID>:role/<role name>, for example %q.", ExampleRoleARN)
	case ResourceTypeSAMLProvider:
		return fmt.Sprintf("A SAML provider ARN looks like acs:ram::<account ID>:saml-provider/<name>, for example %q.", ExampleSAMLProviderARN)
	}
	return fmt.Sprintf("A RAM ARN looks like acs:ram::<account ID>:<role|saml-provider>/<name>, for example %q or %q.", ExampleRoleARN, ExampleSAMLProviderARN)
}
