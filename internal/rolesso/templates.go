// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import "github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"

// The marketplace template "Alibaba Cloud Role-based SSO" is set up through
// facts no public source confirms (FACTS.md, "Not known"): its template ID
// per site and the name of the SSO form parameter of the IdP name. The
// provider has no default for either: the user gives them, having read
// them from an application made in the console. These sentences say how,
// for the schema, the docs and the errors.
const (
	TemplateIDUnknown = "No public source gives the template IDs (the docs show only masked IDs such as " +
		"`apt_ramintlrole_ixxxxx`), so the provider has no default. To find it, add the application \"Alibaba Cloud " +
		"Role-based SSO\" once in the IDaaS console, then read its `template_id` with the `idaas_role_sso_application` " +
		"data source, or run `aliyun eiam GetApplication --InstanceId <instance> --ApplicationId <app>` and take " +
		"`ApplicationTemplateId`."
	IdPNameParamUnknown = "No public source gives this parameter name, so the provider has no default, and no API reads the " +
		"form parameters back. To find it, set the IdP Name of an application made from the template in the IDaaS " +
		"console and save; then look up the `UpdateApplicationSsoFormParams` event in ActionTrail (or the request in " +
		"the browser's developer tools): its `ApplicationTemplateParams` list each `TemplateParamName` with the value " +
		"you typed."
)

// DefaultAccountIDParam is the form parameter of the Alibaba Cloud account
// ID, the example name of the UpdateApplicationSsoFormParams reference.
const DefaultAccountIDParam = facts.AccountIDTemplateParam
