// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"errors"
	"fmt"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// nameOrARN declares the import ID of a RAM object once: its name, or its
// ARN in the provider's account. Its parser, its errors and their examples
// come from this one declaration.
type nameOrARN struct {
	// object names the object, e.g. "RAM role".
	object string
	// exampleARN is an example ARN; its last segment is the example name.
	exampleARN   string
	parseARN     func(string) (rolesso.ARN, error)
	validateName func(string) error
}

// The import IDs of roles and SAML providers.
var (
	roleImportID         = nameOrARN{object: "RAM role", exampleARN: rolesso.ExampleRoleARN, parseARN: rolesso.ParseRoleARN, validateName: rolesso.ValidateRoleName}
	samlProviderImportID = nameOrARN{object: "SAML provider", exampleARN: rolesso.ExampleSAMLProviderARN, parseARN: rolesso.ParseSAMLProviderARN, validateName: rolesso.ValidateSAMLProviderName}
)

// formats gives both formats with their examples, as a sentence.
func (f nameOrARN) formats() string {
	exampleName := f.exampleARN[strings.LastIndex(f.exampleARN, "/")+1:]
	return fmt.Sprintf("Import a %s by its name, for example %q, or by its ARN, for example %q.", f.object, exampleName, f.exampleARN)
}

// parse returns the name in id, and the account ID when id is an ARN.
func (f nameOrARN) parse(id string) (name, accountID string, err error) {
	if strings.HasPrefix(strings.ToLower(id), "acs:") {
		arn, err := f.parseARN(id)
		if err != nil {
			if arnErr, ok := errors.AsType[*rolesso.ARNError](err); ok {
				return "", "", fmt.Errorf("%q is not a %s ARN: %s. %s", id, f.object, arnErr.Problem, f.formats())
			}
			return "", "", fmt.Errorf("%q is not a %s ARN: %w. %s", id, f.object, err, f.formats())
		}
		return arn.Name, arn.AccountID, nil
	}
	if err := f.validateName(id); err != nil {
		if nameErr, ok := errors.AsType[*rolesso.NameError](err); ok {
			return "", "", fmt.Errorf("%q is not a %s name: %s. %s %s", id, f.object, nameErr.Problem, nameErr.Rule, f.formats())
		}
		return "", "", fmt.Errorf("%q is not a %s name: %w. %s", id, f.object, err, f.formats())
	}
	return id, "", nil
}

// parseIn is parse for a provider that works in account own: an ARN of
// another account is refused.
func (f nameOrARN) parseIn(id, own string) (string, error) {
	name, accountID, err := f.parse(id)
	if err == nil && accountID != "" && accountID != own {
		return "", fmt.Errorf("the ARN %q is of account %s, but the provider works in account %s. Import it with the provider "+
			"of account %s, or import it by name (%q) into this account.", id, accountID, own, accountID, name)
	}
	return name, err
}

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
