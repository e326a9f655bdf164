// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"fmt"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The import IDs of roles and SAML providers: a name, or an ARN in the
// provider's account.
var (
	roleImportID = importid.NameOrARN{
		Object: "RAM role", ExampleARN: rolesso.ExampleRoleARN,
		ParseARN: rolesso.ParseRoleARN, ValidateName: rolesso.ValidateRoleName,
	}
	samlProviderImportID = importid.NameOrARN{
		Object: "SAML provider", ExampleARN: rolesso.ExampleSAMLProviderARN,
		ParseARN: rolesso.ParseSAMLProviderARN, ValidateName: rolesso.ValidateSAMLProviderName,
	}
)

// rolePolicyAttachmentIDFormat declares the ID once. The policy name takes
// the rest of the ID, so that it round-trips whatever the name holds.
var rolePolicyAttachmentIDFormat = importid.Format{
	Sep: ":",
	Parts: []importid.Part{
		{Name: "role_name", Check: roleNameProblem},
		{Name: "policy_type", Check: func(v string) string {
			if v != client.PolicyTypeSystem && v != client.PolicyTypeCustom {
				return fmt.Sprintf("must be %q or %q, not %q", client.PolicyTypeSystem, client.PolicyTypeCustom, v)
			}
			return ""
		}},
		{Name: "policy_name", Check: func(v string) string {
			if len(v) > policyNameMaxLength {
				return fmt.Sprintf("must have 1 to %d characters", policyNameMaxLength)
			}
			return ""
		}},
	},
	Example:       "sso-admin:System:AdministratorAccess",
	LastTakesRest: true,
}

// RolePolicyAttachmentImportID is the import ID of an attachment, for the
// inventory data source. Roles and SAML providers import by name.
func RolePolicyAttachmentImportID(roleName, policyType, policyName string) string {
	return rolePolicyAttachmentIDFormat.Join(roleName, policyType, policyName)
}
