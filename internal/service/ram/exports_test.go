// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/retry"
)

// Exports of the role resources and data sources for the external tests.
var (
	FindRoleByName    = findRoleByName
	ParseRoleImportID = roleImportID.ParseIn

	RoleNameValidator                = validators.RoleNameValidator
	TrustedSAMLProviderNameValidator = validators.SAMLProviderNameValidator
	RoleSiteValidator                = validators.SiteValidator
	TrustPolicyValidator             = func() validator.String { return trustPolicyValidator }
)

// TrustPolicyValue returns a value of the trust policy type.
func TrustPolicyValue(doc string) basetypes.StringValuableWithSemanticEquals {
	return newTrustPolicyValue(doc)
}

// RetryWithSleep runs fn as the role resources retry, with sleep instead of
// a real one.
func RetryWithSleep(ctx context.Context, sleep func(context.Context, time.Duration) error, fn func(context.Context) error, retryable func(error) bool) error {
	p := roleRetry
	p.Sleep = sleep
	return retry.When(ctx, p, fn, retryable)
}

// ParseRolePolicyAttachmentID parses an attachment ID and prints it back.
func ParseRolePolicyAttachmentID(s string) (string, error) {
	id, err := parseRolePolicyAttachmentID(s)
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// FindRolePolicyAttachment is the attachment's finder.
func FindRolePolicyAttachment(ctx context.Context, conn client.RAM, roleName, policyType, policyName string) (*client.AttachedPolicy, error) {
	return findRolePolicyAttachment(ctx, conn, rolePolicyAttachmentID{RoleName: roleName, PolicyType: policyType, PolicyName: policyName})
}

// FindRoles is the finder of the idaas_ram_roles data source; nameRegex and
// trustsSAMLProvider may be empty.
func FindRoles(ctx context.Context, conn client.RAM, nameRegex, trustsSAMLProvider string) ([]*client.Role, error) {
	f := rolesFilter{accountID: "1234567890123456", trustsSAMLProvider: trustsSAMLProvider}
	if nameRegex != "" {
		f.nameRegex = regexp.MustCompile(nameRegex)
	}
	return findRoles(ctx, conn, f)
}

// Exports of the SAML provider resource and data sources for the external
// ram_test package.
var (
	FindSAMLProviderByName    = findSAMLProviderByName
	ParseSAMLProviderImportID = samlProviderImportID.Parse
	SAMLMetadataDiagnostics   = samlMetadataDiagnostics
	SAMLMetadataWarnings      = samlMetadataWarnings
	SAMLMetadataFactsOf       = samlMetadataFactsOf
	NewSAMLMetadataValue      = newSAMLMetadataValue
	ModifySAMLProviderPlan    = modifySAMLProviderPlan
	SAMLProviderNameValidator = validators.SAMLProviderNameValidator
)

type (
	SAMLProviderResourceModel    = samlProviderResourceModel
	SAMLMetadataValue            = samlMetadataValue
	SAMLMetadataFacts            = samlMetadataFacts
	SAMLMetadataPlanModifier     = samlMetadataPlanModifier
	SAMLProviderNamePlanModifier = samlProviderNamePlanModifier
)

// WaitSAMLProviderReadable is waitSAMLProviderReadable with its waits
// recorded in sleeps instead of slept.
func WaitSAMLProviderReadable(ctx context.Context, conn client.IMS, name string, sleeps *[]time.Duration) (*client.SAMLProvider, error) {
	p := samlProviderReadRetry
	p.Sleep = func(ctx context.Context, d time.Duration) error {
		*sleeps = append(*sleeps, d)
		return ctx.Err()
	}
	return waitSAMLProviderReadable(ctx, conn, name, p)
}
