// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"fmt"
	"strings"
)

// compositeID is one format of a composite import ID: parts separated by
// "/", each the value of an attribute. A resource declares each of its
// formats once, and its import errors and docs are built from them.
type compositeID struct {
	// parts are the attributes the parts set, in order.
	parts []string
	// example is an ID of this format.
	example string
}

// String is the format, e.g. "instance_id/application_id".
func (f compositeID) String() string { return strings.Join(f.parts, "/") }

// compositeIDSeparator separates the parts. No IDaaS ID, and no valid
// application account name (a RAM role name), contains it.
const compositeIDSeparator = "/"

// parseCompositeID matches id to the format of formats with as many parts,
// and returns that format's index and the parts. A bad ID gets an error
// that says which part is wrong, then every format with its example.
func parseCompositeID(id string, formats ...compositeID) (int, []string, error) {
	parts := strings.Split(id, compositeIDSeparator)
	for i, f := range formats {
		if len(f.parts) != len(parts) {
			continue
		}
		for n, part := range parts {
			switch {
			case part == "":
				return 0, nil, compositeIDError(id, fmt.Sprintf("part %d (%s) is empty", n+1, f.parts[n]), formats)
			case strings.TrimSpace(part) != part:
				return 0, nil, compositeIDError(id, fmt.Sprintf("part %d (%s) has leading or trailing spaces", n+1, f.parts[n]), formats)
			}
		}
		return i, parts, nil
	}
	problem := fmt.Sprintf("it has %d parts separated by %q", len(parts), compositeIDSeparator)
	switch {
	case id == "":
		problem = "it is empty"
	case len(parts) == 1:
		problem = fmt.Sprintf("it has no %q", compositeIDSeparator)
	}
	return 0, nil, compositeIDError(id, problem, formats)
}

func compositeIDError(id, problem string, formats []compositeID) error {
	var ways []string
	for _, f := range formats {
		ways = append(ways, fmt.Sprintf("%q (for example %q)", f.String(), f.example))
	}
	return fmt.Errorf("invalid import ID %q: %s. Give %s, the parts separated by %q",
		id, problem, strings.Join(ways, " or "), compositeIDSeparator)
}

// Import ID formats of idaas_application_account: by the account's ID, or
// by the user and the account name.
var (
	applicationAccountIDByID = compositeID{
		parts:   []string{"instance_id", "application_id", "application_account_id"},
		example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/aac_m6z7awz5kresi2ezgajsbkxxxx",
	}
	applicationAccountIDByName = compositeID{
		parts:   []string{"instance_id", "application_id", "user_id", "account_name"},
		example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/user_d6sbsuumeta4h66ec3il7yxxxx/sso-admin",
	}
)

// applicationAccountImportID is a parsed import ID of
// idaas_application_account: AccountID is set for the first format,
// UserID and AccountName for the second.
type applicationAccountImportID struct {
	InstanceID    string
	ApplicationID string
	AccountID     string
	UserID        string
	AccountName   string
}

func parseApplicationAccountImportID(id string) (applicationAccountImportID, error) {
	format, parts, err := parseCompositeID(id, applicationAccountIDByID, applicationAccountIDByName)
	if err != nil {
		return applicationAccountImportID{}, err
	}
	out := applicationAccountImportID{InstanceID: parts[0], ApplicationID: parts[1]}
	if format == 0 {
		out.AccountID = parts[2]
	} else {
		out.UserID, out.AccountName = parts[2], parts[3]
	}
	return out, nil
}

// applicationAuthorizationID is the ID and import ID format of
// idaas_application_authorization.
var applicationAuthorizationID = compositeID{
	parts:   []string{"instance_id", "application_id"},
	example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx",
}
