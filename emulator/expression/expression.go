// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package expression evaluates the value expressions of an IDaaS SAML
// application (NameIdValueExpression and AttributeStatements) in the
// language IDaaS documents: fields of the User and AppUser models
// (user.username, appUser.username, …), string constants in double
// quotes, and the functions ArrayMap, ArrayJoin and ObjectToJsonString.
// FACTS.md, "Attribute expressions", gives the sources and what is not
// known. It is written from the documentation alone, on purpose apart
// from the provider's own reading of it.
//
// String concatenation is not evaluated: the pages say expressions can
// concatenate, but none shows the syntax (FACTS.md, "Not known"), so an
// expression with an operator such as + is refused rather than guessed.
package expression

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Models name the roots of a field path.
const (
	ModelUser    = "user"
	ModelAppUser = "appUser"
	// item is the element ArrayMap's second argument is evaluated on.
	item = "__item"
)

// UserFields are the fields of the User model: the attribute-statement
// rules page lists username, displayName, phoneNumber, email, status,
// primaryOrganizationalUnitId, organizationalUnits, groups, customFields
// and customFieldMap; the advanced-expressions page adds userId,
// phoneRegion, userExternalId, userSourceType, userSourceId and
// description.
var UserFields = []string{
	"userId", "username", "displayName", "email", "phoneNumber", "phoneRegion", "userExternalId", "userSourceType",
	"userSourceId", "status", "description", "primaryOrganizationalUnitId", "organizationalUnits", "groups",
	"customFields", "customFieldMap",
}

// AppUserFields are the fields of the AppUser model (the application
// account) the documentation shows in an example: only username.
var AppUserFields = []string{"username"}

// Functions are the documented functions, by name, with their arity.
var Functions = map[string]int{"ArrayMap": 2, "ArrayJoin": 2, "ObjectToJsonString": 1}

// Expr is a parsed expression.
type Expr struct {
	src  string
	root node
}

// Env holds the models an expression is evaluated on: User as a map of
// its fields (organizationalUnits and groups as lists of maps,
// customFieldMap as a map of maps) and AppUser, nil when the user has no
// application account.
type Env struct {
	User    map[string]any
	AppUser map[string]any
}

// Parse parses src, refusing syntax errors, unknown functions and fields
// that are not in the models.
func Parse(src string) (*Expr, error) {
	p := &parser{src: src}
	p.next()
	n, err := p.expr(false)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.errorf("unexpected %s", p.tok)
	}
	return &Expr{src: src, root: n}, nil
}

// String returns the expression as written.
func (e *Expr) String() string { return e.src }

// UsesAppUser reports whether the expression reads the application
// account, which makes its value one per account.
func (e *Expr) UsesAppUser() bool { return e.root.uses(ModelAppUser) }

// Eval evaluates the expression and returns its value as a SAML attribute
// value: a string as it is, a list or object as JSON, a missing field as
// "".
func (e *Expr) Eval(env Env) string {
	return text(e.root.eval(env, nil))
}

func text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return jsonString(v)
}

// jsonString is v as JSON, or "" for nil (a missing field).
func jsonString(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// node is a part of an expression.
type node interface {
	eval(env Env, item any) any
	uses(model string) bool
}

type constant string

func (c constant) eval(Env, any) any { return string(c) }
func (constant) uses(string) bool    { return false }

// path is a field path such as user.groups or __item.groupId.
type path []string

func (p path) eval(env Env, it any) any {
	var v any
	switch p[0] {
	case ModelUser:
		v = env.User
	case ModelAppUser:
		if env.AppUser == nil {
			return nil
		}
		v = env.AppUser
	case item:
		v = it
	}
	for _, name := range p[1:] {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		field, found := m[name]
		if !found && len(name) > 2 && name[0] == '$' && name[len(name)-1] == '$' {
			// The docs write a custom field as
			// user.customFieldMap.$fieldname$.fieldValue; whether the
			// dollar signs are written is not known, so both forms work.
			field = m[name[1:len(name)-1]]
		}
		v = field
	}
	return v
}

func (p path) uses(model string) bool { return p[0] == model }

type call struct {
	name string
	args []node
}

func (c call) uses(model string) bool {
	return slices.ContainsFunc(c.args, func(n node) bool { return n.uses(model) })
}

func (c call) eval(env Env, it any) any {
	switch c.name {
	case "ArrayMap":
		list, _ := c.args[0].eval(env, it).([]any)
		out := make([]any, 0, len(list))
		for _, el := range list {
			out = append(out, c.args[1].eval(env, el))
		}
		return out
	case "ArrayJoin":
		list, _ := c.args[0].eval(env, it).([]any)
		parts := make([]string, 0, len(list))
		for _, el := range list {
			parts = append(parts, text(el))
		}
		return strings.Join(parts, text(c.args[1].eval(env, it)))
	case "ObjectToJsonString":
		return jsonString(c.args[0].eval(env, it))
	}
	return nil
}

// The lexer.

type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokString
	tokPunct
	tokBad
)

type token struct {
	kind tokKind
	text string
	pos  int
}

func (t token) String() string {
	switch t.kind {
	case tokEOF:
		return "end of expression"
	case tokString:
		return "string " + t.text
	}
	return strconv.Quote(t.text)
}

type parser struct {
	src string
	pos int
	tok token
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("expression %q, at character %d: %s", p.src, p.tok.pos+1, fmt.Sprintf(format, args...))
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' || c == '-' }

func (p *parser) next() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	start := p.pos
	if p.pos >= len(p.src) {
		p.tok = token{tokEOF, "", start}
		return
	}
	c := p.src[p.pos]
	switch {
	case isIdentStart(c):
		for p.pos < len(p.src) && isIdentPart(p.src[p.pos]) {
			p.pos++
		}
		p.tok = token{tokIdent, p.src[start:p.pos], start}
	case c == '"':
		p.pos++
		for p.pos < len(p.src) && p.src[p.pos] != '"' {
			if p.src[p.pos] == '\\' {
				p.pos++
			}
			p.pos++
		}
		if p.pos >= len(p.src) {
			p.tok = token{tokBad, p.src[start:], start}
			return
		}
		p.pos++
		p.tok = token{tokString, p.src[start:p.pos], start}
	case strings.IndexByte(".(),", c) >= 0:
		p.pos++
		p.tok = token{tokPunct, string(c), start}
	default:
		p.pos++
		p.tok = token{tokBad, string(c), start}
	}
}

// expr parses one expression; inMap is true inside ArrayMap's second
// argument, where __item names the element.
func (p *parser) expr(inMap bool) (node, error) {
	switch p.tok.kind {
	case tokString:
		s, err := strconv.Unquote(p.tok.text)
		if err != nil {
			return nil, p.errorf("the string %s is not a valid constant", p.tok.text)
		}
		p.next()
		return constant(s), nil
	case tokIdent:
		name := p.tok.text
		p.next()
		if p.tok.kind == tokPunct && p.tok.text == "(" {
			return p.call(name, inMap)
		}
		return p.path(name, inMap)
	case tokBad:
		if strings.HasPrefix(p.tok.text, `"`) {
			return nil, p.errorf("the string constant is not closed with a double quotation mark")
		}
		return nil, p.errorf("unexpected %s; an expression is a field such as user.username, a constant in double quotation marks, or a function call", p.tok)
	}
	return nil, p.errorf("unexpected %s; an expression is a field such as user.username, a constant in double quotation marks, or a function call", p.tok)
}

func (p *parser) path(root string, inMap bool) (node, error) {
	at := p.tok.pos
	switch {
	case root == item && !inMap:
		return nil, p.errorf("%s is the element of ArrayMap's list and is known only in ArrayMap's second argument", item)
	case root != ModelUser && root != ModelAppUser && root != item:
		return nil, fmt.Errorf("expression %q: %q is neither a model (%s, %s) nor a function (%s)", p.src, root, ModelUser, ModelAppUser, strings.Join(sortedFunctions(), ", "))
	}
	out := path{root}
	for p.tok.kind == tokPunct && p.tok.text == "." {
		p.next()
		if p.tok.kind != tokIdent {
			return nil, p.errorf("a field name must follow %q", strings.Join(out, "."))
		}
		out = append(out, p.tok.text)
		p.next()
	}
	if len(out) == 1 {
		return nil, fmt.Errorf("expression %q, at character %d: name a field of %s, such as %s.username", p.src, at, root, root)
	}
	fields := map[string][]string{ModelUser: UserFields, ModelAppUser: AppUserFields}[root]
	if fields != nil && !slices.Contains(fields, out[1]) {
		return nil, fmt.Errorf("expression %q: %s has no field %q; its fields are %s", p.src, root, out[1], strings.Join(fields, ", "))
	}
	return out, nil
}

func (p *parser) call(name string, inMap bool) (node, error) {
	arity, ok := Functions[name]
	if !ok {
		return nil, fmt.Errorf("expression %q: %q is not a function IDaaS documents; the functions are %s", p.src, name, strings.Join(sortedFunctions(), ", "))
	}
	p.next() // (
	var args []node
	for len(args) == 0 || p.tok.kind == tokPunct && p.tok.text == "," {
		if len(args) > 0 {
			p.next()
		}
		arg, err := p.expr(inMap || name == "ArrayMap" && len(args) == 1)
		if err != nil {
			return nil, err
		}
		args = append(args, arg)
	}
	if p.tok.kind != tokPunct || p.tok.text != ")" {
		return nil, p.errorf("expected \",\" or \")\" in the arguments of %s, found %s", name, p.tok)
	}
	p.next()
	if len(args) != arity {
		return nil, fmt.Errorf("expression %q: %s takes %d arguments, not %d", p.src, name, arity, len(args))
	}
	return call{name, args}, nil
}

func sortedFunctions() []string {
	names := make([]string, 0, len(Functions))
	for name := range Functions {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
