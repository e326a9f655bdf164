// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// NewRoleDataSource returns the idaas_ram_role data source.
func NewRoleDataSource() datasource.DataSource {
	return framework.NewDataSource("ram_role", roleDataSourceSchema, readRoleDataSource).WithReadTimeout(roleDataSourceReadTimeout)
}

const roleDataSourceReadTimeout = 2 * time.Minute

func roleDataSourceSchema(ctx context.Context) schema.Schema {
	attrs := roleFactsDataSourceAttributes()
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The role name. " + markdownRule(rolesso.RoleNameRule) + " RAM compares role names without regard to case.",
		Required:            true,
		Validators:          []validator.String{validators.RoleNameValidator()},
	}
	attrs["attached_policies"] = framework.ComputedList("The permission policies attached to the role.", map[string]schema.Attribute{
		"policy_name": framework.ComputedString("The name of the policy."),
		"policy_type": framework.ComputedString("`System` or `Custom`."),
		"description": framework.ComputedString("The policy's description."),
		"attach_date": framework.ComputedString("When it was attached, in ISO 8601 UTC."),
	})
	attrs["timeouts"] = timeouts.Attributes(ctx)
	return schema.Schema{
		MarkdownDescription: "A RAM role (RAM `GetRole`): its trust policy, the SAML providers it trusts for role-based " +
			"SSO and the policies attached to it.",
		Attributes: attrs,
	}
}

// roleFactsDataSourceAttributes are the computed attributes of a role in
// both data sources; name is added by each.
func roleFactsDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"arn":                  framework.ComputedString("The role ARN, e.g. `" + rolesso.ExampleRoleARN + "`."),
		"role_id":              framework.ComputedString("The role ID, a numeric string."),
		"account_id":           framework.ComputedString("The Alibaba Cloud account of the role."),
		"description":          framework.ComputedString("The description; null when there is none."),
		"create_date":          framework.ComputedString("When the role was created, in ISO 8601 UTC."),
		"update_date":          framework.ComputedString("When the role was last changed, in ISO 8601 UTC."),
		"site":                 framework.ComputedString("The site whose `saml:recipient` the trust policy names, when it names exactly one: " + framework.OrList(rolesso.SiteNames(), "`") + "."),
		"assume_role_policy":   framework.ComputedString("The trust policy as RAM holds it."),
		"max_session_duration": framework.ComputedInt64("The longest session, in seconds, that assuming the role gives."),
		"saml_provider_names": schema.SetAttribute{
			MarkdownDescription: "The SAML providers of the role's account that the trust policy names in its `Allow` statements.",
			ElementType:         types.StringType,
			Computed:            true,
		},
	}
}

func readRoleDataSource(ctx context.Context, c *client.Client, data *roleDataSourceModel, diags *diag.Diagnostics) bool {
	conn := c.RAM()
	name := data.Name.ValueString()
	role, err := findRoleByName(ctx, conn, name)
	if client.IsNotFound(err) {
		diags.AddError("RAM role not found", fmt.Sprintf("There is no RAM role named %q in account %s. Check the "+
			"name, or the account the provider is configured for.", name, c.AccountID()))
		return false
	}
	if err != nil {
		framework.AddAPIError(diags, "reading", roleObject, name, err)
		return false
	}
	policies, err := findRolePolicies(ctx, conn, name)
	if err != nil {
		framework.AddAPIError(diags, "reading the policies of", roleObject, name, err)
		return false
	}
	data.roleDataSourceFacts = flattenRoleDataSourceFacts(ctx, role, diags)
	data.Name = types.StringValue(name) // As configured: RAM may spell it in another case.
	data.AttachedPolicies = flattenAttachedPolicies(policies)
	return true
}

// roleDataSourceFacts are a role as both data sources report it: the
// resource's facts and the trust policy as RAM holds it.
type roleDataSourceFacts struct {
	roleFacts
	AssumeRolePolicy types.String `tfsdk:"assume_role_policy"`
}

// flattenRoleDataSourceFacts reads a role as GetRole returns it.
func flattenRoleDataSourceFacts(ctx context.Context, role *client.Role, diags *diag.Diagnostics) roleDataSourceFacts {
	facts, _ := flattenRoleFacts(ctx, role, roleFacts{}, diags) // A policy that does not parse trusts no one.
	return roleDataSourceFacts{roleFacts: facts, AssumeRolePolicy: types.StringValue(role.AssumeRolePolicyDocument)}
}

var attachedPolicyAttrTypes = map[string]attr.Type{
	"policy_name": types.StringType,
	"policy_type": types.StringType,
	"description": types.StringType,
	"attach_date": types.StringType,
}

func flattenAttachedPolicies(policies []client.AttachedPolicy) types.List {
	elems := make([]attr.Value, len(policies))
	for i, p := range policies {
		elems[i] = types.ObjectValueMust(attachedPolicyAttrTypes, map[string]attr.Value{
			"policy_name": types.StringValue(p.PolicyName),
			"policy_type": types.StringValue(p.PolicyType),
			"description": types.StringValue(p.Description),
			"attach_date": types.StringValue(p.AttachDate),
		})
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: attachedPolicyAttrTypes}, elems)
}

type roleDataSourceModel struct {
	roleDataSourceFacts
	AttachedPolicies types.List     `tfsdk:"attached_policies"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}
