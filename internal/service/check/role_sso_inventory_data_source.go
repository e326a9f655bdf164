// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

// NewRoleSSOInventoryDataSource returns the idaas_role_sso_inventory data
// source.
func NewRoleSSOInventoryDataSource() datasource.DataSource {
	return framework.NewDataSource("role_sso_inventory", roleSSOInventorySchema, readRoleSSOInventory)
}

func roleSSOInventorySchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Every role-based SSO object of an IDaaS instance and of the provider's Alibaba Cloud account, " +
			"with its import ID and an `import {}` block, for adopting a setup made in the consoles with CLIs that have no " +
			"`terraform query`. It lists, with read-only calls:\n\n" +
			"- the applications whose SSO configuration signs in to an Alibaba Cloud site, their application accounts, and " +
			"their authorization when they do not authorize all users;\n" +
			"- the groups of the instance;\n" +
			"- the RAM SAML providers, the roles whose trust policy trusts one of them, and those roles' policy attachments.\n\n" +
			"Write `import_blocks` to a file, then run `plan -generate-config-out` (guide \"Importing an existing setup\").",
		Attributes: map[string]schema.Attribute{
			"instance_id": framework.InstanceIDAttribute(),
			"objects": schema.ListNestedAttribute{
				MarkdownDescription: "The objects, sorted by type and name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type":      framework.ComputedString("The resource type that manages the object, e.g. `idaas_ram_role`."),
					"name":      framework.ComputedString("A resource name made from the object's name, unique per type."),
					"import_id": framework.ComputedString("The object's import ID."),
				}},
			},
			"import_blocks": framework.ComputedString("An `import {}` block per object, to `<type>.<name>`."),
		},
	}
}

type roleSSOInventoryModel struct {
	InstanceID   types.String           `tfsdk:"instance_id"`
	Objects      []inventoryObjectModel `tfsdk:"objects"`
	ImportBlocks types.String           `tfsdk:"import_blocks"`
}

type inventoryObjectModel struct {
	Type     types.String `tfsdk:"type"`
	Name     types.String `tfsdk:"name"`
	ImportID types.String `tfsdk:"import_id"`
}

// inventoryObject is an object found, before it is named.
type inventoryObject struct {
	resourceType, label, importID string
}

func readRoleSSOInventory(ctx context.Context, c *client.Client, data *roleSSOInventoryModel, diags *diag.Diagnostics) bool {
	instanceID := data.InstanceID.ValueString()
	var found []inventoryObject
	add := func(resourceType, label, importID string) {
		found = append(found, inventoryObject{resourceType, label, importID})
	}
	fail := func(what string, err error) bool {
		framework.AddAPIError(diags, "listing", what, instanceID, err)
		return false
	}

	conn := c.EIAM()
	apps, err := conn.ListApplications(ctx, client.ListApplicationsInput{InstanceID: instanceID})
	if err != nil {
		return fail("IDaaS applications", err)
	}
	for _, app := range apps {
		sso, err := conn.GetApplicationSSOConfig(ctx, instanceID, app.ApplicationID)
		if err != nil {
			return fail("IDaaS applications", err)
		}
		if _, ok := rolesso.SiteByRecipient(sso.SAML.SPSSOACSURL); !ok {
			continue // Not an application that signs in to Alibaba Cloud.
		}
		add("idaas_role_sso_application", app.ApplicationName, idaas.ApplicationImportID(instanceID, app.ApplicationID))
		if app.AuthorizationType == client.AuthorizationTypeRequired {
			add("idaas_application_authorization", app.ApplicationName, idaas.ApplicationAuthorizationImportID(instanceID, app.ApplicationID))
		}
		accounts, err := conn.ListApplicationAccounts(ctx, instanceID, app.ApplicationID)
		if err != nil {
			return fail("IDaaS application accounts", err)
		}
		for _, acc := range accounts {
			add("idaas_application_account", rolesso.AccountRoleName(acc.ApplicationUsername)+"_"+acc.UserID,
				idaas.ApplicationAccountImportID(instanceID, app.ApplicationID, acc.ApplicationAccountID))
		}
	}
	groups, err := conn.ListGroups(ctx, instanceID)
	if err != nil {
		return fail("IDaaS groups", err)
	}
	for _, g := range groups {
		add("idaas_group", g.GroupName, idaas.GroupImportID(instanceID, g.GroupID))
	}

	providers, err := c.IMS().ListSAMLProviders(ctx)
	if err != nil {
		return fail("RAM SAML providers", err)
	}
	for _, p := range providers {
		add("idaas_ram_saml_provider", p.SAMLProviderName, p.SAMLProviderName)
	}
	roles, err := c.RAM().ListRoles(ctx)
	if err != nil {
		return fail("RAM roles", err)
	}
	for _, listed := range roles {
		// ListRoles leaves out the trust policy.
		role, err := c.RAM().GetRole(ctx, listed.RoleName)
		if err != nil {
			return fail("RAM roles", err)
		}
		if !trustsAnyOf(role.AssumeRolePolicyDocument, c.AccountID(), providers) {
			continue
		}
		add("idaas_ram_role", role.RoleName, role.RoleName)
		policies, err := c.RAM().ListPoliciesForRole(ctx, role.RoleName)
		if err != nil {
			return fail("RAM role policies", err)
		}
		for _, p := range policies {
			add("idaas_ram_role_policy_attachment", role.RoleName+"_"+p.PolicyName, ram.RolePolicyAttachmentImportID(role.RoleName, p.PolicyType, p.PolicyName))
		}
	}

	data.Objects, data.ImportBlocks = nameInventory(found)
	return true
}

// trustsAnyOf reports whether a trust policy trusts one of the SAML
// providers of account accountID.
func trustsAnyOf(doc, accountID string, providers []client.SAMLProvider) bool {
	p, err := rolesso.ParseTrustPolicy(doc)
	if err != nil {
		return false
	}
	for _, arn := range p.SAMLProviderARNs() {
		parsed, err := rolesso.ParseSAMLProviderARN(arn)
		if err != nil || parsed.AccountID != accountID {
			continue
		}
		if slices.ContainsFunc(providers, func(sp client.SAMLProvider) bool {
			return rolesso.SameSAMLProviderName(sp.SAMLProviderName, parsed.Name)
		}) {
			return true
		}
	}
	return false
}

// nameUnsafe is what a resource name may not hold.
var nameUnsafe = regexp.MustCompile(`[^a-z0-9_]+`)

// nameInventory names each object after its label, unique per type, sorts
// them, and renders their import blocks.
func nameInventory(found []inventoryObject) ([]inventoryObjectModel, types.String) {
	slices.SortFunc(found, func(a, b inventoryObject) int {
		return strings.Compare(a.resourceType+" "+a.label+" "+a.importID, b.resourceType+" "+b.label+" "+b.importID)
	})
	used := map[string]bool{}
	objects := make([]inventoryObjectModel, 0, len(found))
	var blocks strings.Builder
	for _, o := range found {
		base := strings.Trim(nameUnsafe.ReplaceAllString(strings.ToLower(o.label), "_"), "_")
		if base == "" || base[0] >= '0' && base[0] <= '9' {
			base = "_" + base
		}
		name := base
		for n := 2; used[o.resourceType+"."+name]; n++ {
			name = fmt.Sprintf("%s_%d", base, n)
		}
		used[o.resourceType+"."+name] = true
		objects = append(objects, inventoryObjectModel{
			Type: types.StringValue(o.resourceType), Name: types.StringValue(name), ImportID: types.StringValue(o.importID),
		})
		fmt.Fprintf(&blocks, "import {\n  to = %s.%s\n  id = %q\n}\n\n", o.resourceType, name, o.importID)
	}
	return objects, types.StringValue(blocks.String())
}
