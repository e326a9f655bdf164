// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"strings"
	"unicode"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/importid"
)

// roleSSOApplicationID is the import ID of a role-based SSO application,
// declared once: the instance ID and the application ID.
var roleSSOApplicationID = importid.Format{
	Sep:     compositeIDSeparator,
	Parts:   []importid.Part{{Name: "instance_id", Check: idSpaceProblem}, {Name: "application_id", Check: idSpaceProblem}},
	Example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx",
	Check: func(parts []string) string {
		if strings.HasPrefix(parts[0], applicationIDPrefix) && strings.HasPrefix(parts[1], instanceIDPrefix) {
			return "the instance ID comes first, then the application ID"
		}
		return ""
	},
}

// ID prefixes of EIAM instances and applications (FACTS.md),
// used only to recognise swapped parts.
const (
	instanceIDPrefix    = "idaas_"
	applicationIDPrefix = "app_"
)

// parseRoleSSOApplicationID parses an import ID of roleSSOApplicationID.
func parseRoleSSOApplicationID(id string) (instanceID, applicationID string, err error) {
	_, parts, err := importid.Parse(id, roleSSOApplicationID)
	if err != nil {
		return "", "", err
	}
	return parts[0], parts[1], nil
}

// idSpaceProblem is the problem of an IDaaS ID with white space or control
// characters inside.
func idSpaceProblem(value string) string {
	if strings.IndexFunc(value, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "contains white space"
	}
	return ""
}

// The composite IDs of this package separate their parts with "/". No
// IDaaS ID, and no valid application account name (a RAM role name),
// contains it.
const compositeIDSeparator = "/"

// Import ID formats of idaas_application_account: by the account's ID, or
// by the user and the account name.
var (
	applicationAccountIDByID = importid.Format{
		Sep:     compositeIDSeparator,
		Parts:   []importid.Part{{Name: "instance_id"}, {Name: "application_id"}, {Name: "application_account_id"}},
		Example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/aac_m6z7awz5kresi2ezgajsbkxxxx",
	}
	applicationAccountIDByName = importid.Format{
		Sep:     compositeIDSeparator,
		Parts:   []importid.Part{{Name: "instance_id"}, {Name: "application_id"}, {Name: "user_id"}, {Name: "account_name"}},
		Example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/user_d6sbsuumeta4h66ec3il7yxxxx/sso-admin",
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
	format, parts, err := importid.Parse(id, applicationAccountIDByID, applicationAccountIDByName)
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
var applicationAuthorizationID = importid.Format{
	Sep:     compositeIDSeparator,
	Parts:   []importid.Part{{Name: "instance_id"}, {Name: "application_id"}},
	Example: "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx",
}

// groupID is the import ID format of idaas_group.
var groupID = importid.Format{
	Sep:     compositeIDSeparator,
	Parts:   []importid.Part{{Name: "instance_id"}, {Name: "group_id"}},
	Example: "idaas_ue2jvisn35ea5lmthk267xxxxx/group_d6sbsuumeta4h66ec3il7yxxxx",
}

// ApplicationImportID is the import ID of a role-based SSO application.
// These builders give the formats above to the inventory data source.
func ApplicationImportID(instanceID, applicationID string) string {
	return roleSSOApplicationID.Join(instanceID, applicationID)
}

// ApplicationAccountImportID is the import ID of an application account.
func ApplicationAccountImportID(instanceID, applicationID, accountID string) string {
	return applicationAccountIDByID.Join(instanceID, applicationID, accountID)
}

// ApplicationAuthorizationImportID is the import ID of an application's
// authorization.
func ApplicationAuthorizationImportID(instanceID, applicationID string) string {
	return applicationAuthorizationID.Join(instanceID, applicationID)
}

// GroupImportID is the import ID of a group.
func GroupImportID(instanceID, id string) string { return groupID.Join(instanceID, id) }
