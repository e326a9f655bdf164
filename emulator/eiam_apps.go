// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/expression"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// EIAM applications, templates and SSO configuration (FACTS.md).
//
// Choices where no source decides (UNCONFIRMED, all here):
//   - A new application starts disabled, with SSO disabled and
//     AuthorizationType authorize_required: the IDaaS docs list "activated
//     the application" as a prerequisite of SSO, and a client that forgets
//     to enable either must see sign-in fail.
//   - DeleteApplication needs the application disabled first
//     (errEiamApplicationEnabled) and removes its application accounts.
//   - Enable, Disable and the authorization changes are idempotent.
//   - SetApplicationSsoConfig changes only the fields it is sent;
//     AttributeStatements and OptionalRelayStates are replaced when sent.
//   - UpdateApplicationSsoFormParams merges the parameters it is sent into
//     the stored ones and accepts only the template's parameter names.
//   - Only saml2 applications are emulated; CreateApplication refuses oidc.

// Application defaults.
const (
	initLoginIdP = "idaas_or_app_init_sso"
	initLoginApp = "only_app_init_sso"
	// signatureRSASHA256 is the one signature algorithm the emulated IdP
	// signs with; whether IDaaS offers others is UNCONFIRMED.
	signatureRSASHA256 = "RSA-SHA256"
	// defaultNameIDExpression and the default RoleSessionName (the
	// username, see sso.go) are UNCONFIRMED.
	defaultNameIDExpression = "user.username"
	// applicationFeatures is the Features JSON-array string of a SAML SSO
	// application (the list the SDK documents, limited to SSO).
	applicationFeatures = `["sso"]`
	// signingKeyValidity is how long an application's IdP certificate is
	// valid; "valid for years" is all that is known (UNCONFIRMED).
	signingKeyValidity = 10 * 365 * 24 * time.Hour
)

// samlNameIDFormats are the NameIdFormat values SetApplicationSsoConfig
// accepts (SDK docs).
var samlNameIDFormats = []string{
	samlsso.NameIDFormatUnspecified,
	"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
}

// checkExpression refuses a value expression that is not in the language
// IDaaS documents (FACTS.md, "Attribute expressions"). Whether IDaaS
// checks expressions when they are set or only at sign-in is UNCONFIRMED;
// the emulator checks them here so that a mistake shows at once.
func checkExpression(param, expr string) *APIError {
	if _, err := expression.Parse(expr); err != nil {
		return errEiamInvalidParam(param, err.Error()+".")
	}
	return nil
}

// fillDefaults completes a configuration: the IDaaS defaults, and for a
// role-based SSO template the site's service provider.
func (cfg *eiamSSOConfig) fillDefaults(t *eiamTemplate) {
	fillString(&cfg.InitLoginType, initLoginIdP)
	fillString(&cfg.NameIDFormat, samlsso.NameIDFormatUnspecified)
	fillString(&cfg.NameIDValueExpression, defaultNameIDExpression)
	fillString(&cfg.SignatureAlgorithm, signatureRSASHA256)
	if t != nil && t.Site != nil {
		fillString(&cfg.SpEntityID, t.Site.SPEntityID)
		fillString(&cfg.SpSsoAcsURL, t.Site.ACSURL)
		fillString(&cfg.DefaultRelayState, t.Site.ConsoleURL)
	}
	if !cfg.ResponseSigned && !cfg.AssertionSigned {
		// UNCONFIRMED default: both signed.
		cfg.ResponseSigned, cfg.AssertionSigned = true, true
	}
}

// generateSigningKey generates the RSA key of an IdP signing key. It takes
// tens of milliseconds: not a thing to do with the server's lock held.
func generateSigningKey() (*rsa.PrivateKey, error) {
	return rsa.GenerateKey(rand.Reader, samlsso.KeyBits)
}

// newSigningKey makes the application's IdP signing key of private.
func (a *eiamApplication) newSigningKey(private *rsa.PrivateKey, now time.Time) error {
	key, err := samlsso.CertifyKey(private, "IDaaS "+a.ApplicationID, now, signingKeyValidity)
	if err != nil {
		return err
	}
	pem, err := key.MarshalPEM()
	if err != nil {
		return err
	}
	a.SigningKeyPEM, a.key = string(pem), key
	return nil
}

// signingKey returns the parsed signing key. The caller holds s.mu.
func (a *eiamApplication) signingKey() (*samlsso.Key, error) {
	if a.key == nil {
		key, err := samlsso.ParseKeyPEM([]byte(a.SigningKeyPEM))
		if err != nil {
			return nil, fmt.Errorf("SigningKeyPEM: %w", err)
		}
		a.key = key
	}
	return a.key, nil
}

func (s *Server) applicationJSON(a *eiamApplication) obj {
	o := s.applicationListJSON(a)
	o["AuthorizationType"] = a.AuthorizationType
	o["ApiInvokeStatus"] = eiamDisabled
	o["ApplicationVisibility"] = nonNil(a.ApplicationVisibility)
	o["ApplicationOwner"] = obj{"UserIds": nonNil(a.OwnerUserIDs), "GroupIds": nonNil(a.OwnerGroupIDs)}
	o["CustomFields"] = listOf(a.CustomFields, func(f eiamField) obj { return obj{"FieldName": f.FieldName, "FieldValue": f.FieldValue} })
	o["M2MClientStatus"] = eiamDisabled
	o["CustomSubjectStatus"] = eiamDisabled
	o["SmartConfigCapabilities"] = []string{}
	return o
}

// applicationListJSON is an application as ListApplications writes it.
func (s *Server) applicationListJSON(a *eiamApplication) obj {
	o := obj{
		"InstanceId":              s.eiam().Instance.InstanceID,
		"ApplicationId":           a.ApplicationID,
		"ClientId":                a.ApplicationID,
		"ApplicationName":         a.ApplicationName,
		"Description":             a.Description,
		"LogoUrl":                 a.LogoURL,
		"ApplicationSourceType":   a.ApplicationSourceType,
		"ApplicationCreationType": creationTypeUserCustom,
		"ApplicationIdentityType": a.ApplicationIdentityType,
		"SsoType":                 a.SsoType,
		"Status":                  a.Status,
		"Features":                applicationFeatures,
		"CreateTime":              epochMillis(a.CreateTime),
		"UpdateTime":              epochMillis(a.UpdateTime),
		"ServiceManaged":          false,
		"ManagedServiceCode":      "",
		"ResourceServerStatus":    eiamDisabled,
	}
	if a.ApplicationSourceType == sourceTemplate {
		// Returned only for template applications (SDK docs).
		o["ApplicationTemplateId"] = a.ApplicationTemplateID
	}
	return o
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func checkApplicationName(param, name string) *APIError {
	if n := len([]rune(name)); n < 1 || n > maxApplicationName {
		return errEiamInvalidParam(param, fmt.Sprintf("it must be 1 to %d characters.", maxApplicationName))
	}
	return nil
}

func checkApplicationDescription(d string) *APIError {
	if len([]rune(d)) > maxApplicationDesc {
		return errEiamInvalidParam("Description", fmt.Sprintf("it is longer than %d characters.", maxApplicationDesc))
	}
	return nil
}

// checkOwners checks that owner users and groups exist.
func (s *Server) checkOwners(userIDs, groupIDs []string) *APIError {
	for _, id := range userIDs {
		if s.eiam().user(id) == nil {
			return errEiamNotExists("User", id)
		}
	}
	for _, id := range groupIDs {
		if s.eiam().group(id) == nil {
			return errEiamNotExists("Group", id)
		}
	}
	return nil
}

func (s *Server) eiamCreateApplication(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	name := c.required("ApplicationName")
	source := c.required("ApplicationSourceType")
	ssoType := c.required("SsoType")
	templateID := c.optional("ApplicationTemplateId")
	desc := c.optional("Description")
	logo := c.optional("LogoUrl")
	identity := c.optional("ApplicationIdentityType")
	ownerUsers := c.list("ApplicationOwner.UserIds")
	ownerGroups := c.list("ApplicationOwner.GroupIds")
	fields := c.structList("CustomFields")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkApplicationName("ApplicationName", name); err != nil {
		return nil, err
	}
	if err := checkApplicationDescription(desc); err != nil {
		return nil, err
	}
	var t *eiamTemplate
	switch source {
	case sourceTemplate:
		if templateID == "" {
			return nil, errMissingParam("ApplicationTemplateId")
		}
		if t = lookupTemplate(templateID); t == nil {
			return nil, errEiamNotExists("ApplicationTemplate", templateID)
		}
	case sourceStandard:
		templateID = ""
	default:
		return nil, errEiamInvalidParam("ApplicationSourceType", fmt.Sprintf("it must be %q or %q.", sourceTemplate, sourceStandard))
	}
	if ssoType != ssoTypeSAML2 {
		return nil, errEiamInvalidParam("SsoType", fmt.Sprintf("%q is not supported by the emulator, which emulates SAML 2.0 applications only; use %q.", ssoType, ssoTypeSAML2))
	}
	switch identity {
	case "":
		identity = identityTypeApplication
	case identityTypeApplication, identityTypeAgent:
	default:
		return nil, errEiamInvalidParam("ApplicationIdentityType", fmt.Sprintf("it must be %q or %q.", identityTypeApplication, identityTypeAgent))
	}
	if err := s.checkOwners(ownerUsers, ownerGroups); err != nil {
		return nil, err
	}
	customFields, err := readCustomFields(fields)
	if err != nil {
		return nil, err
	}
	st := s.eiam()
	a := &eiamApplication{
		ApplicationID:           s.newEiamID("app_"),
		ApplicationName:         name,
		Description:             desc,
		LogoURL:                 logo,
		ApplicationSourceType:   source,
		ApplicationTemplateID:   templateID,
		ApplicationIdentityType: identity,
		SsoType:                 ssoType,
		Status:                  eiamDisabled,
		SsoStatus:               eiamDisabled,
		AuthorizationType:       authorizeRequired,
		OwnerUserIDs:            ownerUsers,
		OwnerGroupIDs:           ownerGroups,
		CustomFields:            customFields,
		TemplateParams:          map[string]string{},
		CreateTime:              c.now,
		UpdateTime:              c.now,
	}
	a.SsoConfig.IdPEntityID = st.idpEntityID(a.ApplicationID)
	a.SsoConfig.fillDefaults(t)
	if err := a.newSigningKey(c.freshKey, c.now); err != nil {
		return nil, err
	}
	st.Applications = append(st.Applications, a)
	return obj{"ApplicationId": a.ApplicationID}, nil
}

func readCustomFields(fields []Params) ([]eiamField, *APIError) {
	var out []eiamField
	for i, f := range fields {
		if f.Get("FieldName") == "" {
			return nil, errMissingParam(fmt.Sprintf("CustomFields.%d.FieldName", i+1))
		}
		out = append(out, eiamField{FieldName: f.Get("FieldName"), FieldValue: f.Get("FieldValue")})
	}
	return out, nil
}

func (s *Server) eiamGetApplication(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	return obj{"Application": s.applicationJSON(a)}, nil
}

// eiamListApplications lists applications, oldest first (the order is
// UNCONFIRMED). ApplicationName matches a prefix ("left match").
func (s *Server) eiamListApplications(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	name := c.optional("ApplicationName")
	ids := c.list("ApplicationIds")
	status := c.optional("Status")
	ssoTypes := splitList(c.optional("SsoType"))
	authz := c.optional("AuthorizationType")
	templateID := c.optional("ApplicationTemplateId")
	creation := c.optional("ApplicationCreationType")
	identity := c.optional("ApplicationIdentityType")
	var matched []*eiamApplication
	for _, a := range s.eiam().Applications {
		switch {
		case !s.visible(consistencyApplication, a.CreateTime, c.now),
			name != "" && !strings.HasPrefix(a.ApplicationName, name),
			len(ids) > 0 && !slices.Contains(ids, a.ApplicationID),
			status != "" && a.Status != status,
			len(ssoTypes) > 0 && !slices.Contains(ssoTypes, a.SsoType),
			authz != "" && a.AuthorizationType != authz,
			templateID != "" && a.ApplicationTemplateID != templateID,
			creation != "" && creation != "all" && creation != creationTypeUserCustom,
			identity != "all" && a.ApplicationIdentityType != orDefault(identity, identityTypeApplication):
			continue
		}
		matched = append(matched, a)
	}
	return obj{
		"TotalCount":   len(matched),
		"Applications": listOf(pageOf(matched, number, size), s.applicationListJSON),
	}, nil
}

// orDefault returns v, or def when v is "".
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func (s *Server) eiamDeleteApplication(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	if a.Status == eiamEnabled {
		return nil, errEiamApplicationEnabled(a.ApplicationID)
	}
	st := s.eiam()
	st.Applications = remove(st.Applications, a)
	st.ApplicationAccounts = slices.DeleteFunc(st.ApplicationAccounts, func(acc *eiamApplicationAccount) bool { return acc.ApplicationID == a.ApplicationID })
	return obj{}, nil
}

// setApplication runs a change on the application the call names and
// stamps its UpdateTime.
func (s *Server) setApplication(c *call, change func(a *eiamApplication)) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	change(a)
	a.UpdateTime = c.now
	return obj{}, nil
}

func (s *Server) eiamEnableApplication(c *call) (obj, error) {
	return s.setApplication(c, func(a *eiamApplication) { a.Status = eiamEnabled })
}

func (s *Server) eiamDisableApplication(c *call) (obj, error) {
	return s.setApplication(c, func(a *eiamApplication) { a.Status = eiamDisabled })
}

func (s *Server) eiamEnableApplicationSso(c *call) (obj, error) {
	return s.setApplication(c, func(a *eiamApplication) { a.SsoStatus = eiamEnabled })
}

func (s *Server) eiamDisableApplicationSso(c *call) (obj, error) {
	return s.setApplication(c, func(a *eiamApplication) { a.SsoStatus = eiamDisabled })
}

func (s *Server) eiamUpdateApplicationDescription(c *call) (obj, error) {
	desc := c.optional("Description")
	if err := checkApplicationDescription(desc); err != nil {
		return nil, err
	}
	return s.setApplication(c, func(a *eiamApplication) { a.Description = desc })
}

func (s *Server) eiamUpdateApplicationAuthorizationType(c *call) (obj, error) {
	t := c.required("AuthorizationType")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if t != authorizeRequired && t != authorizeAll {
		return nil, errEiamInvalidParam("AuthorizationType", fmt.Sprintf("it must be %q or %q.", authorizeRequired, authorizeAll))
	}
	return s.setApplication(c, func(a *eiamApplication) { a.AuthorizationType = t })
}

// eiamUpdateApplicationInfo changes the fields it is sent. A custom field
// with Operation "delete" is removed; otherwise it is set (the Operation
// values are UNCONFIRMED).
func (s *Server) eiamUpdateApplicationInfo(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	name, hasName := c.optional("ApplicationName"), c.has("ApplicationName")
	visibility := c.list("ApplicationVisibility")
	ownerUsers := c.list("ApplicationOwner.UserIds")
	ownerGroups := c.list("ApplicationOwner.GroupIds")
	hasOwner := len(c.params.Sub("ApplicationOwner")) > 0
	fields := c.structList("CustomFields")
	if hasName {
		if err := checkApplicationName("ApplicationName", name); err != nil {
			return nil, err
		}
	}
	if err := s.checkOwners(ownerUsers, ownerGroups); err != nil {
		return nil, err
	}
	updates, ferr := readCustomFields(fields)
	if ferr != nil {
		return nil, ferr
	}
	if hasName {
		a.ApplicationName = name
	}
	if c.has("LogoUrl") {
		a.LogoURL = c.optional("LogoUrl")
	}
	if len(visibility) > 0 {
		a.ApplicationVisibility = visibility
	}
	if hasOwner {
		a.OwnerUserIDs, a.OwnerGroupIDs = ownerUsers, ownerGroups
	}
	for i, f := range updates {
		a.CustomFields = slices.DeleteFunc(a.CustomFields, func(old eiamField) bool { return old.FieldName == f.FieldName })
		if !strings.EqualFold(fields[i].Get("Operation"), "delete") {
			a.CustomFields = append(a.CustomFields, f)
		}
	}
	a.UpdateTime = c.now
	return obj{}, nil
}

func (s *Server) eiamGetApplicationTemplate(c *call) (obj, error) {
	id := c.required("ApplicationTemplateId")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	t := lookupTemplate(id)
	if t == nil {
		return nil, errEiamNotExists("ApplicationTemplate", id)
	}
	return obj{"ApplicationTemplate": obj{
		"ApplicationTemplateId":   t.ID,
		"ApplicationTemplateName": t.Name,
		"Description":             t.Description,
		"LogoUrl":                 "",
		"HelpDocumentUrl":         t.HelpURL,
		"CreateTime":              epochMillis(templateCreateTime),
		"UpdateTime":              epochMillis(templateCreateTime),
		"SaleInfo":                obj{"AlwaysFree": true},
		"ServiceManaged":          false,
		"ManagedServiceCode":      "",
		"ServiceConsoleUrl":       "",
		"SsoTypes":                []string{ssoTypeSAML2},
	}}, nil
}

// SSO configuration.

func (s *Server) eiamGetApplicationSsoConfig(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	cfg := a.SsoConfig
	base := baseURL(c.host)
	return obj{"ApplicationSsoConfig": obj{
		"SsoStatus":     a.SsoStatus,
		"InitLoginType": cfg.InitLoginType,
		"InitLoginUrl":  cfg.InitLoginURL,
		"SamlSsoConfig": obj{
			"SpEntityId":            cfg.SpEntityID,
			"SpSsoAcsUrl":           cfg.SpSsoAcsURL,
			"IdPEntityId":           cfg.IdPEntityID,
			"NameIdFormat":          cfg.NameIDFormat,
			"NameIdValueExpression": cfg.NameIDValueExpression,
			"AttributeStatements": listOf(cfg.AttributeStatements, func(at eiamAttribute) obj {
				return obj{"AttributeName": at.AttributeName, "AttributeValueExpression": at.AttributeValueExpression}
			}),
			"SignatureAlgorithm": cfg.SignatureAlgorithm,
			"ResponseSigned":     cfg.ResponseSigned,
			"AssertionSigned":    cfg.AssertionSigned,
			"DefaultRelayState":  cfg.DefaultRelayState,
			"OptionalRelayStates": listOf(cfg.OptionalRelayStates, func(r eiamRelayState) obj {
				return obj{"DisplayName": r.DisplayName, "RelayState": r.RelayState}
			}),
		},
		"ProtocolEndpointDomain": obj{
			"SamlMetaEndpoint": base + samlMetaURLPath(a.ApplicationID),
			"SamlSsoEndpoint":  base + samlSSOURLPath(a.ApplicationID),
		},
	}}, nil
}

func (s *Server) eiamSetApplicationSsoConfig(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	if len(c.params.Sub("OidcSsoConfig")) > 0 {
		return nil, errEiamInvalidParam("OidcSsoConfig", "the application's SsoType is saml2; send SamlSsoConfig.")
	}
	cfg := a.SsoConfig
	set := func(param string, field *string) {
		if c.has(param) {
			*field = c.optional(param)
		}
	}
	set("InitLoginType", &cfg.InitLoginType)
	set("InitLoginUrl", &cfg.InitLoginURL)
	set("SamlSsoConfig.SpEntityId", &cfg.SpEntityID)
	set("SamlSsoConfig.SpSsoAcsUrl", &cfg.SpSsoAcsURL)
	set("SamlSsoConfig.IdPEntityId", &cfg.IdPEntityID)
	set("SamlSsoConfig.NameIdFormat", &cfg.NameIDFormat)
	set("SamlSsoConfig.NameIdValueExpression", &cfg.NameIDValueExpression)
	set("SamlSsoConfig.SignatureAlgorithm", &cfg.SignatureAlgorithm)
	set("SamlSsoConfig.DefaultRelayState", &cfg.DefaultRelayState)
	if c.has("SamlSsoConfig.ResponseSigned") {
		cfg.ResponseSigned = c.bool("SamlSsoConfig.ResponseSigned")
	}
	if c.has("SamlSsoConfig.AssertionSigned") {
		cfg.AssertionSigned = c.bool("SamlSsoConfig.AssertionSigned")
	}
	if attrs := c.structList("SamlSsoConfig.AttributeStatements"); len(attrs) > 0 {
		cfg.AttributeStatements = nil
		for _, at := range attrs {
			cfg.AttributeStatements = append(cfg.AttributeStatements, eiamAttribute{AttributeName: at.Get("AttributeName"), AttributeValueExpression: at.Get("AttributeValueExpression")})
		}
	}
	if states := c.structList("SamlSsoConfig.OptionalRelayStates"); len(states) > 0 {
		cfg.OptionalRelayStates = nil
		for _, r := range states {
			cfg.OptionalRelayStates = append(cfg.OptionalRelayStates, eiamRelayState{DisplayName: r.Get("DisplayName"), RelayState: r.Get("RelayState")})
		}
	}
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	a.SsoConfig = cfg
	a.UpdateTime = c.now
	return obj{}, nil
}

// check applies the SetApplicationSsoConfig rules to a whole
// configuration.
func (cfg *eiamSSOConfig) check() *APIError {
	switch cfg.InitLoginType {
	case initLoginIdP:
	case initLoginApp:
		if cfg.InitLoginURL == "" {
			return errEiamInvalidParam("InitLoginUrl", "a SAML application with InitLoginType only_app_init_sso needs InitLoginUrl.")
		}
	default:
		return errEiamInvalidParam("InitLoginType", fmt.Sprintf("it must be %q or %q.", initLoginIdP, initLoginApp))
	}
	if cfg.InitLoginURL != "" && !isAbsoluteURL(cfg.InitLoginURL) {
		return errEiamInvalidParam("InitLoginUrl", "it must be an absolute URL.")
	}
	if cfg.SpSsoAcsURL != "" && !isAbsoluteURL(cfg.SpSsoAcsURL) {
		return errEiamInvalidParam("SamlSsoConfig.SpSsoAcsUrl", "it must be an absolute URL, such as https://signin.alibabacloud.com/saml-role/sso.")
	}
	if cfg.IdPEntityID == "" {
		return errEiamInvalidParam("SamlSsoConfig.IdPEntityId", "it must not be empty.")
	}
	if !slices.Contains(samlNameIDFormats, cfg.NameIDFormat) {
		return errEiamInvalidParam("SamlSsoConfig.NameIdFormat", "it must be one of "+strings.Join(samlNameIDFormats, ", ")+".")
	}
	if err := checkExpression("SamlSsoConfig.NameIdValueExpression", cfg.NameIDValueExpression); err != nil {
		return err
	}
	if cfg.SignatureAlgorithm != signatureRSASHA256 {
		return errEiamInvalidParam("SamlSsoConfig.SignatureAlgorithm", "the emulated IdP signs with "+signatureRSASHA256+" only.")
	}
	if !cfg.ResponseSigned && !cfg.AssertionSigned {
		return errEiamInvalidParam("SamlSsoConfig.ResponseSigned", "ResponseSigned and AssertionSigned must not both be false.")
	}
	for i, at := range cfg.AttributeStatements {
		param := fmt.Sprintf("SamlSsoConfig.AttributeStatements.%d", i+1)
		if at.AttributeName == "" {
			return errEiamInvalidParam(param+".AttributeName", "it must not be empty.")
		}
		if err := checkExpression(param+".AttributeValueExpression", at.AttributeValueExpression); err != nil {
			return err
		}
	}
	if len(cfg.OptionalRelayStates) > 0 && cfg.DefaultRelayState == "" {
		return errEiamInvalidParam("SamlSsoConfig.OptionalRelayStates", "set DefaultRelayState before optional relay states.")
	}
	return nil
}

func isAbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// eiamUpdateApplicationSsoFormParams sets SSO form parameters of a
// template application, such as the role-based SSO template's account ID
// and IdP name. No API reads them back.
func (s *Server) eiamUpdateApplicationSsoFormParams(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	params := c.structList("ApplicationTemplateParams")
	if len(params) == 0 {
		return nil, errMissingParam("ApplicationTemplateParams")
	}
	t := lookupTemplate(a.ApplicationTemplateID)
	if t == nil {
		return nil, errEiamInvalidParam("ApplicationTemplateParams", "the application was not created from a template; SSO form parameters belong to template applications.")
	}
	updates := map[string]string{}
	for i, p := range params {
		name, value := p.Get("TemplateParamName"), p.Get("TemplateParamValue")
		if name == "" {
			return nil, errMissingParam(fmt.Sprintf("ApplicationTemplateParams.%d.TemplateParamName", i+1))
		}
		rule := t.Params[name]
		if rule == nil {
			return nil, errEiamInvalidParam("ApplicationTemplateParams", fmt.Sprintf("template %s has no SSO form parameter %q; its parameters are %s.", t.ID, name, strings.Join(sortedKeys(t.Params), ", ")))
		}
		if err := rule(value); err != nil {
			return nil, errEiamInvalidParam("ApplicationTemplateParams", fmt.Sprintf("%s: %v", name, err))
		}
		updates[name] = value
	}
	for k, v := range updates {
		a.TemplateParams[k] = v
	}
	a.UpdateTime = c.now
	return obj{}, nil
}
