// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// Trust policy vocabulary (FACTS.md).
const (
	PolicyVersion         = "1"
	ActionAssumeRole      = "sts:AssumeRole"
	EffectAllow           = "Allow"
	EffectDeny            = "Deny"
	PrincipalFederated    = "Federated"
	PrincipalRAM          = "RAM"
	PrincipalService      = "Service"
	ConditionStringEquals = "StringEquals"
	ConditionKeyRecipient = "saml:recipient"
)

// MaxTrustPolicyDocLength bounds the documents this package parses. It is a
// sanity bound; RAM's own limit is UNCONFIRMED (FACTS.md).
const MaxTrustPolicyDocLength = 1 << 20

// TrustPolicy is a RAM role's trust policy (AssumeRolePolicyDocument).
// Values that JSON allows as a string or an array of strings are always
// slices here.
type TrustPolicy struct {
	Version    string
	Statements []TrustStatement
}

// TrustStatement is one statement of a trust policy.
type TrustStatement struct {
	Effect string
	// Actions are the Action values, normally only "sts:AssumeRole".
	Actions []string
	// Principals maps a principal type ("Federated", "RAM", "Service") to
	// its values.
	Principals map[string][]string
	// Conditions maps an operator ("StringEquals") to condition keys
	// ("saml:recipient") and their values.
	Conditions map[string]map[string][]string
}

// trustPolicyDoc fixes the JSON key order of built policies: the order of
// the current docs.
type trustPolicyDoc struct {
	Version   string              `json:"Version"`
	Statement []trustStatementDoc `json:"Statement"`
}

type trustStatementDoc struct {
	Effect    string                         `json:"Effect"`
	Principal map[string][]string            `json:"Principal"`
	Action    string                         `json:"Action"`
	Condition map[string]map[string][]string `json:"Condition"`
}

// BuildTrustPolicy returns the trust policy that lets users of the given
// SAML providers (IdP names) of accountID assume a role through the site's
// sign-in. It is the current documented form, compact, with the provider
// ARNs sorted and the Federated principal and saml:recipient always arrays.
func BuildTrustPolicy(accountID string, idpNames []string, site Site) (string, error) {
	if err := ValidateAccountID(accountID); err != nil {
		return "", err
	}
	if _, err := LookupSite(site.Name); err != nil {
		return "", err
	}
	if len(idpNames) == 0 {
		return "", errors.New("a trust policy needs at least one SAML provider name; name the IdP of the role-based SSO application")
	}
	arns := make([]string, 0, len(idpNames))
	for _, name := range idpNames {
		if err := ValidateSAMLProviderName(name); err != nil {
			return "", err
		}
		arns = append(arns, SAMLProviderARN(accountID, name))
	}
	sort.Strings(arns)
	arns = slices.Compact(arns)
	doc := trustPolicyDoc{
		Version: PolicyVersion,
		Statement: []trustStatementDoc{{
			Effect:    EffectAllow,
			Principal: map[string][]string{PrincipalFederated: arns},
			Action:    ActionAssumeRole,
			Condition: map[string]map[string][]string{ConditionStringEquals: {ConditionKeyRecipient: {site.ACSURL}}},
		}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// TrustPolicyError reports a trust policy that does not parse or breaks a
// rule. Problems are sentences, each naming the JSON path it is about.
type TrustPolicyError struct {
	Problems []string
}

func (e *TrustPolicyError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid trust policy: " + e.Problems[0]
	}
	return "invalid trust policy:\n- " + strings.Join(e.Problems, "\n- ")
}

// ParseTrustPolicy parses a trust policy document. It checks JSON syntax
// (reporting line and column), the types of values and the known keys; it
// does not check the SSO rules, which ValidateTrustPolicy adds.
func ParseTrustPolicy(doc string) (*TrustPolicy, error) {
	if len(doc) > MaxTrustPolicyDocLength {
		return nil, &TrustPolicyError{Problems: []string{fmt.Sprintf("it has %d bytes, more than the %d this provider accepts.", len(doc), MaxTrustPolicyDocLength)}}
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, &TrustPolicyError{Problems: []string{jsonErrorText(doc, err)}}
	}
	end := int(dec.InputOffset())
	if rest := strings.TrimLeft(doc[end:], " \t\r\n"); rest != "" {
		line, col := lineCol(doc, len(doc)-len(rest))
		return nil, &TrustPolicyError{Problems: []string{fmt.Sprintf("unexpected data after the JSON object at line %d, column %d; a document holds one object.", line, col)}}
	}
	p := &parser{}
	policy := p.policy(v)
	if len(p.problems) > 0 {
		return nil, &TrustPolicyError{Problems: p.problems}
	}
	return policy, nil
}

// ValidateTrustPolicy parses doc and checks it as a trust policy for
// role-based SSO: Version "1", at least one statement, Effect Allow or Deny,
// only the sts:AssumeRole action, known principal types, Federated values
// that are SAML provider ARNs, and for every statement that allows a SAML
// provider, a StringEquals saml:recipient condition whose values are ACS
// URLs of the sites.
func ValidateTrustPolicy(doc string) error {
	p, err := ParseTrustPolicy(doc)
	if err != nil {
		return err
	}
	return p.Validate()
}

// Validate checks the policy as ValidateTrustPolicy does.
func (p *TrustPolicy) Validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if p.Version != PolicyVersion {
		if p.Version == "" {
			add(`"Version" is missing; set "Version": %q.`, PolicyVersion)
		} else {
			add(`"Version" is %q; RAM policies use "Version": %q.`, p.Version, PolicyVersion)
		}
	}
	if len(p.Statements) == 0 {
		add(`"Statement" is missing or empty; add a statement that allows "sts:AssumeRole" to a Federated SAML provider.`)
	}
	for i, s := range p.Statements {
		at := fmt.Sprintf("Statement[%d]", i)
		if s.Effect != EffectAllow && s.Effect != EffectDeny {
			add(`%s.Effect is %q; use %q or %q.`, at, s.Effect, EffectAllow, EffectDeny)
		}
		if len(s.Actions) == 0 {
			add(`%s.Action is missing; set "Action": %q.`, at, ActionAssumeRole)
		}
		for _, a := range s.Actions {
			if a != ActionAssumeRole {
				add(`%s.Action has %q; a trust policy allows only %q.`, at, a, ActionAssumeRole)
			}
		}
		if len(s.Principals) == 0 {
			add(`%s.Principal is missing or empty; for role-based SSO set "Principal": {"Federated": [%q]}.`, at, ExampleSAMLProviderARN)
		}
		for _, typ := range sortedKeys(s.Principals) {
			if len(s.Principals[typ]) == 0 {
				add(`%s.Principal.%s is empty; list at least one principal or remove it.`, at, typ)
			}
		}
		for j, v := range s.Principals[PrincipalFederated] {
			if _, err := ParseSAMLProviderARN(v); err != nil {
				add(`%s.Principal.Federated[%d]: %s`, at, j, err.Error())
			}
		}
		if len(s.Principals[PrincipalFederated]) > 0 {
			problems = append(problems, validateSAMLConditions(at, s)...)
		}
	}
	if len(problems) > 0 {
		return &TrustPolicyError{Problems: problems}
	}
	return nil
}

// validateSAMLConditions checks the condition of a statement with a
// Federated principal by the rule the console documents: "Only the
// saml:recipient condition key is supported. This condition key is
// required and cannot be changed".
func validateSAMLConditions(at string, s TrustStatement) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	hint := fmt.Sprintf(`set "Condition": {"StringEquals": {"saml:recipient": [%q]}} (or %q for the China site)`, International.ACSURL, China.ACSURL)
	for _, op := range sortedKeys(s.Conditions) {
		for _, key := range sortedKeys(s.Conditions[op]) {
			if op != ConditionStringEquals || key != ConditionKeyRecipient {
				add(`%s.Condition.%s has the key %q; a statement with a Federated SAML provider supports only the %s %q condition.`, at, op, key, ConditionStringEquals, ConditionKeyRecipient)
			}
		}
	}
	recipients, ok := s.Conditions[ConditionStringEquals][ConditionKeyRecipient]
	if s.Effect == EffectAllow && (!ok || len(recipients) == 0) {
		add(`%s has a Federated principal but no saml:recipient condition; %s.`, at, hint)
	}
	for j, r := range recipients {
		if _, ok := SiteByRecipient(r); ok {
			continue
		}
		switch {
		case r == International.SPEntityID || r == China.SPEntityID:
			add(`%s.Condition.StringEquals.saml:recipient[%d] is %q, an SP entity ID; saml:recipient is the ACS URL: %s.`, at, j, r, hint)
		case strings.TrimRight(r, "/") == International.ACSURL || strings.TrimRight(r, "/") == China.ACSURL:
			add(`%s.Condition.StringEquals.saml:recipient[%d] is %q; write it exactly, without the trailing "/": %s.`, at, j, r, hint)
		default:
			add(`%s.Condition.StringEquals.saml:recipient[%d] is %q, which is not the ACS URL of a site; %s.`, at, j, r, hint)
		}
	}
	return problems
}

// SAMLProviderARNs returns the Federated principals of the policy's Allow
// statements, sorted and without duplicates.
func (p *TrustPolicy) SAMLProviderARNs() []string {
	var out []string
	for _, s := range p.Statements {
		if s.Effect == EffectAllow {
			out = append(out, s.Principals[PrincipalFederated]...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Recipients returns the saml:recipient values of the policy's Allow
// statements, sorted and without duplicates.
func (p *TrustPolicy) Recipients() []string {
	var out []string
	for _, s := range p.Statements {
		if s.Effect == EffectAllow {
			out = append(out, s.Conditions[ConditionStringEquals][ConditionKeyRecipient]...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Trusts reports whether the policy lets a user vouched for by the SAML
// provider providerARN, signing in with an assertion whose Recipient is
// recipient, assume the role. A matching Deny statement wins over any
// Allow. Provider ARNs compare as RAM compares names. Conditions other than
// StringEquals saml:recipient are never satisfied, so a statement that has
// one matches nothing. A policy whose Version is not "1", which RAM refuses
// to store, trusts nothing either, so the provider never judges a role
// trusted that the cloud would not let anyone assume.
func (p *TrustPolicy) Trusts(providerARN, recipient string) bool {
	if p.Version != PolicyVersion {
		return false
	}
	allowed := false
	for _, s := range p.Statements {
		if !s.matches(providerARN, recipient) {
			continue
		}
		switch s.Effect {
		case EffectDeny:
			return false
		case EffectAllow:
			allowed = true
		}
	}
	return allowed
}

func (s TrustStatement) matches(providerARN, recipient string) bool {
	actionOK := slices.ContainsFunc(s.Actions, func(a string) bool {
		return strings.EqualFold(a, ActionAssumeRole) || a == "sts:*" || a == "*"
	})
	if !actionOK {
		return false
	}
	want, wantErr := ParseSAMLProviderARN(providerARN)
	principalOK := slices.ContainsFunc(s.Principals[PrincipalFederated], func(v string) bool {
		if wantErr != nil {
			return v == providerARN
		}
		got, err := ParseSAMLProviderARN(v)
		return err == nil && got.Equal(want)
	})
	if !principalOK {
		return false
	}
	for op, keys := range s.Conditions {
		for key, values := range keys {
			if op != ConditionStringEquals || key != ConditionKeyRecipient || !slices.Contains(values, recipient) {
				return false
			}
		}
	}
	return true
}

// TrustPolicyTrusts is Trusts on a document; a document that does not parse
// trusts nothing.
func TrustPolicyTrusts(doc, providerARN, recipient string) bool {
	p, err := ParseTrustPolicy(doc)
	return err == nil && p.Trusts(providerARN, recipient)
}

// CanonicalTrustPolicy returns the canonical form of a trust policy: compact
// JSON with sorted keys, every string-or-array value as a sorted array
// without duplicates, RAM ARN names of principals in lower case (RAM names
// compare without regard to case) and the statements sorted and without
// duplicates. Two documents with the same canonical form mean the same to
// RAM.
func CanonicalTrustPolicy(doc string) (string, error) {
	p, err := ParseTrustPolicy(doc)
	if err != nil {
		return "", err
	}
	return p.canonical(), nil
}

// EquivalentTrustPolicies reports whether a and b mean the same to RAM:
// whitespace, key order, a string versus a one-element array, the order of
// Principal, Action and Condition values and the order of statements do not
// matter. It returns an error when either document does not parse.
func EquivalentTrustPolicies(a, b string) (bool, error) {
	ca, err := CanonicalTrustPolicy(a)
	if err != nil {
		return false, err
	}
	cb, err := CanonicalTrustPolicy(b)
	if err != nil {
		return false, err
	}
	return ca == cb, nil
}

type canonicalStatement struct {
	Action    []string                       `json:"Action,omitempty"`
	Condition map[string]map[string][]string `json:"Condition,omitempty"`
	Effect    string                         `json:"Effect"`
	Principal map[string][]string            `json:"Principal,omitempty"`
}

func (p *TrustPolicy) canonical() string {
	statements := make([]string, 0, len(p.Statements))
	for _, s := range p.Statements {
		c := canonicalStatement{Effect: s.Effect, Action: setOf(s.Actions)}
		if len(s.Principals) > 0 {
			c.Principal = map[string][]string{}
			for typ, values := range s.Principals {
				c.Principal[typ] = setOf(mapSlice(values, canonicalPrincipal))
			}
		}
		if len(s.Conditions) > 0 {
			c.Condition = map[string]map[string][]string{}
			for op, keys := range s.Conditions {
				c.Condition[op] = map[string][]string{}
				for key, values := range keys {
					c.Condition[op][key] = setOf(values)
				}
			}
		}
		b, _ := json.Marshal(c) // Maps of strings and slices always marshal.
		statements = append(statements, string(b))
	}
	sort.Strings(statements)
	statements = slices.Compact(statements)
	return `{"Statement":[` + strings.Join(statements, ",") + `],"Version":` + quoteJSON(p.Version) + `}`
}

// canonicalPrincipal lower-cases the name in a RAM ARN, since RAM compares
// names without regard to case and may return them in another case.
func canonicalPrincipal(v string) string {
	if a, err := ParseARN(v); err == nil {
		a.Name = strings.ToLower(a.Name)
		return a.String()
	}
	return v
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s) // Strings always marshal.
	return string(b)
}

// setOf returns the values sorted and without duplicates, never nil, so
// that an empty array stays an array.
func setOf(values []string) []string {
	out := slices.Clone(values)
	if out == nil {
		out = []string{}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func mapSlice(values []string, f func(string) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = f(v)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// parser turns decoded JSON into a TrustPolicy, collecting problems.
type parser struct {
	problems []string
}

func (p *parser) addf(format string, args ...any) {
	p.problems = append(p.problems, fmt.Sprintf(format, args...))
}

func (p *parser) policy(v any) *TrustPolicy {
	obj, ok := v.(map[string]any)
	if !ok {
		p.addf(`the document is %s, not a JSON object; a trust policy looks like {"Version": "1", "Statement": [...]}.`, jsonKind(v))
		return nil
	}
	policy := &TrustPolicy{}
	for _, key := range sortedKeys(obj) {
		val := obj[key]
		switch key {
		case "Version":
			s, ok := val.(string)
			if !ok {
				p.addf(`"Version" is %s; write it as the string %q.`, jsonKind(val), PolicyVersion)
			}
			policy.Version = s
		case "Statement":
			switch st := val.(type) {
			case []any:
				for i, item := range st {
					policy.Statements = append(policy.Statements, p.statement(fmt.Sprintf("Statement[%d]", i), item))
				}
			case map[string]any:
				policy.Statements = append(policy.Statements, p.statement("Statement", st))
			default:
				p.addf(`"Statement" is %s; it must be an array of statement objects.`, jsonKind(val))
			}
		default:
			p.addf(`unknown key %q at the top level; a trust policy has only "Version" and "Statement".`, key)
		}
	}
	return policy
}

func (p *parser) statement(at string, v any) TrustStatement {
	var s TrustStatement
	obj, ok := v.(map[string]any)
	if !ok {
		p.addf(`%s is %s; each statement must be a JSON object.`, at, jsonKind(v))
		return s
	}
	for _, key := range sortedKeys(obj) {
		val := obj[key]
		switch key {
		case "Effect":
			e, ok := val.(string)
			if !ok {
				p.addf(`%s.Effect is %s; use %q or %q.`, at, jsonKind(val), EffectAllow, EffectDeny)
			}
			s.Effect = e
		case "Action":
			s.Actions = p.strings(at+".Action", val)
		case "Principal":
			s.Principals = p.stringsMap(at+".Principal", val, func(typ string) {
				if typ != PrincipalFederated && typ != PrincipalRAM && typ != PrincipalService {
					p.addf(`%s.Principal has the unknown type %q; use %q, %q or %q.`, at, typ, PrincipalFederated, PrincipalRAM, PrincipalService)
				}
			})
		case "Condition":
			obj, ok := val.(map[string]any)
			if !ok {
				p.addf(`%s.Condition is %s; it must be an object such as {"StringEquals": {"saml:recipient": [%q]}}.`, at, jsonKind(val), International.ACSURL)
				continue
			}
			s.Conditions = map[string]map[string][]string{}
			for _, op := range sortedKeys(obj) {
				s.Conditions[op] = p.stringsMap(at+".Condition."+op, obj[op], nil)
			}
		default:
			p.addf(`%s has the unknown key %q; a statement has "Effect", "Principal", "Action" and "Condition".`, at, key)
		}
	}
	return s
}

// stringsMap reads an object whose values are strings or arrays of strings.
func (p *parser) stringsMap(at string, v any, checkKey func(string)) map[string][]string {
	obj, ok := v.(map[string]any)
	if !ok {
		p.addf(`%s is %s; it must be an object whose values are strings or arrays of strings.`, at, jsonKind(v))
		return nil
	}
	out := make(map[string][]string, len(obj))
	for _, key := range sortedKeys(obj) {
		if checkKey != nil {
			checkKey(key)
		}
		out[key] = p.strings(at+"."+key, obj[key])
	}
	return out
}

// strings reads a string or an array of strings. Numbers and booleans are
// taken as their JSON text, as policy conditions compare them as strings.
func (p *parser) strings(at string, v any) []string {
	if s, ok := scalarText(v); ok {
		return []string{s}
	}
	arr, ok := v.([]any)
	if !ok {
		p.addf(`%s is %s; it must be a string or an array of strings.`, at, jsonKind(v))
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, item := range arr {
		s, ok := scalarText(item)
		if !ok {
			p.addf(`%s[%d] is %s; it must be a string.`, at, i, jsonKind(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return fmt.Sprint(x), true
	}
	return "", false
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// jsonErrorText describes a JSON decoding error with its line and column.
func jsonErrorText(doc string, err error) string {
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		line, col := lineCol(doc, int(syntax.Offset)-1)
		return fmt.Sprintf("the JSON is not valid at line %d, column %d: %s.", line, col, syntax.Error())
	case errors.Is(err, io.EOF):
		return "the document is empty; a trust policy looks like {\"Version\": \"1\", \"Statement\": [...]}."
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(doc, len(doc))
		return fmt.Sprintf("the JSON ends early at line %d, column %d; check for a missing \"}\" or \"]\".", line, col)
	}
	return fmt.Sprintf("the JSON is not valid: %s.", err.Error())
}

// lineCol returns the 1-based line and column of the byte at index i.
// Columns count bytes, which equals characters for ASCII JSON.
func lineCol(doc string, i int) (int, int) {
	i = min(max(i, 0), len(doc))
	before := doc[:i]
	return strings.Count(before, "\n") + 1, i - strings.LastIndexByte(before, '\n')
}
