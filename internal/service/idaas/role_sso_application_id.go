// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas

import (
	"fmt"
	"strings"
	"unicode"
)

// The import ID of a role-based SSO application, declared once: the
// instance ID and the application ID, joined by "/".
const (
	roleSSOApplicationIDFormat  = "<instance_id>/<application_id>"
	roleSSOApplicationIDExample = "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx"
)

// ID prefixes of EIAM instances and applications (alibaba-api.md §3.0),
// used only to recognise swapped parts.
const (
	instanceIDPrefix    = "idaas_"
	applicationIDPrefix = "app_"
)

// parseRoleSSOApplicationID parses an import ID in
// roleSSOApplicationIDFormat.
func parseRoleSSOApplicationID(id string) (instanceID, applicationID string, err error) {
	parts := strings.Split(id, "/")
	var problems []string
	switch {
	case len(parts) != 2:
		problems = append(problems, fmt.Sprintf("it has %d parts separated by \"/\", not 2", len(parts)))
	default:
		instanceID, applicationID = parts[0], parts[1]
		problems = append(problems, idPartProblems("instance ID", instanceID)...)
		problems = append(problems, idPartProblems("application ID", applicationID)...)
		if strings.HasPrefix(instanceID, applicationIDPrefix) && strings.HasPrefix(applicationID, instanceIDPrefix) {
			problems = append(problems, "the instance ID comes first, then the application ID")
		}
	}
	if len(problems) > 0 {
		return "", "", fmt.Errorf("invalid import ID %q: %s. The import ID of an IDaaS role-based SSO application is %s, for example %q",
			id, strings.Join(problems, "; "), roleSSOApplicationIDFormat, roleSSOApplicationIDExample)
	}
	return instanceID, applicationID, nil
}

func idPartProblems(part, value string) []string {
	switch {
	case value == "":
		return []string{"the " + part + " is empty"}
	case strings.IndexFunc(value, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return []string{fmt.Sprintf("the %s %q contains white space", part, value)}
	}
	return nil
}
