// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var (
	_ resource.Resource                   = (*applicationAccountResource)(nil)
	_ resource.ResourceWithConfigure      = (*applicationAccountResource)(nil)
	_ resource.ResourceWithImportState    = (*applicationAccountResource)(nil)
	_ resource.ResourceWithValidateConfig = (*applicationAccountResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*applicationAccountResource)(nil)
)

// NewApplicationAccountResource returns the idaas_application_account
// resource.
func NewApplicationAccountResource() resource.Resource {
	return &applicationAccountResource{ResourceWithClient: framework.NewResourceWithClient("application_account")}
}

type applicationAccountResource struct {
	framework.ResourceWithClient
}

// applicationAccountObject names the object in diagnostics.
const applicationAccountObject = "IDaaS application account"

// Default timeouts. A create may wait for IDaaS to list a new account, and
// after an ambiguous failure for the account the call may have added.
const (
	applicationAccountCreateTimeout = 10 * time.Minute
	applicationAccountReadTimeout   = 5 * time.Minute
	applicationAccountDeleteTimeout = 5 * time.Minute
)

func (r *applicationAccountResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An application account of an IDaaS user in a role-based SSO application (EIAM " +
			"`AddApplicationAccountToUser`): the RAM role the user may sign in as. A user with several accounts picks " +
			"the role at sign-in. Step 5 of the console procedure.\n\n" +
			rolesso.ApplicationAccountNameRule + " The name is checked at `validate`, before any call.\n\n" +
			"Link the account to its application and its role (`application = idaas_role_sso_application.<name>`, " +
			"`role = idaas_ram_role.<name>`): the account name then defaults to the role's name, and plans check, before " +
			"anything is written and also on the first apply, that the role trusts the application's SAML provider and is " +
			"in the application's account and site. An account name typed next to a linked role must be the role's name. " +
			"Without a role link, plans look the role up in RAM and warn when it does not exist.\n\n" +
			"IDaaS would add a second account of the same name to a user, so the provider looks first: an account of " +
			"that name that the user has already is an error that tells how to import it, and after a failure whose " +
			"outcome is unknown the provider adopts the account its call added instead of adding another. IDaaS cannot " +
			"rename an account: any change of instance, application, user or name replaces it.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The application account ID, e.g. `aac_m6z7awz5kresi2ezgajsbkxxxx`."),
			"instance_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the IDaaS instance, e.g. `idaas_ue2jvisn35ea5lmthk267xxxxx`. Defaults to " +
					"`application.instance_id`; set this or `application`. Changing it replaces the account.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"application_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the role-based SSO application, e.g. `app_mkv7rgt4d7i4u7zqtzev2mxxxx`. " +
					"Defaults to `application.id`; set this or `application`. Changing it replaces the account.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the IDaaS user, e.g. `user_d6sbsuumeta4h66ec3il7yxxxx`; the `idaas_user` data " +
					"source finds it by username. Changing it replaces the account.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"account_name": schema.StringAttribute{
				MarkdownDescription: "The account name: the name of the RAM role the user signs in as, e.g. `sso-admin`. " +
					rolesso.ApplicationAccountNameRule + " Defaults to `role.name`; set this or `role`. Changing it replaces " +
					"the account.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validators.ApplicationAccountNameValidator()},
			},
			"application": accountApplicationAttribute,
			"role":        accountRoleAttribute,
			"create_time": framework.StableComputedString("When the account was added, " + eiamTimeDescription + "."),
			"timeouts":    timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

func (r *applicationAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan applicationAccountResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.Plan, &plan, timeouts.Value.Create, applicationAccountCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	in := client.AddApplicationAccountInput{
		InstanceID:          plan.InstanceID.ValueString(),
		ApplicationID:       plan.ApplicationID.ValueString(),
		UserID:              plan.UserID.ValueString(),
		ApplicationUsername: plan.AccountName.ValueString(),
	}
	byName := applicationAccountIDByName.Join(in.InstanceID, in.ApplicationID, in.UserID, in.ApplicationUsername)
	conn := r.Client().EIAM()
	added, err := conn.AddApplicationAccountToUser(ctx, in)
	if exists, ok := errors.AsType[*client.ApplicationAccountExistsError](err); ok {
		acc := exists.Account
		resp.Diagnostics.AddAttributeError(path.Root("account_name"), "Application account already exists", fmt.Sprintf(
			"User %s already has an application account named %q in application %s (ID %s). The provider does not add a "+
				"second account of the same name.\n\n%s\n\nIt imports by %q too. Otherwise remove it in IDaaS, or choose another name.",
			acc.UserID, acc.ApplicationUsername, acc.ApplicationID, acc.ApplicationAccountID,
			framework.ImportBlock("idaas_application_account", applicationAccountIDByID.Join(in.InstanceID, in.ApplicationID, acc.ApplicationAccountID)), byName))
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "creating", applicationAccountObject, byName, err)
		if client.IsAmbiguous(err) {
			resp.Diagnostics.AddWarning("The application account may exist", fmt.Sprintf(
				"The call to add it may have taken effect although it failed, and IDaaS did not list a new account in "+
					"time. If the next apply reports that the account exists, import it by the ID %q.", byName))
		}
		return
	}

	plan.ID = types.StringValue(added.ApplicationAccountID)
	plan.CreateTime = types.StringNull()
	found, err := retry.Value(ctx, eiamRetry, func(ctx context.Context) (*client.ApplicationAccount, error) {
		return findApplicationAccount(ctx, conn, plan.ref())
	}, isAccountNotYetListed)
	if err != nil {
		// The account exists: keep it in state, tainted, not orphaned.
		framework.AddAPIError(&resp.Diagnostics, "reading the created", applicationAccountObject, added.ApplicationAccountID, err)
	} else {
		plan.flatten(found)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// isAccountNotYetListed is the retry predicate of the read after a create:
// IDaaS may not list a new account at once.
func isAccountNotYetListed(err error) bool { return client.IsNotFound(err) }

func (r *applicationAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state applicationAccountResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Read, applicationAccountReadTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	found, err := findApplicationAccount(ctx, r.Client().EIAM(), state.ref())
	if !framework.Found(ctx, err, resp, applicationAccountObject, state.ID.ValueString(), map[string]any{
		"id": state.ID.ValueString(), "application_id": state.ApplicationID.ValueString(), "user_id": state.UserID.ValueString(),
	}) {
		return
	}
	state.flatten(found)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update changes only what the provider keeps, such as timeouts: every
// other change replaces the account.
func (r *applicationAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan applicationAccountResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *applicationAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state applicationAccountResourceModel
	ctx, cancel, ok := framework.Begin(ctx, req.State, &state, timeouts.Value.Delete, applicationAccountDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	err := r.Client().EIAM().RemoveApplicationAccountFromUser(ctx, state.ref())
	if err != nil && !client.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "deleting", applicationAccountObject, state.ID.ValueString(), err)
	}
}

// ImportState takes either import ID format and finds the account, so that
// the state has its ID, user and name.
func (r *applicationAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := parseApplicationAccountImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	conn := r.Client().EIAM()
	var found *client.ApplicationAccount
	if id.AccountID != "" {
		found, err = findApplicationAccountInApplication(ctx, conn, id.InstanceID, id.ApplicationID, id.AccountID)
	} else {
		found, err = findApplicationAccountByName(ctx, conn, id.InstanceID, id.ApplicationID, id.UserID, id.AccountName)
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "importing", applicationAccountObject, req.ID, err)
		return
	}
	for name, value := range map[string]string{
		"id":             found.ApplicationAccountID,
		"instance_id":    id.InstanceID,
		"application_id": id.ApplicationID,
		"user_id":        found.UserID,
		"account_name":   found.ApplicationUsername,
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
}

// findApplicationAccount returns a user's application account by ID, or an
// error for which client.IsNotFound is true: also when the user or the
// application is gone.
func findApplicationAccount(ctx context.Context, conn client.EIAMDirectory, ref client.ApplicationAccount) (*client.ApplicationAccount, error) {
	accounts, err := conn.ListApplicationAccountsForUser(ctx, ref.InstanceID, ref.ApplicationID, ref.UserID)
	if err != nil {
		return nil, err
	}
	for _, acc := range accounts {
		if acc.ApplicationAccountID == ref.ApplicationAccountID {
			return &acc, nil
		}
	}
	return nil, &client.NotFoundError{Object: "application account", ID: ref.ApplicationAccountID}
}

// findApplicationAccountInApplication looks for an account among every
// account of an application, for an import by account ID.
func findApplicationAccountInApplication(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID, accountID string) (*client.ApplicationAccount, error) {
	accounts, err := conn.ListApplicationAccounts(ctx, instanceID, applicationID)
	if err != nil {
		return nil, err
	}
	for _, acc := range accounts {
		if acc.ApplicationAccountID == accountID {
			return &acc, nil
		}
	}
	return nil, fmt.Errorf("application %s has no application account %s", applicationID, accountID)
}

// findApplicationAccountByName finds a user's only account of a name, for
// an import by name. IDaaS allows several accounts of one name; then the
// account must be imported by ID.
func findApplicationAccountByName(ctx context.Context, conn client.EIAMDirectory, instanceID, applicationID, userID, name string) (*client.ApplicationAccount, error) {
	accounts, err := conn.ListApplicationAccountsForUser(ctx, instanceID, applicationID, userID)
	if err != nil {
		return nil, err
	}
	var named []client.ApplicationAccount
	var names []string
	for _, acc := range accounts {
		names = append(names, fmt.Sprintf("%q", acc.ApplicationUsername))
		if acc.ApplicationUsername == name {
			named = append(named, acc)
		}
	}
	switch {
	case len(named) == 1:
		return &named[0], nil
	case len(named) > 1:
		var ids []string
		for _, acc := range named {
			ids = append(ids, acc.ApplicationAccountID)
		}
		return nil, fmt.Errorf("user %s has %d application accounts named %q in application %s (%s); import one of them by %s",
			userID, len(named), name, applicationID, strings.Join(ids, ", "), applicationAccountIDByID)
	case len(accounts) == 0:
		return nil, fmt.Errorf("user %s has no application account in application %s", userID, applicationID)
	default:
		return nil, fmt.Errorf("user %s has no application account named %q in application %s; its accounts there are %s",
			userID, name, applicationID, strings.Join(names, ", "))
	}
}

type applicationAccountResourceModel struct {
	applicationAccountFacts
	InstanceID    types.String   `tfsdk:"instance_id"`
	ApplicationID types.String   `tfsdk:"application_id"`
	Application   types.Object   `tfsdk:"application"`
	Role          types.Object   `tfsdk:"role"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// applicationAccountFacts are what IDaaS lists of an application account:
// the model the resource and idaas_application_accounts share.
type applicationAccountFacts struct {
	ID          types.String `tfsdk:"id"`
	UserID      types.String `tfsdk:"user_id"`
	AccountName types.String `tfsdk:"account_name"`
	CreateTime  types.String `tfsdk:"create_time"`
}

// ref names the account for the client.
func (m applicationAccountResourceModel) ref() client.ApplicationAccount {
	return client.ApplicationAccount{
		InstanceID:           m.InstanceID.ValueString(),
		ApplicationID:        m.ApplicationID.ValueString(),
		ApplicationAccountID: m.ID.ValueString(),
		UserID:               m.UserID.ValueString(),
		ApplicationUsername:  m.AccountName.ValueString(),
	}
}

// flatten sets what IDaaS lists of acc.
func (f *applicationAccountFacts) flatten(acc *client.ApplicationAccount) {
	f.ID = types.StringValue(acc.ApplicationAccountID)
	f.UserID = types.StringValue(acc.UserID)
	f.AccountName = types.StringValue(acc.ApplicationUsername)
	f.CreateTime = eiamTime(acc.CreateTime)
}
