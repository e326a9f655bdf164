// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
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

// NewRolesDataSource returns the idaas_ram_roles data source.
func NewRolesDataSource() datasource.DataSource {
	return framework.NewDataSource("ram_roles", rolesDataSourceSchema, readRoles).WithReadTimeout(rolesDataSourceReadTimeout)
}

const rolesDataSourceReadTimeout = 5 * time.Minute

// rolesReadConcurrency bounds the GetRole calls in flight. Every call also
// waits for the provider's rate limiter (max_qps).
const rolesReadConcurrency = 4

func rolesDataSourceSchema(ctx context.Context) schema.Schema {
	roleAttrs := roleFactsDataSourceAttributes()
	roleAttrs["name"] = framework.ComputedString("The role name.")
	return schema.Schema{
		MarkdownDescription: "The RAM roles of the account, optionally filtered by name and by the SAML provider they " +
			"trust. It lists the roles (RAM `ListRoles`) and reads each match (`GetRole`), since lists leave out trust policies.",
		Attributes: map[string]schema.Attribute{
			"name_regex": schema.StringAttribute{
				MarkdownDescription: "Only roles whose name matches this regular expression (RE2 syntax, as Go's `regexp`), e.g. `^sso-`.",
				Optional:            true,
				Validators:          []validator.String{roleNameRegexValidator},
			},
			"trusts_saml_provider": schema.StringAttribute{
				MarkdownDescription: "Only roles whose trust policy lets users of this SAML provider of the account assume " +
					"them through a site's sign-in (for role-based SSO from IDaaS, the IdP name of the application).",
				Optional:   true,
				Validators: []validator.String{validators.SAMLProviderNameValidator()},
			},
			"names":    framework.ComputedStringList("The names of the matching roles, sorted."),
			"roles":    framework.ComputedList("The matching roles, sorted by name.", roleAttrs),
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

func readRoles(ctx context.Context, c *client.Client, data *rolesDataSourceModel, diags *diag.Diagnostics) bool {
	filter := rolesFilter{accountID: c.AccountID(), trustsSAMLProvider: data.TrustsSAMLProvider.ValueString()}
	if !data.NameRegex.IsNull() {
		filter.nameRegex = regexp.MustCompile(data.NameRegex.ValueString()) // The validator compiled it.
	}
	roles, err := findRoles(ctx, c.RAM(), filter)
	if err != nil {
		framework.AddAPIError(diags, "listing", "RAM roles", "", err)
		return false
	}
	names := make([]string, len(roles))
	facts := make([]roleDataSourceFacts, len(roles))
	for i, role := range roles {
		names[i] = role.RoleName
		facts[i] = flattenRoleDataSourceFacts(ctx, role, diags)
	}
	var d diag.Diagnostics
	data.Names, d = types.ListValueFrom(ctx, types.StringType, names)
	diags.Append(d...)
	data.Roles, d = types.ListValueFrom(ctx, types.ObjectType{AttrTypes: roleFactsAttrTypes}, facts)
	diags.Append(d...)
	return true
}

// rolesFilter selects roles; zero fields select all.
type rolesFilter struct {
	accountID          string
	nameRegex          *regexp.Regexp
	trustsSAMLProvider string
}

// trusts reports whether a role's trust policy lets users of the filter's
// SAML provider assume it through the sign-in of any site.
func (f rolesFilter) trusts(role *client.Role) bool {
	if f.trustsSAMLProvider == "" {
		return true
	}
	arn := rolesso.SAMLProviderARN(f.accountID, f.trustsSAMLProvider)
	return slices.ContainsFunc(rolesso.Sites(), func(s rolesso.Site) bool {
		return rolesso.TrustPolicyTrusts(role.AssumeRolePolicyDocument, arn, s.ACSURL)
	})
}

// findRoles lists the roles whose names match, reads each with GetRole
// (ListRoles leaves out trust policies), at most rolesReadConcurrency at a
// time, and returns those that pass the filter, sorted by name. A role
// deleted meanwhile is left out.
func findRoles(ctx context.Context, conn client.RAM, filter rolesFilter) ([]*client.Role, error) {
	listed, err := conn.ListRoles(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, r := range listed {
		if filter.nameRegex == nil || filter.nameRegex.MatchString(r.RoleName) {
			names = append(names, r.RoleName)
		}
	}
	roles := make([]*client.Role, len(names))
	errs := make([]error, len(names))
	slots := make(chan struct{}, rolesReadConcurrency)
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			roles[i], errs[i] = findRoleByName(ctx, conn, name)
		}()
	}
	wg.Wait()
	var out []*client.Role
	for i, role := range roles {
		switch {
		case client.IsNotFound(errs[i]):
		case errs[i] != nil:
			return nil, fmt.Errorf("reading RAM role %q: %w", names[i], errs[i])
		case filter.trusts(role):
			out = append(out, role)
		}
	}
	slices.SortFunc(out, func(a, b *client.Role) int { return strings.Compare(a.RoleName, b.RoleName) })
	return out, nil
}

// roleFactsAttrTypes are the attributes of an element of roles.
var roleFactsAttrTypes = map[string]attr.Type{
	"name":                 types.StringType,
	"arn":                  types.StringType,
	"role_id":              types.StringType,
	"account_id":           types.StringType,
	"description":          types.StringType,
	"max_session_duration": types.Int64Type,
	"create_date":          types.StringType,
	"update_date":          types.StringType,
	"assume_role_policy":   types.StringType,
	"saml_provider_names":  types.SetType{ElemType: types.StringType},
	"site":                 types.StringType,
}

// roleNameRegexValidator checks that a value is a regular expression Go's
// regexp accepts.
var roleNameRegexValidator = validators.RuleValidator{
	Rule:    "value must be a regular expression in RE2 syntax",
	Check:   validators.Parses(regexp.Compile),
	Summary: "Invalid regular expression",
	Detail: func(err error) string {
		return fmt.Sprintf("%s. The syntax is RE2, as Go's regexp package reads it: no look-ahead, look-behind or back-references.", err)
	},
}

type rolesDataSourceModel struct {
	NameRegex          types.String   `tfsdk:"name_regex"`
	TrustsSAMLProvider types.String   `tfsdk:"trusts_saml_provider"`
	Names              types.List     `tfsdk:"names"`
	Roles              types.List     `tfsdk:"roles"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}
