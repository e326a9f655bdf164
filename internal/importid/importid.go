// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package importid parses import IDs, so that every resource declares its
// import ID here: composite IDs (Format), parts joined by a separator, each
// the value of an attribute; and NameOrARN, an object's name or its ARN. A
// resource declares each of its formats once, with an example, and its
// import errors and docs are built from that declaration. A bad composite
// ID gets an error that names every wrong part, then every format with its
// example.
package importid

import (
	"fmt"
	"strings"
)

// Format is one format of a composite import ID.
type Format struct {
	// Sep separates the parts. Formats parsed together share it.
	Sep string
	// Parts are the parts, in order.
	Parts []Part
	// Example is an ID of this format.
	Example string
	// LastTakesRest lets the last part hold Sep too: the ID is split into
	// at most len(Parts) parts.
	LastTakesRest bool
	// Check, when set, reports a problem of the parts together, once each
	// part is fine on its own: a phrase such as "the instance ID comes
	// first", or "".
	Check func(parts []string) string
}

// Part is one part of a Format.
type Part struct {
	// Name is the attribute the part sets, e.g. "instance_id".
	Name string
	// Check, when set, reports a problem of a non-empty value without
	// leading or trailing spaces as a predicate that follows "part N
	// (name)", e.g. `contains white space`, or "".
	Check func(value string) string
}

// String is the format, e.g. "<instance_id>/<application_id>".
func (f Format) String() string {
	names := make([]string, len(f.Parts))
	for i, p := range f.Parts {
		names[i] = "<" + p.Name + ">"
	}
	return strings.Join(names, f.Sep)
}

// Join builds an ID of this format from its parts' values.
func (f Format) Join(values ...string) string { return strings.Join(values, f.Sep) }

// split returns the parts of id as this format splits it.
func (f Format) split(id string) []string {
	if f.LastTakesRest {
		return strings.SplitN(id, f.Sep, len(f.Parts))
	}
	return strings.Split(id, f.Sep)
}

// Parse matches id to the first of formats with as many parts and returns
// that format's index and the parts. A bad ID gets an error that says what
// is wrong with each part (or with the number of parts), then every format
// with its example.
func Parse(id string, formats ...Format) (int, []string, error) {
	for i, f := range formats {
		parts := f.split(id)
		if len(parts) != len(f.Parts) {
			continue
		}
		if problems := f.problems(parts); len(problems) > 0 {
			return 0, nil, invalid(id, strings.Join(problems, "; "), formats)
		}
		return i, parts, nil
	}
	sep := formats[0].Sep
	problem := fmt.Sprintf("it has %d parts separated by %q", len(strings.Split(id, sep)), sep)
	switch {
	case id == "":
		problem = "it is empty"
	case !strings.Contains(id, sep):
		problem = fmt.Sprintf("it has no %q", sep)
	}
	return 0, nil, invalid(id, problem, formats)
}

// problems lists what is wrong with each of parts, then with them
// together.
func (f Format) problems(parts []string) []string {
	var problems []string
	for n, value := range parts {
		part := f.Parts[n]
		problem := ""
		switch {
		case value == "":
			problem = "is empty"
		case strings.TrimSpace(value) != value:
			problem = "has leading or trailing spaces"
		case part.Check != nil:
			problem = part.Check(value)
		}
		if problem != "" {
			problems = append(problems, fmt.Sprintf("part %d (%s) %s", n+1, part.Name, problem))
		}
	}
	if len(problems) == 0 && f.Check != nil {
		if problem := f.Check(parts); problem != "" {
			problems = append(problems, problem)
		}
	}
	return problems
}

func invalid(id, problem string, formats []Format) error {
	ways := make([]string, len(formats))
	for i, f := range formats {
		ways[i] = fmt.Sprintf("%q (for example %q)", f.String(), f.Example)
	}
	return fmt.Errorf("invalid import ID %q: %s. Give %s, the parts separated by %q",
		id, problem, strings.Join(ways, " or "), formats[0].Sep)
}
