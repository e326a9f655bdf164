// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

// Template is an IDaaS marketplace application template for role-based SSO
// and the names of its SSO form parameters, which
// UpdateApplicationSsoFormParams sets.
type Template struct {
	// ID is the ApplicationTemplateId passed to CreateApplication.
	ID string
	// AccountIDParam is the form parameter holding the Alibaba Cloud
	// account ID ("Alibaba Cloud Account ID" in the console).
	AccountIDParam string
	// IdPNameParam is the form parameter holding the IdP name ("IdP Name"
	// in the console), which must equal the RAM SAML provider name.
	IdPNameParam string
}

// The template facts below are UNCONFIRMED (alibaba-api.md §0.4 and §3.3).
// No public source gives the real template IDs: the docs show only masked
// IDs such as "apt_ramintlrole_ixxxxx". The IDs here are plausible
// placeholders in that shape, chosen by this project. The only documented
// form parameter name is "aliyunUid"; the IdP-name parameter name is a
// guess. The provider lets users override the template ID and the
// parameter names, and the emulator uses these same values, so they are
// kept here and nowhere else.
const (
	// InternationalTemplateID is UNCONFIRMED.
	InternationalTemplateID = "apt_ramintlrole_ixt2bq"
	// ChinaTemplateID is UNCONFIRMED.
	ChinaTemplateID = "apt_ramrole_mxk7rd"
	// AccountIDParam is documented (the example in the
	// UpdateApplicationSsoFormParams reference).
	AccountIDParam = "aliyunUid"
	// IdPNameParam is UNCONFIRMED.
	IdPNameParam = "idpName"
)

var (
	internationalTemplate = Template{ID: InternationalTemplateID, AccountIDParam: AccountIDParam, IdPNameParam: IdPNameParam}
	chinaTemplate         = Template{ID: ChinaTemplateID, AccountIDParam: AccountIDParam, IdPNameParam: IdPNameParam}
)
