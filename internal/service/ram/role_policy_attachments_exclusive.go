// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ resource.Resource                = (*rolePolicyAttachmentsExclusiveResource)(nil)
	_ resource.ResourceWithConfigure   = (*rolePolicyAttachmentsExclusiveResource)(nil)
	_ resource.ResourceWithImportState = (*rolePolicyAttachmentsExclusiveResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*rolePolicyAttachmentsExclusiveResource)(nil)
)

// NewRolePolicyAttachmentsExclusiveResource returns the
// idaas_ram_role_policy_attachments_exclusive resource.
func NewRolePolicyAttachmentsExclusiveResource() resource.Resource {
	return &rolePolicyAttachmentsExclusiveResource{ResourceWithClient: framework.NewResourceWithClient("ram_role_policy_attachments_exclusive")}
}

type rolePolicyAttachmentsExclusiveResource struct {
	framework.ResourceWithClient
}

// Default timeouts; create includes waiting for a new role to be readable.
const (
	rolePoliciesCreateTimeout = 5 * time.Minute
	rolePoliciesReadTimeout   = 2 * time.Minute
	rolePoliciesUpdateTimeout = 5 * time.Minute
	rolePoliciesDeleteTimeout = 5 * time.Minute
)

// rolePoliciesObject names the resource in diagnostics.
const rolePoliciesObject = "RAM role policies"

func (r *rolePolicyAttachmentsExclusiveResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Owns the whole set of permission policies attached to a RAM role: applying attaches the " +
			"policies listed and detaches every other one, including policies attached outside Terraform, which a plan " +
			"shows as removed. Destroying it detaches the policies it lists. Do not combine it with " +
			"`idaas_ram_role_policy_attachment` for the same role: they would undo each other.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The role name."),
			"role_name": schema.StringAttribute{
				MarkdownDescription: "The name of the role. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{validators.RoleNameValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"policies": schema.SetNestedAttribute{
				MarkdownDescription: "Every policy the role has; an empty set detaches all.",
				Required:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"policy_name": schema.StringAttribute{
							MarkdownDescription: "The name of the policy, e.g. `AdministratorAccess`.",
							Required:            true,
							Validators:          []validator.String{stringvalidator.LengthBetween(1, policyNameMaxLength)},
						},
						"policy_type": schema.StringAttribute{
							MarkdownDescription: policyTypeDescription,
							Required:            true,
							Validators:          []validator.String{stringvalidator.OneOf(client.PolicyTypes()...)},
						},
					},
				},
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *rolePolicyAttachmentsExclusiveResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.applyPlan(ctx, req.Plan, timeouts.Value.Create, rolePoliciesCreateTimeout, "creating", &resp.State, &resp.Diagnostics)
}

func (r *rolePolicyAttachmentsExclusiveResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state rolePoliciesResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, rolePoliciesReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := state.RoleName.ValueString()
	attached, err := findRolePolicies(ctx, r.Client().RAM(), name)
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "RAM role not found; removing its policy set from state", map[string]any{"role_name": name})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading", rolePoliciesObject, name, err)
		return
	}
	prior, d := expandPolicyRefs(ctx, state.Policies)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	state.ID = types.StringValue(name)
	state.Policies = flattenPolicyRefs(attached, prior)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *rolePolicyAttachmentsExclusiveResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.applyPlan(ctx, req.Plan, timeouts.Value.Update, rolePoliciesUpdateTimeout, "updating", &resp.State, &resp.Diagnostics)
}

// applyPlan is Create and Update, which differ only in their timeout and
// action: it reads the plan, bounded by timeout (def by default), and
// applies it.
func (r *rolePolicyAttachmentsExclusiveResource) applyPlan(ctx context.Context, from tfsdk.Plan,
	timeout func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration,
	action string, state stateSetter, diags *diag.Diagnostics,
) {
	var plan rolePoliciesResourceModel
	ctx, cancel, ok := framework.Begin(ctx, from, &plan, timeout, def, diags)
	defer cancel()
	if !ok {
		return
	}
	r.apply(ctx, &plan, action, state, diags)
}

func (r *rolePolicyAttachmentsExclusiveResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state rolePoliciesResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, rolePoliciesDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	name := state.RoleName.ValueString()
	refs, d := expandPolicyRefs(ctx, state.Policies)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	for _, p := range refs {
		err := r.Client().RAM().DetachPolicyFromRole(ctx, p.attachment(name))
		if err != nil && !client.IsNotFound(err) {
			framework.AddAPIError(&resp.Diagnostics, "deleting", rolePoliciesObject, name, err)
			return
		}
	}
}

func (r *rolePolicyAttachmentsExclusiveResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if problem := roleNameProblem(req.ID); problem != "" {
		resp.Diagnostics.AddError("Invalid import ID for RAM role policies",
			fmt.Sprintf("The import ID is the role name, such as sso-admin: %q %s.", req.ID, problem))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_name"), req.ID)...)
}

// apply makes the role's attached policies exactly the planned ones, then
// saves what RAM holds. It compares with RAM's current set, not with the
// state, so that it also undoes changes made since the plan.
func (r *rolePolicyAttachmentsExclusiveResource) apply(ctx context.Context, plan *rolePoliciesResourceModel, action string, state stateSetter, diags *diag.Diagnostics) {
	conn := r.Client().RAM()
	name := plan.RoleName.ValueString()
	want, d := expandPolicyRefs(ctx, plan.Policies)
	if diags.Append(d...); diags.HasError() {
		return
	}
	attached, err := retry.Value(ctx, roleRetry, func(ctx context.Context) ([]client.AttachedPolicy, error) {
		return findRolePolicies(ctx, conn, name)
	}, roleNotYetVisible)
	if err != nil {
		framework.AddAPIError(diags, action, rolePoliciesObject, name, err)
		return
	}
	have := policyRefsOf(attached)
	for _, p := range have {
		if !p.in(want) {
			if err := conn.DetachPolicyFromRole(ctx, p.attachment(name)); err != nil && !client.IsNotFound(err) {
				framework.AddAPIError(diags, action, rolePoliciesObject, name, fmt.Errorf("detaching the %s policy %q: %w", p.PolicyType, p.PolicyName, err))
				return
			}
		}
	}
	for _, p := range want {
		if !p.in(have) {
			if err := conn.AttachPolicyToRole(ctx, p.attachment(name)); err != nil {
				addAttachError(diags, rolePolicyAttachmentID{RoleName: name, PolicyType: p.PolicyType, PolicyName: p.PolicyName}, r.Client().AccountID(), err)
				return
			}
		}
	}
	attached, err = findRolePolicies(ctx, conn, name)
	if err != nil {
		framework.AddAPIError(diags, "reading back", rolePoliciesObject, name, err)
		return
	}
	plan.ID = types.StringValue(name)
	plan.Policies = flattenPolicyRefs(attached, want)
	diags.Append(state.Set(ctx, plan)...)
}

// stateSetter is the State of a create or update response.
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// findRolePolicies returns the policies attached to a role, or an error for
// which client.IsNotFound is true when the role does not exist.
func findRolePolicies(ctx context.Context, conn client.RAM, roleName string) ([]client.AttachedPolicy, error) {
	return conn.ListPoliciesForRole(ctx, roleName)
}

// policyRef names a policy: its type and name.
type policyRef struct {
	PolicyType string
	PolicyName string
}

func (p policyRef) known() bool { return p.PolicyType != "" && p.PolicyName != "" }

// in reports whether refs has p, with names compared as RAM compares them.
func (p policyRef) in(refs []policyRef) bool {
	return slices.ContainsFunc(refs, func(q policyRef) bool {
		return q.PolicyType == p.PolicyType && rolesso.SamePolicyName(q.PolicyName, p.PolicyName)
	})
}

func (p policyRef) attachment(roleName string) client.PolicyAttachment {
	return client.PolicyAttachment{RoleName: roleName, PolicyType: p.PolicyType, PolicyName: p.PolicyName}
}

func policyRefsOf(policies []client.AttachedPolicy) []policyRef {
	out := make([]policyRef, len(policies))
	for i, p := range policies {
		out[i] = policyRef{PolicyType: p.PolicyType, PolicyName: p.PolicyName}
	}
	return out
}

// policyRefAttrTypes are the attributes of an element of policies.
var policyRefAttrTypes = map[string]attr.Type{
	"policy_name": types.StringType,
	"policy_type": types.StringType,
}

// expandPolicyRefs reads the policies set; unknown names and types are "".
func expandPolicyRefs(ctx context.Context, set types.Set) ([]policyRef, diag.Diagnostics) {
	var models []policyRefModel
	diags := set.ElementsAs(ctx, &models, true)
	out := make([]policyRef, len(models))
	for i, m := range models {
		out[i] = policyRef{PolicyType: m.PolicyType.ValueString(), PolicyName: m.PolicyName.ValueString()}
	}
	return out, diags
}

// flattenPolicyRefs is the policies set of the attached policies. A name
// RAM holds in another case than spelled has keeps that spelling, so that
// the configuration's case does not show as a change.
func flattenPolicyRefs(policies []client.AttachedPolicy, spelled []policyRef) types.Set {
	elems := make([]attr.Value, len(policies))
	for i, p := range policies {
		name := p.PolicyName
		for _, q := range spelled {
			if q.PolicyType == p.PolicyType && rolesso.SamePolicyName(q.PolicyName, name) {
				name = q.PolicyName
			}
		}
		elems[i] = types.ObjectValueMust(policyRefAttrTypes, map[string]attr.Value{
			"policy_name": types.StringValue(name),
			"policy_type": types.StringValue(p.PolicyType),
		})
	}
	return types.SetValueMust(types.ObjectType{AttrTypes: policyRefAttrTypes}, elems)
}

type rolePoliciesResourceModel struct {
	ID       types.String   `tfsdk:"id"`
	RoleName types.String   `tfsdk:"role_name"`
	Policies types.Set      `tfsdk:"policies"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type policyRefModel struct {
	PolicyName types.String `tfsdk:"policy_name"`
	PolicyType types.String `tfsdk:"policy_type"`
}
