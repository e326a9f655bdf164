// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Exports of the application resource and data sources, and of the
// instance data source, for the tests in package idaas_test.

var (
	ParseRoleSSOApplicationID   = parseRoleSSOApplicationID
	RoleSSOApplicationIDExample = roleSSOApplicationIDExample
	SiteTemplateMismatch        = siteTemplateMismatch
	FindOnlyInstance            = findOnlyInstance

	IdPNameValidator         validator.String = idpNameValidator()
	AccountIDValidator       validator.String = accountIDValidator()
	SiteValidator            validator.String = siteValidator()
	SessionDurationValidator validator.Int64  = sessionDurationValidator{}
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
	plan := &roleSSOApplicationResourceModel{
		NameIDFormat:              types.StringValue(rolesso.DefaultNameIDFormat),
		NameIDExpression:          types.StringValue(rolesso.DefaultNameIDExpression),
		RoleSessionNameExpression: types.StringValue(roleSessionName),
		SignatureAlgorithm:        types.StringValue(rolesso.DefaultSignatureAlgorithm),
		SessionDuration:           sessionDuration,
	}
	return expandSAMLConfig(plan, site, current)
}
