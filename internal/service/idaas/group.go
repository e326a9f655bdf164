// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ resource.ResourceWithImportState    = (*groupResource)(nil)
	_ resource.ResourceWithValidateConfig = (*groupResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*groupResource)(nil)
)

// NewGroupResource returns the idaas_group resource.
func NewGroupResource() resource.Resource {
	return &groupResource{ResourceWithClient: framework.NewResourceWithClient("group")}
}

type groupResource struct {
	framework.ResourceWithClient
}

// groupObject names the object in diagnostics.
const groupObject = "IDaaS group"

// Limits of a group (sdk:eiam CreateGroupRequest).
const (
	groupNameMaxLength        = 64
	groupDescriptionMaxLength = 256
	groupDefaultTimeout       = 5 * time.Minute
)

func (r *groupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An IDaaS group (EIAM `CreateGroup`), its external ID and, when `user_ids` is set, its members. " +
			rolesso.GroupExternalIDMatchRule + " Link the role (`role = idaas_ram_role.<name>`) so that `external_id` " +
			"defaults to its name and plans check the rule before anything is written. Roles by group also need an " +
			"application whose Role expression reads the groups' external IDs, which this provider cannot write yet " +
			"(guide \"Choosing a mode\").",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The group ID, e.g. `group_d6sbsuumeta4h66ec3il7yxxxx`."),
			"instance_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the IDaaS instance. Changing it replaces the group.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The group name, unique in the instance, up to %d characters.", groupNameMaxLength),
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, groupNameMaxLength)},
			},
			"external_id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The group's external ID, up to %d characters. Defaults to the linked role's "+
					"name, or else to what IDaaS gives (the group ID).", client.MaxGroupExternalIDLength),
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, client.MaxGroupExternalIDLength)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The description, up to %d characters.", groupDescriptionMaxLength),
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, groupDescriptionMaxLength)},
			},
			"user_ids": schema.SetAttribute{
				MarkdownDescription: "The IDs of the members, e.g. from the `idaas_user` data source. Exclusive when set: a " +
					"member added elsewhere shows in the next plan and is removed by the apply; `[]` removes every member. " +
					"Left out, members are not managed (for example when a directory sync keeps them).",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"role": schema.SingleNestedAttribute{
				MarkdownDescription: "The RAM role the group maps to, usually `role = idaas_ram_role.<name>`. `external_id` " +
					"defaults to its name, and plans check that they match. A linked role counts as planned: plans do not " +
					"look it up.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "The role name.",
						Optional:            true,
						Validators:          []validator.String{validators.RoleNameValidator()},
					},
				},
			},
			"create_time": framework.StableComputedString("When the group was created, " + eiamTimeDescription + "."),
			"timeouts":    timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

type groupResourceModel struct {
	ID          types.String   `tfsdk:"id"`
	InstanceID  types.String   `tfsdk:"instance_id"`
	Name        types.String   `tfsdk:"name"`
	ExternalID  types.String   `tfsdk:"external_id"`
	Description types.String   `tfsdk:"description"`
	UserIDs     types.Set      `tfsdk:"user_ids"`
	Role        types.Object   `tfsdk:"role"`
	CreateTime  types.String   `tfsdk:"create_time"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// groupRoleLinkModel is the `role` attribute.
type groupRoleLinkModel struct {
	Name types.String `tfsdk:"name"`
}

func (r *groupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan groupResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, groupDefaultTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	conn := r.Client().EIAM()
	instanceID, name := plan.InstanceID.ValueString(), plan.Name.ValueString()
	id, err := conn.CreateGroup(ctx, client.GroupInput{
		InstanceID: instanceID, Name: name, ExternalID: plan.ExternalID.ValueString(), Description: plan.Description.ValueString(),
	})
	if client.ErrorCode(err) == "EntityAlreadyExists.Group" {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Group already exists", groupExistsDetail(ctx, conn, instanceID, name))
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "creating", groupObject, name, err)
		return
	}
	plan.ID = types.StringValue(id)
	// From here on the group exists: a failure keeps it in state, tainted.
	if err := r.reconcileMembers(ctx, &plan, nil); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "adding the members of", groupObject, id, err)
	}
	resp.Diagnostics.Append(r.readInto(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// groupExistsDetail says which group has the name and how to adopt it.
func groupExistsDetail(ctx context.Context, conn client.EIAM, instanceID, name string) string {
	detail := fmt.Sprintf("IDaaS instance %s has a group named %q already, and group names are unique. Nothing was created.", instanceID, name)
	if g, err := conn.FindGroupByName(ctx, instanceID, name); err == nil {
		detail += "\n\n" + framework.ImportBlock("idaas_group", groupID.Join(instanceID, g.GroupID))
	}
	return detail
}

func (r *groupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state groupResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, groupDefaultTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	g, err := r.Client().EIAM().GetGroup(ctx, state.InstanceID.ValueString(), state.ID.ValueString())
	if !framework.Found(ctx, err, resp, groupObject, state.ID.ValueString(), map[string]any{"id": state.ID.ValueString()}) {
		return
	}
	resp.Diagnostics.Append(r.flatten(ctx, &state, g)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *groupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state groupResourceModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Update, groupDefaultTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	conn := r.Client().EIAM()
	instanceID, id := plan.InstanceID.ValueString(), plan.ID.ValueString()
	if !plan.Name.Equal(state.Name) || !plan.ExternalID.Equal(state.ExternalID) {
		if err := conn.UpdateGroup(ctx, instanceID, id, plan.Name.ValueString(), plan.ExternalID.ValueString()); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "updating", groupObject, id, err)
			return
		}
	}
	if !plan.Description.Equal(state.Description) {
		if err := conn.UpdateGroupDescription(ctx, instanceID, id, plan.Description.ValueString()); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "updating the description of", groupObject, id, err)
			return
		}
	}
	if err := r.reconcileMembers(ctx, &plan, &state); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "changing the members of", groupObject, id, err)
		return
	}
	resp.Diagnostics.Append(r.readInto(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *groupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state groupResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, groupDefaultTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	err := r.Client().EIAM().DeleteGroup(ctx, state.InstanceID.ValueString(), state.ID.ValueString())
	if err != nil && !client.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "deleting", groupObject, state.ID.ValueString(), err)
	}
}

// ImportState takes groupID. user_ids stays null: members are not managed
// until the configuration sets them.
func (r *groupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	_, parts, err := importid.Parse(req.ID, groupID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("instance_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[1])...)
}

// reconcileMembers makes the members equal to the planned user_ids, when
// set; state is nil on create.
func (r *groupResource) reconcileMembers(ctx context.Context, plan, state *groupResourceModel) error {
	if plan.UserIDs.IsNull() {
		return nil
	}
	var want []string
	if d := plan.UserIDs.ElementsAs(ctx, &want, false); d.HasError() {
		return fmt.Errorf("reading user_ids: %v", d)
	}
	conn := r.Client().EIAM()
	instanceID, id := plan.InstanceID.ValueString(), plan.ID.ValueString()
	var have []string
	if state != nil {
		// The members now, not as the state has them: the plan is made exact.
		var err error
		if have, err = conn.ListUsersForGroup(ctx, instanceID, id); err != nil {
			return err
		}
	}
	return changeIDs(have, want,
		func(ids []string) error { return conn.AddUsersToGroup(ctx, instanceID, id, ids) },
		func(ids []string) error { return conn.RemoveUsersFromGroup(ctx, instanceID, id, ids) },
	)
}

// readInto reads the group after a change into plan. A failed read is a
// warning: the change was made, and the next refresh reads it.
func (r *groupResource) readInto(ctx context.Context, plan *groupResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	g, err := r.Client().EIAM().GetGroup(ctx, plan.InstanceID.ValueString(), plan.ID.ValueString())
	if err != nil {
		diags.AddWarning("Error reading the changed "+groupObject, framework.APIErrorDetail(groupObject, plan.ID.ValueString(), err))
		if plan.CreateTime.IsUnknown() {
			plan.CreateTime = types.StringNull()
		}
		if plan.ExternalID.IsUnknown() {
			plan.ExternalID = types.StringNull()
		}
		return diags
	}
	diags.Append(r.flatten(ctx, plan, g)...)
	return diags
}

// flatten sets what the API returns, and the members when they are
// managed.
func (r *groupResource) flatten(ctx context.Context, m *groupResourceModel, g *client.Group) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Name, m.ExternalID = types.StringValue(g.GroupName), types.StringValue(g.GroupExternalID)
	m.Description, m.CreateTime = framework.StringOrNull(g.Description), eiamTime(g.CreateTime)
	if g.InstanceID != "" {
		m.InstanceID = types.StringValue(g.InstanceID)
	}
	if m.UserIDs.IsNull() {
		return diags
	}
	members, err := r.Client().EIAM().ListUsersForGroup(ctx, m.InstanceID.ValueString(), m.ID.ValueString())
	if err != nil {
		diags.AddError("Error reading the members of "+groupObject, framework.APIErrorDetail(groupObject, m.ID.ValueString(), err))
		return diags
	}
	slices.Sort(members)
	set, d := types.SetValueFrom(ctx, types.StringType, members)
	diags.Append(d...)
	m.UserIDs = set
	return diags
}
