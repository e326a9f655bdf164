// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Exports of the application resource and data sources, and of the
// instance data source, for the tests in package idaas_test.

var (
	ParseRoleSSOApplicationID   = parseRoleSSOApplicationID
	RoleSSOApplicationIDExample = roleSSOApplicationID.Example
	FindOnlyInstance            = findOnlyInstance

	IdPNameValidator         validator.String = validators.IdPNameValidator()
	AccountIDValidator       validator.String = validators.AccountIDValidator()
	SiteValidator            validator.String = validators.SiteValidator()
	SessionDurationValidator validator.Int64  = validators.SessionDurationValidator{}
)

// RoleSSOApplicationFacts is what the finder reads of an application.
type RoleSSOApplicationFacts struct {
	Application *client.Application
	SSO         *client.ApplicationSSOConfig
	Metadata    string
}

// FindRoleSSOApplicationByID is the resource's finder.
func FindRoleSSOApplicationByID(ctx context.Context, conn client.EIAM, instanceID, id string) (*RoleSSOApplicationFacts, error) {
	found, err := findRoleSSOApplicationByID(ctx, conn, instanceID, id)
	if err != nil {
		return nil, err
	}
	return &RoleSSOApplicationFacts{Application: found.app, SSO: found.sso, Metadata: found.metadata}, nil
}

// ExpandSAMLConfig is expandSAMLConfig for a plan with the given
// RoleSessionName expression and session duration (null for none).
func ExpandSAMLConfig(site rolesso.Site, current client.SAMLSSOConfig, roleSessionName string, sessionDuration types.Int64) client.SAMLSSOConfig {
	plan := &roleSSOApplicationResourceModel{}
	plan.NameIDFormat = types.StringValue(rolesso.DefaultNameIDFormat)
	plan.NameIDExpression = types.StringValue(rolesso.DefaultNameIDExpression)
	plan.RoleSessionNameExpression = types.StringValue(roleSessionName)
	plan.SignatureAlgorithm = types.StringValue(rolesso.DefaultSignatureAlgorithm)
	plan.SessionDuration = sessionDuration
	return expandSAMLConfig(plan, site, current)
}

// PlanValues are the attributes of the application that ModifyPlan reads
// or sets.
type PlanValues struct {
	ID, Site, SSOForm, TemplateID, AccountID, IdPName, SAMLProviderARN, Status types.String
	Enabled                                                                    types.Bool
}

func (v PlanValues) model() *roleSSOApplicationResourceModel {
	m := &roleSSOApplicationResourceModel{Site: v.Site, SSOForm: v.SSOForm, AccountID: v.AccountID, IdPName: v.IdPName, SAMLProviderARN: v.SAMLProviderARN}
	m.ID, m.TemplateID, m.Status, m.Enabled = v.ID, v.TemplateID, v.Status, v.Enabled
	return m
}

// ModifyRoleSSOApplicationPlan is the resource's ModifyPlan on plan,
// config and state (nil on create), with the provider's site and account
// (nil when the provider is not configured).
func ModifyRoleSSOApplicationPlan(plan, config PlanValues, state *PlanValues, providerSite, providerAccountID *string) (PlanValues, diag.Diagnostics) {
	p := plan.model()
	var s *roleSSOApplicationResourceModel
	if state != nil {
		s = state.model()
	}
	var defaults *providerDefaults
	if providerSite != nil {
		defaults = &providerDefaults{site: *providerSite, accountID: *providerAccountID}
	}
	diags := modifyRoleSSOApplicationPlan(p, config.model(), s, defaults)
	return PlanValues{
		ID: p.ID, Site: p.Site, SSOForm: p.SSOForm, TemplateID: p.TemplateID, AccountID: p.AccountID, IdPName: p.IdPName,
		SAMLProviderARN: p.SAMLProviderARN, Status: p.Status, Enabled: p.Enabled,
	}, diags
}

// Exports of the directory resources and data sources for the tests in
// package idaas_test.

var (
	FindApplicationAccount          = findApplicationAccount
	FindApplicationAuthorization    = findApplicationAuthorization
	ParseApplicationAccountImportID = parseApplicationAccountImportID
	CloseUsernames                  = closeUsernames
	EditDistance                    = editDistance
	EIAMTime                        = eiamTime
)

// ApplicationAccountNameValidator is the validator of account_name.
var ApplicationAccountNameValidator = validators.ApplicationAccountNameValidator()

type (
	ApplicationAccountImportIDParts = applicationAccountImportID
	ApplicationAuthorization        = applicationAuthorization
)

// ApplicationAccountImportFormats are the two import ID formats of
// idaas_application_account, by ID and by name, and their examples.
var ApplicationAccountImportFormats = []struct{ Format, Example string }{
	{applicationAccountIDByID.String(), applicationAccountIDByID.Example},
	{applicationAccountIDByName.String(), applicationAccountIDByName.Example},
}

// WarnRoleExpressionReplaced is warnRoleExpressionReplaced for an
// application whose state holds stateExpr and whose plan derives planExpr.
func WarnRoleExpressionReplaced(stateExpr, planExpr types.String) diag.Diagnostics {
	state, plan := &roleSSOApplicationResourceModel{}, &roleSSOApplicationResourceModel{}
	state.ID, state.RoleAttributeExpression = types.StringValue("app_1"), stateExpr
	plan.RoleAttributeExpression, plan.RoleMapping = planExpr, types.StringValue("application_account")
	return warnRoleExpressionReplaced(plan, state)
}
