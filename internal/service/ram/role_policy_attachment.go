// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ resource.Resource                = (*rolePolicyAttachmentResource)(nil)
	_ resource.ResourceWithConfigure   = (*rolePolicyAttachmentResource)(nil)
	_ resource.ResourceWithImportState = (*rolePolicyAttachmentResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*rolePolicyAttachmentResource)(nil)
)

// NewRolePolicyAttachmentResource returns the
// idaas_ram_role_policy_attachment resource.
func NewRolePolicyAttachmentResource() resource.Resource {
	return &rolePolicyAttachmentResource{ResourceWithClient: framework.NewResourceWithClient("ram_role_policy_attachment")}
}

type rolePolicyAttachmentResource struct {
	framework.ResourceWithClient
}

// Default timeouts; create includes waiting for a new role to be readable.
const (
	rolePolicyAttachmentCreateTimeout = 5 * time.Minute
	rolePolicyAttachmentReadTimeout   = 2 * time.Minute
	rolePolicyAttachmentDeleteTimeout = 5 * time.Minute
)

// policyNameMaxLength bounds policy names. UNCONFIRMED: 128 is the
// CreatePolicy limit the emulator applies; the docs were not at hand.
const policyNameMaxLength = 128

// rolePolicyAttachmentObject names an attachment in diagnostics.
const rolePolicyAttachmentObject = "RAM role policy attachment"

func (r *rolePolicyAttachmentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Attaches one permission policy to a RAM role. Other attachments of the role are left alone; " +
			"to own the role's whole set of policies, use `idaas_ram_role_policy_attachments_exclusive` instead (not both " +
			"for one role).",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString(fmt.Sprintf("`%s`, e.g. `%s`.", rolePolicyAttachmentIDFormat, rolePolicyAttachmentIDFormat.Example)),
			"role_name": schema.StringAttribute{
				MarkdownDescription: "The name of the role. Changing it replaces the attachment.",
				Required:            true,
				Validators:          []validator.String{validators.RoleNameValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"policy_name": schema.StringAttribute{
				MarkdownDescription: "The name of the policy, e.g. `AdministratorAccess`. Changing it replaces the attachment.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, policyNameMaxLength)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"policy_type": schema.StringAttribute{
				MarkdownDescription: policyTypeDescription + " Changing it replaces the attachment.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.PolicyTypes()...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

// policyTypeDescription documents policy_type.
var policyTypeDescription = fmt.Sprintf("The policy type: `%s` (a policy of Alibaba Cloud, such as `AdministratorAccess`) "+
	"or `%s` (a policy created in the account).", client.PolicyTypeSystem, client.PolicyTypeCustom)

func (r *rolePolicyAttachmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan rolePolicyAttachmentResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, rolePolicyAttachmentCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	conn := r.Client().RAM()
	id := plan.attachmentID()
	if err := conn.AttachPolicyToRole(ctx, id.attachment()); err != nil {
		addAttachError(&resp.Diagnostics, id, r.Client().AccountID(), err)
		return
	}
	// A new role may be invisible to ListPoliciesForRole for a while.
	_, err := retry.Value(ctx, roleRetry, func(ctx context.Context) (*client.AttachedPolicy, error) {
		return findRolePolicyAttachment(ctx, conn, id)
	}, roleNotYetVisible)
	plan.ID = types.StringValue(id.String())
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "reading back", rolePolicyAttachmentObject, id.String(), err)
	}
}

func (r *rolePolicyAttachmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state rolePolicyAttachmentResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, rolePolicyAttachmentReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	id := state.attachmentID()
	found, err := findRolePolicyAttachment(ctx, r.Client().RAM(), id)
	if !framework.Found(ctx, err, resp, rolePolicyAttachmentObject, id.String(), map[string]any{"id": id.String()}) {
		return
	}
	state.ID = types.StringValue(id.String())
	if !rolesso.SamePolicyName(state.PolicyName.ValueString(), found.PolicyName) {
		state.PolicyName = types.StringValue(found.PolicyName)
	}
	state.PolicyType = types.StringValue(found.PolicyType)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update changes only the timeouts: every other argument replaces the
// attachment.
func (r *rolePolicyAttachmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan rolePolicyAttachmentResourceModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *rolePolicyAttachmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state rolePolicyAttachmentResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, rolePolicyAttachmentDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	id := state.attachmentID()
	if err := r.Client().RAM().DetachPolicyFromRole(ctx, id.attachment()); err != nil && !client.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "deleting", rolePolicyAttachmentObject, id.String(), err)
	}
}

func (r *rolePolicyAttachmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := req.ID
	if converted, ok := alicloudAttachmentID(importID); ok {
		importID = converted // The alicloud provider's form, for users moving over.
	}
	id, err := parseRolePolicyAttachmentID(importID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for a RAM role policy attachment", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_name"), id.RoleName)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_type"), id.PolicyType)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_name"), id.PolicyName)...)
}

// findRolePolicyAttachment returns the attached policy, or an error for
// which client.IsNotFound is true when the role does not exist or the
// policy is not attached to it.
func findRolePolicyAttachment(ctx context.Context, conn client.RAM, id rolePolicyAttachmentID) (*client.AttachedPolicy, error) {
	policies, err := conn.ListPoliciesForRole(ctx, id.RoleName)
	if err != nil {
		return nil, err
	}
	for _, p := range policies {
		if p.PolicyType == id.PolicyType && rolesso.SamePolicyName(p.PolicyName, id.PolicyName) {
			return &p, nil
		}
	}
	return nil, &client.NotFoundError{Object: rolePolicyAttachmentObject, ID: id.String()}
}

// warnMissingPolicy adds a warning at at when the policy does not exist.
// Other lookup failures are only logged: the check is advice.
func warnMissingPolicy(ctx context.Context, c *client.Client, at path.Path, policyType, name string, diags *diag.Diagnostics) {
	_, err := c.RAM().GetPolicy(ctx, policyType, name)
	switch {
	case client.IsNotFound(err):
		diags.AddAttributeWarning(at, "Policy not found", policyNotFoundDetail(policyType, name, c.AccountID())+
			" Unless this run creates it, attaching it will fail.")
	case err != nil:
		tflog.Debug(ctx, "Could not check that a policy exists", map[string]any{"policy_name": name, "error": err.Error()})
	}
}

// policyNotFoundDetail explains a policy that does not exist.
func policyNotFoundDetail(policyType, name, accountID string) string {
	if policyType == client.PolicyTypeSystem {
		return fmt.Sprintf("There is no System policy named %q. System policies are Alibaba Cloud's, such as "+
			"AdministratorAccess and ReadOnlyAccess. For a policy created in account "+
			"%s, set policy_type = %q.", name, accountID, client.PolicyTypeCustom)
	}
	return fmt.Sprintf("There is no Custom policy named %q in account %s. Create it first, or check the "+
		"name; for a policy of Alibaba Cloud, set policy_type = %q.", name, accountID, client.PolicyTypeSystem)
}

// addAttachError reports a failed AttachPolicyToRole, explaining the codes
// a user can act on.
func addAttachError(diags *diag.Diagnostics, id rolePolicyAttachmentID, accountID string, err error) {
	detail := framework.APIErrorDetail(rolePolicyAttachmentObject, id.String(), err)
	switch client.ErrorCode(err) {
	case client.CodePolicyNotExist:
		detail = policyNotFoundDetail(id.PolicyType, id.PolicyName, accountID) + "\n\n" + detail
	case client.CodeRoleNotExist:
		detail = fmt.Sprintf("There is no RAM role named %q in account %s. Create it first (idaas_ram_role) and refer "+
			"to it as idaas_ram_role.<name>.name, so that Terraform creates it before the attachment.\n\n%s", id.RoleName, accountID, detail)
	case client.CodeRolePolicyAlreadyExists:
		detail = fmt.Sprintf("The %s policy %q is attached to RAM role %q already. Nothing was written. %s\n\n%s",
			id.PolicyType, id.PolicyName, id.RoleName, framework.ImportBlock("idaas_ram_role_policy_attachment", id.String()), detail)
	}
	diags.AddError("Error attaching policy to RAM role", detail)
}

// rolePolicyAttachmentID identifies an attachment. Its string form,
// role_name:policy_type:policy_name, is the resource ID and the import ID.
type rolePolicyAttachmentID struct {
	RoleName   string
	PolicyType string
	PolicyName string
}

func (id rolePolicyAttachmentID) String() string {
	return rolePolicyAttachmentIDFormat.Join(id.RoleName, id.PolicyType, id.PolicyName)
}

func (id rolePolicyAttachmentID) attachment() client.PolicyAttachment {
	return client.PolicyAttachment{RoleName: id.RoleName, PolicyType: id.PolicyType, PolicyName: id.PolicyName}
}

// parseRolePolicyAttachmentID parses rolePolicyAttachmentIDFormat,
// reporting every part that is wrong.
func parseRolePolicyAttachmentID(s string) (rolePolicyAttachmentID, error) {
	_, parts, err := importid.Parse(s, rolePolicyAttachmentIDFormat)
	if err != nil {
		return rolePolicyAttachmentID{}, err
	}
	return rolePolicyAttachmentID{RoleName: parts[0], PolicyType: parts[1], PolicyName: parts[2]}, nil
}

type rolePolicyAttachmentResourceModel struct {
	ID         types.String   `tfsdk:"id"`
	RoleName   types.String   `tfsdk:"role_name"`
	PolicyName types.String   `tfsdk:"policy_name"`
	PolicyType types.String   `tfsdk:"policy_type"`
	Timeouts   timeouts.Value `tfsdk:"timeouts"`
}

func (m rolePolicyAttachmentResourceModel) attachmentID() rolePolicyAttachmentID {
	return rolePolicyAttachmentID{RoleName: m.RoleName.ValueString(), PolicyType: m.PolicyType.ValueString(), PolicyName: m.PolicyName.ValueString()}
}
