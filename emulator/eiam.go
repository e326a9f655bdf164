// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
)

// Eiam 2021-12-01: the IDaaS EIAM instance, its users, groups and
// applications, application accounts and SSO configuration (FACTS.md).
// Request parameters, field names and nesting follow the SDK models of
// alibabacloud-go/eiam-20211201; lists are plain arrays with TotalCount, and
// times are epoch milliseconds. The files:
//
//   - eiam.go: the product, its state, IDs, templates and pagination.
//   - eiam_apps.go: applications, templates, SSO configuration.
//   - eiam_directory.go: the instance, organizational units, users, groups,
//     authorization and application accounts.
//   - eiam_groups_app.go: ListGroupsForApplication.
//   - sso.go: the IdP metadata URL and the emulated sign-in endpoint.
//   - sso_sts.go: Sts AssumeRoleWithSAML.
//
// There is one instance, as a fresh purchase has: no API creates one. Its ID
// and root organizational unit ID derive from the account ID, so they are
// the same after a restart or a reset. Users arrive by CreateUser or the
// -load file, as a directory sync would bring them.

const productEiam = "Eiam"

// Consistency kinds of EIAM.
const (
	consistencyApplication        = "Eiam.Application"
	consistencyApplicationAccount = "Eiam.ApplicationAccount"
)

// Statuses and enumerations (SDK models).
const (
	eiamEnabled  = "enabled"
	eiamDisabled = "disabled"

	sourceTemplate = "urn:alibaba:idaas:app:source:template"
	sourceStandard = "urn:alibaba:idaas:app:source:standard"

	ssoTypeSAML2 = "saml2"

	authorizeRequired = "authorize_required"
	authorizeAll      = "default_all"

	identityTypeApplication = "application"
	identityTypeAgent       = "agent"

	creationTypeUserCustom = "user_custom"
	userSourceBuildIn      = "build_in"
)

// Page limits of PageNumber/PageSize and NextToken/MaxResults lists:
// PageNumber defaults to 1 and PageSize to 20 (API metadata of
// ListApplications); PageSize and MaxResults are at most 100 (ListUsers and
// ListBrands docs). The maximum of the other lists is UNCONFIRMED and taken
// to be the same.
const (
	defaultPageSize = 20
	maxPageSize     = 100
	// maxIDsPerCall bounds UserIds and GroupIds of the authorization and
	// group calls ("up to 100", SDK docs).
	maxIDsPerCall = 100
)

// Name limits. Username: letters, digits and "_.@-", up to 256 characters;
// DisplayName up to 128; user Description up to 256; GroupName up to 64;
// group Description up to 256; application Description up to 128 (SDK
// docs and API metadata). The ApplicationName limit of 64 is UNCONFIRMED
// (the ListApplications filter is 64 long).
const (
	maxUsernameLength        = 256
	maxDisplayNameLength     = 128
	maxUserDescriptionLength = 256
	maxGroupNameLength       = 64
	maxGroupExternalIDLength = 64 // sdk:eiam CreateGroupRequest
	maxGroupDescription      = 256
	maxApplicationName       = 64
	maxApplicationDesc       = 128
	// maxApplicationUsername is UNCONFIRMED (FACTS.md): no
	// source gives the ApplicationUsername rule, so the emulator is
	// permissive: 1 to 256 characters, none a control character.
	maxApplicationUsername = 256
)

func init() {
	registerProduct(productSpec{
		Name:     productEiam,
		Version:  "2021-12-01",
		HostID:   "eiam.cn-hangzhou.aliyuncs.com",
		NewState: func(s *Server) any { return newEiamState(s.accountID, s.now()) },
		Install:  (*Server).installEiam,
	})
	registerConsistencyKind(consistencyApplication, "a new application is invisible to every Eiam call naming it, to ListApplications, its metadata URL and its sign-in endpoint")
	registerConsistencyKind(consistencyApplicationAccount, "a new application account is invisible to ListApplicationAccounts, ListApplicationAccountsForUser, RemoveApplicationAccountFromUser and the sign-in")
}

func (s *Server) installEiam() {
	for _, a := range []struct {
		name string
		opts actionOpts
		h    handlerFunc
	}{
		{"ListInstances", readAction, s.eiamListInstances},
		{"GetInstance", readAction, s.eiamGetInstance},
		{"GetRootOrganizationalUnit", readAction, s.eiamGetRootOrganizationalUnit},
		{"CreateApplication", keyedWriteAction, s.eiamCreateApplication},
		{"GetApplication", readAction, s.eiamGetApplication},
		{"ListApplications", readAction, s.eiamListApplications},
		{"DeleteApplication", writeAction, s.eiamDeleteApplication},
		{"EnableApplication", writeAction, s.eiamEnableApplication},
		{"DisableApplication", writeAction, s.eiamDisableApplication},
		{"UpdateApplicationInfo", writeAction, s.eiamUpdateApplicationInfo},
		{"UpdateApplicationDescription", writeAction, s.eiamUpdateApplicationDescription},
		{"UpdateApplicationAuthorizationType", writeAction, s.eiamUpdateApplicationAuthorizationType},
		{"GetApplicationTemplate", readAction, s.eiamGetApplicationTemplate},
		{"SetApplicationSsoConfig", writeAction, s.eiamSetApplicationSsoConfig},
		{"GetApplicationSsoConfig", readAction, s.eiamGetApplicationSsoConfig},
		{"EnableApplicationSso", writeAction, s.eiamEnableApplicationSso},
		{"DisableApplicationSso", writeAction, s.eiamDisableApplicationSso},
		{"UpdateApplicationSsoFormParams", writeAction, s.eiamUpdateApplicationSsoFormParams},
		{"AuthorizeApplicationToUsers", writeAction, s.eiamAuthorizeApplicationToUsers},
		{"AuthorizeApplicationToGroups", writeAction, s.eiamAuthorizeApplicationToGroups},
		{"RevokeApplicationFromUsers", writeAction, s.eiamRevokeApplicationFromUsers},
		{"RevokeApplicationFromGroups", writeAction, s.eiamRevokeApplicationFromGroups},
		{"ListUsersForApplication", readAction, s.eiamListUsersForApplication},
		{"ListGroupsForApplication", readAction, s.eiamListGroupsForApplication},
		{"AddApplicationAccountToUser", writeAction, s.eiamAddApplicationAccountToUser},
		{"RemoveApplicationAccountFromUser", writeAction, s.eiamRemoveApplicationAccountFromUser},
		{"ListApplicationAccounts", readAction, s.eiamListApplicationAccounts},
		{"ListApplicationAccountsForUser", readAction, s.eiamListApplicationAccountsForUser},
		{"CreateUser", writeAction, s.eiamCreateUser},
		{"GetUser", readAction, s.eiamGetUser},
		{"ListUsers", readAction, s.eiamListUsers},
		{"CreateGroup", writeAction, s.eiamCreateGroup},
		{"ListGroups", readAction, s.eiamListGroups},
		{"GetGroup", readAction, s.eiamGetGroup},
		{"UpdateGroup", writeAction, s.eiamUpdateGroup},
		{"UpdateGroupDescription", writeAction, s.eiamUpdateGroupDescription},
		{"DeleteGroup", writeAction, s.eiamDeleteGroup},
		{"ListUsersForGroup", readAction, s.eiamListUsersForGroup},
		{"AddUsersToGroup", writeAction, s.eiamAddUsersToGroup},
		{"RemoveUsersFromGroup", writeAction, s.eiamRemoveUsersFromGroup},
	} {
		s.register(productEiam, a.name, a.opts, a.h)
	}
	// The sign-in's STS half lives with the rest of the sign-in (sso_sts.go);
	// every product exists before any Install runs, so it can join Sts here.
	s.register(productSts, "AssumeRoleWithSAML", anonymousWriteAction, s.stsAssumeRoleWithSAML)
	s.route("GET "+samlMetaPath, s.serveSAMLMetadata)
	s.route(samlSSOPath, s.serveSAMLSignIn)
}

// eiamState is the Eiam section of the state JSON. In a load file every
// field is optional; omitted IDs, dates and statuses are filled in, and a
// loaded application without a signing key gets a new one. A loaded user,
// application or SSO is enabled unless the file says otherwise, as in an
// existing setup; loaded IDs are derived from names, the same on every
// start.
type eiamState struct {
	Instance            *eiamInstance             `json:"Instance"`
	OrganizationalUnits []*eiamOrganizationalUnit `json:"OrganizationalUnits"`
	Users               []*eiamUser               `json:"Users"`
	Groups              []*eiamGroup              `json:"Groups"`
	Applications        []*eiamApplication        `json:"Applications"`
	ApplicationAccounts []*eiamApplicationAccount `json:"ApplicationAccounts"`
}

type eiamInstance struct {
	InstanceID  string    `json:"InstanceId"`
	Description string    `json:"Description"`
	CreateTime  time.Time `json:"CreateTime"`
}

type eiamOrganizationalUnit struct {
	OrganizationalUnitID   string `json:"OrganizationalUnitId"`
	OrganizationalUnitName string `json:"OrganizationalUnitName"`
	Description            string `json:"Description"`
	// ParentID is "" for the root.
	ParentID   string    `json:"ParentId"`
	CreateTime time.Time `json:"CreateTime"`
	UpdateTime time.Time `json:"UpdateTime"`
}

// eiamUser is an EIAM account. No password is kept: PasswordSet records
// whether one was given.
type eiamUser struct {
	UserID                      string   `json:"UserId"`
	Username                    string   `json:"Username"`
	DisplayName                 string   `json:"DisplayName"`
	Email                       string   `json:"Email"`
	EmailVerified               bool     `json:"EmailVerified"`
	PhoneRegion                 string   `json:"PhoneRegion"`
	PhoneNumber                 string   `json:"PhoneNumber"`
	PhoneNumberVerified         bool     `json:"PhoneNumberVerified"`
	Description                 string   `json:"Description"`
	Status                      string   `json:"Status"`
	UserExternalID              string   `json:"UserExternalId"`
	PrimaryOrganizationalUnitID string   `json:"PrimaryOrganizationalUnitId"`
	OrganizationalUnitIDs       []string `json:"OrganizationalUnitIds"`
	PasswordSet                 bool     `json:"PasswordSet"`
	// ClientToken is CreateUser's idempotence token.
	ClientToken string    `json:"ClientToken,omitempty"`
	CreateTime  time.Time `json:"CreateTime"`
	UpdateTime  time.Time `json:"UpdateTime"`
}

type eiamGroup struct {
	GroupID         string    `json:"GroupId"`
	GroupName       string    `json:"GroupName"`
	GroupExternalID string    `json:"GroupExternalId"`
	Description     string    `json:"Description"`
	UserIDs         []string  `json:"UserIds"`
	CreateTime      time.Time `json:"CreateTime"`
	UpdateTime      time.Time `json:"UpdateTime"`
}

// eiamApplication is an application with its SSO configuration,
// authorization and signing key.
type eiamApplication struct {
	ApplicationID           string        `json:"ApplicationId"`
	ApplicationName         string        `json:"ApplicationName"`
	Description             string        `json:"Description"`
	LogoURL                 string        `json:"LogoUrl"`
	ApplicationSourceType   string        `json:"ApplicationSourceType"`
	ApplicationTemplateID   string        `json:"ApplicationTemplateId"`
	ApplicationIdentityType string        `json:"ApplicationIdentityType"`
	SsoType                 string        `json:"SsoType"`
	Status                  string        `json:"Status"`
	SsoStatus               string        `json:"SsoStatus"`
	AuthorizationType       string        `json:"AuthorizationType"`
	ApplicationVisibility   []string      `json:"ApplicationVisibility"`
	OwnerUserIDs            []string      `json:"OwnerUserIds"`
	OwnerGroupIDs           []string      `json:"OwnerGroupIds"`
	CustomFields            []eiamField   `json:"CustomFields"`
	SsoConfig               eiamSSOConfig `json:"SsoConfig"`
	// TemplateParams are the SSO form parameters of a template application
	// (UpdateApplicationSsoFormParams). No API reads them back.
	TemplateParams map[string]string `json:"TemplateParams"`
	// AuthorizedUserIDs and AuthorizedGroupIDs are the explicit
	// authorizations (AuthorizationType authorize_required).
	AuthorizedUserIDs  []string `json:"AuthorizedUserIds"`
	AuthorizedGroupIDs []string `json:"AuthorizedGroupIds"`
	// SigningKeyPEM is the IdP signing key and certificate
	// (samlsso.Key.MarshalPEM), made at creation.
	SigningKeyPEM string    `json:"SigningKeyPEM"`
	CreateTime    time.Time `json:"CreateTime"`
	UpdateTime    time.Time `json:"UpdateTime"`

	key *samlsso.Key // SigningKeyPEM parsed, on first use
}

type eiamField struct {
	FieldName  string `json:"FieldName"`
	FieldValue string `json:"FieldValue"`
}

// eiamSSOConfig is an application's SAML SSO configuration, as
// SetApplicationSsoConfig sets it.
type eiamSSOConfig struct {
	InitLoginType         string           `json:"InitLoginType"`
	InitLoginURL          string           `json:"InitLoginUrl"`
	SpEntityID            string           `json:"SpEntityId"`
	SpSsoAcsURL           string           `json:"SpSsoAcsUrl"`
	IdPEntityID           string           `json:"IdPEntityId"`
	NameIDFormat          string           `json:"NameIdFormat"`
	NameIDValueExpression string           `json:"NameIdValueExpression"`
	AttributeStatements   []eiamAttribute  `json:"AttributeStatements"`
	SignatureAlgorithm    string           `json:"SignatureAlgorithm"`
	ResponseSigned        bool             `json:"ResponseSigned"`
	AssertionSigned       bool             `json:"AssertionSigned"`
	DefaultRelayState     string           `json:"DefaultRelayState"`
	OptionalRelayStates   []eiamRelayState `json:"OptionalRelayStates"`
}

type eiamAttribute struct {
	AttributeName            string `json:"AttributeName"`
	AttributeValueExpression string `json:"AttributeValueExpression"`
}

type eiamRelayState struct {
	DisplayName string `json:"DisplayName"`
	RelayState  string `json:"RelayState"`
}

type eiamApplicationAccount struct {
	ApplicationAccountID string    `json:"ApplicationAccountId"`
	ApplicationID        string    `json:"ApplicationId"`
	UserID               string    `json:"UserId"`
	ApplicationUsername  string    `json:"ApplicationUsername"`
	CreateTime           time.Time `json:"CreateTime"`
}

func (s *Server) eiam() *eiamState { return stateOf[*eiamState](s, productEiam) }

// newEiamState is a fresh account's EIAM: one running instance with its
// root organizational unit.
func newEiamState(accountID string, now time.Time) *eiamState {
	st := &eiamState{}
	st.ensureInstance(accountID, now)
	return st
}

func (st *eiamState) ensureInstance(accountID string, now time.Time) {
	if st.Instance == nil {
		st.Instance = &eiamInstance{}
	}
	if st.Instance.InstanceID == "" {
		st.Instance.InstanceID = stableEiamID("idaas_", "instance:"+accountID)
	}
	if st.Instance.CreateTime.IsZero() {
		st.Instance.CreateTime = now
	}
	if st.rootOU() == nil {
		st.OrganizationalUnits = append([]*eiamOrganizationalUnit{{
			OrganizationalUnitID:   stableEiamID("ou_", "root:"+st.Instance.InstanceID),
			OrganizationalUnitName: "root",
			CreateTime:             now,
			UpdateTime:             now,
		}}, st.OrganizationalUnits...)
	}
}

// normalize checks loaded objects and fills what a load file may omit.
func (st *eiamState) normalize(s *Server) error {
	now := s.now()
	st.ensureInstance(s.accountID, now)
	for i, ou := range st.OrganizationalUnits {
		if ou.OrganizationalUnitID == "" {
			ou.OrganizationalUnitID = stableEiamID("ou_", "ou:"+ou.OrganizationalUnitName+":"+ou.ParentID)
		}
		if ou.ParentID != "" && st.ou(ou.ParentID) == nil {
			return fmt.Errorf("organizational unit %q: parent %q does not exist", ou.OrganizationalUnitID, ou.ParentID)
		}
		if slices.ContainsFunc(st.OrganizationalUnits[:i], func(o *eiamOrganizationalUnit) bool { return o.OrganizationalUnitID == ou.OrganizationalUnitID }) {
			return fmt.Errorf("organizational unit ID %q appears twice", ou.OrganizationalUnitID)
		}
		fillDates(&ou.CreateTime, &ou.UpdateTime, now)
	}
	for i, u := range st.Users {
		if err := checkUsername(u.Username); err != nil {
			return fmt.Errorf("user %d %q: %s", i+1, u.Username, err.Message)
		}
		if u.UserID == "" {
			u.UserID = stableEiamID("user_", "user:"+st.Instance.InstanceID+":"+u.Username)
		}
		for _, other := range st.Users[:i] {
			if other.Username == u.Username || other.UserID == u.UserID {
				return fmt.Errorf("users %q and %q have the same username or user ID", other.Username, u.Username)
			}
		}
		if u.Status == "" {
			u.Status = eiamEnabled
		}
		if u.Status != eiamEnabled && u.Status != eiamDisabled {
			return fmt.Errorf("user %q: Status %q is not enabled or disabled", u.Username, u.Status)
		}
		if u.PrimaryOrganizationalUnitID == "" {
			u.PrimaryOrganizationalUnitID = st.rootOU().OrganizationalUnitID
		}
		if !slices.Contains(u.OrganizationalUnitIDs, u.PrimaryOrganizationalUnitID) {
			u.OrganizationalUnitIDs = append([]string{u.PrimaryOrganizationalUnitID}, u.OrganizationalUnitIDs...)
		}
		for _, id := range u.OrganizationalUnitIDs {
			if st.ou(id) == nil {
				return fmt.Errorf("user %q: organizational unit %q does not exist", u.Username, id)
			}
		}
		if u.UserExternalID == "" {
			u.UserExternalID = u.UserID
		}
		fillDates(&u.CreateTime, &u.UpdateTime, now)
	}
	for i, g := range st.Groups {
		if g.GroupName == "" || len([]rune(g.GroupName)) > maxGroupNameLength {
			return fmt.Errorf("group %d: GroupName must be 1 to %d characters", i+1, maxGroupNameLength)
		}
		if g.GroupID == "" {
			g.GroupID = stableEiamID("group_", "group:"+st.Instance.InstanceID+":"+g.GroupName)
		}
		if g.GroupExternalID == "" {
			g.GroupExternalID = g.GroupID
		}
		for _, id := range g.UserIDs {
			if st.user(id) == nil {
				return fmt.Errorf("group %q: member %q is not a user", g.GroupName, id)
			}
		}
		fillDates(&g.CreateTime, &g.UpdateTime, now)
	}
	for i, a := range st.Applications {
		if err := st.normalizeApplication(a, now, s.generateKey); err != nil {
			return fmt.Errorf("application %d %q: %w", i+1, a.ApplicationName, err)
		}
	}
	for i, acc := range st.ApplicationAccounts {
		if st.application(acc.ApplicationID) == nil || st.user(acc.UserID) == nil {
			return fmt.Errorf("application account %d: application %q or user %q does not exist", i+1, acc.ApplicationID, acc.UserID)
		}
		if err := checkApplicationUsername(acc.ApplicationUsername); err != nil {
			return fmt.Errorf("application account %d: %s", i+1, err.Message)
		}
		if acc.ApplicationAccountID == "" {
			acc.ApplicationAccountID = stableEiamID("aac_", fmt.Sprintf("account:%s:%s:%s:%d", acc.ApplicationID, acc.UserID, acc.ApplicationUsername, i))
		}
		if acc.CreateTime.IsZero() {
			acc.CreateTime = now
		}
	}
	return nil
}

// normalizeApplication checks a loaded application and fills what the load
// file omits. An application without a key gets one from generateKey.
func (st *eiamState) normalizeApplication(a *eiamApplication, now time.Time, generateKey func() (*rsa.PrivateKey, error)) error {
	if a.ApplicationName == "" {
		return fmt.Errorf("ApplicationName is required")
	}
	if a.ApplicationID == "" {
		a.ApplicationID = stableEiamID("app_", "app:"+st.Instance.InstanceID+":"+a.ApplicationName)
	}
	if a.ApplicationSourceType == "" {
		a.ApplicationSourceType = sourceStandard
		if a.ApplicationTemplateID != "" {
			a.ApplicationSourceType = sourceTemplate
		}
	}
	if a.ApplicationSourceType == sourceTemplate && lookupTemplate(a.ApplicationTemplateID) == nil {
		return fmt.Errorf("template %q is not one the emulator knows (%s)", a.ApplicationTemplateID, strings.Join(templateIDs(), ", "))
	}
	fillString(&a.SsoType, ssoTypeSAML2)
	if a.SsoType != ssoTypeSAML2 {
		return fmt.Errorf("SsoType %q: the emulator serves saml2 applications only", a.SsoType)
	}
	fillString(&a.ApplicationIdentityType, identityTypeApplication)
	fillString(&a.Status, eiamEnabled)
	fillString(&a.SsoStatus, eiamEnabled)
	fillString(&a.AuthorizationType, authorizeRequired)
	if a.TemplateParams == nil {
		a.TemplateParams = map[string]string{}
	}
	fillString(&a.SsoConfig.IdPEntityID, st.idpEntityID(a.ApplicationID))
	a.SsoConfig.fillDefaults(lookupTemplate(a.ApplicationTemplateID))
	fillDates(&a.CreateTime, &a.UpdateTime, now)
	if a.SigningKeyPEM == "" {
		private, err := generateKey()
		if err != nil {
			return err
		}
		if err := a.newSigningKey(private, now); err != nil {
			return err
		}
	} else if _, err := a.signingKey(); err != nil {
		return err
	}
	for _, id := range a.AuthorizedUserIDs {
		if st.user(id) == nil {
			return fmt.Errorf("authorized user %q does not exist", id)
		}
	}
	for _, id := range a.AuthorizedGroupIDs {
		if st.group(id) == nil {
			return fmt.Errorf("authorized group %q does not exist", id)
		}
	}
	return nil
}

func fillString(v *string, def string) {
	if *v == "" {
		*v = def
	}
}

// initDomain is the instance's IDaaS domain, as IDaaS gives every instance
// one under aliyunidaas.com. It names the instance in IdP entity IDs; the
// emulator's own URLs are where the endpoints are served.
func (st *eiamState) initDomain() string {
	label := strings.TrimPrefix(st.Instance.InstanceID, "idaas_")
	if len(label) > 8 {
		label = label[:8]
	}
	return label + ".aliyunidaas.com"
}

// idpEntityID is an application's default IdP entity ID, in the IDaaS
// style: its metadata URL on the instance's IDaaS domain. It does not
// depend on the emulator's address, so metadata uploaded to RAM stays
// valid when the emulator restarts on another port.
func (st *eiamState) idpEntityID(appID string) string {
	return "https://" + st.initDomain() + "/api/v2/" + appID + "/saml2/meta"
}

// Lookups. They ignore consistency delays; handlers use the visible*
// helpers below.

func (st *eiamState) rootOU() *eiamOrganizationalUnit {
	for _, ou := range st.OrganizationalUnits {
		if ou.ParentID == "" {
			return ou
		}
	}
	return nil
}

func (st *eiamState) ou(id string) *eiamOrganizationalUnit {
	for _, ou := range st.OrganizationalUnits {
		if ou.OrganizationalUnitID == id {
			return ou
		}
	}
	return nil
}

func (st *eiamState) user(id string) *eiamUser {
	for _, u := range st.Users {
		if u.UserID == id {
			return u
		}
	}
	return nil
}

func (st *eiamState) userByName(name string) *eiamUser {
	for _, u := range st.Users {
		if u.Username == name {
			return u
		}
	}
	return nil
}

func (st *eiamState) group(id string) *eiamGroup {
	for _, g := range st.Groups {
		if g.GroupID == id {
			return g
		}
	}
	return nil
}

func (st *eiamState) application(id string) *eiamApplication {
	for _, a := range st.Applications {
		if a.ApplicationID == id {
			return a
		}
	}
	return nil
}

// visibleApplication finds an application as a call sees it: a new one is
// absent while its consistency delay lasts.
func (s *Server) visibleApplication(id string, now time.Time) *eiamApplication {
	a := s.eiam().application(id)
	if a == nil || !s.visible(consistencyApplication, a.CreateTime, now) {
		return nil
	}
	return a
}

// visibleAccounts returns the visible application accounts of an
// application, of one user when userID is not "", oldest first.
func (s *Server) visibleAccounts(appID, userID string, now time.Time) []*eiamApplicationAccount {
	var out []*eiamApplicationAccount
	for _, acc := range s.eiam().ApplicationAccounts {
		if acc.ApplicationID == appID && (userID == "" || acc.UserID == userID) && s.visible(consistencyApplicationAccount, acc.CreateTime, now) {
			out = append(out, acc)
		}
	}
	return out
}

// checkInstance reads InstanceId and checks it names the instance.
func (s *Server) checkInstance(c *call) error {
	id := c.required("InstanceId")
	if err := c.paramErr(); err != nil {
		return err
	}
	if id != s.eiam().Instance.InstanceID {
		return errEiamNotExists("Instance", id)
	}
	return nil
}

// callApplication reads InstanceId and ApplicationId and finds the
// application.
func (s *Server) callApplication(c *call) (*eiamApplication, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	id := c.required("ApplicationId")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	a := s.visibleApplication(id, c.now)
	if a == nil {
		return nil, errEiamNotExists("Application", id)
	}
	return a, nil
}

// callApplicationUser finds the application and the user a call names.
func (s *Server) callApplicationUser(c *call) (*eiamApplication, *eiamUser, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.callUser(c)
	if err != nil {
		return nil, nil, err
	}
	return a, u, nil
}

// callUser reads UserId and finds the user.
func (s *Server) callUser(c *call) (*eiamUser, error) {
	id := c.required("UserId")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	u := s.eiam().user(id)
	if u == nil {
		return nil, errEiamNotExists("User", id)
	}
	return u, nil
}

// IDs. EIAM IDs are a prefix and 26 lowercase letters and digits
// (FACTS.md).

const eiamIDAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newEiamID returns a random ID. The caller holds s.mu.
func (s *Server) newEiamID(prefix string) string {
	b := make([]byte, 26)
	for i := range b {
		b[i] = eiamIDAlphabet[s.rand.IntN(len(eiamIDAlphabet))]
	}
	return prefix + string(b)
}

// stableEiamID derives an ID from a seed, for objects that must keep their
// ID across restarts without being stored (the instance) or that a load
// file brings without one.
func stableEiamID(prefix, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	enc := base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)
	return prefix + enc.EncodeToString(sum[:])[:26]
}

// Templates.

// eiamTemplate is an application template the emulator knows: a
// role-based SSO template per site and the RAM user SSO template.
type eiamTemplate struct {
	ID          string
	Name        string
	Description string
	HelpURL     string
	// Site is the role-based SSO site; nil for the RAM user template.
	Site *facts.Site
	// AccountIDParam and IdPNameParam name the SSO form parameters of a
	// role-based SSO template.
	AccountIDParam, IdPNameParam string
	// Params are the SSO form parameters UpdateApplicationSsoFormParams
	// accepts, each with its value rule.
	Params map[string]func(string) error
}

// The role-based SSO templates as the emulator serves them. No public
// source gives their real IDs or the name of the IdP-name form parameter
// (FACTS.md, "Not known"), so these are the emulator's own stand-ins,
// named so that nobody mistakes them for the cloud's: a client must take
// them from its user, as it must take the real ones.
const (
	RoleSSOTemplateIDInternational = "apt_ramintlrole_emulator"
	RoleSSOTemplateIDChina         = "apt_ramrole_emulator"
	RoleSSOIdPNameParam            = "emulatorIdpName"
)

// RoleSSOTemplateID returns the emulator's role-based SSO template of a
// site ("international" or "china"), or "" for another name.
func RoleSSOTemplateID(site string) string {
	switch site {
	case facts.SiteInternational:
		return RoleSSOTemplateIDInternational
	case facts.SiteChina:
		return RoleSSOTemplateIDChina
	}
	return ""
}

// ramUserTemplateID is the RAM user SSO template, the example of the
// CreateApplication docs (SDK model). Its form parameters are UNCONFIRMED:
// the emulator accepts only the documented aliyunUid.
const ramUserTemplateID = "apt_ramuser_mjqrsi"

// templateCreateTime is when the emulated marketplace templates were made.
var templateCreateTime = time.Date(2022, 4, 13, 6, 10, 26, 0, time.UTC)

var eiamTemplates = func() []eiamTemplate {
	var out []eiamTemplate
	for _, site := range facts.Sites {
		// Template names and descriptions are UNCONFIRMED.
		out = append(out, eiamTemplate{
			ID:             RoleSSOTemplateID(site.Name),
			Name:           "Alibaba Cloud RAM Role SSO (" + site.Name + " site)",
			Description:    "Role-based SSO from IDaaS to the Alibaba Cloud " + site.Name + " site: " + site.SignInURL,
			HelpURL:        "https://www.alibabacloud.com/help/en/idaas/eiam/user-guide/alibaba-cloud-role-based-sso",
			Site:           &site,
			AccountIDParam: facts.AccountIDTemplateParam,
			IdPNameParam:   RoleSSOIdPNameParam,
			Params: map[string]func(string) error{
				facts.AccountIDTemplateParam: checkAccountIDParam,
				RoleSSOIdPNameParam:          checkIdPNameParam,
			},
		})
	}
	return append(out, eiamTemplate{
		ID:          ramUserTemplateID,
		Name:        "Alibaba Cloud RAM User SSO",
		Description: "User-based SSO from IDaaS to RAM users of an Alibaba Cloud account",
		HelpURL:     "https://www.alibabacloud.com/help/en/idaas/eiam/user-guide/alibaba-cloud-user-sso",
		Params:      map[string]func(string) error{facts.AccountIDTemplateParam: checkAccountIDParam},
	})
}()

// checkAccountIDParam and checkIdPNameParam are the value rules of the
// form parameters. What IDaaS checks is UNCONFIRMED: the emulator refuses
// what could never sign in, an account ID that is not 16 digits and an IdP
// name that no SAML provider could have.
func checkAccountIDParam(v string) error {
	if !rules.AccountID(v) {
		return fmt.Errorf("%q is not an Alibaba Cloud account ID of 16 digits", v)
	}
	return nil
}

func checkIdPNameParam(v string) error {
	if rules.SAMLProviderName(v) != rules.NameOK {
		return fmt.Errorf("%q is not a valid SAML provider name: 1 to 128 letters, digits, \".\", \"-\" and \"_\", not starting or ending with \".\", \"-\" or \"_\"", v)
	}
	return nil
}

func lookupTemplate(id string) *eiamTemplate {
	for i := range eiamTemplates {
		if eiamTemplates[i].ID == id {
			return &eiamTemplates[i]
		}
	}
	return nil
}

func templateIDs() []string {
	var out []string
	for _, t := range eiamTemplates {
		out = append(out, t.ID)
	}
	return out
}

// Pagination.

// pageRequest reads PageNumber and PageSize.
func pageRequest(c *call) (number, size int64, err error) {
	number = c.int("PageNumber", 1)
	size = c.int("PageSize", defaultPageSize)
	if err := c.paramErr(); err != nil {
		return 0, 0, err
	}
	if number < 1 {
		return 0, 0, errEiamInvalidParam("PageNumber", "it must be 1 or more.")
	}
	if size < 1 || size > maxPageSize {
		return 0, 0, errEiamInvalidParam("PageSize", fmt.Sprintf("it must be between 1 and %d.", maxPageSize))
	}
	return number, size, nil
}

// pageOf cuts page number (1-based) of the given size out of items.
func pageOf[T any](items []T, number, size int64) []T {
	start := (number - 1) * size
	if start >= int64(len(items)) {
		return []T{}
	}
	return items[start:min(start+size, int64(len(items)))]
}

// listOf maps items to their JSON objects; never nil, so that an empty list
// is written as [].
func listOf[T any](items []T, f func(T) obj) []obj {
	out := make([]obj, 0, len(items))
	for _, it := range items {
		out = append(out, f(it))
	}
	return out
}

// idList reads a repeated ID parameter of at most maxIDsPerCall values.
func idList(c *call, name string) ([]string, error) {
	ids := c.requiredList(name)
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if len(ids) > maxIDsPerCall {
		return nil, errEiamInvalidParam(name, fmt.Sprintf("it lists %d IDs; at most %d are allowed in one call.", len(ids), maxIDsPerCall))
	}
	return ids, nil
}

// baseURL is the emulator's URL as the caller reached it.
func baseURL(host string) string { return "http://" + host }
