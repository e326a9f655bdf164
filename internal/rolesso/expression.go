// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"regexp"
	"strings"
)

// ExpressionRule states which value expressions the provider accepts.
const ExpressionRule = "An IDaaS value expression is one of the forms IDaaS documents: a field of the user, such as " +
	"`user.username`, `user.email` or `user.userId`; `appUser.username`, the application account's name; " +
	"`user.customFieldMap.<field>.fieldValue`; `ArrayJoin(ArrayMap(user.groups, __item.groupExternalId), \",\")` " +
	"and its like for `groupId`, `groupName` and `user.organizationalUnits`; `ObjectToJsonString(user.groups)`; " +
	"or a constant in double quotation marks, such as `\"ops\"`."

// The forms of ValidateExpression, written from the IDaaS pages "Rules for
// configuring SAML Attribute Statements" and "Advanced account field
// expressions" (FACTS.md, "Attribute expressions"). Only the documented
// shapes are accepted, not every nesting the functions might allow: the
// provider may be stricter than IDaaS, never looser.
var (
	userFieldForm = regexp.MustCompile(`^user\.(userId|username|displayName|email|phoneNumber|phoneRegion|userExternalId|` +
		`userSourceType|userSourceId|status|description|primaryOrganizationalUnitId)$`)
	appUserForm     = regexp.MustCompile(`^appUser\.username$`)
	customFieldForm = regexp.MustCompile(`^user\.customFieldMap\.\$?[A-Za-z0-9_]+\$?\.fieldValue$`)
	constantForm    = regexp.MustCompile(`^"(?:[^"\\]|\\.)*"$`)
	joinForm        = regexp.MustCompile(`^ArrayJoin\(\s*ArrayMap\(\s*user\.(?:groups\s*,\s*__item\.(?:groupId|groupName|groupExternalId)|` +
		`organizationalUnits\s*,\s*__item\.(?:organizationalUnitId|organizationalUnitName))\s*\)\s*,\s*"(?:[^"\\]|\\.)*"\s*\)$`)
	jsonForm = regexp.MustCompile(`^ObjectToJsonString\(\s*user\.(?:groups|organizationalUnits|customFields)\s*\)$`)
)

var expressionForms = []*regexp.Regexp{userFieldForm, appUserForm, customFieldForm, constantForm, joinForm, jsonForm}

// ValidateExpression checks an IDaaS value expression (a NameID or an
// attribute statement's value) against the documented forms.
func ValidateExpression(expr string) error {
	trimmed := strings.TrimSpace(expr)
	for _, form := range expressionForms {
		if form.MatchString(trimmed) {
			return nil
		}
	}
	problem := "it is not one of the documented forms"
	switch {
	case strings.HasPrefix(trimmed, "'"):
		problem = "constants are written in double quotation marks, not single ones"
	case strings.HasPrefix(trimmed, "user.") || strings.HasPrefix(trimmed, "appUser."):
		problem = "it names no field IDaaS documents"
	case strings.Contains(trimmed, "+"):
		problem = "no IDaaS page shows how to join strings with +, so the provider cannot promise its meaning"
	}
	return &NameError{
		Subject: "IDaaS value expression", Value: expr, Problem: problem, Rule: ExpressionRule,
		Fix: "Write it in one of these forms, or check the spelling of the field.",
	}
}
