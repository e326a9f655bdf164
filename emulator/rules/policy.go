// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// RAM policy documents: permission policies (CreatePolicy, the STS session
// Policy) and trust policies (AssumeRolePolicyDocument). RAM's grammar: a
// JSON object with Version "1" and a non-empty Statement array; each
// statement has Effect Allow or Deny, Action (string or array), and either
// Resource (permission policies) or Principal (trust policies), plus an
// optional Condition. Where JSON allows a string or an array of strings,
// both are accepted (FACTS.md, "Trust policy").
//
// One parser and one evaluator serve CreateRole, UpdateRole and all three
// AssumeRole* actions, so that what RAM stores and what STS allows are
// judged by the same grammar.

// Document length limits. The permission-policy limit is documented
// (CreatePolicy: "1 to 6,144 characters"); the trust-policy limit is
// UNCONFIRMED (FACTS.md, "Not known").
const (
	MaxTrustPolicyLength      = 2048
	MaxPermissionPolicyLength = 6144
)

// Principal types of a trust policy.
const (
	PrincipalRAM       = "RAM"
	PrincipalService   = "Service"
	PrincipalFederated = "Federated"
)

// Policy is a parsed policy document.
type Policy struct {
	Version    string
	Statements []Statement
}

// Statement is one statement, string-or-array values as slices.
type Statement struct {
	Effect     string
	Actions    []string
	Resources  []string
	Principals map[string][]string
	// Conditions maps an operator to condition keys and their values.
	Conditions map[string]map[string][]string
}

// ParsePolicy parses a policy document; trust selects the trust-policy
// grammar (Principal instead of Resource). The error text is what
// MalformedPolicyDocument says.
func ParsePolicy(doc string, trust bool) (*Policy, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(doc))
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("the policy document is not a valid JSON object: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("the policy document has text after its JSON object")
	}
	p := &Policy{}
	for k, v := range raw {
		switch k {
		case "Version":
			if err := json.Unmarshal(v, &p.Version); err != nil {
				return nil, fmt.Errorf("Version must be a string")
			}
		case "Statement":
			var stmts []map[string]json.RawMessage
			if err := json.Unmarshal(v, &stmts); err != nil {
				var one map[string]json.RawMessage
				if json.Unmarshal(v, &one) != nil {
					return nil, fmt.Errorf("Statement must be an array of objects")
				}
				stmts = append(stmts, one)
			}
			for i, st := range stmts {
				s, err := parseStatement(st, trust)
				if err != nil {
					return nil, fmt.Errorf("Statement %d: %v", i+1, err)
				}
				p.Statements = append(p.Statements, s)
			}
		default:
			return nil, fmt.Errorf("unknown element %q; a policy has only Version and Statement", k)
		}
	}
	if p.Version != "1" {
		return nil, fmt.Errorf(`Version must be "1"`)
	}
	if len(p.Statements) == 0 {
		return nil, fmt.Errorf("Statement must have at least one statement")
	}
	return p, nil
}

func parseStatement(raw map[string]json.RawMessage, trust bool) (Statement, error) {
	var s Statement
	for k, v := range raw {
		var err error
		switch k {
		case "Effect":
			if json.Unmarshal(v, &s.Effect) != nil || (s.Effect != "Allow" && s.Effect != "Deny") {
				err = fmt.Errorf(`Effect must be "Allow" or "Deny"`)
			}
		case "Action":
			s.Actions, err = stringOrList("Action", v)
		case "Resource":
			if trust {
				err = fmt.Errorf("a trust policy has no Resource")
			} else {
				s.Resources, err = stringOrList("Resource", v)
			}
		case "Principal":
			if !trust {
				err = fmt.Errorf("a permission policy has no Principal")
				break
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(v, &m) != nil {
				err = fmt.Errorf("Principal must be an object such as {\"RAM\": [\"acs:ram::123456789012****:root\"]}")
				break
			}
			s.Principals = map[string][]string{}
			for typ, vals := range m {
				if typ != PrincipalRAM && typ != PrincipalService && typ != PrincipalFederated {
					return s, fmt.Errorf("Principal type %q is not one of RAM, Service, Federated", typ)
				}
				if s.Principals[typ], err = stringOrList("Principal."+typ, vals); err != nil {
					return s, err
				}
				for _, v := range s.Principals[typ] {
					if err := checkPrincipal(typ, v); err != nil {
						return s, err
					}
				}
			}
		case "Condition":
			var m map[string]map[string]json.RawMessage
			if json.Unmarshal(v, &m) != nil {
				err = fmt.Errorf("Condition must map operators to keys and values")
				break
			}
			s.Conditions = map[string]map[string][]string{}
			for op, keys := range m {
				s.Conditions[op] = map[string][]string{}
				for key, vals := range keys {
					if s.Conditions[op][key], err = stringOrList("Condition."+op+"."+key, vals); err != nil {
						return s, err
					}
				}
			}
		default:
			err = fmt.Errorf("unknown element %q", k)
		}
		if err != nil {
			return s, err
		}
	}
	switch {
	case s.Effect == "":
		return s, fmt.Errorf("Effect is missing")
	case len(s.Actions) == 0:
		return s, fmt.Errorf("Action is missing")
	case trust && len(s.Principals) == 0:
		return s, fmt.Errorf("Principal is missing")
	case !trust && len(s.Resources) == 0:
		return s, fmt.Errorf("Resource is missing")
	}
	return s, nil
}

// Principal formats: RAM principals are an account ID or an ARN of an
// account root, RAM user or role ("acs:ram::<account>:root",
// ":user/<name>", ":role/<name>"); Service principals are service domains
// such as "ecs.aliyuncs.com"; Federated principals are provider ARNs,
// checked against the account's providers by the caller.
var (
	ramPrincipalRegexp     = regexp.MustCompile(`^(\d{16}|acs:ram::\d{16}:(root|user/[A-Za-z0-9.@_-]+|role/[A-Za-z0-9.@_-]+))$`)
	servicePrincipalRegexp = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)*\.aliyuncs\.com$`)
)

func checkPrincipal(typ, v string) error {
	switch {
	case typ == PrincipalRAM && !ramPrincipalRegexp.MatchString(v):
		return fmt.Errorf("the RAM principal %q is not an account ID or an ARN such as acs:ram::123456789012****:root", v)
	case typ == PrincipalService && !servicePrincipalRegexp.MatchString(v):
		return fmt.Errorf("the Service principal %q is not a service such as ecs.aliyuncs.com", v)
	}
	return nil
}

// stringOrList reads a JSON string or array of strings (or numbers, as RAM
// accepts account IDs written as numbers).
func stringOrList(name string, v json.RawMessage) ([]string, error) {
	v = bytes.TrimSpace(v)
	var list []any
	if len(v) > 0 && v[0] == '[' {
		if err := json.Unmarshal(v, &list); err != nil {
			return nil, fmt.Errorf("%s must be a string or an array of strings", name)
		}
	} else {
		var one any
		if err := json.Unmarshal(v, &one); err != nil {
			return nil, fmt.Errorf("%s must be a string or an array of strings", name)
		}
		list = []any{one}
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		switch e := e.(type) {
		case string:
			if e == "" {
				return nil, fmt.Errorf("%s has an empty value", name)
			}
			out = append(out, e)
		case json.Number, float64:
			out = append(out, fmt.Sprint(e))
		default:
			return nil, fmt.Errorf("%s must be a string or an array of strings", name)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s is empty", name)
	}
	return out, nil
}

// Federated returns the Federated principals the statements name.
func (p *Policy) Federated() []string {
	var out []string
	for _, s := range p.Statements {
		out = append(out, s.Principals[PrincipalFederated]...)
	}
	sort.Strings(out)
	return out
}

// Request is an attempt to assume a role, as the trust policy sees it.
type Request struct {
	// PrincipalType and Principals: who asks. A RAM caller is matched by
	// any of its ARNs (its account root, its own ARN).
	PrincipalType string
	Principals    []string
	// Context holds the values of condition keys (sts:ExternalId,
	// oidc:iss, oidc:aud, oidc:sub, saml:recipient).
	Context map[string][]string
}

// Allows reports whether the policy lets req assume the role: an Allow
// statement matches and no Deny statement does.
func (p *Policy) Allows(req Request) bool {
	allowed := false
	for _, s := range p.Statements {
		if !s.matches(req) {
			continue
		}
		if s.Effect == "Deny" {
			return false
		}
		allowed = true
	}
	return allowed
}

func (s Statement) matches(req Request) bool {
	if !containsFold(s.Actions, "sts:AssumeRole") && !containsFold(s.Actions, "sts:*") && !containsFold(s.Actions, "*") {
		return false
	}
	matched := false
	for _, want := range s.Principals[req.PrincipalType] {
		for _, got := range req.Principals {
			if want == "*" || strings.EqualFold(want, got) {
				matched = true
			}
		}
	}
	if !matched {
		return false
	}
	// Conditions: StringEquals and StringLike ("*" wildcards) are
	// evaluated; any other operator makes the statement not match, which
	// fails closed.
	for op, keys := range s.Conditions {
		for key, wants := range keys {
			gots := req.Context[key]
			ok := false
			for _, want := range wants {
				for _, got := range gots {
					switch op {
					case "StringEquals":
						ok = ok || want == got
					case "StringLike":
						ok = ok || wildcardMatch(want, got)
					}
				}
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

func containsFold(list []string, v string) bool {
	for _, e := range list {
		if strings.EqualFold(e, v) {
			return true
		}
	}
	return false
}

// wildcardMatch matches s against a pattern where "*" is any run of
// characters.
func wildcardMatch(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}
