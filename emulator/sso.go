// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/expression"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// The IdP side of an EIAM SAML application, served over plain HTTP as IDaaS
// serves it (step 5 of the console procedure):
//
//   - GET /api/v2/<app_id>/saml2/meta, the SamlMetaEndpoint: the IdP
//     metadata, an EntityDescriptor with the application's signing
//     certificate. No signature, no credentials; 404 for an unknown
//     application.
//
//   - GET or POST /login/app/<app_id>/saml2/sso?username=<u> (or
//     user_id=<id>), the SamlSsoEndpoint: an EMULATED IdP-initiated
//     sign-in. There is no browser session and no password: naming the
//     user is the login. The application must be enabled with SSO enabled
//     and InitLoginType idaas_or_app_init_sso, and the user enabled and
//     authorized. The answer is what IDaaS sends the browser: an HTML page
//     that posts SAMLResponse (Base64) and RelayState to the SP's ACS URL.
//     With "Accept: application/json" it is
//     {"SAMLResponse": "...", "Destination": "<ACS URL>", "RelayState": "..."}
//     instead, for tests and the demo. A failure answers the status and
//     code of signInError, as JSON {"Code", "Message"} or an HTML page.
//
// The response follows the application's SAML SSO configuration: NameID
// from NameIdValueExpression in NameIdFormat, audience SpEntityId,
// recipient and destination SpSsoAcsUrl, issuer IdPEntityId, the
// signatures asked for. For a role-based SSO template it carries one Role
// attribute value per application account of the user,
// "acs:ram::<aliyunUid>:role/<account name>,acs:ram::<aliyunUid>:saml-provider/<IdP name>",
// from the SSO form parameters. RoleSessionName is the value of an
// attribute statement of that name, else the username (UNCONFIRMED,
// FACTS.md); a SessionDuration attribute statement is sent too.
// SIMPLIFICATION: other attribute statements are stored but not sent.

const (
	samlMetaPath = "/api/v2/{appID}/saml2/meta"
	samlSSOPath  = "/login/app/{appID}/saml2/sso"
	// maxSignInForm bounds the form of a sign-in POST.
	maxSignInForm = 64 << 10
)

func samlMetaURLPath(appID string) string { return "/api/v2/" + appID + "/saml2/meta" }
func samlSSOURLPath(appID string) string  { return "/login/app/" + appID + "/saml2/sso" }

func (s *Server) serveSAMLMetadata(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("appID")
	rec := CallRecord{RequestID: newRequestID(), Time: s.now(), Product: productEiam, Action: "IdPMetadata", Params: map[string]string{"ApplicationId": id}}
	s.mu.Lock()
	var (
		key      *samlsso.Key
		entityID string
		err      error
	)
	a := s.visibleApplication(id, s.now())
	var ssoServiceURL string
	if a != nil {
		entityID = a.SsoConfig.IdPEntityID
		key, err = a.signingKey()
		// The metadata names the sign-in service on the instance's IDaaS
		// domain, as IDaaS does, not at the address the emulator listens
		// on: the document must not change when a state saved on one port
		// is loaded on another, or it would no longer equal what a SAML
		// provider was made from. RAM does not use this URL.
		ssoServiceURL = "https://" + s.eiam().initDomain() + samlSSOURLPath(id)
	}
	s.mu.Unlock()
	defer func() { s.logCall(rec) }()
	if a == nil {
		rec.Status = http.StatusNotFound
		http.Error(w, "No application "+strconv.Quote(id)+" in this IDaaS instance.", rec.Status)
		return
	}
	var doc []byte
	if err == nil {
		doc, err = samlsso.IdPMetadata(entityID, ssoServiceURL, key)
	}
	if err != nil {
		rec.Status = http.StatusInternalServerError
		http.Error(w, "The IdP metadata could not be made: "+err.Error(), rec.Status)
		return
	}
	rec.Status = http.StatusOK
	// The content type IDaaS serves is UNCONFIRMED.
	w.Header().Set("Content-Type", "application/xml;charset=utf-8")
	writeBody(w, doc)
}

// signInError is a failed emulated sign-in: the emulator's own contract,
// since IDaaS shows the browser an error page.
type signInError struct {
	Status  int
	Code    string
	Message string
}

func signInFail(status int, code, format string, args ...any) *signInError {
	return &signInError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// signIn is a sign-in that passed every check: what the response says.
type signIn struct {
	params     samlsso.ResponseParams
	relayState string
}

func (s *Server) serveSAMLSignIn(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("appID")
	rec := CallRecord{RequestID: newRequestID(), Time: s.now(), Product: productEiam, Action: "SignIn", Params: map[string]string{"ApplicationId": id}}
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	fail := func(e *signInError) {
		rec.Status, rec.Code = e.Status, e.Code
		s.logCall(rec)
		writeSignInError(w, e, wantJSON)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		fail(signInFail(http.StatusMethodNotAllowed, "MethodNotAllowed", "Use GET or POST."))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSignInForm)
	if err := r.ParseForm(); err != nil {
		fail(signInFail(http.StatusBadRequest, "InvalidRequest", "The form could not be read: %v", err))
		return
	}
	username, userID := r.Form.Get("username"), r.Form.Get("user_id")
	rec.Params["username"], rec.Params["user_id"] = username, userID

	s.mu.Lock()
	plan, ferr := s.planSignIn(id, username, userID, s.now())
	s.mu.Unlock()
	if ferr != nil {
		fail(ferr)
		return
	}
	raw, err := samlsso.IssueResponse(plan.params)
	if err != nil {
		fail(signInFail(http.StatusInternalServerError, "InternalError", "The SAML response could not be made: %v", err))
		return
	}
	out := signInResult{
		SAMLResponse: base64.StdEncoding.EncodeToString(raw),
		Destination:  plan.params.Site.ACSURL,
		RelayState:   plan.relayState,
	}
	rec.Status = http.StatusOK
	s.logCall(rec)
	if wantJSON {
		writeJSON(w, http.StatusOK, out)
		return
	}
	w.Header().Set("Content-Type", "text/html;charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := signInPage.Execute(w, out); err != nil {
		s.logf("emulator: sign-in page: %v", err)
	}
}

// signInResult is the JSON answer of a sign-in, and the data of its page.
type signInResult struct {
	SAMLResponse string `json:"SAMLResponse"`
	Destination  string `json:"Destination"`
	RelayState   string `json:"RelayState,omitempty"`
}

// signInPage posts the response to the SP, as IDaaS's page does.
var signInPage = template.Must(template.New("signin").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Signing in</title></head>
<body onload="document.forms[0].submit()">
<p>Emulated IDaaS sign-in: posting the SAML response to {{.Destination}}.</p>
<form method="post" action="{{.Destination}}">
<input type="hidden" name="SAMLResponse" value="{{.SAMLResponse}}">
{{- if .RelayState}}
<input type="hidden" name="RelayState" value="{{.RelayState}}">
{{- end}}
<noscript><button type="submit">Continue</button></noscript>
</form>
</body></html>
`))

var signInErrorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign-in failed</title></head>
<body><h1>Sign-in failed: {{.Code}}</h1><p>{{.Message}}</p></body></html>
`))

func writeSignInError(w http.ResponseWriter, e *signInError, wantJSON bool) {
	if wantJSON {
		writeJSON(w, e.Status, map[string]string{"Code": e.Code, "Message": e.Message})
		return
	}
	w.Header().Set("Content-Type", "text/html;charset=utf-8")
	w.WriteHeader(e.Status)
	// Only a failed write can fail: the client hung up; nothing to do.
	_ = signInErrorPage.Execute(w, e)
}

// planSignIn checks that the user may sign in to the application and
// gathers what the response says. The caller holds s.mu.
func (s *Server) planSignIn(appID, username, userID string, now time.Time) (*signIn, *signInError) {
	st := s.eiam()
	a := s.visibleApplication(appID, now)
	if a == nil {
		return nil, signInFail(http.StatusNotFound, "ApplicationNotFound", "No application %q in this IDaaS instance.", appID)
	}
	var u *eiamUser
	who := userID
	switch {
	case userID != "":
		u = st.user(userID)
	case username != "":
		u, who = st.userByName(username), username
	default:
		return nil, signInFail(http.StatusBadRequest, "MissingUser", "Name the user who signs in with the username or user_id parameter: this emulated sign-in has no login page.")
	}
	cfg := a.SsoConfig
	switch {
	case u == nil:
		return nil, signInFail(http.StatusNotFound, "UserNotFound", "No user %q in this IDaaS instance.", who)
	case a.Status != eiamEnabled:
		return nil, signInFail(http.StatusForbidden, "ApplicationDisabled", "The application %s is disabled; enable it with EnableApplication.", appID)
	case a.SsoStatus != eiamEnabled:
		return nil, signInFail(http.StatusForbidden, "SsoDisabled", "SSO of the application %s is disabled; enable it with EnableApplicationSso.", appID)
	case cfg.InitLoginType != initLoginIdP:
		return nil, signInFail(http.StatusForbidden, "IdPInitiatedSsoDisabled", "The application %s allows only application-initiated SSO (InitLoginType %s).", appID, cfg.InitLoginType)
	case u.Status != eiamEnabled:
		return nil, signInFail(http.StatusForbidden, "UserDisabled", "The user %s is disabled.", u.Username)
	case !st.authorized(a, u):
		return nil, signInFail(http.StatusForbidden, "UserNotAuthorized", "The user %s may not use the application %s: authorize the user or one of its groups, or set AuthorizationType default_all.", u.Username, appID)
	case cfg.SpEntityID == "" || cfg.SpSsoAcsURL == "":
		return nil, signInFail(http.StatusBadRequest, "SsoConfigIncomplete", "The application %s has no service provider: set SamlSsoConfig.SpEntityId and SpSsoAcsUrl with SetApplicationSsoConfig.", appID)
	}
	key, err := a.signingKey()
	if err != nil {
		return nil, signInFail(http.StatusInternalServerError, "InternalError", "The application's signing key is not usable: %v", err)
	}
	env := s.expressionEnv(u)
	nameID := parseStored(cfg.NameIDValueExpression).Eval(env)
	if nameID == "" {
		return nil, signInFail(http.StatusBadRequest, "NameIdEmpty", "The NameID expression %s is empty for the user %s.", cfg.NameIDValueExpression, u.Username)
	}
	plan := &signIn{relayState: cfg.DefaultRelayState, params: samlsso.ResponseParams{
		Key:             key,
		IssuerEntityID:  cfg.IdPEntityID,
		Site:            spSite(cfg),
		NameID:          nameID,
		NameIDFormat:    cfg.NameIDFormat,
		RoleSessionName: u.Username,
		Now:             now,
		SignResponse:    cfg.ResponseSigned,
		SignAssertion:   cfg.AssertionSigned,
	}}
	for _, at := range cfg.AttributeStatements {
		e := parseStored(at.AttributeValueExpression)
		v := e.Eval(env)
		switch at.AttributeName {
		case facts.RoleAttributeName:
			plan.params.Roles = s.perAccountValues(e, a.ApplicationID, u.UserID, env, now)
		case facts.RoleSessionNameAttributeName:
			plan.params.RoleSessionName = v
		case facts.SessionDurationAttributeName:
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return nil, signInFail(http.StatusBadRequest, "AttributeInvalid", "The SessionDuration attribute expression %s gives %q, not a number of seconds.", at.AttributeValueExpression, v)
			}
			plan.params.SessionDuration = time.Duration(n) * time.Second
		}
	}
	if t := lookupTemplate(a.ApplicationTemplateID); t != nil && t.Site != nil {
		roles, ferr := s.roleAttributeValues(a, t, u, now)
		if ferr != nil {
			return nil, ferr
		}
		plan.params.Roles = roles
	}
	return plan, nil
}

// spSite is the service provider a configuration names: one of the
// Alibaba Cloud sites, or another SP.
func spSite(cfg eiamSSOConfig) facts.Site {
	site := facts.Site{Name: "custom"}
	for _, s := range facts.Sites {
		if s.ACSURL == cfg.SpSsoAcsURL {
			site = s
		}
	}
	site.SPEntityID, site.ACSURL = cfg.SpEntityID, cfg.SpSsoAcsURL
	return site
}

// roleAttributeValues are the Role attribute values of a role-based SSO
// application for a user: one per application account, from the SSO form
// parameters, sent as they are (RAM checks them, not IDaaS).
func (s *Server) roleAttributeValues(a *eiamApplication, t *eiamTemplate, u *eiamUser, now time.Time) ([]string, *signInError) {
	accountID := a.TemplateParams[t.AccountIDParam]
	idpName := a.TemplateParams[t.IdPNameParam]
	if accountID == "" || idpName == "" {
		return nil, signInFail(http.StatusBadRequest, "SsoConfigIncomplete", "The application %s lacks its SSO form parameters: set %s (the Alibaba Cloud account ID) and %s (the IdP name) with UpdateApplicationSsoFormParams.", a.ApplicationID, t.AccountIDParam, t.IdPNameParam)
	}
	var values []string
	for _, acc := range s.visibleAccounts(a.ApplicationID, u.UserID, now) {
		v := rules.RoleARN(accountID, acc.ApplicationUsername) + "," + rules.SAMLProviderARN(accountID, idpName)
		if !slices.Contains(values, v) {
			values = append(values, v)
		}
	}
	return values, nil
}

// parseStored parses a stored value expression. SetApplicationSsoConfig
// refuses one that does not parse; should one be stored anyway, it is the
// constant "", so that its attribute is empty as before.
func parseStored(src string) *expression.Expr {
	e, err := expression.Parse(src)
	if err != nil {
		e, _ = expression.Parse(`""`)
	}
	return e
}

// perAccountValues evaluates the expression of a multi-valued attribute
// (the Role attribute of a standard SAML application): once per
// application account of the user when it reads appUser, else once.
// Empty values are left out. How IDaaS treats a user with several
// accounts here is UNCONFIRMED (FACTS.md, "Not known"); one value per
// account is what the role-based SSO template sends.
func (s *Server) perAccountValues(e *expression.Expr, appID, userID string, env expression.Env, now time.Time) []string {
	envs := []expression.Env{env}
	if e.UsesAppUser() {
		envs = envs[:0]
		for _, acc := range s.visibleAccounts(appID, userID, now) {
			envs = append(envs, expression.Env{User: env.User, AppUser: map[string]any{"username": acc.ApplicationUsername}})
		}
	}
	var values []string
	for _, env := range envs {
		if v := e.Eval(env); v != "" && !slices.Contains(values, v) {
			values = append(values, v)
		}
	}
	return values
}

// expressionEnv is the User model of u as expressions read it (FACTS.md,
// "Attribute expressions"), with its groups and organizational units.
// AppUser is nil: it is set per application account where one is read.
func (s *Server) expressionEnv(u *eiamUser) expression.Env {
	st := s.eiam()
	var groups, units []any
	for _, g := range st.Groups {
		if slices.Contains(g.UserIDs, u.UserID) {
			groups = append(groups, map[string]any{"groupId": g.GroupID, "groupName": g.GroupName, "groupExternalId": g.GroupExternalID})
		}
	}
	for _, id := range u.OrganizationalUnitIDs {
		if ou := st.ou(id); ou != nil {
			units = append(units, map[string]any{"organizationalUnitId": ou.OrganizationalUnitID, "organizationalUnitName": ou.OrganizationalUnitName})
		}
	}
	return expression.Env{User: map[string]any{
		"userId": u.UserID, "username": u.Username, "displayName": u.DisplayName, "email": u.Email,
		"phoneNumber": u.PhoneNumber, "phoneRegion": u.PhoneRegion, "userExternalId": u.UserExternalID,
		"status": u.Status, "description": u.Description, "primaryOrganizationalUnitId": u.PrimaryOrganizationalUnitID,
		"organizationalUnits": units, "groups": groups, "customFields": []any{}, "customFieldMap": map[string]any{},
	}}
}
