// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Params are a call's parameters: query and form merged, with the keys as
// sent. Nested and repeated parameters arrive flattened (FACTS.md):
// "UserIds.1", "SamlSsoConfig.NameIdFormat",
// "ApplicationTemplateParams.1.TemplateParamName". Lookups by a dotted
// name therefore work as they are; List and StructList unpack the indexed
// forms.
type Params map[string]string

// mergeParams merges query and form values; the first value of a key wins
// and the form wins over the query.
func mergeParams(query, form url.Values) Params {
	p := make(Params, len(query)+len(form))
	for _, vs := range []url.Values{query, form} {
		for k, v := range vs {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	}
	return p
}

// Get returns the value of name, "" when absent.
func (p Params) Get(name string) string { return p[name] }

// Has reports whether name is present with a non-empty value.
func (p Params) Has(name string) bool { return p[name] != "" }

// List returns the values of the repeated parameter name ("name.1",
// "name.2", …) in index order. A client may also send the list as one JSON
// array string ("shrink" style, FACTS.md); that is accepted too.
func (p Params) List(name string) []string {
	if raw := p[name]; strings.HasPrefix(strings.TrimSpace(raw), "[") {
		var out []string
		if json.Unmarshal([]byte(raw), &out) == nil {
			return out
		}
	}
	var out []string
	for _, i := range p.indexes(name) {
		if v, ok := p[name+"."+strconv.Itoa(i)]; ok {
			out = append(out, v)
		}
	}
	return out
}

// StructList returns the elements of the repeated structure name
// ("name.1.Field", "name.2.Field", …) in index order, each as Params keyed
// by the field name ("Field", or "Sub.1" for a nested list). A JSON array
// of objects in the one parameter name is accepted too.
func (p Params) StructList(name string) []Params {
	if raw := p[name]; strings.HasPrefix(strings.TrimSpace(raw), "[") {
		var objs []map[string]any
		if json.Unmarshal([]byte(raw), &objs) == nil {
			out := make([]Params, 0, len(objs))
			for _, o := range objs {
				e := Params{}
				for k, v := range o {
					e[k] = jsonScalar(v)
				}
				out = append(out, e)
			}
			return out
		}
	}
	var out []Params
	for _, i := range p.indexes(name) {
		out = append(out, p.Sub(name+"."+strconv.Itoa(i)))
	}
	return out
}

// Sub returns the fields of the structure name: every "name.X" key as "X".
func (p Params) Sub(name string) Params {
	prefix := name + "."
	out := Params{}
	for k, v := range p {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out[rest] = v
		}
	}
	return out
}

// indexes returns the distinct 1-based indexes used under name, sorted.
func (p Params) indexes(name string) []int {
	prefix := name + "."
	seen := map[int]bool{}
	for k := range p {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		head, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(head); err == nil && i > 0 {
			seen[i] = true
		}
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

func jsonScalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}
