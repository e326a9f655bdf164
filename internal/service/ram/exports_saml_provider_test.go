// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
)

// Exports of the SAML provider resource and data sources for the external
// ram_test package.
var (
	FindSAMLProviderByName    = findSAMLProviderByName
	ParseSAMLProviderImportID = samlProviderImportID.parse
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
