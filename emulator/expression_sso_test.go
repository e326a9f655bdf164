// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// TestSSOStandardApplicationExpressions signs in through a standard SAML
// application whose attribute statements use the documented expression
// language (FACTS.md, "Attribute expressions"): the Role attribute has one
// value per application account through appUser.username, and the NameID
// and RoleSessionName read the user's groups and fields.
func TestSSOStandardApplicationExpressions(t *testing.T) {
	t.Parallel()
	f := newEiamFixture(t)
	site := facts.International
	acct := f.srv.AccountID()
	pair := func(role string) string {
		return "acs:ram::" + acct + ":role/" + role + ",acs:ram::" + acct + ":saml-provider/idaas"
	}
	app := str(f.ok("CreateApplication", params{
		"ApplicationName": "standard", "ApplicationSourceType": "urn:alibaba:idaas:app:source:standard", "SsoType": "saml2",
	}), "ApplicationId")
	alice := f.createUser("alice")
	group := str(f.ok("CreateGroup", params{"GroupName": "admins", "GroupExternalId": "sso-admin"}), "GroupId")
	f.ok("AddUsersToGroup", params{"GroupId": group, "UserIds.1": alice})
	f.addAccount(app, alice, pair("sso-admin"))
	f.addAccount(app, alice, pair("sso-readonly"))
	f.ok("EnableApplication", params{"ApplicationId": app})
	f.ok("EnableApplicationSso", params{"ApplicationId": app})
	f.ok("UpdateApplicationAuthorizationType", params{"ApplicationId": app, "AuthorizationType": "default_all"})
	f.ok("SetApplicationSsoConfig", params{"ApplicationId": app,
		"SamlSsoConfig.SpEntityId":                                     site.SPEntityID,
		"SamlSsoConfig.SpSsoAcsUrl":                                    site.ACSURL,
		"SamlSsoConfig.NameIdValueExpression":                          `ArrayJoin(ArrayMap(user.groups, __item.groupExternalId), ",")`,
		"SamlSsoConfig.AttributeStatements.1.AttributeName":            facts.RoleAttributeName,
		"SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": "appUser.username",
		"SamlSsoConfig.AttributeStatements.2.AttributeName":            facts.RoleSessionNameAttributeName,
		"SamlSsoConfig.AttributeStatements.2.AttributeValueExpression": "user.status",
	})
	doc := decodeResponse(t, f.signIn(app, "alice").SAMLResponse)
	if n := doc.FindElement("//NameID"); n == nil || n.Text() != "sso-admin" {
		t.Errorf("NameID %v, want the groups' external IDs", n)
	}
	roles := assertionRoles(t, f.signIn(app, "alice").SAMLResponse)
	slices.Sort(roles)
	if want := []string{pair("sso-admin"), pair("sso-readonly")}; !slices.Equal(roles, want) {
		t.Errorf("Role values %v, want %v", roles, want)
	}
	for _, at := range doc.FindElements("//Attribute") {
		if at.SelectAttrValue("Name", "") == facts.RoleSessionNameAttributeName && at.FindElement("AttributeValue").Text() != "enabled" {
			t.Errorf("RoleSessionName %q, want user.status", at.FindElement("AttributeValue").Text())
		}
	}

	// What the documentation does not describe is refused when it is set.
	for expr, want := range map[string]string{
		`Concat(user.username, "x")`: `"Concat" is not a function IDaaS documents`,
		`user.mail`:                  `user has no field "mail"`,
		`appUser.email`:              `appUser has no field "email"`,
	} {
		msg := f.fail("SetApplicationSsoConfig", params{"ApplicationId": app,
			"SamlSsoConfig.AttributeStatements.1.AttributeName":            facts.RoleAttributeName,
			"SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": expr,
		}, "InvalidParameter.SamlSsoConfig.AttributeStatements.1.AttributeValueExpression", http.StatusBadRequest)
		if !strings.Contains(msg, want) {
			t.Errorf("%s: message %q does not say %q", expr, msg, want)
		}
	}
}
