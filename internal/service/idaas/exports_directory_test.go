// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import "github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"

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
	ApplicationAccountImportID = applicationAccountImportID
	ApplicationAuthorization   = applicationAuthorization
)

// ApplicationAccountImportFormats are the two import ID formats of
// idaas_application_account, by ID and by name, and their examples.
var ApplicationAccountImportFormats = []struct{ Format, Example string }{
	{applicationAccountIDByID.String(), applicationAccountIDByID.Example},
	{applicationAccountIDByName.String(), applicationAccountIDByName.Example},
}
