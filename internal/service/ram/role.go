// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
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
	_ resource.Resource                   = (*roleResource)(nil)
	_ resource.ResourceWithConfigure      = (*roleResource)(nil)
	_ resource.ResourceWithImportState    = (*roleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*roleResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*roleResource)(nil)
)

// NewRoleResource returns the idaas_ram_role resource.
func NewRoleResource() resource.Resource {
	return &roleResource{ResourceWithClient: framework.NewResourceWithClient("ram_role")}
}

type roleResource struct {
	framework.ResourceWithClient
}

// Limits of a role (FACTS.md).
const (
	roleMinSessionDuration     = 3600
	roleMaxSessionDuration     = 43200
	roleDefaultSessionDuration = 3600
	roleMaxDescriptionLength   = 1024
)

// Default timeouts. Create and update include the eventual-consistency
// retries.
const (
	roleCreateTimeout = 5 * time.Minute
	roleReadTimeout   = 2 * time.Minute
	roleUpdateTimeout = 5 * time.Minute
	roleDeleteTimeout = 5 * time.Minute
)

// roleObject names a role in diagnostics.
const roleObject = "RAM role"

func (r *roleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A RAM role that users of a SAML identity provider assume through role-based SSO " +
			"(step 4 of the console procedure). Its trust policy is written either as `saml_provider_names`, from which " +
			"the provider builds the documented policy, or as raw JSON in `assume_role_policy`. Trust policies compare by " +
			"meaning, so RAM's reformatting never shows as a change.\n\n" +
			"The role name is what IDaaS application accounts must be named: an application account signs in to the role " +
			"with the same name.\n\n" +
			"Creating or updating the role waits, within its timeouts, while RAM does not yet accept a SAML provider that " +
			"was just created, and while a new role is not yet readable. A SAML provider that does not exist fails at once, " +
			"naming it; plans warn of it before, unless a resource of the same plan creates it (refer to it by " +
			"`idaas_ram_saml_provider.<name>.name`).\n\n" +
			"List the IDaaS applications whose users sign in to the role in `applications` and plans check, before anything " +
			"is written, that the role trusts each application's SAML provider and is in its account and site.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The role name."),
			"name": schema.StringAttribute{
				MarkdownDescription: "The role name. " + markdownRule(rolesso.RoleNameRule) + " RAM compares role names " +
					"without regard to case. Changing it replaces the role. IDaaS application accounts that sign in to " +
					"this role must have this name.",
				Required:      true,
				Validators:    []validator.String{validators.RoleNameValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The description, 1 to %d characters. RAM cannot clear a description: "+
					"removing it from the configuration keeps the role's current one.", roleMaxDescriptionLength),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, roleMaxDescriptionLength)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"max_session_duration": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("The longest session, in seconds, that assuming the role gives: `%d` to `%d`. Defaults to `%d`. "+
					"A role-based SSO session cannot last longer.", roleMinSessionDuration, roleMaxSessionDuration, roleDefaultSessionDuration),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(roleDefaultSessionDuration),
				Validators: []validator.Int64{int64validator.Between(roleMinSessionDuration, roleMaxSessionDuration)},
			},
			"saml_provider_names": schema.SetAttribute{
				MarkdownDescription: "The SAML providers of the role's account whose users may assume the role, by name " +
					"(for role-based SSO from IDaaS, the IdP name of the application). The provider builds the trust policy " +
					"from them and `site`. Set this or `assume_role_policy`, not both. With `assume_role_policy`, this is " +
					"computed: the SAML providers of the account that the policy trusts.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validators.SAMLProviderNameValidator()),
				},
			},
			"site": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The site users sign in at, which sets the `saml:recipient` of the trust "+
					"policy: %s. Only with `saml_provider_names`; defaults to the provider's `site`. With `assume_role_policy`, "+
					"this is computed from the policy's `saml:recipient` (null unless it names exactly one site).",
					framework.OrList(rolesso.SiteNames(), "`")),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validators.SiteValidator()},
			},
			"assume_role_policy": schema.StringAttribute{
				CustomType: trustPolicyType{},
				MarkdownDescription: "The trust policy as JSON, for policies `saml_provider_names` cannot express. It is " +
					"checked at validate time: valid JSON, `Version` `\"1\"`, only `sts:AssumeRole`, Federated principals that " +
					"are SAML provider ARNs, and a `saml:recipient` condition naming a site's ACS URL. It compares by meaning " +
					"(whitespace, key order, a string versus a one-element array and the order of values do not matter), " +
					"and your formatting is kept. With `saml_provider_names`, this is computed: the policy the provider builds.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{trustPolicyValidator},
			},
			"applications": roleApplicationsAttribute,
			"effective_assume_role_policy": schema.StringAttribute{
				MarkdownDescription: "The trust policy exactly as RAM holds it.",
				Computed:            true,
			},
			"force_detach_policies": schema.BoolAttribute{
				MarkdownDescription: "Whether destroying the role first detaches the policies attached to it. Defaults to " +
					"`false`: RAM refuses to delete a role with attached policies, and the error names them.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"arn":         framework.StableComputedString("The role ARN, e.g. `" + rolesso.ExampleRoleARN + "`."),
			"role_id":     framework.StableComputedString("The role ID, a numeric string."),
			"account_id":  framework.StableComputedString("The Alibaba Cloud account of the role: the provider's account, known at plan time."),
			"create_date": framework.StableComputedString("When the role was created, in ISO 8601 UTC, e.g. `2026-01-02T03:04:05Z`."),
			"update_date": schema.StringAttribute{
				MarkdownDescription: "When the role was last changed, in ISO 8601 UTC.",
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *roleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, roleCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	c := r.Client()
	name := plan.Name.ValueString()
	doc, diags := plannedTrustPolicy(plan)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	in := client.CreateRoleInput{
		RoleName:                 name,
		AssumeRolePolicyDocument: doc,
		Description:              plan.Description.ValueString(),
		MaxSessionDuration:       plan.MaxSessionDuration.ValueInt64(),
	}
	var created *client.Role
	err := writeTrustPolicy(ctx, c, doc, func(ctx context.Context) error {
		var err error
		created, err = c.RAM().CreateRole(ctx, in)
		return err
	})
	if err != nil {
		addTrustPolicyWriteError(&resp.Diagnostics, "creating", name, c.AccountID(), err)
		return
	}

	role, err := findRoleAfterWrite(ctx, c.RAM(), name)
	if err != nil {
		// The role exists: save it, so that Terraform taints it instead of
		// losing track of it.
		flattenRole(ctx, created, &plan, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		framework.AddAPIError(&resp.Diagnostics, "reading back", roleObject, name, err)
		return
	}
	flattenRole(ctx, role, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *roleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, roleReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := state.Name.ValueString()
	role, err := findRoleByName(ctx, r.Client().RAM(), name)
	if !framework.Found(ctx, err, resp, roleObject, name, map[string]any{"name": name}) {
		return
	}
	flattenRole(ctx, role, &state, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *roleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Update, roleUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	c := r.Client()
	name := plan.Name.ValueString()
	doc, diags := plannedTrustPolicy(plan)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	if in, changed := roleUpdate(state, plan, doc); changed {
		err := writeTrustPolicy(ctx, c, doc, func(ctx context.Context) error {
			_, err := c.RAM().UpdateRole(ctx, in)
			return err
		})
		if err != nil {
			addTrustPolicyWriteError(&resp.Diagnostics, "updating", name, c.AccountID(), err)
			return
		}
	}
	role, err := findRoleAfterWrite(ctx, c.RAM(), name)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading back", roleObject, name, err)
		return
	}
	flattenRole(ctx, role, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *roleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, roleDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	conn := r.Client().RAM()
	name := state.Name.ValueString()
	err := conn.DeleteRole(ctx, name)
	if client.ErrorCode(err) == client.CodeDeleteConflictRolePolicy {
		err = r.deleteWithPolicies(ctx, conn, name, state.ForceDetachPolicies.ValueBool(), &resp.Diagnostics)
	}
	if err != nil && !client.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "deleting", roleObject, name, err)
	}
}

// deleteWithPolicies handles a role RAM will not delete because policies
// are attached: with force, it detaches them and deletes the role; without,
// it reports them and how to proceed. Errors it reports itself leave a nil
// error.
func (r *roleResource) deleteWithPolicies(ctx context.Context, conn client.RAM, name string, force bool, diags *diag.Diagnostics) error {
	policies, err := conn.ListPoliciesForRole(ctx, name)
	if err != nil {
		return err
	}
	if !force {
		diags.AddError("Error deleting RAM role", fmt.Sprintf("RAM role %q has attached policies: %s. RAM deletes a role only "+
			"when no policy is attached to it.\n\nDetach them first (remove the resources that attach them, such as "+
			"idaas_ram_role_policy_attachment, or detach them in the RAM console), or set force_detach_policies = true on "+
			"this role and apply before destroying it.", name, describePolicies(policies)))
		return nil
	}
	for _, p := range policies {
		a := client.PolicyAttachment{RoleName: name, PolicyType: p.PolicyType, PolicyName: p.PolicyName}
		if err := conn.DetachPolicyFromRole(ctx, a); err != nil && !client.IsNotFound(err) {
			return fmt.Errorf("detaching the %s policy %q: %w", p.PolicyType, p.PolicyName, err)
		}
		tflog.Info(ctx, "Detached a policy from a RAM role before deleting it", map[string]any{
			"role": name, "policy_type": p.PolicyType, "policy_name": p.PolicyName,
		})
	}
	return conn.DeleteRole(ctx, name)
}

func (r *roleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, err := roleImportID.ParseIn(req.ID, r.Client().AccountID())
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for a RAM role", err.Error())
		return
	}
	// RAM finds a role by any case of its name; the state takes the name as
	// RAM holds it, so that a configuration that names it so plans no
	// replacement. A failed look-up is Read's to report.
	if role, err := findRoleByName(ctx, r.Client().RAM(), name); err == nil {
		name = role.RoleName
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("force_detach_policies"), false)...)
}

// roleUpdate returns what UpdateRole must send to turn the role in state
// into the planned one, whose trust policy is doc, and whether there is
// anything to send.
func roleUpdate(state, plan roleResourceModel, doc string) (client.UpdateRoleInput, bool) {
	in := client.UpdateRoleInput{RoleName: plan.Name.ValueString()}
	changed := false
	if !equivalentTrustPolicies(state.EffectiveAssumeRolePolicy.ValueString(), doc) {
		in.NewAssumeRolePolicyDocument = &doc
		changed = true
	}
	if !plan.Description.IsNull() && !plan.Description.IsUnknown() && !plan.Description.Equal(state.Description) {
		d := plan.Description.ValueString()
		in.NewDescription = &d
		changed = true
	}
	if !plan.MaxSessionDuration.IsUnknown() && !plan.MaxSessionDuration.Equal(state.MaxSessionDuration) {
		m := plan.MaxSessionDuration.ValueInt64()
		in.NewMaxSessionDuration = &m
		changed = true
	}
	return in, changed
}

// samlProviderPropagationTimeout bounds the retries of a trust policy RAM
// rejects although every SAML provider it names exists: past it, RAM is
// taken to reject the policy for another reason.
const samlProviderPropagationTimeout = 2 * time.Minute

// writeTrustPolicy runs write (CreateRole or UpdateRole with the trust
// policy doc) and retries it while RAM does not yet accept a SAML provider
// the policy names (isSAMLProviderPropagation), within the context's
// deadline and samlProviderPropagationTimeout.
func writeTrustPolicy(ctx context.Context, c *client.Client, doc string, write func(context.Context) error) error {
	start := time.Now()
	return retry.When(ctx, roleRetry, func(ctx context.Context) error {
		err := write(ctx)
		if client.ErrorCode(err) != client.CodeMalformedPolicyDocument {
			return err
		}
		missing, lookErr := missingSAMLProviders(ctx, c, doc)
		switch {
		case lookErr != nil:
			return err
		case len(missing) > 0:
			return &missingSAMLProvidersError{names: missing, accountID: c.AccountID(), err: err}
		case time.Since(start) > samlProviderPropagationTimeout:
			return err
		}
		tflog.Info(ctx, "RAM does not accept a SAML provider of the trust policy yet; retrying", map[string]any{"error": err.Error()})
		return &samlProviderPropagationError{err: err}
	}, isSAMLProviderPropagation)
}

// samlProviderPropagationError is RAM's rejection (MalformedPolicyDocument)
// of a trust policy whose SAML providers all exist: a new SAML provider
// takes a while to become usable in trust policies.
type samlProviderPropagationError struct{ err error }

func (e *samlProviderPropagationError) Error() string { return e.err.Error() }
func (e *samlProviderPropagationError) Unwrap() error { return e.err }

// isSAMLProviderPropagation is the retry predicate of writeTrustPolicy.
func isSAMLProviderPropagation(err error) bool {
	var p *samlProviderPropagationError
	return errors.As(err, &p)
}

// missingSAMLProvidersError is RAM's rejection of a trust policy naming
// SAML providers of the account that do not exist.
type missingSAMLProvidersError struct {
	names     []string
	accountID string
	err       error
}

func (e *missingSAMLProvidersError) Error() string { return e.err.Error() }
func (e *missingSAMLProvidersError) Unwrap() error { return e.err }

// missingSAMLProviders returns the SAML providers of the client's account
// that doc names and IMS does not know. A SAML provider created earlier in
// the same run is known to IMS by then: its resource reads it back.
func missingSAMLProviders(ctx context.Context, c *client.Client, doc string) ([]string, error) {
	facts, err := trustFactsOf(doc, c.AccountID())
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, name := range facts.names {
		_, err := c.IMS().GetSAMLProvider(ctx, name)
		switch {
		case client.IsNotFound(err):
			missing = append(missing, name)
		case err != nil:
			return nil, err
		}
	}
	return missing, nil
}

// addTrustPolicyWriteError reports a failed CreateRole or UpdateRole, with
// the fix for a SAML provider that does not exist or a name that is taken.
func addTrustPolicyWriteError(diags *diag.Diagnostics, action, name, accountID string, err error) {
	var missing *missingSAMLProvidersError
	if errors.As(err, &missing) {
		diags.AddError(fmt.Sprintf("Error %s %s", action, roleObject), fmt.Sprintf("The trust policy of RAM role %q names "+
			"SAML providers that do not exist in account %s: %s.\n\nCreate them first (idaas_ram_saml_provider), and refer "+
			"to them as idaas_ram_saml_provider.<name>.name so that Terraform creates them before the role; or correct "+
			"the names.\n\n%s", name, accountID, quotedList(missing.names), framework.APIErrorDetail(roleObject, name, missing.err)))
		return
	}
	if client.ErrorCode(err) == client.CodeRoleAlreadyExists {
		diags.AddError(fmt.Sprintf("Error %s %s", action, roleObject), fmt.Sprintf("A RAM role named %q exists already in "+
			"account %s (RAM compares role names without regard to case). Nothing was written. %s\n\nOtherwise choose "+
			"another name.\n\n%s", name, accountID, framework.ImportBlock("idaas_ram_role", name), framework.APIErrorDetail(roleObject, name, err)))
		return
	}
	framework.AddAPIError(diags, action, roleObject, name, err)
}

// findRoleByName returns the role with the given name, or an error for
// which client.IsNotFound is true.
func findRoleByName(ctx context.Context, conn client.RAM, name string) (*client.Role, error) {
	return conn.GetRole(ctx, name)
}

// findRoleAfterWrite is findRoleByName right after a create or update: a
// new role may be invisible to reads for a while (roleNotYetVisible), so
// it retries until the context's deadline.
func findRoleAfterWrite(ctx context.Context, conn client.RAM, name string) (*client.Role, error) {
	return retry.Value(ctx, roleRetry, func(ctx context.Context) (*client.Role, error) {
		return findRoleByName(ctx, conn, name)
	}, roleNotYetVisible)
}

// roleNotYetVisible is the retry predicate of reads right after a write.
func roleNotYetVisible(err error) bool { return client.IsNotFound(err) }

// flattenRole writes what RAM holds into m. Names keep the spelling of m
// where RAM's differs only in case.
func flattenRole(ctx context.Context, role *client.Role, m *roleResourceModel, diags *diag.Diagnostics) {
	facts, err := flattenRoleFacts(ctx, role, m.roleFacts, diags)
	if err != nil {
		tflog.Warn(ctx, "RAM role has a trust policy this provider cannot parse", map[string]any{"name": role.RoleName, "error": err.Error()})
	}
	m.roleFacts = facts
	m.ID = m.Name
	m.AssumeRolePolicy = newTrustPolicyValue(role.AssumeRolePolicyDocument)
	m.EffectiveAssumeRolePolicy = types.StringValue(role.AssumeRolePolicyDocument)
	if role.UpdateDate == "" { // CreateRole answers without one.
		m.UpdateDate = m.CreateDate
	}
	if m.ForceDetachPolicies.IsNull() || m.ForceDetachPolicies.IsUnknown() {
		m.ForceDetachPolicies = types.BoolValue(false)
	}
}

// flattenRoleFacts reads what RAM holds of role, for the resource and both
// data sources. The role name and SAML provider names keep their spelling
// in prior where RAM's differs only in case, so that no name changes under
// the user; prior is empty for a role read afresh. The error is that of a
// trust policy that does not parse: it trusts no one.
func flattenRoleFacts(ctx context.Context, role *client.Role, prior roleFacts, diags *diag.Diagnostics) (roleFacts, error) {
	f := roleFacts{Name: prior.Name}
	if !framework.IsKnown(f.Name) || !rolesso.SameRoleName(f.Name.ValueString(), role.RoleName) {
		f.Name = types.StringValue(role.RoleName)
	}
	account := prior.AccountID.ValueString()
	if arn, err := rolesso.ParseRoleARN(role.ARN); err == nil {
		account = arn.AccountID
	}
	trust, err := trustFactsOf(role.AssumeRolePolicyDocument, account)
	f.ARN = types.StringValue(role.ARN)
	f.RoleID = types.StringValue(role.RoleID)
	f.AccountID = types.StringValue(account)
	f.Description = framework.StringOrNull(role.Description)
	f.MaxSessionDuration = types.Int64Value(role.MaxSessionDuration)
	f.SAMLProviderNames = setOfStringsOrNull(ctx, preferSpelling(trust.names, stringsOfSet(ctx, prior.SAMLProviderNames)), diags)
	f.Site = siteNameOrNull(trust.site)
	f.CreateDate = types.StringValue(role.CreateDate)
	f.UpdateDate = types.StringValue(role.UpdateDate)
	return f, err
}

// describePolicies lists attached policies, sorted, as `Custom "ecs-read",
// System "AdministratorAccess"`.
func describePolicies(policies []client.AttachedPolicy) string {
	parts := make([]string, len(policies))
	for i, p := range policies {
		parts[i] = fmt.Sprintf("%s %q", p.PolicyType, p.PolicyName)
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

type roleResourceModel struct {
	roleFacts
	ID                        types.String     `tfsdk:"id"`
	AssumeRolePolicy          trustPolicyValue `tfsdk:"assume_role_policy"`
	Applications              types.List       `tfsdk:"applications"`
	EffectiveAssumeRolePolicy types.String     `tfsdk:"effective_assume_role_policy"`
	ForceDetachPolicies       types.Bool       `tfsdk:"force_detach_policies"`
	Timeouts                  timeouts.Value   `tfsdk:"timeouts"`
}

// roleFacts are what RAM holds of a role: the model the resource and both
// data sources share.
type roleFacts struct {
	Name               types.String `tfsdk:"name"`
	ARN                types.String `tfsdk:"arn"`
	RoleID             types.String `tfsdk:"role_id"`
	AccountID          types.String `tfsdk:"account_id"`
	Description        types.String `tfsdk:"description"`
	MaxSessionDuration types.Int64  `tfsdk:"max_session_duration"`
	SAMLProviderNames  types.Set    `tfsdk:"saml_provider_names"`
	Site               types.String `tfsdk:"site"`
	CreateDate         types.String `tfsdk:"create_date"`
	UpdateDate         types.String `tfsdk:"update_date"`
}
