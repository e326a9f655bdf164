// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/expression"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The provider's rules (this package) and the emulator's (emulator/rules,
// emulator/samlsso) are written twice on purpose: the emulator stands for
// the cloud, so a rule that is wrong on one side shows as a difference
// here instead of two sides agreeing because they run the same code.
//
// TestRulesAgainstEmulator feeds both the same cases. Every case where
// they differ must be listed in deliberate with the reason, and only in
// one direction: the provider may refuse what the emulator accepts
// (stricter), never accept what it refuses (looser), since a plan that
// passes must not fail at apply or at sign-in. A listed difference that no
// longer differs fails too, so the list stays true.

// verdict is one rule's answer to one case: accepted or not.
type verdict bool

func (v verdict) String() string {
	if v {
		return "accepts"
	}
	return "refuses"
}

// ruleCase is one input and both sides' verdicts.
type ruleCase struct {
	rule, input        string
	provider, emulator verdict
}

// deliberate lists the differences the provider means to have, by rule and
// input, with why.
var deliberate = map[string]string{
	// The console documents, for a statement with a Federated SAML
	// provider, "Only the saml:recipient condition key is supported", with
	// StringEquals in every example. The emulator evaluates StringLike too,
	// as RAM does for other principals; the provider's plan-time check
	// does not promise that a wildcard recipient signs in.
	"trust/StringLike recipient": "the provider trusts only StringEquals saml:recipient, the documented form",
	// A statement with a condition key other than saml:recipient is
	// outside the documented form for SAML; the emulator ignores the
	// meaning of keys it has no value for and fails closed, and so does
	// the provider, but the provider also refuses a wildcard principal.
	"trust/Federated *": "the provider names SAML providers by ARN; a wildcard principal is not the documented form",
	// The provider checks metadata at plan for what sign-in needs later:
	// a certificate still valid and a SingleSignOnService. RAM (and the
	// emulator) accept the upload without them.
	"metadata/expired certificate":    "the provider refuses metadata whose every signing certificate has expired: no sign-in can verify",
	"metadata/no SingleSignOnService": "the provider asks for complete IdP metadata",
	// The provider accepts the documented shapes of the functions only;
	// the emulator evaluates any nesting of them.
	"expression/ArrayJoin(user.groups, \",\")":                     "the provider accepts ArrayJoin only over ArrayMap, as documented",
	"expression/ArrayMap(user.groups, __item.groupId)":             "an ArrayMap alone is a list, not an attribute value the docs show",
	"expression/ObjectToJsonString(user.username)":                 "the docs show ObjectToJsonString only of lists",
	"expression/ArrayJoin(ArrayMap(user.groups, __item.x), \",\")": "the provider knows the fields of groups; the emulator reads a missing one as empty",
	// The provider accepts only one EntityDescriptor in an
	// EntitiesDescriptor, so that it is clear which IdP is meant.
	"metadata/EntitiesDescriptor of two": "the provider refuses metadata naming two IdPs",
}

func TestRulesAgainstEmulator(t *testing.T) {
	var cases []ruleCase
	add := func(rule, input string, provider, emulator bool) {
		cases = append(cases, ruleCase{rule, input, verdict(provider), verdict(emulator)})
	}

	for _, name := range nameCases() {
		add("role name", name, rolesso.ValidateRoleName(name) == nil, rules.RoleName(name) == rules.NameOK)
		add("application account name", name, rolesso.ValidateApplicationAccountName(name) == nil, emulatorAccountNameSignsIn(name))
		add("SAML provider name", name, rolesso.ValidateSAMLProviderName(name) == nil, rules.SAMLProviderName(name) == rules.NameOK)
		add("IdP name", name, rolesso.ValidateIdPName(name) == nil, rules.SAMLProviderName(name) == rules.NameOK)
		add("role session name", name, rolesso.ValidateRoleSessionName(name) == nil, rules.RoleSessionName(name))
	}
	for _, id := range []string{"1234567890123456", "123456789012345", "12345678901234567", "12345678901234ab", "", "１２３４５６７８９０１２３４５６"} {
		add("account ID", id, rolesso.ValidateAccountID(id) == nil, rules.AccountID(id))
	}
	for _, pair := range [][2]string{{"sso-admin", "SSO-Admin"}, {"sso-admin", "sso-admin"}, {"sso-admin", "sso-admin2"}, {"ä", "Ä"}} {
		add("same role name", pair[0]+" = "+pair[1], rolesso.SameRoleName(pair[0], pair[1]), rules.SameName(pair[0], pair[1]))
		add("same SAML provider name", pair[0]+" = "+pair[1], rolesso.SameSAMLProviderName(pair[0], pair[1]), rules.SameName(pair[0], pair[1]))
		add("same policy name", pair[0]+" = "+pair[1], rolesso.SamePolicyName(pair[0], pair[1]), rules.SamePolicyName(pair[0], pair[1]))
	}
	for _, v := range roleAttributeCases() {
		_, perr := rolesso.ParseRoleAttribute(v)
		_, ok := rules.ParseRoleAttribute(v)
		add("Role attribute", v, perr == nil, ok)
		add("application account name", v, rolesso.ValidateApplicationAccountName(v) == nil, emulatorAccountNameSignsIn(v))
	}
	for _, expr := range expressionCases() {
		_, err := expression.Parse(expr)
		add("expression", expr, rolesso.ValidateExpression(expr) == nil, err == nil)
	}
	for _, tc := range trustCases() {
		_, ok := trustedByEmulator(tc.doc, tc.providerARN, tc.recipient)
		add("trust", tc.name, rolesso.TrustPolicyTrusts(tc.doc, tc.providerARN, tc.recipient), ok)
	}
	for _, tc := range metadataCases(t) {
		md, err := rolesso.ParseMetadata(tc.doc)
		if err == nil {
			err = md.Validate(time.Now())
		}
		_, eerr := samlsso.ParseMetadata([]byte(tc.doc))
		add("metadata", tc.name, err == nil, eerr == nil)
	}

	var differ []string
	seen := map[string]bool{}
	for _, c := range cases {
		if c.provider == c.emulator {
			continue
		}
		key := c.rule + "/" + c.input
		differ = append(differ, fmt.Sprintf("%-26s %-40q provider %s, emulator %s", c.rule, truncate(c.input, 38), c.provider, c.emulator))
		reason, ok := deliberate[key]
		switch {
		case bool(c.provider && !c.emulator):
			t.Errorf("%s %q: the provider accepts what the emulator (the cloud's rules) refuses; fix the rule that is wrong", c.rule, c.input)
		case !ok:
			t.Errorf("%s %q: the provider refuses what the emulator accepts, and deliberate does not say why", c.rule, c.input)
		default:
			seen[key] = true
			t.Logf("deliberate: %s %q: %s", c.rule, c.input, reason)
		}
	}
	for key := range deliberate {
		if !seen[key] {
			t.Errorf("deliberate lists %q, which no longer differs (or has no case): remove it", key)
		}
	}
	sort.Strings(differ)
	t.Logf("%d cases, %d differ:\n%s", len(cases), len(differ), strings.Join(differ, "\n"))
}

// trustedByEmulator is the emulator's trust decision of AssumeRoleWithSAML.
func trustedByEmulator(doc, providerARN, recipient string) (*rules.Policy, bool) {
	p, err := rules.ParsePolicy(doc, true)
	if err != nil {
		return nil, false
	}
	return p, p.Allows(rules.Request{
		PrincipalType: rules.PrincipalFederated,
		Principals:    []string{providerARN},
		Context:       map[string][]string{"saml:recipient": {recipient}},
	})
}

func nameCases() []string {
	return []string{
		"sso-admin", "a", "ab", "Admin.Role-1", strings.Repeat("r", 32), strings.Repeat("r", 33), strings.Repeat("r", 64), strings.Repeat("r", 65),
		strings.Repeat("p", 128), strings.Repeat("p", 129), "", "a_b", "a@b", "a b", "é", "-lead", ".lead", "_lead", "trail-", "trail.", "trail_",
		"idaas", "idaas.prod_1", "alice@example.com", "a=b,c+d", "a/b", "a\x00b",
	}
}

func roleAttributeCases() []string {
	role, provider := "acs:ram::1234567890123456:role/sso-admin", "acs:ram::1234567890123456:saml-provider/idaas"
	return []string{
		role + "," + provider,
		provider + "," + role,
		role + ", " + provider,
		role,
		role + "," + provider + "," + provider,
		"acs:ram::123456789012345:role/sso-admin," + provider,
		"ACS:RAM::1234567890123456:role/sso-admin," + provider,
		"acs:ram::1234567890123456:role/," + provider,
		"acs:ram::1234567890123456:user/alice," + provider,
	}
}

type trustCase struct {
	name, doc, providerARN, recipient string
}

func trustCases() []trustCase {
	const acct = "1234567890123456"
	idaas := rolesso.SAMLProviderARN(acct, "idaas")
	okta := rolesso.SAMLProviderARN(acct, "okta")
	intl, china := rolesso.International.ACSURL, rolesso.China.ACSURL
	statement := func(effect, principal, condition string) string {
		return `{"Effect":"` + effect + `","Action":"sts:AssumeRole","Principal":` + principal + condition + `}`
	}
	doc := func(statements ...string) string {
		return `{"Version":"1","Statement":[` + strings.Join(statements, ",") + `]}`
	}
	fed := func(arns ...string) string { return `{"Federated":["` + strings.Join(arns, `","`) + `"]}` }
	equals := func(r ...string) string {
		return `,"Condition":{"StringEquals":{"saml:recipient":["` + strings.Join(r, `","`) + `"]}}`
	}
	documented := doc(statement("Allow", fed(idaas), equals(intl)))
	return []trustCase{
		{"documented", documented, idaas, intl},
		{"other recipient", documented, idaas, china},
		{"other provider", documented, okta, intl},
		{"provider name in another case", documented, rolesso.SAMLProviderARN(acct, "IDaaS"), intl},
		{"both sites", doc(statement("Allow", fed(idaas), equals(intl, china))), idaas, china},
		{"two providers", doc(statement("Allow", fed(okta, idaas), equals(intl))), idaas, intl},
		{"string principal", doc(statement("Allow", `{"Federated":"`+idaas+`"}`, equals(intl))), idaas, intl},
		{"no condition", doc(statement("Allow", fed(idaas), "")), idaas, intl},
		{"StringLike recipient", doc(statement("Allow", fed(idaas), `,"Condition":{"StringLike":{"saml:recipient":"https://signin.alibabacloud.com/*"}}`)), idaas, intl},
		{"Federated *", doc(statement("Allow", `{"Federated":"*"}`, equals(intl))), idaas, intl},
		{"deny wins", doc(statement("Allow", fed(idaas), equals(intl)), statement("Deny", fed(idaas), "")), idaas, intl},
		{"deny of another provider", doc(statement("Allow", fed(idaas), equals(intl)), statement("Deny", fed(okta), "")), idaas, intl},
		{"several statements", doc(statement("Allow", fed(okta), equals(china)), statement("Allow", fed(idaas), equals(intl))), idaas, intl},
		{"RAM principal only", doc(statement("Allow", `{"RAM":["acs:ram::`+acct+`:root"]}`, "")), idaas, intl},
		{"other condition key", doc(statement("Allow", fed(idaas), `,"Condition":{"StringEquals":{"saml:recipient":"`+intl+`","saml:sub":"alice"}}`)), idaas, intl},
		{"action sts:*", strings.Replace(documented, `"sts:AssumeRole"`, `"sts:*"`, 1), idaas, intl},
		{"action of another service", strings.Replace(documented, `"sts:AssumeRole"`, `"ecs:RunInstances"`, 1), idaas, intl},
		{"Version 2", strings.Replace(documented, `"Version":"1"`, `"Version":"2"`, 1), idaas, intl},
		{"not JSON", `{"Version":"1",`, idaas, intl},
	}
}

type metadataCase struct{ name, doc string }

func metadataCases(t *testing.T) []metadataCase {
	now := time.Now()
	cert := newCertDER(t, "idaas", now.Add(-time.Hour), now.Add(365*24*time.Hour))
	expired := newCertDER(t, "old", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	sso := [][2]string{{rolesso.BindingHTTPPost, "https://example.aliyunidaas.com/login/app/app_x/saml2/sso"}}
	good := metadataXML{EntityID: "https://example.aliyunidaas.com/api/v2/app_x/saml2/meta", Certs: [][]byte{cert}, SSO: sso}.String()
	inner := good[strings.Index(good, "<md:EntityDescriptor"):]
	entities := func(n int) string {
		return `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">` + strings.Repeat(inner, n) + `</md:EntitiesDescriptor>`
	}
	return []metadataCase{
		{"IDaaS shape", good},
		{"no entityID", metadataXML{Certs: [][]byte{cert}, SSO: sso}.String()},
		{"no certificate", metadataXML{EntityID: "https://idp", SSO: sso}.String()},
		{"encryption certificate only", metadataXML{EntityID: "https://idp", EncCerts: [][]byte{cert}, SSO: sso}.String()},
		{"expired certificate", metadataXML{EntityID: "https://idp", Certs: [][]byte{expired}, SSO: sso}.String()},
		{"no SingleSignOnService", metadataXML{EntityID: "https://idp", Certs: [][]byte{cert}}.String()},
		{"EntitiesDescriptor of one", entities(1)},
		{"EntitiesDescriptor of two", entities(2)},
		{"other namespace", strings.ReplaceAll(good, "urn:oasis:names:tc:SAML:2.0:metadata", "urn:example")},
		{"not XML", "<md:EntityDescriptor"},
		{"bad certificate", strings.Replace(good, "<ds:X509Certificate>\n", "<ds:X509Certificate>\nAAAA", 1)},
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}

// expressionCases are IDaaS value expressions: the documented ones, the
// shapes around them, and mistakes.
func expressionCases() []string {
	return []string{
		"user.username", "user.userId", "user.email", "user.status", "user.primaryOrganizationalUnitId", "appUser.username",
		`"3600"`, `"a \"quoted\" constant"`, `ArrayJoin(ArrayMap(user.groups, __item.groupExternalId), ",")`,
		`ArrayJoin(ArrayMap(user.organizationalUnits, __item.organizationalUnitId), ",")`, `ObjectToJsonString(user.groups)`,
		"user.customFieldMap.department.fieldValue", "user.customFieldMap.$department$.fieldValue",
		`ArrayJoin(user.groups, ",")`, "ArrayMap(user.groups, __item.groupId)", "ObjectToJsonString(user.username)",
		`ArrayJoin(ArrayMap(user.groups, __item.x), ",")`,
		"user.mail", "appUser.email", "user", "username", `'single'`, `"open`, `user.username + "x"`, `Concat(user.username, "x")`,
		"__item.groupId", "",
	}
}

// emulatorAccountNameSignsIn is the emulator's reading of an account name
// that can sign in: a role name (the template form), or a whole Role value
// (a standard SAML application whose Role expression is appUser.username).
func emulatorAccountNameSignsIn(name string) bool {
	if _, ok := rules.ParseRoleAttribute(name); ok {
		return true
	}
	return rules.RoleName(name) == rules.NameOK
}
