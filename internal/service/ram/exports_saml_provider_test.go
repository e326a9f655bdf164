// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

// Exports of the SAML provider resource and data sources for the external
// ram_test package.
var (
	FindSAMLProviderByName    = findSAMLProviderByName
	ParseSAMLProviderImportID = parseSAMLProviderImportID
	SAMLMetadataDiagnostics   = samlMetadataDiagnostics
	SAMLMetadataWarnings      = samlMetadataWarnings
	SAMLMetadataFactsOf       = samlMetadataFactsOf
	NewSAMLMetadataValue      = newSAMLMetadataValue
	ModifySAMLProviderPlan    = modifySAMLProviderPlan
)

type (
	SAMLProviderResourceModel    = samlProviderResourceModel
	SAMLMetadataValue            = samlMetadataValue
	SAMLMetadataFacts            = samlMetadataFacts
	SAMLMetadataPlanModifier     = samlMetadataPlanModifier
	SAMLProviderNameValidator    = samlProviderNameValidator
	SAMLProviderNamePlanModifier = samlProviderNamePlanModifier
)
