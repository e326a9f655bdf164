// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
)

var (
	_ resource.Resource                     = (*applicationAuthorizationResource)(nil)
	_ resource.ResourceWithConfigure        = (*applicationAuthorizationResource)(nil)
	_ resource.ResourceWithImportState      = (*applicationAuthorizationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*applicationAuthorizationResource)(nil)
)

// NewApplicationAuthorizationResource returns the
// idaas_application_authorization resource.
func NewApplicationAuthorizationResource() resource.Resource {
	return &applicationAuthorizationResource{ResourceWithClient: framework.NewResourceWithClient("application_authorization")}
}

type applicationAuthorizationResource struct {
	framework.ResourceWithClient
}

// applicationAuthorizationObject names the object in diagnostics.
const applicationAuthorizationObject = "IDaaS application authorization"

// Default timeouts: an authorization of many users takes a call per
// client.MaxIDsPerAuthorizationCall of them.
const (
	applicationAuthorizationCreateTimeout = 10 * time.Minute
	applicationAuthorizationReadTimeout   = 5 * time.Minute
	applicationAuthorizationUpdateTimeout = 10 * time.Minute
	applicationAuthorizationDeleteTimeout = 10 * time.Minute
)

func (r *applicationAuthorizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	ids := []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The users and groups authorized to use an IDaaS application, for an application that does " +
			"not authorize all users (`authorize_all_users = false` on `idaas_role_sso_application`; EIAM " +
			"`AuthorizeApplicationToUsers` and `AuthorizeApplicationToGroups`). Step 4 of the console procedure. Use one " +
			"such resource per application.\n\n" +
			"Each of `user_ids` and `group_ids` that is set is **exclusive**: the application's direct grants of that " +
			"kind are exactly the set. A grant made elsewhere, in the console or by another tool, shows in the next plan " +
			"and is revoked by the apply; a grant revoked elsewhere is made again. An argument left out is not managed: " +
			"grants of that kind are left as they are. Creating the resource for an application that already authorizes " +
			"users or groups outside the sets is an error, so that no grant is revoked unseen: add them to the sets, or " +
			"import the resource and let the plan show what it would revoke.\n\n" +
			"Only direct grants count: a user authorized through a group is not listed in `user_ids`.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString(fmt.Sprintf("`%s`, e.g. `%s`.", applicationAuthorizationID, applicationAuthorizationID.Example)),
			"instance_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the IDaaS instance. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replace,
			},
			"application_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the application. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replace,
			},
			"user_ids": schema.SetAttribute{
				MarkdownDescription: "The IDs of the users authorized directly, e.g. from the `idaas_user` data source. " +
					"Exclusive when set; `[]` revokes every direct user grant; left out, user grants are not managed.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  ids,
			},
			"group_ids": schema.SetAttribute{
				MarkdownDescription: "The IDs of the groups authorized; their members may use the application. " +
					"Exclusive when set; `[]` revokes every group grant; left out, group grants are not managed.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  ids,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *applicationAuthorizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan applicationAuthorizationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, applicationAuthorizationCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	conn := r.Client().EIAM()
	plan.ID = types.StringValue(plan.id())
	current, err := findApplicationAuthorization(ctx, conn, plan.InstanceID.ValueString(), plan.ApplicationID.ValueString())
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "creating", applicationAuthorizationObject, plan.id(), err)
		return
	}
	for _, k := range grantKinds {
		want, d := k.planned(ctx, plan)
		resp.Diagnostics.Append(d...)
		if want == nil {
			continue
		}
		if others := idsNotIn(want, k.of(current)); len(others) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root(k.attribute), fmt.Sprintf("Application already authorizes other %s", k.plural), fmt.Sprintf(
				"Application %s already authorizes %s not in %s: %s. Creating this resource would revoke them, as %s is "+
					"exclusive. Add them to %s, or import the resource by the ID %q so that the plan shows what would be revoked.",
				plan.ApplicationID.ValueString(), k.plural, k.attribute, strings.Join(others, ", "), k.attribute, k.attribute, plan.id()))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.reconcile(ctx, &plan, current, &resp.Diagnostics); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "creating", applicationAuthorizationObject, plan.id(), err)
		// Some grants may have been made: keep the resource, tainted, so
		// that the next apply revokes them and starts again.
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	resp.Diagnostics.Append(r.readInto(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *applicationAuthorizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state applicationAuthorizationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, applicationAuthorizationReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	current, err := findApplicationAuthorization(ctx, r.Client().EIAM(), state.InstanceID.ValueString(), state.ApplicationID.ValueString())
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "IDaaS application not found; removing its authorization from state", map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading", applicationAuthorizationObject, state.ID.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(state.flatten(ctx, current)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *applicationAuthorizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan applicationAuthorizationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Update, applicationAuthorizationUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	// The grants now, not as the state has them: the plan is made exact.
	current, err := findApplicationAuthorization(ctx, r.Client().EIAM(), plan.InstanceID.ValueString(), plan.ApplicationID.ValueString())
	if err == nil {
		err = r.reconcile(ctx, &plan, current, &resp.Diagnostics)
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "updating", applicationAuthorizationObject, plan.id(), err)
		return
	}
	resp.Diagnostics.Append(r.readInto(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *applicationAuthorizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state applicationAuthorizationResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, applicationAuthorizationDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	conn := r.Client().EIAM()
	instanceID, applicationID := state.InstanceID.ValueString(), state.ApplicationID.ValueString()
	current, err := findApplicationAuthorization(ctx, conn, instanceID, applicationID)
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "deleting", applicationAuthorizationObject, state.ID.ValueString(), err)
		return
	}
	// Revoke what the state holds and is still granted: a principal
	// deleted meanwhile is no longer listed, and revoking it would fail.
	for _, k := range grantKinds {
		held, d := k.planned(ctx, state)
		resp.Diagnostics.Append(d...)
		revoke := slices.DeleteFunc(slices.Clone(held), func(id string) bool { return !slices.Contains(k.of(current), id) })
		if len(revoke) == 0 {
			continue
		}
		if err := k.revoke(ctx, conn, instanceID, applicationID, revoke); err != nil && !client.IsNotFound(err) {
			framework.AddAPIError(&resp.Diagnostics, "deleting", applicationAuthorizationObject, state.ID.ValueString(), err)
			return
		}
	}
}

func (r *applicationAuthorizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	_, parts, err := importid.Parse(req.ID, applicationAuthorizationID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	// With user_ids and group_ids both null, the first Read fills both.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("instance_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("application_id"), parts[1])...)
}

func (r *applicationAuthorizationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("user_ids"), path.MatchRoot("group_ids")),
	}
}

// reconcile makes the grants of each managed kind equal to the plan, from
// the current grants.
func (r *applicationAuthorizationResource) reconcile(ctx context.Context, plan *applicationAuthorizationResourceModel, current *applicationAuthorization, diags *diag.Diagnostics) error {
	conn := r.Client().EIAM()
	instanceID, applicationID := plan.InstanceID.ValueString(), plan.ApplicationID.ValueString()
	for _, k := range grantKinds {
		want, d := k.planned(ctx, *plan)
		diags.Append(d...)
		if want == nil {
			continue
		}
		if err := changeIDs(k.of(current), want,
			func(ids []string) error { return k.grant(ctx, conn, instanceID, applicationID, ids) },
			func(ids []string) error { return k.revoke(ctx, conn, instanceID, applicationID, ids) },
		); err != nil {
			return err
		}
	}
	return nil
}

// readInto reads the grants after a change into plan. A failed read is a
// warning: the change was made, and the next refresh reads them.
func (r *applicationAuthorizationResource) readInto(ctx context.Context, plan *applicationAuthorizationResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	current, err := findApplicationAuthorization(ctx, r.Client().EIAM(), plan.InstanceID.ValueString(), plan.ApplicationID.ValueString())
	if err != nil {
		diags.AddWarning("Error reading the changed "+applicationAuthorizationObject, framework.APIErrorDetail(applicationAuthorizationObject, plan.id(), err))
		return diags
	}
	diags.Append(plan.flatten(ctx, current)...)
	return diags
}

// applicationAuthorization is who is authorized to use an application
// directly.
type applicationAuthorization struct {
	UserIDs  []string
	GroupIDs []string
}

// findApplicationAuthorization returns the direct grants of an
// application, or an error for which client.IsNotFound is true when the
// application is gone.
func findApplicationAuthorization(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string) (*applicationAuthorization, error) {
	users, err := conn.ListUsersForApplication(ctx, instanceID, applicationID)
	if err != nil {
		return nil, err
	}
	groups, err := conn.ListGroupsForApplication(ctx, instanceID, applicationID)
	if err != nil {
		return nil, err
	}
	return &applicationAuthorization{UserIDs: users, GroupIDs: groups}, nil
}

// grantKind is users or groups: the attribute and the calls of each.
type grantKind struct {
	attribute string
	plural    string
	of        func(*applicationAuthorization) []string
	model     func(*applicationAuthorizationResourceModel) *types.Set
	grant     func(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string, ids []string) error
	revoke    func(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string, ids []string) error
}

var grantKinds = []grantKind{
	{
		attribute: "user_ids",
		plural:    "users",
		of:        func(a *applicationAuthorization) []string { return a.UserIDs },
		model:     func(m *applicationAuthorizationResourceModel) *types.Set { return &m.UserIDs },
		grant: func(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string, ids []string) error {
			return conn.AuthorizeApplicationToUsers(ctx, instanceID, applicationID, ids)
		},
		revoke: func(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string, ids []string) error {
			return conn.RevokeApplicationFromUsers(ctx, instanceID, applicationID, ids)
		},
	},
	{
		attribute: "group_ids",
		plural:    "groups",
		of:        func(a *applicationAuthorization) []string { return a.GroupIDs },
		model:     func(m *applicationAuthorizationResourceModel) *types.Set { return &m.GroupIDs },
		grant: func(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string, ids []string) error {
			return conn.AuthorizeApplicationToGroups(ctx, instanceID, applicationID, ids)
		},
		revoke: func(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID string, ids []string) error {
			return conn.RevokeApplicationFromGroups(ctx, instanceID, applicationID, ids)
		},
	},
}

// planned returns the IDs the model holds for the kind, sorted; nil when
// the attribute is null (not managed).
func (k grantKind) planned(ctx context.Context, m applicationAuthorizationResourceModel) ([]string, diag.Diagnostics) {
	set := *k.model(&m)
	if set.IsNull() || set.IsUnknown() {
		return nil, nil
	}
	ids := []string{}
	diags := set.ElementsAs(ctx, &ids, false)
	slices.Sort(ids)
	return ids, diags
}

// changeIDs turns the set have into want: add what want has beyond have,
// then remove what have has beyond want. Either call is skipped when it has
// nothing to do.
func changeIDs(have, want []string, add, remove func([]string) error) error {
	if ids := idsNotIn(have, want); len(ids) > 0 {
		if err := add(ids); err != nil {
			return err
		}
	}
	if ids := idsNotIn(want, have); len(ids) > 0 {
		return remove(ids)
	}
	return nil
}

// idsNotIn returns the IDs of want that are not in have, in order.
func idsNotIn(have, want []string) []string {
	var out []string
	for _, id := range want {
		if !slices.Contains(have, id) {
			out = append(out, id)
		}
	}
	return out
}

type applicationAuthorizationResourceModel struct {
	ID            types.String   `tfsdk:"id"`
	InstanceID    types.String   `tfsdk:"instance_id"`
	ApplicationID types.String   `tfsdk:"application_id"`
	UserIDs       types.Set      `tfsdk:"user_ids"`
	GroupIDs      types.Set      `tfsdk:"group_ids"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (m applicationAuthorizationResourceModel) id() string {
	return applicationAuthorizationID.Join(m.InstanceID.ValueString(), m.ApplicationID.ValueString())
}

// flatten sets each managed kind to the current grants. After an import
// both kinds are null; then both are read, and a kind with no grants stays
// null (not managed).
func (m *applicationAuthorizationResourceModel) flatten(ctx context.Context, current *applicationAuthorization) diag.Diagnostics {
	var diags diag.Diagnostics
	imported := m.UserIDs.IsNull() && m.GroupIDs.IsNull()
	m.ID = types.StringValue(m.id())
	for _, k := range grantKinds {
		set := k.model(m)
		ids := k.of(current)
		if managed := !set.IsNull() || imported && len(ids) > 0; !managed {
			continue
		}
		v, d := types.SetValueFrom(ctx, types.StringType, ids)
		diags.Append(d...)
		*set = v
	}
	return diags
}
