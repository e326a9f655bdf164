// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package importid

import (
	"errors"
	"fmt"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// NameOrARN is the import ID of an object known by its name, or by its ARN
// in the provider's account, such as a RAM role. Its parser, its errors and
// their examples come from this one declaration.
type NameOrARN struct {
	// Object names the object, e.g. "RAM role".
	Object string
	// ExampleARN is an example ARN; its last segment is the example name.
	ExampleARN string
	// ParseARN parses an ARN of the object.
	ParseARN func(string) (rolesso.ARN, error)
	// ValidateName checks a name of the object.
	ValidateName func(string) error
}

// Formats gives both formats with their examples, as a sentence.
func (f NameOrARN) Formats() string {
	exampleName := f.ExampleARN[strings.LastIndex(f.ExampleARN, "/")+1:]
	return fmt.Sprintf("Import a %s by its name, for example %q, or by its ARN, for example %q.", f.Object, exampleName, f.ExampleARN)
}

// Parse returns the name in id, and the account ID when id is an ARN.
func (f NameOrARN) Parse(id string) (name, accountID string, err error) {
	if strings.HasPrefix(strings.ToLower(id), "acs:") {
		arn, err := f.ParseARN(id)
		if err != nil {
			if arnErr, ok := errors.AsType[*rolesso.ARNError](err); ok {
				return "", "", fmt.Errorf("%q is not a %s ARN: %s. %s", id, f.Object, arnErr.Problem, f.Formats())
			}
			return "", "", fmt.Errorf("%q is not a %s ARN: %w. %s", id, f.Object, err, f.Formats())
		}
		return arn.Name, arn.AccountID, nil
	}
	if err := f.ValidateName(id); err != nil {
		if nameErr, ok := errors.AsType[*rolesso.NameError](err); ok {
			return "", "", fmt.Errorf("%q is not a %s name: %s. %s %s", id, f.Object, nameErr.Problem, nameErr.Rule, f.Formats())
		}
		return "", "", fmt.Errorf("%q is not a %s name: %w. %s", id, f.Object, err, f.Formats())
	}
	return id, "", nil
}

// ParseIn is Parse for a provider that works in account own: an ARN of
// another account is refused.
func (f NameOrARN) ParseIn(id, own string) (string, error) {
	name, accountID, err := f.Parse(id)
	if err == nil && accountID != "" && accountID != own {
		return "", fmt.Errorf("the ARN %q is of account %s, but the provider works in account %s. Import it with the provider "+
			"of account %s, or import it by name (%q) into this account.", id, accountID, own, accountID, name)
	}
	return name, err
}
