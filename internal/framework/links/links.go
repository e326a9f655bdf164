// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package links is the framework side of the link checks: the values of
// link attributes, and the diagnostics of the link rules of
// internal/rolesso and of live plan-time checks. The resources of
// internal/service/idaas and internal/service/ram share it.
package links

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Note explains, in the description of every link attribute, how a whole
// object is passed.
const Note = "Pass the whole resource or data source; Terraform keeps the attributes named here and drops the others. " +
	"An object written out in the configuration may leave attributes out: the checks that need them are skipped."

// LiveCheckTimeout bounds the read-only calls of one plan-time check,
// within the plan's own context.
const LiveCheckTimeout = time.Minute

// ObjectAs returns the value of a link attribute as T, or nil while it is
// null or unknown.
func ObjectAs[T any](ctx context.Context, o types.Object, diags *diag.Diagnostics) *T {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var v T
	diags.Append(o.As(ctx, &v, basetypes.ObjectAsOptions{})...)
	return &v
}

// KnownStrings returns the elements of a set of strings, and false while
// the set or an element is null or unknown.
func KnownStrings(ctx context.Context, s types.Set) ([]string, bool) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false
	}
	for _, e := range s.Elements() {
		if e.IsUnknown() || e.IsNull() {
			return nil, false
		}
	}
	var out []string
	if diags := s.ElementsAs(ctx, &out, false); diags.HasError() {
		return nil, false
	}
	return out, true
}

// NamedObject names an object of a kind in messages, e.g. `RAM role
// "sso-admin"`, or as unnamed (e.g. "this RAM role") while its name is
// not known.
func NamedObject(kind string, name types.String, unnamed string) string {
	if framework.IsKnown(name) {
		return fmt.Sprintf("%s %q", kind, name.ValueString())
	}
	return unnamed
}

// ApplicationObject names a linked IDaaS application in messages: by its
// ID when known, else by its IdP name, else as unnamed, e.g. "the linked
// IDaaS application".
func ApplicationObject(id, idpName types.String, unnamed string) string {
	switch {
	case framework.IsKnown(id):
		return "IDaaS application " + id.ValueString()
	case framework.IsKnown(idpName):
		return fmt.Sprintf("the IDaaS application with IdP name %q", idpName.ValueString())
	}
	return unnamed
}

// AddError reports the error of a rolesso link rule at p: the rule's
// summary, then the problem, the rule and the fix, with hint (a sentence
// about wiring the objects, or "") after the fix. A nil err adds nothing.
func AddError(diags *diag.Diagnostics, p path.Path, err error, hint string) {
	if err == nil {
		return
	}
	le, ok := errors.AsType[*rolesso.LinkError](err)
	if !ok {
		diags.AddAttributeError(p, "Link check failed", err.Error())
		return
	}
	diags.AddAttributeError(p, le.Summary, linkDetail(le.Problem, le.Rule, le.Fix, hint))
}

// AddWarning reports the warning of a rolesso link rule at p, as AddError
// reports an error. A nil w adds nothing.
func AddWarning(diags *diag.Diagnostics, p path.Path, w *rolesso.LinkWarning, hint string) {
	if w == nil {
		return
	}
	diags.AddAttributeWarning(p, w.Summary, linkDetail(w.Problem, w.Rule, w.Fix, hint))
}

// linkDetail joins the parts of a link finding into a diagnostic's detail.
func linkDetail(problem, rule, fix, hint string) string {
	detail := problem + "\n\n" + rule + "\n\n" + fix
	if hint != "" {
		detail += " " + hint
	}
	return detail
}

// AddLiveCheckWarning reports a live check that could not run, such as for
// want of a read permission: what it wanted to check, and why it could
// not. A plan does not fail for it.
func AddLiveCheckWarning(diags *diag.Diagnostics, p path.Path, what string, err error) {
	diags.AddAttributeWarning(p, "Plan-time check could not run", fmt.Sprintf(
		"The provider could not check %s: %s\n\nThe plan goes on without this check.", what, err.Error()))
}
