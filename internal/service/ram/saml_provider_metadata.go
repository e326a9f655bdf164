// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/semantic"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// This file holds what the SAML provider resource and data source share
// about SAML IdP metadata: the attribute type that compares documents by
// meaning, the plan modifier that keeps a document the same in meaning,
// the checks, and the facts computed from a document.

var (
	_ planmodifier.String = samlMetadataPlanModifier{}
	_ validator.String    = samlMetadataValidator{}
)

// samlMetadataType is the type of an attribute holding SAML IdP metadata as
// XML or Base64. Two values are equal in meaning when they have the same
// entityID, the same set of signing certificates and the same set of SSO
// endpoints (rolesso.Metadata.Equal), so re-encoding, whitespace and
// line-wrapped Base64 make no difference. A document that does not parse
// equals nothing but itself.
type (
	samlMetadataType  = semantic.StringType[samlMetadataMeaning]
	samlMetadataValue = semantic.StringValue[samlMetadataMeaning]
)

// samlMetadataMeaning compares metadata documents by what they say.
type samlMetadataMeaning struct{}

func (samlMetadataMeaning) Name() string { return "samlMetadataType" }

func (samlMetadataMeaning) Same(a, b string) bool {
	same, err := rolesso.SameMetadata(a, b)
	return err == nil && same
}

func newSAMLMetadataValue(s string) samlMetadataValue {
	return semantic.NewStringValue[samlMetadataMeaning](s)
}

// samlMetadataPlanModifier plans the prior metadata when the configured
// metadata means the same. The framework's semantic equality applies only
// to values a provider returns, not to the configuration, so without it a
// document written in another form would show a change.
type samlMetadataPlanModifier struct{}

func (m samlMetadataPlanModifier) Description(ctx context.Context) string {
	return m.MarkdownDescription(ctx)
}

func (m samlMetadataPlanModifier) MarkdownDescription(context.Context) string {
	return "Keeps the metadata in state when the configured metadata has the same entity ID, signing certificates and SSO endpoints."
}

func (m samlMetadataPlanModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	same, diags := samlMetadataValue{StringValue: req.StateValue}.StringSemanticEquals(ctx, samlMetadataValue{StringValue: req.PlanValue})
	resp.Diagnostics.Append(diags...)
	if same {
		resp.PlanValue = req.StateValue
	}
}

// samlMetadataValidator checks metadata at validate time: it must be a
// document (not a URL) that parses and can sign users in now. Null and
// unknown values are not checked.
type samlMetadataValidator struct{}

func (v samlMetadataValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (v samlMetadataValidator) MarkdownDescription(context.Context) string {
	return "must be SAML IdP metadata (XML or Base64) with an entity ID, a signing certificate that has not expired and a SingleSignOnService"
}

func (v samlMetadataValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	resp.Diagnostics.Append(samlMetadataDiagnostics(req.Path, req.ConfigValue.ValueString(), time.Now())...)
}

// samlMetadataDiagnostics returns an error for each problem that keeps
// metadata from signing users in at time now.
func samlMetadataDiagnostics(p path.Path, input string, now time.Time) diag.Diagnostics {
	md, err := rolesso.ParseMetadata(input)
	if err == nil {
		err = md.Validate(now)
	}
	if err == nil {
		return nil
	}
	var diags diag.Diagnostics
	for _, problem := range metadataProblems(err) {
		diags.AddAttributeError(p, "Invalid SAML IdP metadata", metadataSentence(problem))
	}
	return diags
}

// samlMetadataWarnings returns a warning for each piece of advice on
// metadata that works at time now: the newest certificate expiring within
// the given window, expired certificates beside valid ones, validUntil.
func samlMetadataWarnings(p path.Path, md *rolesso.Metadata, now time.Time, within time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, w := range md.Warnings(now, within) {
		diags.AddAttributeWarning(p, "SAML IdP metadata needs attention", metadataSentence(w))
	}
	return diags
}

func metadataProblems(err error) []string {
	if me, ok := errors.AsType[*rolesso.MetadataError](err); ok {
		return me.Problems
	}
	return []string{err.Error()}
}

// metadataSentence capitalizes s: rolesso's problems are clauses about "it", the
// metadata.
func metadataSentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// samlMetadataFacts are the attributes computed from metadata.
type samlMetadataFacts struct {
	EntityID     types.String
	SSOURLs      types.List
	Certificates types.List
	ValidUntil   types.String
}

// samlCertificateAttrTypes are the attributes of a certificates element.
var samlCertificateAttrTypes = map[string]attr.Type{
	"sha256_fingerprint": types.StringType,
	"not_before":         types.StringType,
	"not_after":          types.StringType,
	"subject":            types.StringType,
}

var samlCertificateType = types.ObjectType{AttrTypes: samlCertificateAttrTypes}

// samlMetadataFactsOf returns the facts of md. They depend only on what
// rolesso.Metadata.Equal compares, plus validUntil, so documents equal in
// meaning give equal facts: the SSO URLs are distinct and sorted, the
// certificates are ordered newest first.
func samlMetadataFactsOf(md *rolesso.Metadata) samlMetadataFacts {
	var urls []attr.Value
	locations := make([]string, 0, len(md.SSOURLs))
	for _, e := range md.SSOURLs {
		locations = append(locations, e.Location)
	}
	slices.Sort(locations)
	for _, l := range slices.Compact(locations) {
		urls = append(urls, types.StringValue(l))
	}
	certs := slices.Clone(md.SigningCertificates)
	slices.SortFunc(certs, func(a, b rolesso.Certificate) int {
		return cmp.Or(b.NotAfter.Compare(a.NotAfter), strings.Compare(a.SHA256Fingerprint, b.SHA256Fingerprint))
	})
	certValues := make([]attr.Value, 0, len(certs))
	for _, c := range certs {
		certValues = append(certValues, types.ObjectValueMust(samlCertificateAttrTypes, map[string]attr.Value{
			"sha256_fingerprint": types.StringValue(c.SHA256Fingerprint),
			"not_before":         types.StringValue(formatSAMLTime(c.NotBefore)),
			"not_after":          types.StringValue(formatSAMLTime(c.NotAfter)),
			"subject":            types.StringValue(c.Subject),
		}))
	}
	validUntil := types.StringNull()
	if !md.ValidUntil.IsZero() {
		validUntil = types.StringValue(formatSAMLTime(md.ValidUntil))
	}
	return samlMetadataFacts{
		EntityID:     types.StringValue(md.EntityID),
		SSOURLs:      types.ListValueMust(types.StringType, urls),
		Certificates: types.ListValueMust(samlCertificateType, certValues),
		ValidUntil:   validUntil,
	}
}

// samlMetadataFactsOfString returns the facts of metadata given as XML or
// Base64, or null facts when it does not parse.
func samlMetadataFactsOfString(metadata string) samlMetadataFacts {
	md, err := rolesso.ParseMetadata(metadata)
	if err != nil {
		return nullSAMLMetadataFacts()
	}
	return samlMetadataFactsOf(md)
}

// unknownSAMLMetadataFacts are the facts of metadata not known at plan.
func unknownSAMLMetadataFacts() samlMetadataFacts {
	return samlMetadataFacts{
		EntityID:     types.StringUnknown(),
		SSOURLs:      types.ListUnknown(types.StringType),
		Certificates: types.ListUnknown(samlCertificateType),
		ValidUntil:   types.StringUnknown(),
	}
}

// nullSAMLMetadataFacts are the facts of metadata that does not parse.
func nullSAMLMetadataFacts() samlMetadataFacts {
	return samlMetadataFacts{
		EntityID:     types.StringNull(),
		SSOURLs:      types.ListNull(types.StringType),
		Certificates: types.ListNull(samlCertificateType),
		ValidUntil:   types.StringNull(),
	}
}

func formatSAMLTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
