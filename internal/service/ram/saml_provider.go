// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ resource.Resource                   = (*samlProviderResource)(nil)
	_ resource.ResourceWithConfigure      = (*samlProviderResource)(nil)
	_ resource.ResourceWithImportState    = (*samlProviderResource)(nil)
	_ resource.ResourceWithValidateConfig = (*samlProviderResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*samlProviderResource)(nil)
)

// NewSAMLProviderResource returns the idaas_ram_saml_provider resource.
func NewSAMLProviderResource() resource.Resource {
	return &samlProviderResource{ResourceWithClient: framework.NewResourceWithClient("ram_saml_provider")}
}

type samlProviderResource struct {
	framework.ResourceWithClient
}

// samlProviderObject names the object in diagnostics.
const samlProviderObject = "RAM SAML provider"

// Default timeouts of the SAML provider resource.
const (
	samlProviderCreateTimeout = 10 * time.Minute
	samlProviderReadTimeout   = 5 * time.Minute
	samlProviderUpdateTimeout = 10 * time.Minute
	samlProviderDeleteTimeout = 10 * time.Minute
)

// defaultCertExpiryWarningDays is when, before the newest signing
// certificate expires, plans start to warn.
const defaultCertExpiryWarningDays = 30

func (r *samlProviderResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RAM SAML identity provider (IMS `CreateSAMLProvider`): the IdP that RAM roles trust for " +
			"role-based SSO. Step 3 of the console procedure.\n\n" +
			"The metadata is checked at `plan`: well-formed XML, an entity ID, a signing certificate that parses and has " +
			"not expired, and a SingleSignOnService. It is compared by meaning (entity ID, signing certificates, SSO " +
			"endpoints), so XML and Base64 of the same document, whitespace and line-wrapped Base64 never show a " +
			"change; new metadata, such as after a certificate rotation, is an update in place.\n\n" +
			rolesso.IdPNameMatchRule + " Link the provider to the application it serves (`application = " +
			"idaas_role_sso_application.<name>`): the name and the metadata then come from the application, and plans check " +
			"a name or metadata typed beside it, and the application's account, before anything is written.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The name of the SAML provider, as `name`."),
			"name": schema.StringAttribute{
				MarkdownDescription: samlProviderNameDescription + " Defaults to `application.idp_name`; set this or " +
					"`application`. Changing it replaces the SAML provider; a change of case alone is no change, as RAM " +
					"compares names without regard to case.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validators.SAMLProviderNameValidator()},
				PlanModifiers: []planmodifier.String{samlProviderNamePlanModifier{}},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "The description. RAM cannot clear a description: removing the argument leaves the " +
					"description in RAM as it is.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"metadata": schema.StringAttribute{
				MarkdownDescription: "The SAML IdP metadata, as XML or as Base64 of the XML, for example " +
					"`file(\"idp-metadata.xml\")` or the `idp_metadata` of an IDaaS role-based SSO application. A URL is not " +
					"accepted: download the document and pass its contents. RAM always receives Base64. The state keeps the " +
					"form written here. Defaults to `application.idp_metadata`; set this or `application`.",
				Optional:      true,
				Computed:      true,
				CustomType:    samlMetadataType{},
				Validators:    []validator.String{samlMetadataValidator{}},
				PlanModifiers: []planmodifier.String{samlMetadataPlanModifier{}},
			},
			"application": samlProviderApplicationAttribute,
			"cert_expiry_warning_days": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Plans warn when the newest signing certificate of the metadata expires "+
					"within this many days, so that there is time to rotate it. `0` turns the warning off. Defaults to `%d`.",
					defaultCertExpiryWarningDays),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(defaultCertExpiryWarningDays),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"arn":          framework.StableComputedString("The ARN, `acs:ram::<account ID>:saml-provider/<name>`, as role trust policies name it."),
			"entity_id":    schema.StringAttribute{MarkdownDescription: entityIDDescription, Computed: true},
			"sso_urls":     schema.ListAttribute{MarkdownDescription: ssoURLsDescription, ElementType: types.StringType, Computed: true},
			"certificates": schema.ListNestedAttribute{MarkdownDescription: certificatesDescription, Computed: true, NestedObject: certificateResourceSchema},
			"valid_until":  schema.StringAttribute{MarkdownDescription: validUntilDescription, Computed: true},
			"create_date":  framework.StableComputedString("When the SAML provider was created, in RFC 3339 UTC."),
			"update_date": schema.StringAttribute{
				MarkdownDescription: "When the SAML provider was last changed, in RFC 3339 UTC.",
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

// Descriptions shared by the resource and the data source.
var (
	samlProviderNameDescription = "The name of the SAML provider. " + rolesso.SAMLProviderNameRule + " " + rolesso.IdPNameMatchRule
	entityIDDescription         = "The entity ID of the IdP, from the metadata. SAML assertions must have it as their `Issuer`."
	ssoURLsDescription          = "The SingleSignOnService URLs of the IdP, from the metadata, distinct and sorted."
	certificatesDescription     = "The signing certificates of the IdP, from the metadata, newest (latest `not_after`) first."
	validUntilDescription       = "The `validUntil` of the metadata in RFC 3339 UTC, or null when it has none."
)

var certificateAttributes = map[string]string{
	"sha256_fingerprint": "The SHA-256 fingerprint of the certificate's DER bytes, lower-case hex.",
	"not_before":         "The start of the certificate's validity, in RFC 3339 UTC.",
	"not_after":          "The end of the certificate's validity, in RFC 3339 UTC.",
	"subject":            "The certificate's subject, as an RFC 2253 string.",
}

var certificateResourceSchema = func() schema.NestedAttributeObject {
	attrs := map[string]schema.Attribute{}
	for name, description := range certificateAttributes {
		attrs[name] = schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	return schema.NestedAttributeObject{Attributes: attrs}
}()

func (r *samlProviderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan samlProviderResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, samlProviderCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := plan.Name.ValueString()
	encoded, err := rolesso.EncodeMetadata(plan.Metadata.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid SAML IdP metadata", err.Error())
		return
	}
	conn := r.Client().IMS()
	created, err := conn.CreateSAMLProvider(ctx, client.CreateSAMLProviderInput{
		Name:                        name,
		Description:                 plan.Description.ValueString(),
		EncodedSAMLMetadataDocument: encoded,
	})
	if client.ErrorCode(err) == client.CodeSAMLProviderExists {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "SAML provider already exists", fmt.Sprintf(
			"A RAM SAML provider named %q exists already in account %s. Nothing was written. %s\n\n%s", name,
			r.Client().AccountID(), framework.ImportBlock("idaas_ram_saml_provider", name), framework.APIErrorDetail(samlProviderObject, name, err)))
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "creating", samlProviderObject, name, err)
		if client.IsAmbiguous(err) {
			// It may exist: keep it in state, tainted, so that the next
			// apply replaces it instead of leaving it orphaned.
			plan.ID = types.StringValue(name)
			resp.Diagnostics.Append(resp.State.Set(ctx, plan.withUnknownsNull())...)
		}
		return
	}

	plan.storeWritten(ctx, created, "reading the created", name, &resp.State, &resp.Diagnostics, func() (*client.SAMLProvider, error) {
		return waitSAMLProviderReadable(ctx, conn, name, samlProviderReadRetry)
	})
}

// storeWritten ends Create and Update: it stores the plan with what the
// write answered (written), then with what readBack reads. A provider that
// cannot be read back is kept in state, tainted, with what the write
// answered; the read's error names the action (e.g. "reading the created")
// and the provider by name.
func (m *samlProviderResourceModel) storeWritten(ctx context.Context, written *client.SAMLProvider, action, name string,
	state *tfsdk.State, diags *diag.Diagnostics, readBack func() (*client.SAMLProvider, error),
) {
	m.flatten(written, m.Metadata)
	if found, err := readBack(); err != nil {
		framework.AddAPIError(diags, action, samlProviderObject, name, err)
	} else {
		m.flatten(found, m.Metadata)
	}
	diags.Append(state.Set(ctx, m.withUnknownsNull())...)
}

func (r *samlProviderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state samlProviderResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, samlProviderReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	found, err := findSAMLProviderByName(ctx, r.Client().IMS(), state.ID.ValueString())
	if !framework.Found(ctx, err, resp, samlProviderObject, state.ID.ValueString(), map[string]any{"name": state.ID.ValueString()}) {
		return
	}
	metadata, diags := readMetadata(found, state.Metadata)
	resp.Diagnostics.Append(diags...)
	state.flatten(found, metadata)
	if state.CertExpiryWarningDays.IsNull() {
		// Import: the default, as a plan would set it.
		state.CertExpiryWarningDays = types.Int64Value(defaultCertExpiryWarningDays)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *samlProviderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state samlProviderResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Update, samlProviderUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := state.ID.ValueString()
	in := client.UpdateSAMLProviderInput{Name: name}
	if !plan.Description.IsUnknown() && !plan.Description.Equal(state.Description) {
		in.NewDescription = plan.Description.ValueString()
	}
	if !plan.Metadata.Equal(state.Metadata) {
		encoded, err := rolesso.EncodeMetadata(plan.Metadata.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid SAML IdP metadata", err.Error())
			return
		}
		in.NewEncodedSAMLMetadataDocument = encoded
	}
	if in.NewDescription == "" && in.NewEncodedSAMLMetadataDocument == "" {
		// Only arguments of this provider changed, such as timeouts.
		plan.UpdateDate = state.UpdateDate
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	conn := r.Client().IMS()
	updated, err := conn.UpdateSAMLProvider(ctx, in)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "updating", samlProviderObject, name, err)
		return
	}
	plan.storeWritten(ctx, updated, "reading the updated", name, &resp.State, &resp.Diagnostics, func() (*client.SAMLProvider, error) {
		return findSAMLProviderByName(ctx, conn, name)
	})
}

func (r *samlProviderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state samlProviderResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, samlProviderDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := state.ID.ValueString()
	err := r.Client().IMS().DeleteSAMLProvider(ctx, name)
	if err != nil && !client.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "deleting", samlProviderObject, name, err)
	}
}

func (r *samlProviderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, err := samlProviderImportID.ParseIn(req.ID, r.Client().AccountID())
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

// findSAMLProviderByName returns the SAML provider with the given name, or
// an error for which client.IsNotFound is true.
func findSAMLProviderByName(ctx context.Context, conn client.IMS, name string) (*client.SAMLProvider, error) {
	return conn.GetSAMLProvider(ctx, name)
}

// waitSAMLProviderReadable reads a SAML provider just created. A new
// object may not be visible at once (eventual consistency), so NotFound is
// retried until ctx ends.
func waitSAMLProviderReadable(ctx context.Context, conn client.IMS, name string, p retry.Policy) (*client.SAMLProvider, error) {
	found, err := retry.Value(ctx, p, func(ctx context.Context) (*client.SAMLProvider, error) {
		return findSAMLProviderByName(ctx, conn, name)
	}, isNotYetVisible)
	if err != nil {
		return nil, err
	}
	return found, nil
}

// isNotYetVisible is the retry predicate of reads after a create.
func isNotYetVisible(err error) bool { return client.IsNotFound(err) }

// readMetadata returns the metadata to keep in state for a provider read
// from RAM: the prior value when RAM holds the same metadata in meaning
// (the user's form), otherwise the XML RAM holds.
func readMetadata(found *client.SAMLProvider, prior samlMetadataValue) (samlMetadataValue, diag.Diagnostics) {
	if !prior.IsNull() && !prior.IsUnknown() {
		if same, err := rolesso.SameMetadata(prior.ValueString(), found.EncodedSAMLMetadataDocument); err == nil && same {
			return prior, nil
		}
	}
	var diags diag.Diagnostics
	value := found.EncodedSAMLMetadataDocument
	raw, err := rolesso.DecodeMetadata(value)
	if err == nil {
		value = string(raw)
		_, err = rolesso.ParseMetadata(value)
	}
	if err != nil {
		// Someone uploaded it outside Terraform; the next apply replaces
		// it with the configured metadata.
		diags.AddWarning("Unreadable SAML IdP metadata in RAM", fmt.Sprintf(
			"RAM SAML provider %q holds metadata that this provider cannot read (%s). Its computed facts are left empty; "+
				"the next apply uploads the configured metadata.", found.SAMLProviderName, err.Error()))
	}
	return newSAMLMetadataValue(value), diags
}

func (m *samlProviderResourceModel) flatten(p *client.SAMLProvider, metadata samlMetadataValue) {
	m.Name = types.StringValue(keepSAMLProviderName(m.Name, p.SAMLProviderName))
	m.ID = m.Name
	m.Metadata = metadata
	m.samlProviderFacts.flatten(p, metadata.ValueString())
}

// keepSAMLProviderName returns the name in state when it names the same
// provider as the name RAM returns (names compare without regard to case),
// so that a name is never changed under the user.
func keepSAMLProviderName(prior types.String, fromAPI string) string {
	if !prior.IsNull() && !prior.IsUnknown() && rolesso.SameSAMLProviderName(prior.ValueString(), fromAPI) {
		return prior.ValueString()
	}
	return fromAPI
}

// setFacts sets what the metadata states.
func (m *samlProviderFacts) setFacts(f samlMetadataFacts) {
	m.EntityID, m.SSOURLs, m.Certificates, m.ValidUntil = f.EntityID, f.SSOURLs, f.Certificates, f.ValidUntil
}

// withUnknownsNull returns m with unknown values made null, for a state
// saved after a partial failure (state holds no unknown values).
func (m samlProviderResourceModel) withUnknownsNull() samlProviderResourceModel {
	for _, s := range []*types.String{&m.ID, &m.ARN, &m.Description, &m.EntityID, &m.ValidUntil, &m.CreateDate, &m.UpdateDate} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if m.SSOURLs.IsUnknown() {
		m.SSOURLs = types.ListNull(types.StringType)
	}
	if m.Certificates.IsUnknown() {
		m.Certificates = types.ListNull(samlCertificateType)
	}
	return m
}

type samlProviderResourceModel struct {
	samlProviderFacts
	ID                    types.String      `tfsdk:"id"`
	Name                  types.String      `tfsdk:"name"`
	Metadata              samlMetadataValue `tfsdk:"metadata"`
	Application           types.Object      `tfsdk:"application"`
	CertExpiryWarningDays types.Int64       `tfsdk:"cert_expiry_warning_days"`
	Timeouts              timeouts.Value    `tfsdk:"timeouts"`
}

// samlProviderFacts are the attributes of a SAML provider the API returns
// and its metadata states: the model the resource and the data source
// share.
type samlProviderFacts struct {
	ARN          types.String `tfsdk:"arn"`
	Description  types.String `tfsdk:"description"`
	EntityID     types.String `tfsdk:"entity_id"`
	SSOURLs      types.List   `tfsdk:"sso_urls"`
	Certificates types.List   `tfsdk:"certificates"`
	ValidUntil   types.String `tfsdk:"valid_until"`
	CreateDate   types.String `tfsdk:"create_date"`
	UpdateDate   types.String `tfsdk:"update_date"`
}

// flatten sets what the API returns of p, with its metadata document.
func (f *samlProviderFacts) flatten(p *client.SAMLProvider, metadata string) {
	f.ARN = types.StringValue(p.ARN)
	f.Description = types.StringValue(p.Description)
	f.CreateDate = types.StringValue(p.CreateDate)
	f.UpdateDate = types.StringValue(p.UpdateDate)
	f.setFacts(samlMetadataFactsOfString(metadata))
}
