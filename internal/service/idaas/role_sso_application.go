// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ resource.Resource                   = (*roleSSOApplicationResource)(nil)
	_ resource.ResourceWithConfigure      = (*roleSSOApplicationResource)(nil)
	_ resource.ResourceWithImportState    = (*roleSSOApplicationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*roleSSOApplicationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*roleSSOApplicationResource)(nil)
)

// NewRoleSSOApplicationResource returns the idaas_role_sso_application
// resource.
func NewRoleSSOApplicationResource() resource.Resource {
	return &roleSSOApplicationResource{ResourceWithClient: framework.NewResourceWithClient("role_sso_application")}
}

type roleSSOApplicationResource struct {
	framework.ResourceWithClient
}

// roleSSOApplicationObject names the object in diagnostics.
const roleSSOApplicationObject = "IDaaS role-based SSO application"

// Default timeouts of the application resource.
const (
	roleSSOApplicationCreateTimeout = 10 * time.Minute
	roleSSOApplicationReadTimeout   = 5 * time.Minute
	roleSSOApplicationUpdateTimeout = 10 * time.Minute
	roleSSOApplicationDeleteTimeout = 10 * time.Minute
)

// maxApplicationDescriptionLength is the longest application description
// (SDK docs of CreateApplication).
const maxApplicationDescriptionLength = 128

// writeOnlyNote explains the two attributes no API reads back; the
// schema and the docs share it.
const writeOnlyNote = "IDaaS has no API that reads the SSO form parameters (`account_id` and `idp_name`) back. " +
	"The provider keeps them in state and sends them again on every update, so a change made in the IDaaS console " +
	"is not detected, but is overwritten by the next apply that changes the application. After an import, `idp_name` " +
	"and `account_id` are taken from RAM when exactly one SAML provider of the provider's account has the application's " +
	"IdP entity ID in its metadata, as a setup that signs in has, and `template_account_id_param` takes its default; " +
	"otherwise the first plan shows them being set from the configuration. `template_idp_name_param` is needed only " +
	"by a plan that writes the application, so a configuration generated from an imported state plans no change " +
	"without it."

func (r *roleSSOApplicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An IDaaS application that signs IDaaS users in to Alibaba Cloud RAM roles, in one of two " +
			"forms (`sso_form`): made from the marketplace template \"Alibaba Cloud Role-based SSO\" (steps 1 and 2 of the " +
			"console procedure), or a standard SAML 2.0 application whose attribute statements the provider derives. The " +
			"provider creates the application, sets its SSO form parameters (template form: the Alibaba Cloud account ID and " +
			"the IdP name), its SAML settings and who may use it, and enables it and its SSO. It exports the IdP metadata for " +
			"`idaas_ram_saml_provider`.\n\n" + standardFormNote + "\n\n" + rolesso.IdPNameMatchRule + " Once the application exists, plans warn when no " +
			"SAML provider of its account has its IdP name. Pass the whole application to the `application` attribute of " +
			"`idaas_ram_saml_provider` and `idaas_application_account` so that plans check the naming rules of sign-in " +
			"before anything is written.\n\n" + writeOnlyNote,
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The application ID, e.g. `app_mkv7rgt4d7i4u7zqtzev2mxxxx`."),
			"instance_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the IDaaS instance, e.g. from the `idaas_instance` data source. Changing it replaces the application.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The application's name, as users see it in the IDaaS portal.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The description, up to %d characters.", maxApplicationDescriptionLength),
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxApplicationDescriptionLength)},
			},
			"site": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The Alibaba Cloud site users sign in to: %s. It picks the "+
					"service provider (entity ID and ACS URL) of the SSO configuration; `template_id` must be that site's template. Defaults to the provider's `site` when "+
					"the application is created; a later change of the provider's `site` does not affect it. Changing it "+
					"replaces the application.", framework.OrList(rolesso.SiteNames(), "`")),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validators.SiteValidator()},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIf(changedFromKnown, siteChangedDescription, siteChangedDescription),
				},
			},
			"sso_form": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How the application builds the SAML `Role` attribute: `%s` (made from the "+
					"marketplace template, which builds it from the SSO form parameters) or `%s` (a standard SAML 2.0 "+
					"application, whose `Role` attribute statement the provider derives from `role_mapping`). Defaults to `%s`. "+
					"On import it is read from the application; an application of the other form is never changed in place: "+
					"changing it replaces the application.", rolesso.SSOFormTemplate, rolesso.SSOFormStandardSAML, rolesso.SSOFormTemplate),
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(rolesso.SSOFormTemplate),
				Validators:    []validator.String{stringvalidator.OneOf(rolesso.SSOForms()...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(changedFromKnown, formChangedDescription, formChangedDescription)},
			},
			"role_mapping": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The `%s` form only: which IDaaS object grants a user a role. `%s`: each "+
					"application account of the user, whose name holds the whole `Role` value. Defaults to `%s` in that form.",
					rolesso.SSOFormStandardSAML, rolesso.RoleMappingApplicationAccount, rolesso.RoleMappingApplicationAccount),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(rolesso.RoleMappingApplicationAccount)},
			},
			"role_attribute_expression": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The `%s` form only: the IDaaS expression of the `Role` SAML attribute, "+
					"derived from `role_mapping` (`%s` for `%s`). Read from the application, so a change made in the console "+
					"shows as a difference.", rolesso.SSOFormStandardSAML, rolesso.StandardRoleExpression, rolesso.RoleMappingApplicationAccount),
				Computed: true,
			},
			"extra_attribute_statements": schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("The `%s` form only: SAML attribute statements to send besides those the "+
					"provider derives (`Role`, `RoleSessionName` and `SessionDuration`), in order. The provider manages every "+
					"statement of a standard application: one added in the console shows as a difference.", rolesso.SSOFormStandardSAML),
				Optional: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "The attribute name.",
						Required:            true,
						Validators: []validator.String{
							stringvalidator.LengthAtLeast(1),
							stringvalidator.NoneOf(rolesso.ManagedAttributeNames()...),
						},
					},
					"value_expression": schema.StringAttribute{
						MarkdownDescription: "The IDaaS expression of the value. " + rolesso.ExpressionRule,
						Required:            true,
						Validators:          []validator.String{validators.ExpressionValidator()},
					},
				}},
			},
			"template_id": schema.StringAttribute{
				MarkdownDescription: "The `" + rolesso.SSOFormTemplate + "` form only: the ID of the IDaaS marketplace template " +
					"\"Alibaba Cloud Role-based SSO\" of the site, which the application is made from. Required when such an " +
					"application is created; on import it is read from the application. " + rolesso.TemplateIDUnknown +
					" Changing it replaces the application.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"template_idp_name_param": schema.StringAttribute{
				MarkdownDescription: "The `" + rolesso.SSOFormTemplate + "` form only: the name of the template's SSO form " +
					"parameter that holds the IdP name (\"IdP Name\" in the console). Required with `template_id`. " + rolesso.IdPNameParamUnknown,
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"template_account_id_param": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The `%s` form only: the name of the template's SSO form parameter that holds "+
					"the Alibaba Cloud account ID (\"Alibaba Cloud Account ID\" in the console). Defaults to `%s` in that form, "+
					"the parameter name the `UpdateApplicationSsoFormParams` reference gives as its example.", rolesso.SSOFormTemplate, rolesso.DefaultAccountIDParam),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"account_id": schema.StringAttribute{
				MarkdownDescription: "The Alibaba Cloud account users sign in to (the template's \"Alibaba Cloud Account ID\"). " +
					rolesso.AccountIDRule + " Defaults to the account of the provider's credentials. Write-only on the API side: " +
					"kept in state and sent again on every update.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validators.AccountIDValidator()},
			},
			"idp_name": schema.StringAttribute{
				MarkdownDescription: "The IdP name (the template's \"IdP Name\"). It must equal the name of the RAM SAML " +
					"provider (`idaas_ram_saml_provider`) that the roles trust. " + rolesso.SAMLProviderNameRule + " " +
					rolesso.IdPNameMatchRule + " Write-only on the API side: kept in state and sent again on every update.",
				Required:   true,
				Validators: []validator.String{validators.IdPNameValidator()},
			},
			"authorize_all_users": schema.BoolAttribute{
				MarkdownDescription: "Whether every user of the instance may use the application (authorization type " +
					"`" + client.AuthorizationTypeAll + "`). When `false` (`" + client.AuthorizationTypeRequired + "`), only users " +
					"and groups authorized with `idaas_application_authorization` may. Defaults to `true`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the application and its SSO are enabled. Users can sign in only when both are. " +
					"Defaults to `true`. Disabling the application or its SSO in the console shows as `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"session_duration": schema.Int64Attribute{
				MarkdownDescription: "The console session length in seconds, sent as the `SessionDuration` SAML attribute. " +
					rolesso.SessionDurationRule + " When unset, the attribute is not sent and Alibaba Cloud's default applies.",
				Optional:   true,
				Validators: []validator.Int64{validators.SessionDurationValidator{}},
			},
			"name_id_format": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The SAML NameID format: %s. RAM does not use the NameID to identify the user. Defaults to `%s`.",
					framework.OrList(rolesso.NameIDFormats(), "`"), rolesso.DefaultNameIDFormat),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(rolesso.DefaultNameIDFormat),
				Validators: []validator.String{stringvalidator.OneOf(rolesso.NameIDFormats()...)},
			},
			"name_id_expression": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The IDaaS expression of the NameID value, such as `user.username` or `user.email`. %s Defaults to `%s`.",
					rolesso.ExpressionRule, rolesso.DefaultNameIDExpression),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(rolesso.DefaultNameIDExpression),
				Validators: []validator.String{validators.ExpressionValidator()},
			},
			"role_session_name_expression": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The IDaaS expression of the `RoleSessionName` SAML attribute, which names "+
					"the role session in ActionTrail. Its value must satisfy the rule: %s %s Defaults to `%s`.",
					rolesso.RoleSessionNameRule, rolesso.ExpressionRule, rolesso.DefaultRoleSessionNameExpression),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(rolesso.DefaultRoleSessionNameExpression),
				Validators: []validator.String{validators.ExpressionValidator()},
			},
			"signature_algorithm": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The algorithm IDaaS signs SAML responses with. Defaults to `%s`.", rolesso.DefaultSignatureAlgorithm),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(rolesso.DefaultSignatureAlgorithm),
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"client_id":                     framework.StableComputedString(clientIDDescription),
			"idp_entity_id":                 framework.StableComputedString(idpEntityIDDescription),
			"idp_metadata":                  framework.StableComputedString(idpMetadataDescription),
			"idp_metadata_url":              framework.StableComputedString(idpMetadataURLDescription),
			"idp_sso_url":                   framework.StableComputedString(idpSSOURLDescription),
			"signing_certificate_sha256":    framework.StableComputedString(certificateSHA256Description),
			"signing_certificate_not_after": framework.StableComputedString(certificateNotAfterDescription),
			"create_time":                   framework.StableComputedString(createTimeDescription),
			"saml_provider_arn": schema.StringAttribute{
				MarkdownDescription: "The ARN of the RAM SAML provider the application's assertions name, " +
					"`acs:ram::<account_id>:saml-provider/<idp_name>`. Known at plan.",
				Computed: true,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The application's status, `" + client.ApplicationEnabled + "` or `" + client.ApplicationDisabled + "`.",
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

// standardFormNote says what the standard SAML form rests on; the schema
// and the docs share it.
const standardFormNote = "In the `" + rolesso.SSOFormStandardSAML + "` form every field is one the public API documents " +
	"(FACTS.md): the service provider of `site`, the NameID, signing, and a `Role` attribute statement of `" +
	rolesso.StandardRoleExpression + "`. As no source shows how an IDaaS expression joins strings, the `Role` value is held " +
	"whole by each application account's name, `acs:ram::<account_id>:role/<role name>,acs:ram::<account_id>:saml-provider/<idp_name>`; " +
	"`idaas_application_account` with `application` and `role` links derives that name, and its plans check it as they " +
	"check the name of a template account."

// Descriptions shared by the resource and the data source.
const (
	clientIDDescription            = "The application's client ID."
	idpEntityIDDescription         = "The IdP entity ID: the `Issuer` of the application's SAML assertions and the `entityID` of its metadata."
	idpMetadataDescription         = "The SAML IdP metadata XML, downloaded from `idp_metadata_url`. Pass it to the `metadata` of `idaas_ram_saml_provider`. It changes when IDaaS rotates the signing certificate."
	idpMetadataURLDescription      = "The URL IDaaS serves the IdP metadata at (`SamlMetaEndpoint`)."
	idpSSOURLDescription           = "The IdP-initiated sign-in URL of the application (`SamlSsoEndpoint`)."
	certificateSHA256Description   = "The SHA-256 fingerprint (lower-case hex of the DER bytes) of the newest signing certificate in the metadata."
	certificateNotAfterDescription = "When the newest signing certificate in the metadata expires, in RFC 3339 UTC. Rotate it in IDaaS before then."
	createTimeDescription          = "When the application was created, " + eiamTimeDescription + "."
)

func (r *roleSSOApplicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleSSOApplicationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, roleSSOApplicationCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	site, err := rolesso.LookupSite(plan.Site.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("site"), "Invalid site", framework.RuleErrorDetail(err))
		return
	}
	conn := r.Client().EIAM()
	instanceID, name := plan.InstanceID.ValueString(), plan.Name.ValueString()
	id, err := conn.CreateApplication(ctx, client.CreateApplicationInput{
		InstanceID:  instanceID,
		Name:        name,
		Description: plan.Description.ValueString(),
		TemplateID:  plan.TemplateID.ValueString(), // empty in the standard SAML form
	})
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "creating", roleSSOApplicationObject, name, err)
		return
	}

	// From here on the application exists: a failure keeps it in state,
	// tainted, so that the next apply replaces it instead of orphaning it.
	plan.ID = types.StringValue(id)
	saveOnError := func() {
		resp.Diagnostics.Append(resp.State.Set(ctx, plan.withUnknownsNull())...)
	}
	if err := waitApplicationVisible(ctx, conn, instanceID, id); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading the created", roleSSOApplicationObject, id, err)
		saveOnError()
		return
	}
	if err := configureApplication(ctx, conn, site, &plan, nil); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "configuring", roleSSOApplicationObject, id, err)
		saveOnError()
		return
	}
	found, err := findRoleSSOApplicationByID(ctx, conn, instanceID, id)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading the created", roleSSOApplicationObject, id, err)
		saveOnError()
		return
	}
	resp.Diagnostics.Append(plan.flatten(found)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *roleSSOApplicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleSSOApplicationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, roleSSOApplicationReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	id := state.ID.ValueString()
	found, err := findRoleSSOApplicationByID(ctx, r.Client().EIAM(), state.InstanceID.ValueString(), id)
	if !framework.Found(ctx, err, resp, roleSSOApplicationObject, id, map[string]any{"instance_id": state.InstanceID.ValueString(), "id": id}) {
		return
	}
	resp.Diagnostics.Append(state.flatten(found)...)
	if state.Site.IsNull() {
		// Import: the site whose service provider the application signs
		// in to, or null when it is neither (ModifyPlan then asks for it).
		state.Site = found.siteName()
	}
	if state.IdPName.IsNull() {
		r.fillImported(ctx, &state, found)
	}
	state.SAMLProviderARN = samlProviderARN(state.AccountID, state.IdPName)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *roleSSOApplicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleSSOApplicationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Update, roleSSOApplicationUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	site, err := rolesso.LookupSite(plan.Site.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("site"), "Invalid site", framework.RuleErrorDetail(err))
		return
	}
	conn := r.Client().EIAM()
	instanceID, id := state.InstanceID.ValueString(), state.ID.ValueString()
	if !plan.Name.Equal(state.Name) {
		if err := conn.UpdateApplicationName(ctx, instanceID, id, plan.Name.ValueString()); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "renaming", roleSSOApplicationObject, id, err)
			return
		}
	}
	if !plan.Description.Equal(state.Description) {
		if err := conn.UpdateApplicationDescription(ctx, instanceID, id, plan.Description.ValueString()); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "updating the description of", roleSSOApplicationObject, id, err)
			return
		}
	}
	if err := configureApplication(ctx, conn, site, &plan, &state); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "configuring", roleSSOApplicationObject, id, err)
		return
	}
	found, err := findRoleSSOApplicationByID(ctx, conn, instanceID, id)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading the updated", roleSSOApplicationObject, id, err)
		return
	}
	resp.Diagnostics.Append(plan.flatten(found)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *roleSSOApplicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleSSOApplicationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, roleSSOApplicationDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	conn := r.Client().EIAM()
	instanceID, id := state.InstanceID.ValueString(), state.ID.ValueString()
	// IDaaS deletes only a disabled application.
	if err := conn.DisableApplication(ctx, instanceID, id); err != nil {
		if !client.IsNotFound(err) {
			framework.AddAPIError(&resp.Diagnostics, "disabling (to delete)", roleSSOApplicationObject, id, err)
		}
		return
	}
	if err := conn.DeleteApplication(ctx, instanceID, id); err != nil && !client.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "deleting", roleSSOApplicationObject, id, err)
	}
}

// ImportState takes roleSSOApplicationID. Read fills in the rest;
// account_id and idp_name stay null, as no API reads them back.
func (r *roleSSOApplicationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	instanceID, applicationID, err := parseRoleSSOApplicationID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", framework.UpperFirst(err.Error()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), applicationID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("instance_id"), instanceID)...)
}

// fillImported fills in, after an import, what no IDaaS API returns, so
// that a configuration written from the state (plan -generate-config-out)
// plans no change for a setup that signs in:
//   - idp_name and account_id from RAM: the one SAML provider of the
//     provider's account whose metadata has the application's IdP entity
//     ID. Sign-in works only when that provider has the IdP name
//     (rolesso.IdPNameMatchRule), so a working setup has one; with none or
//     several both stay null, and the configuration must set idp_name.
//   - template_account_id_param: its default, the only name a source gives.
func (r *roleSSOApplicationResource) fillImported(ctx context.Context, state *roleSSOApplicationResourceModel, found *roleSSOApplication) {
	if state.isTemplateForm() && state.TemplateAccountIDParam.IsNull() {
		state.TemplateAccountIDParam = types.StringValue(rolesso.DefaultAccountIDParam)
	}
	c := r.Client()
	if name, ok := idpNameFromRAM(ctx, c.IMS(), found.sso.SAML.IdPEntityID); ok {
		state.IdPName = types.StringValue(name)
		if state.AccountID.IsNull() {
			state.AccountID = types.StringValue(c.AccountID())
		}
	}
}

// idpNameFromRAM returns the name of the one SAML provider whose metadata
// has entityID, and whether there is exactly one. A provider that cannot
// be read or parsed does not count.
func idpNameFromRAM(ctx context.Context, ims client.IMS, entityID string) (string, bool) {
	providers, err := ims.ListSAMLProviders(ctx)
	if err != nil || entityID == "" {
		tflog.Debug(ctx, "Not looking up the IdP name of an imported application", map[string]any{"error": fmt.Sprint(err)})
		return "", false
	}
	var names []string
	for _, p := range providers {
		full, err := ims.GetSAMLProvider(ctx, p.SAMLProviderName)
		if err != nil {
			continue
		}
		xml, err := rolesso.DecodeMetadata(full.EncodedSAMLMetadataDocument)
		if err != nil {
			continue
		}
		if m, err := rolesso.ParseMetadata(string(xml)); err == nil && m.EntityID == entityID {
			names = append(names, p.SAMLProviderName)
		}
	}
	if len(names) != 1 {
		return "", false
	}
	return names[0], true
}

// isNewApplicationInvisible reports whether err means that a new
// application is not visible yet: IDaaS is eventually consistent, and a new
// application may be unknown to calls that name it for a moment.
func isNewApplicationInvisible(err error) bool {
	return client.IsNotFound(err)
}

// waitApplicationVisible waits until IDaaS finds a new application, while
// ctx lasts.
func waitApplicationVisible(ctx context.Context, conn client.EIAM, instanceID, id string) error {
	return retry.When(ctx, eiamRetry, func(ctx context.Context) error {
		_, err := conn.GetApplication(ctx, instanceID, id)
		if isNewApplicationInvisible(err) {
			tflog.Debug(ctx, "New IDaaS application not visible yet; waiting", map[string]any{"id": id})
		}
		return err
	}, isNewApplicationInvisible)
}

// configureApplication sends what the plan sets beyond name and
// description: the SSO form parameters (always: they cannot be read back,
// so they are asserted again on every update), the SSO configuration
// (always: it also asserts the site's service provider), and the
// authorization type and status when they change. state is nil on create.
func configureApplication(ctx context.Context, conn client.EIAM, site rolesso.Site, plan, state *roleSSOApplicationResourceModel) error {
	instanceID, id := plan.InstanceID.ValueString(), plan.ID.ValueString()
	if plan.isTemplateForm() {
		if err := conn.UpdateApplicationSSOFormParams(ctx, instanceID, id, formParams(plan)); err != nil {
			return err
		}
	}
	current, err := conn.GetApplicationSSOConfig(ctx, instanceID, id)
	if err != nil {
		return err
	}
	if err := conn.SetApplicationSSOConfig(ctx, client.SetApplicationSSOConfigInput{
		InstanceID:    instanceID,
		ApplicationID: id,
		InitLoginType: current.InitLoginType,
		SAML:          expandSAMLConfig(plan, site, current.SAML),
	}); err != nil {
		return err
	}
	if state == nil || !plan.AuthorizeAllUsers.Equal(state.AuthorizeAllUsers) {
		if err := conn.UpdateApplicationAuthorizationType(ctx, instanceID, id, authorizationType(plan.AuthorizeAllUsers.ValueBool())); err != nil {
			return err
		}
	}
	if state != nil && plan.Enabled.Equal(state.Enabled) {
		return nil
	}
	if !plan.Enabled.ValueBool() {
		return conn.DisableApplication(ctx, instanceID, id)
	}
	if err := conn.EnableApplication(ctx, instanceID, id); err != nil {
		return err
	}
	return conn.EnableApplicationSSO(ctx, instanceID, id)
}

// formParams are the SSO form parameters of the role-based SSO template,
// by the names the configuration gives them.
func formParams(plan *roleSSOApplicationResourceModel) []client.TemplateParam {
	return []client.TemplateParam{
		{Name: plan.TemplateAccountIDParam.ValueString(), Value: plan.AccountID.ValueString()},
		{Name: plan.TemplateIdPNameParam.ValueString(), Value: plan.IdPName.ValueString()},
	}
}

// expandSAMLConfig returns the SAML configuration to send: the site's
// service provider and the planned settings. It keeps what this resource
// does not manage from current: ResponseSigned, the IdP entity ID, the
// relay states and, in the template form, attribute statements other than
// RoleSessionName and SessionDuration, so that the configuration comes out
// the same whether IDaaS merges or replaces (FACTS.md, "Not known"). In the
// standard SAML form it manages every statement: the Role statement, then
// the extra ones. The assertion is always signed, as RAM requires
// (FACTS.md).
func expandSAMLConfig(plan *roleSSOApplicationResourceModel, site rolesso.Site, current client.SAMLSSOConfig) client.SAMLSSOConfig {
	var statements []client.AttributeStatement
	if plan.isTemplateForm() {
		for _, s := range current.AttributeStatements {
			if s.Name != rolesso.RoleSessionNameAttributeName && s.Name != rolesso.SessionDurationAttributeName {
				statements = append(statements, s)
			}
		}
	} else {
		statements = append(statements, client.AttributeStatement{
			Name:            rolesso.RoleAttributeName,
			ValueExpression: plan.RoleAttributeExpression.ValueString(),
		})
		statements = append(statements, plan.extraStatements()...)
	}
	statements = append(statements, client.AttributeStatement{
		Name:            rolesso.RoleSessionNameAttributeName,
		ValueExpression: plan.RoleSessionNameExpression.ValueString(),
	})
	if framework.IsKnown(plan.SessionDuration) {
		statements = append(statements, client.AttributeStatement{
			Name:            rolesso.SessionDurationAttributeName,
			ValueExpression: rolesso.SessionDurationExpression(plan.SessionDuration.ValueInt64()),
		})
	}
	return client.SAMLSSOConfig{
		SPEntityID:            site.SPEntityID,
		SPSSOACSURL:           site.ACSURL,
		IdPEntityID:           current.IdPEntityID,
		NameIDFormat:          plan.NameIDFormat.ValueString(),
		NameIDValueExpression: plan.NameIDExpression.ValueString(),
		AttributeStatements:   statements,
		SignatureAlgorithm:    plan.SignatureAlgorithm.ValueString(),
		ResponseSigned:        current.ResponseSigned,
		AssertionSigned:       true,
		DefaultRelayState:     current.DefaultRelayState,
		OptionalRelayStates:   current.OptionalRelayStates,
	}
}

func authorizationType(allUsers bool) string {
	if allUsers {
		return client.AuthorizationTypeAll
	}
	return client.AuthorizationTypeRequired
}

func applicationStatus(enabled bool) string {
	if enabled {
		return client.ApplicationEnabled
	}
	return client.ApplicationDisabled
}

// samlProviderARN is the ARN of the SAML provider named idpName in account
// accountID: unknown while either is unknown, null while either is null.
func samlProviderARN(accountID, idpName types.String) types.String {
	switch {
	case accountID.IsUnknown() || idpName.IsUnknown():
		return types.StringUnknown()
	case accountID.IsNull() || idpName.IsNull():
		return types.StringNull()
	}
	return types.StringValue(rolesso.SAMLProviderARN(accountID.ValueString(), idpName.ValueString()))
}

// roleSSOApplication is an application with everything the resource and
// the data source read: the application, its SSO configuration and its
// IdP metadata.
type roleSSOApplication struct {
	app *client.Application
	sso *client.ApplicationSSOConfig
	// metadata is the IdP metadata XML; parsed is it parsed, or nil with
	// parseErr when it does not parse.
	metadata string
	parsed   *rolesso.Metadata
	parseErr error
}

// findRoleSSOApplicationByID returns an application, or an error for which
// client.IsNotFound is true.
func findRoleSSOApplicationByID(ctx context.Context, conn client.EIAM, instanceID, id string) (*roleSSOApplication, error) {
	app, err := conn.GetApplication(ctx, instanceID, id)
	if err != nil {
		return nil, err
	}
	sso, metadata, err := client.CurrentIdPMetadata(ctx, conn, instanceID, id)
	if errors.Is(err, client.ErrNoIdPMetadataURL) {
		return nil, fmt.Errorf("the SSO configuration of application %s has no SamlMetaEndpoint, so its IdP metadata cannot be downloaded; check that it is a SAML application", id)
	}
	if err != nil {
		return nil, err
	}
	found := &roleSSOApplication{app: app, sso: sso, metadata: metadata}
	found.parsed, found.parseErr = rolesso.ParseMetadata(metadata)
	return found, nil
}

// findRoleSSOApplicationByName returns the one application of the instance
// named name; none is an error for which client.IsNotFound is true.
func findRoleSSOApplicationByName(ctx context.Context, conn client.EIAM, instanceID, name string) (*roleSSOApplication, error) {
	apps, err := conn.ListApplications(ctx, client.ListApplicationsInput{InstanceID: instanceID, ApplicationName: name})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, a := range apps {
		if a.ApplicationName == name {
			ids = append(ids, a.ApplicationID)
		}
	}
	switch len(ids) {
	case 0:
		return nil, &client.NotFoundError{Object: "application", ID: name}
	case 1:
		return findRoleSSOApplicationByID(ctx, conn, instanceID, ids[0])
	}
	slices.Sort(ids)
	return nil, fmt.Errorf("%d applications of instance %s are named %q (%s); look the application up by id instead",
		len(ids), instanceID, name, strings.Join(ids, ", "))
}

// siteName is the site whose service provider the application's SSO
// configuration names, or null for neither.
func (a *roleSSOApplication) siteName() types.String {
	if site, ok := rolesso.SiteByRecipient(a.sso.SAML.SPSSOACSURL); ok {
		return types.StringValue(site.Name)
	}
	return types.StringNull()
}

// attributeStatement returns the value expression of the named attribute
// statement, and whether there is one.
func (a *roleSSOApplication) attributeStatement(name string) (string, bool) {
	for _, s := range a.sso.SAML.AttributeStatements {
		if s.Name == name {
			return s.ValueExpression, true
		}
	}
	return "", false
}

// roleSSOApplicationFacts are the attributes of an application the API
// returns: the model the resource and the data source share.
type roleSSOApplicationFacts struct {
	ID                         types.String `tfsdk:"id"`
	InstanceID                 types.String `tfsdk:"instance_id"`
	Name                       types.String `tfsdk:"name"`
	Description                types.String `tfsdk:"description"`
	TemplateID                 types.String `tfsdk:"template_id"`
	RoleAttributeExpression    types.String `tfsdk:"role_attribute_expression"`
	ClientID                   types.String `tfsdk:"client_id"`
	AuthorizeAllUsers          types.Bool   `tfsdk:"authorize_all_users"`
	Enabled                    types.Bool   `tfsdk:"enabled"`
	SessionDuration            types.Int64  `tfsdk:"session_duration"`
	NameIDFormat               types.String `tfsdk:"name_id_format"`
	NameIDExpression           types.String `tfsdk:"name_id_expression"`
	RoleSessionNameExpression  types.String `tfsdk:"role_session_name_expression"`
	SignatureAlgorithm         types.String `tfsdk:"signature_algorithm"`
	IdPEntityID                types.String `tfsdk:"idp_entity_id"`
	IdPMetadata                types.String `tfsdk:"idp_metadata"`
	IdPMetadataURL             types.String `tfsdk:"idp_metadata_url"`
	IdPSSOURL                  types.String `tfsdk:"idp_sso_url"`
	SigningCertificateSHA256   types.String `tfsdk:"signing_certificate_sha256"`
	SigningCertificateNotAfter types.String `tfsdk:"signing_certificate_not_after"`
	CreateTime                 types.String `tfsdk:"create_time"`
	Status                     types.String `tfsdk:"status"`
}

// facts flattens an application. Metadata that does not parse is a
// warning: the application is still readable, without certificate facts.
func (a *roleSSOApplication) facts() (roleSSOApplicationFacts, diag.Diagnostics) {
	var diags diag.Diagnostics
	f := roleSSOApplicationFacts{
		ID:                 types.StringValue(a.app.ApplicationID),
		InstanceID:         types.StringValue(a.app.InstanceID),
		Name:               types.StringValue(a.app.ApplicationName),
		Description:        framework.StringOrNull(a.app.Description),
		TemplateID:         framework.StringOrNull(a.app.ApplicationTemplateID),
		ClientID:           types.StringValue(a.app.ClientID),
		AuthorizeAllUsers:  types.BoolValue(a.app.AuthorizationType == client.AuthorizationTypeAll),
		Enabled:            types.BoolValue(a.app.Status == client.ApplicationEnabled && a.sso.SSOStatus == client.ApplicationEnabled),
		SessionDuration:    types.Int64Null(),
		NameIDFormat:       types.StringValue(a.sso.SAML.NameIDFormat),
		NameIDExpression:   types.StringValue(a.sso.SAML.NameIDValueExpression),
		SignatureAlgorithm: types.StringValue(a.sso.SAML.SignatureAlgorithm),
		IdPEntityID:        types.StringValue(a.sso.SAML.IdPEntityID),
		IdPMetadata:        types.StringValue(a.metadata),
		IdPMetadataURL:     types.StringValue(a.sso.SAMLMetaEndpoint),
		IdPSSOURL:          types.StringValue(a.sso.SAMLSSOEndpoint),
		CreateTime:         eiamTime(a.app.CreateTime),
		Status:             types.StringValue(a.app.Status),
	}
	f.RoleSessionNameExpression, f.RoleAttributeExpression = types.StringNull(), types.StringNull()
	if expr, ok := a.attributeStatement(rolesso.RoleAttributeName); ok && a.app.ApplicationSourceType != client.ApplicationSourceTemplate {
		f.RoleAttributeExpression = types.StringValue(expr)
	}
	if expr, ok := a.attributeStatement(rolesso.RoleSessionNameAttributeName); ok {
		f.RoleSessionNameExpression = types.StringValue(expr)
	}
	if expr, ok := a.attributeStatement(rolesso.SessionDurationAttributeName); ok {
		if seconds, ok := rolesso.ParseSessionDurationExpression(expr); ok {
			f.SessionDuration = types.Int64Value(seconds)
		}
	}
	f.SigningCertificateSHA256, f.SigningCertificateNotAfter = types.StringNull(), types.StringNull()
	switch {
	case a.parseErr != nil:
		diags.AddWarning("IdP metadata does not parse",
			fmt.Sprintf("The IdP metadata of application %s, from %s, does not parse, so the signing certificate is unknown: %s",
				a.app.ApplicationID, a.sso.SAMLMetaEndpoint, a.parseErr))
	case len(a.parsed.SigningCertificates) > 0:
		newest := a.parsed.NewestCertificate()
		f.SigningCertificateSHA256 = types.StringValue(newest.SHA256Fingerprint)
		f.SigningCertificateNotAfter = types.StringValue(newest.NotAfter.Format(time.RFC3339))
	}
	return f, diags
}

type roleSSOApplicationResourceModel struct {
	roleSSOApplicationFacts
	SSOForm                  types.String   `tfsdk:"sso_form"`
	RoleMapping              types.String   `tfsdk:"role_mapping"`
	ExtraAttributeStatements types.List     `tfsdk:"extra_attribute_statements"`
	Site                     types.String   `tfsdk:"site"`
	TemplateIdPNameParam     types.String   `tfsdk:"template_idp_name_param"`
	TemplateAccountIDParam   types.String   `tfsdk:"template_account_id_param"`
	AccountID                types.String   `tfsdk:"account_id"`
	IdPName                  types.String   `tfsdk:"idp_name"`
	SAMLProviderARN          types.String   `tfsdk:"saml_provider_arn"`
	Timeouts                 timeouts.Value `tfsdk:"timeouts"`
}

// flatten sets what the API returns. site, account_id, idp_name and
// saml_provider_arn are not read: the first is the configuration's, the
// others cannot be read back. The form is read from the application, and
// in the standard SAML form its attribute statements: the Role statement,
// the role mapping that derives it, and the extra ones.
func (m *roleSSOApplicationResourceModel) flatten(a *roleSSOApplication) diag.Diagnostics {
	f, diags := a.facts()
	if f.InstanceID.IsNull() || f.InstanceID.ValueString() == "" {
		f.InstanceID = m.InstanceID
	}
	m.roleSSOApplicationFacts = f
	m.SSOForm = types.StringValue(rolesso.SSOFormStandardSAML)
	if a.app.ApplicationSourceType == client.ApplicationSourceTemplate {
		m.SSOForm = types.StringValue(rolesso.SSOFormTemplate)
	}
	m.ExtraAttributeStatements = types.ListNull(attributeStatementType)
	if m.isTemplateForm() {
		m.RoleMapping = types.StringNull()
		return diags
	}
	var extra []attr.Value
	for _, s := range a.sso.SAML.AttributeStatements {
		if !slices.Contains(rolesso.ManagedAttributeNames(), s.Name) {
			extra = append(extra, types.ObjectValueMust(attributeStatementType.AttrTypes, map[string]attr.Value{
				"name": types.StringValue(s.Name), "value_expression": types.StringValue(s.ValueExpression),
			}))
		}
	}
	if m.RoleAttributeExpression.ValueString() == rolesso.StandardRoleExpression {
		m.RoleMapping = types.StringValue(rolesso.RoleMappingApplicationAccount)
	}
	if len(extra) > 0 {
		m.ExtraAttributeStatements = types.ListValueMust(attributeStatementType, extra)
	}
	return diags
}

// attributeStatementType is an element of extra_attribute_statements.
var attributeStatementType = types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType, "value_expression": types.StringType}}

// isTemplateForm reports whether the application is made from the
// marketplace template; an unknown form is taken as the template's, the
// default.
func (m *roleSSOApplicationResourceModel) isTemplateForm() bool {
	return m.SSOForm.ValueString() != rolesso.SSOFormStandardSAML
}

// extraStatements are the planned extra attribute statements.
func (m *roleSSOApplicationResourceModel) extraStatements() []client.AttributeStatement {
	var statements []client.AttributeStatement
	for _, e := range m.ExtraAttributeStatements.Elements() {
		o, ok := e.(types.Object)
		if !ok {
			continue
		}
		name, _ := o.Attributes()["name"].(types.String)
		value, _ := o.Attributes()["value_expression"].(types.String)
		statements = append(statements, client.AttributeStatement{Name: name.ValueString(), ValueExpression: value.ValueString()})
	}
	return statements
}

// withUnknownsNull returns m with unknown values made null, as state may
// hold no unknowns: for a partial create.
func (m roleSSOApplicationResourceModel) withUnknownsNull() roleSSOApplicationResourceModel {
	for _, s := range []*types.String{
		&m.SSOForm, &m.RoleMapping, &m.RoleAttributeExpression, &m.Site, &m.TemplateID, &m.TemplateAccountIDParam, &m.AccountID, &m.NameIDFormat, &m.NameIDExpression, &m.RoleSessionNameExpression,
		&m.SignatureAlgorithm, &m.ClientID, &m.IdPEntityID, &m.IdPMetadata, &m.IdPMetadataURL, &m.IdPSSOURL,
		&m.SigningCertificateSHA256, &m.SigningCertificateNotAfter, &m.CreateTime, &m.SAMLProviderARN, &m.Status,
	} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if m.ExtraAttributeStatements.IsUnknown() {
		m.ExtraAttributeStatements = types.ListNull(attributeStatementType)
	}
	for _, b := range []*types.Bool{&m.AuthorizeAllUsers, &m.Enabled} {
		if b.IsUnknown() {
			*b = types.BoolNull()
		}
	}
	return m
}
