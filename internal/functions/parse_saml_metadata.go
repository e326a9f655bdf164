// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ function.Function = (*parseSAMLMetadataFunction)(nil)

// NewParseSAMLMetadataFunction returns the parse_saml_metadata function.
func NewParseSAMLMetadataFunction() function.Function {
	return &parseSAMLMetadataFunction{named: "parse_saml_metadata"}
}

type parseSAMLMetadataFunction struct{ named }

// The types of the result; the models at the bottom mirror them.
var (
	certificateType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"sha256_fingerprint": types.StringType,
		"not_before":         types.StringType,
		"not_after":          types.StringType,
		"subject":            types.StringType,
	}}
	ssoURLType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"binding":  types.StringType,
		"location": types.StringType,
	}}
	metadataAttributeTypes = map[string]attr.Type{
		"entity_id":    types.StringType,
		"certificates": types.ListType{ElemType: certificateType},
		"sso_urls":     types.ListType{ElemType: ssoURLType},
		"valid_until":  types.StringType,
	}
)

func (f *parseSAMLMetadataFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The facts of SAML IdP metadata: entity ID, signing certificates with their expiry, SSO URLs.",
		MarkdownDescription: "Parses SAML IdP metadata, such as the `idp_metadata` of `idaas_role_sso_application` or the " +
			"`metadata` of a RAM SAML provider, and returns an object with:\n\n" +
			"- `entity_id`: the IdP's entity ID, which the `Issuer` of every assertion must equal (`\"\"` when the document has none);\n" +
			"- `certificates`: the signing certificates in document order, each with `sha256_fingerprint` (lower-case hex of the DER " +
			"bytes), `not_before` and `not_after` (RFC 3339 UTC) and `subject`;\n" +
			"- `sso_urls`: the `SingleSignOnService` endpoints, each with `binding` and `location`;\n" +
			"- `valid_until`: the document's `validUntil` in RFC 3339 UTC, or `null` when it has none.\n\n" +
			"It fails on a document that is not well-formed SAML IdP metadata or has a certificate that does not parse. It does " +
			"not judge whether the metadata can sign users in: compare `certificates[*].not_after` with `timestamp()` in a " +
			"`check` block for that.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: "metadata",
				MarkdownDescription: "The metadata document: XML, or its Base64 (line-wrapped or not, as RAM returns it). " +
					"A URL is refused: download the document first, e.g. with the `http` data source.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: metadataAttributeTypes},
	}
}

func (f *parseSAMLMetadataFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var document string
	if resp.Error = req.Arguments.Get(ctx, &document); resp.Error != nil {
		return
	}
	m, err := rolesso.ParseMetadata(document)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, errorText(err))
		return
	}
	resp.Error = resp.Result.Set(ctx, flattenMetadata(m))
}

func flattenMetadata(m *rolesso.Metadata) metadataModel {
	out := metadataModel{
		EntityID:     m.EntityID,
		Certificates: make([]certificateModel, 0, len(m.SigningCertificates)),
		SSOURLs:      make([]ssoURLModel, 0, len(m.SSOURLs)),
	}
	for _, c := range m.SigningCertificates {
		out.Certificates = append(out.Certificates, certificateModel{
			SHA256Fingerprint: c.SHA256Fingerprint,
			NotBefore:         c.NotBefore.Format(time.RFC3339),
			NotAfter:          c.NotAfter.Format(time.RFC3339),
			Subject:           c.Subject,
		})
	}
	for _, e := range m.SSOURLs {
		out.SSOURLs = append(out.SSOURLs, ssoURLModel{Binding: e.Binding, Location: e.Location})
	}
	if !m.ValidUntil.IsZero() {
		validUntil := m.ValidUntil.Format(time.RFC3339)
		out.ValidUntil = &validUntil
	}
	return out
}

type metadataModel struct {
	EntityID     string             `tfsdk:"entity_id"`
	Certificates []certificateModel `tfsdk:"certificates"`
	SSOURLs      []ssoURLModel      `tfsdk:"sso_urls"`
	ValidUntil   *string            `tfsdk:"valid_until"`
}

type certificateModel struct {
	SHA256Fingerprint string `tfsdk:"sha256_fingerprint"`
	NotBefore         string `tfsdk:"not_before"`
	NotAfter          string `tfsdk:"not_after"`
	Subject           string `tfsdk:"subject"`
}

type ssoURLModel struct {
	Binding  string `tfsdk:"binding"`
	Location string `tfsdk:"location"`
}
