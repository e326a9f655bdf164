// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The EIAM directory: the instance, organizational units, users and groups;
// who may use an application; and application accounts (FACTS.md).
//
// Choices where no source decides (UNCONFIRMED, all here):
//   - AddApplicationAccountToUser is not idempotent and accepts a
//     duplicate: each call adds a new account, even with the same user and
//     ApplicationUsername. A client that retries after an ambiguous failure
//     must therefore list the user's accounts first; with duplicates
//     refused, a careless retry would go unnoticed.
//   - ApplicationUsername is 1 to 256 characters, none a control
//     character (maxApplicationUsername).
//   - Usernames are unique and compared exactly; group names are unique.
//   - ListUsersForApplication lists the users authorized directly, not
//     through a group or default_all.
//   - Application roles are not emulated: an ApplicationRoleId names
//     nothing.
//   - Lists are in creation order.

var (
	usernameRegexp    = regexp.MustCompile(`^[A-Za-z0-9_.@-]+$`)
	phoneNumberRegexp = regexp.MustCompile(`^[0-9]{6,15}$`)
	phoneRegionRegexp = regexp.MustCompile(`^[0-9]{1,6}$`)
)

func checkUsername(name string) *APIError {
	if name == "" || utf8.RuneCountInString(name) > maxUsernameLength || !usernameRegexp.MatchString(name) {
		return errEiamInvalidParam("Username", fmt.Sprintf("%q must be 1 to %d characters of letters, digits and \"_.@-\".", name, maxUsernameLength))
	}
	return nil
}

func checkApplicationUsername(name string) *APIError {
	n := utf8.RuneCountInString(name)
	if n < 1 || n > maxApplicationUsername || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return errEiamInvalidParam("ApplicationUsername", fmt.Sprintf("it must be 1 to %d characters without control characters.", maxApplicationUsername))
	}
	return nil
}

func checkMaxLength(param, v string, limit int) *APIError {
	if utf8.RuneCountInString(v) > limit {
		return errEiamInvalidParam(param, fmt.Sprintf("it is longer than %d characters.", limit))
	}
	return nil
}

// Instances and organizational units.

func (s *Server) instanceJSON(c *call, detail bool) obj {
	st := s.eiam()
	o := obj{
		"InstanceId":  st.Instance.InstanceID,
		"Status":      "running",
		"Description": st.Instance.Description,
		"CreateTime":  epochMillis(st.Instance.CreateTime),
		// The default endpoint is where the emulator serves the instance's
		// sign-in URLs: the address the caller used.
		"DefaultEndpoint":            obj{"Endpoint": c.host, "Status": "resolved"},
		"ManagedServiceCode":         "",
		"ServiceManaged":             false,
		"CrossRegionReplication":     eiamDisabled,
		"CrossRegionReplicationRole": "",
		"InstanceFailoverStatus":     "inactive",
	}
	if detail {
		o["DomainConfig"] = obj{"DefaultDomain": c.host, "InitDomain": st.initDomain(), "InitDomainAutoRedirectStatus": eiamDisabled}
		o["EgressAddresses"] = []string{}
	}
	return o
}

func (s *Server) eiamListInstances(c *call) (obj, error) {
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	ids := c.list("InstanceIds")
	status := c.optional("Status")
	var items []obj
	inst := s.eiam().Instance
	if (len(ids) == 0 || slices.Contains(ids, inst.InstanceID)) && (status == "" || status == "running") {
		items = append(items, s.instanceJSON(c, false))
	}
	return obj{"TotalCount": len(items), "Instances": listOf(pageOf(items, number, size), func(o obj) obj { return o })}, nil
}

func (s *Server) eiamGetInstance(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	return obj{"Instance": s.instanceJSON(c, true)}, nil
}

func (s *Server) eiamGetRootOrganizationalUnit(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	st := s.eiam()
	ou := st.rootOU()
	return obj{"OrganizationalUnit": obj{
		"InstanceId":             st.Instance.InstanceID,
		"OrganizationalUnitId":   ou.OrganizationalUnitID,
		"OrganizationalUnitName": ou.OrganizationalUnitName,
		"Description":            ou.Description,
		"CreateTime":             epochMillis(ou.CreateTime),
		"UpdateTime":             epochMillis(ou.UpdateTime),
	}}, nil
}

// Users.

// userJSON is a user as ListUsers writes it; GetUser adds detail.
func (s *Server) userJSON(u *eiamUser) obj {
	st := s.eiam()
	return obj{
		"InstanceId":          st.Instance.InstanceID,
		"UserId":              u.UserID,
		"Username":            u.Username,
		"DisplayName":         u.DisplayName,
		"Email":               u.Email,
		"EmailVerified":       u.EmailVerified,
		"PhoneRegion":         u.PhoneRegion,
		"PhoneNumber":         u.PhoneNumber,
		"PhoneNumberVerified": u.PhoneNumberVerified,
		"Description":         u.Description,
		"Status":              u.Status,
		"UserExternalId":      u.UserExternalID,
		"UserSourceType":      userSourceBuildIn,
		"UserSourceId":        st.Instance.InstanceID,
		"PasswordSet":         u.PasswordSet,
		"AccountExpireTime":   -1,
		"PasswordExpireTime":  -1,
		"LockExpireTime":      0,
		"RegisterTime":        epochMillis(u.CreateTime),
		"CreateTime":          epochMillis(u.CreateTime),
		"UpdateTime":          epochMillis(u.UpdateTime),
	}
}

func (s *Server) eiamCreateUser(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	st := s.eiam()
	if token := c.optional("ClientToken"); token != "" {
		// The idempotence token: a repeated call answers the user it made.
		for _, u := range st.Users {
			if u.ClientToken == token {
				return obj{"UserId": u.UserID}, nil
			}
		}
	}
	u := &eiamUser{
		Username:                    c.required("Username"),
		PrimaryOrganizationalUnitID: c.required("PrimaryOrganizationalUnitId"),
		DisplayName:                 c.optional("DisplayName"),
		Email:                       c.optional("Email"),
		EmailVerified:               c.bool("EmailVerified"),
		PhoneRegion:                 c.optional("PhoneRegion"),
		PhoneNumber:                 c.optional("PhoneNumber"),
		PhoneNumberVerified:         c.bool("PhoneNumberVerified"),
		Description:                 c.optional("Description"),
		UserExternalID:              c.optional("UserExternalId"),
		OrganizationalUnitIDs:       c.list("OrganizationalUnitIds"),
		PasswordSet:                 c.has("Password"),
		ClientToken:                 c.optional("ClientToken"),
		Status:                      eiamEnabled,
		CreateTime:                  c.now,
		UpdateTime:                  c.now,
	}
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	switch {
	case u.Email != "" && !c.has("EmailVerified"):
		return nil, errMissingParam("EmailVerified")
	case u.PhoneNumber != "" && !c.has("PhoneNumberVerified"):
		return nil, errMissingParam("PhoneNumberVerified")
	}
	for _, check := range []*APIError{
		checkUsername(u.Username),
		checkMaxLength("DisplayName", u.DisplayName, maxDisplayNameLength),
		checkMaxLength("Email", u.Email, 128),
		checkMaxLength("Description", u.Description, maxUserDescriptionLength),
		checkMaxLength("UserExternalId", u.UserExternalID, 128),
	} {
		if check != nil {
			return nil, check
		}
	}
	if u.Email != "" && strings.Count(u.Email, "@") != 1 {
		return nil, errEiamInvalidParam("Email", fmt.Sprintf("%q is not an email address.", u.Email))
	}
	if u.PhoneNumber != "" && !phoneNumberRegexp.MatchString(u.PhoneNumber) {
		return nil, errEiamInvalidParam("PhoneNumber", "it must be 6 to 15 digits.")
	}
	if u.PhoneRegion != "" && !phoneRegionRegexp.MatchString(u.PhoneRegion) {
		return nil, errEiamInvalidParam("PhoneRegion", "it must be 1 to 6 digits, without \"+\".")
	}
	if !slices.Contains(u.OrganizationalUnitIDs, u.PrimaryOrganizationalUnitID) {
		u.OrganizationalUnitIDs = append([]string{u.PrimaryOrganizationalUnitID}, u.OrganizationalUnitIDs...)
	}
	for _, id := range u.OrganizationalUnitIDs {
		if st.ou(id) == nil {
			return nil, errEiamNotExists("OrganizationalUnit", id)
		}
	}
	if st.userByName(u.Username) != nil {
		return nil, errEiamAlreadyExists("User", fmt.Sprintf("A user with the username %q already exists.", u.Username))
	}
	u.UserID = s.newEiamID("user_")
	if u.UserExternalID == "" {
		u.UserExternalID = u.UserID
	}
	for _, other := range st.Users {
		if other.UserExternalID == u.UserExternalID {
			return nil, errEiamAlreadyExists("User", fmt.Sprintf("A user with the external ID %q already exists.", u.UserExternalID))
		}
	}
	st.Users = append(st.Users, u)
	return obj{"UserId": u.UserID}, nil
}

func (s *Server) eiamGetUser(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	u, err := s.callUser(c)
	if err != nil {
		return nil, err
	}
	st := s.eiam()
	o := s.userJSON(u)
	o["PrimaryOrganizationalUnitId"] = u.PrimaryOrganizationalUnitID
	o["OrganizationalUnits"] = listOf(u.OrganizationalUnitIDs, func(id string) obj {
		return obj{"OrganizationalUnitId": id, "OrganizationalUnitName": st.ou(id).OrganizationalUnitName, "Primary": id == u.PrimaryOrganizationalUnitID}
	})
	var groups []*eiamGroup
	for _, g := range st.Groups {
		if slices.Contains(g.UserIDs, u.UserID) {
			groups = append(groups, g)
		}
	}
	o["Groups"] = listOf(groups, func(g *eiamGroup) obj {
		return obj{"GroupId": g.GroupID, "GroupName": g.GroupName, "Description": g.Description}
	})
	o["CustomFields"] = []obj{}
	o["PreferredLanguage"] = ""
	return obj{"User": o}, nil
}

// eiamListUsers lists users by page (PageNumber/PageSize) or by token
// (NextToken/MaxResults, used when either is sent). A token is the Base64
// of the first user ID of the next page.
func (s *Server) eiamListUsers(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	prefix := c.optional("UsernameStartsWith")
	displayPrefix := c.optional("DisplayNameStartsWith")
	ids := c.list("UserIds")
	email := c.optional("Email")
	status := c.optional("Status")
	externalID := c.optional("UserExternalId")
	ouID := c.optional("OrganizationalUnitId")
	var matched []*eiamUser
	for _, u := range s.eiam().Users {
		switch {
		case !strings.HasPrefix(u.Username, prefix),
			!strings.HasPrefix(u.DisplayName, displayPrefix),
			len(ids) > 0 && !slices.Contains(ids, u.UserID),
			email != "" && u.Email != email,
			status != "" && u.Status != status,
			externalID != "" && u.UserExternalID != externalID,
			ouID != "" && !slices.Contains(u.OrganizationalUnitIDs, ouID):
			continue
		}
		matched = append(matched, u)
	}
	if !c.has("NextToken") && !c.has("MaxResults") {
		number, size, perr := pageRequest(c)
		if perr != nil {
			return nil, perr
		}
		return obj{"TotalCount": len(matched), "Users": listOf(pageOf(matched, number, size), s.userJSON)}, nil
	}
	maxResults := c.int("MaxResults", defaultPageSize)
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if maxResults < 1 || maxResults > maxPageSize {
		return nil, errEiamInvalidParam("MaxResults", fmt.Sprintf("it must be between 1 and %d.", maxPageSize))
	}
	start := 0
	if token := c.optional("NextToken"); token != "" {
		from, err := base64.RawURLEncoding.DecodeString(token)
		start = slices.IndexFunc(matched, func(u *eiamUser) bool { return u.UserID == string(from) })
		if err != nil || start < 0 {
			return nil, errEiamInvalidParam("NextToken", "it is not a token returned by a previous ListUsers call with the same filters.")
		}
	}
	end := min(start+int(maxResults), len(matched))
	next := ""
	if end < len(matched) {
		next = base64.RawURLEncoding.EncodeToString([]byte(matched[end].UserID))
	}
	return obj{
		"TotalCount": len(matched),
		"NextToken":  next,
		"MaxResults": maxResults,
		"Users":      listOf(matched[start:end], s.userJSON),
	}, nil
}

// Groups.

func (s *Server) groupJSON(g *eiamGroup) obj {
	st := s.eiam()
	return obj{
		"InstanceId":      st.Instance.InstanceID,
		"GroupId":         g.GroupID,
		"GroupName":       g.GroupName,
		"GroupExternalId": g.GroupExternalID,
		"Description":     g.Description,
		"GroupSourceType": userSourceBuildIn,
		"GroupSourceId":   st.Instance.InstanceID,
		"CreateTime":      epochMillis(g.CreateTime),
		"UpdateTime":      epochMillis(g.UpdateTime),
	}
}

func (s *Server) eiamCreateGroup(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	name := c.required("GroupName")
	externalID := c.optional("GroupExternalId")
	desc := c.optional("Description")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	for _, check := range []*APIError{
		checkMaxLength("GroupName", name, maxGroupNameLength),
		checkMaxLength("GroupExternalId", externalID, maxGroupExternalIDLength),
		checkMaxLength("Description", desc, maxGroupDescription),
	} {
		if check != nil {
			return nil, check
		}
	}
	st := s.eiam()
	for _, g := range st.Groups {
		if g.GroupName == name {
			return nil, errEiamAlreadyExists("Group", fmt.Sprintf("A group named %q already exists.", name))
		}
	}
	g := &eiamGroup{GroupID: s.newEiamID("group_"), GroupName: name, GroupExternalID: externalID, Description: desc, CreateTime: c.now, UpdateTime: c.now}
	if g.GroupExternalID == "" {
		g.GroupExternalID = g.GroupID
	}
	st.Groups = append(st.Groups, g)
	return obj{"GroupId": g.GroupID}, nil
}

func (s *Server) eiamListGroups(c *call) (obj, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	name := c.optional("GroupName")
	prefix := c.optional("GroupNameStartsWith")
	ids := c.list("GroupIds")
	externalID := c.optional("GroupExternalId")
	var matched []*eiamGroup
	for _, g := range s.eiam().Groups {
		switch {
		case name != "" && g.GroupName != name,
			!strings.HasPrefix(g.GroupName, prefix),
			len(ids) > 0 && !slices.Contains(ids, g.GroupID),
			externalID != "" && g.GroupExternalID != externalID:
			continue
		}
		matched = append(matched, g)
	}
	return obj{"TotalCount": len(matched), "Groups": listOf(pageOf(matched, number, size), s.groupJSON)}, nil
}

// existingGroup reads GroupId and returns the group, or EntityNotExists.
func (s *Server) existingGroup(c *call) (*eiamGroup, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, err
	}
	id := c.required("GroupId")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	g := s.eiam().group(id)
	if g == nil {
		return nil, errEiamNotExists("Group", id)
	}
	return g, nil
}

// eiamGetGroup answers Group with the fields of GetGroupResponseBodyGroup
// (sdk:eiam).
func (s *Server) eiamGetGroup(c *call) (obj, error) {
	g, err := s.existingGroup(c)
	if err != nil {
		return nil, err
	}
	return obj{"Group": s.groupJSON(g)}, nil
}

// eiamUpdateGroup changes GroupName and GroupExternalId, each when sent
// (sdk:eiam UpdateGroupRequest), with CreateGroup's limits.
func (s *Server) eiamUpdateGroup(c *call) (obj, error) {
	g, err := s.existingGroup(c)
	if err != nil {
		return nil, err
	}
	name, externalID := c.optional("GroupName"), c.optional("GroupExternalId")
	for _, check := range []*APIError{
		checkMaxLength("GroupName", name, maxGroupNameLength),
		checkMaxLength("GroupExternalId", externalID, maxGroupExternalIDLength),
	} {
		if check != nil {
			return nil, check
		}
	}
	if name != "" && name != g.GroupName {
		for _, other := range s.eiam().Groups {
			if other.GroupName == name {
				return nil, errEiamAlreadyExists("Group", fmt.Sprintf("A group named %q already exists.", name))
			}
		}
		g.GroupName = name
	}
	if externalID != "" {
		g.GroupExternalID = externalID
	}
	g.UpdateTime = c.now
	return obj{}, nil
}

// eiamUpdateGroupDescription sets Description (sdk:eiam).
func (s *Server) eiamUpdateGroupDescription(c *call) (obj, error) {
	g, err := s.existingGroup(c)
	if err != nil {
		return nil, err
	}
	desc := c.optional("Description")
	if check := checkMaxLength("Description", desc, maxGroupDescription); check != nil {
		return nil, check
	}
	g.Description, g.UpdateTime = desc, c.now
	return obj{}, nil
}

// eiamDeleteGroup deletes a group and its memberships and authorizations.
// Whether IDaaS refuses to delete a group with members is UNCONFIRMED
// (FACTS.md, "Not known"); the emulator deletes it.
func (s *Server) eiamDeleteGroup(c *call) (obj, error) {
	g, err := s.existingGroup(c)
	if err != nil {
		return nil, err
	}
	st := s.eiam()
	st.Groups = slices.DeleteFunc(st.Groups, func(other *eiamGroup) bool { return other == g })
	for _, a := range st.Applications {
		a.AuthorizedGroupIDs = removeIDs(a.AuthorizedGroupIDs, []string{g.GroupID})
	}
	return obj{}, nil
}

// eiamListUsersForGroup lists the members, a page at a time, as UserId and
// the relation's source (sdk:eiam ListUsersForGroupResponseBodyUsers).
func (s *Server) eiamListUsersForGroup(c *call) (obj, error) {
	g, err := s.existingGroup(c)
	if err != nil {
		return nil, err
	}
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	member := func(id string) obj {
		return obj{"UserId": id, "GroupMemberRelationSourceType": userSourceBuildIn, "GroupMemberRelationSourceId": s.eiam().Instance.InstanceID}
	}
	return obj{"TotalCount": len(g.UserIDs), "Users": listOf(pageOf(g.UserIDs, number, size), member)}, nil
}

// groupMembers reads GroupId and UserIds and checks both exist.
func (s *Server) groupMembers(c *call) (*eiamGroup, []string, error) {
	if err := s.checkInstance(c); err != nil {
		return nil, nil, err
	}
	id := c.required("GroupId")
	users, err := idList(c, "UserIds")
	if err != nil {
		return nil, nil, err
	}
	g := s.eiam().group(id)
	if g == nil {
		return nil, nil, errEiamNotExists("Group", id)
	}
	if err := s.checkOwners(users, nil); err != nil {
		return nil, nil, err
	}
	return g, users, nil
}

func (s *Server) eiamAddUsersToGroup(c *call) (obj, error) {
	g, users, err := s.groupMembers(c)
	if err != nil {
		return nil, err
	}
	g.UserIDs = addIDs(g.UserIDs, users)
	g.UpdateTime = c.now
	return obj{}, nil
}

func (s *Server) eiamRemoveUsersFromGroup(c *call) (obj, error) {
	g, users, err := s.groupMembers(c)
	if err != nil {
		return nil, err
	}
	g.UserIDs = removeIDs(g.UserIDs, users)
	g.UpdateTime = c.now
	return obj{}, nil
}

func addIDs(list, ids []string) []string {
	for _, id := range ids {
		if !slices.Contains(list, id) {
			list = append(list, id)
		}
	}
	return list
}

func removeIDs(list, ids []string) []string {
	return slices.DeleteFunc(list, func(id string) bool { return slices.Contains(ids, id) })
}

// Authorization.

// authorization reads the application, the IDs of kind ("UserIds" or
// "GroupIds") and checks they exist.
func (s *Server) authorization(c *call, param string) (*eiamApplication, []string, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, nil, err
	}
	ids, aerr := idList(c, param)
	if aerr != nil {
		return nil, nil, aerr
	}
	if role := c.optional("ApplicationRoleId"); role != "" {
		return nil, nil, errEiamNotExists("ApplicationRole", role)
	}
	users, groups := ids, []string(nil)
	if param == "GroupIds" {
		users, groups = nil, ids
	}
	if oerr := s.checkOwners(users, groups); oerr != nil {
		return nil, nil, oerr
	}
	return a, ids, nil
}

func (s *Server) changeAuthorization(c *call, param string, change func(a *eiamApplication, ids []string)) (obj, error) {
	a, ids, err := s.authorization(c, param)
	if err != nil {
		return nil, err
	}
	change(a, ids)
	a.UpdateTime = c.now
	return obj{}, nil
}

func (s *Server) eiamAuthorizeApplicationToUsers(c *call) (obj, error) {
	return s.changeAuthorization(c, "UserIds", func(a *eiamApplication, ids []string) { a.AuthorizedUserIDs = addIDs(a.AuthorizedUserIDs, ids) })
}

func (s *Server) eiamRevokeApplicationFromUsers(c *call) (obj, error) {
	return s.changeAuthorization(c, "UserIds", func(a *eiamApplication, ids []string) { a.AuthorizedUserIDs = removeIDs(a.AuthorizedUserIDs, ids) })
}

func (s *Server) eiamAuthorizeApplicationToGroups(c *call) (obj, error) {
	return s.changeAuthorization(c, "GroupIds", func(a *eiamApplication, ids []string) { a.AuthorizedGroupIDs = addIDs(a.AuthorizedGroupIDs, ids) })
}

func (s *Server) eiamRevokeApplicationFromGroups(c *call) (obj, error) {
	return s.changeAuthorization(c, "GroupIds", func(a *eiamApplication, ids []string) { a.AuthorizedGroupIDs = removeIDs(a.AuthorizedGroupIDs, ids) })
}

func (s *Server) eiamListUsersForApplication(c *call) (obj, error) {
	return s.listAuthorized(c, authorizedList{
		filter: "UserIds", noun: "user", key: "Users",
		ids:  func(a *eiamApplication) []string { return a.AuthorizedUserIDs },
		item: func(id string) obj { return obj{"UserId": id, "ApplicationRoles": []obj{}} },
	})
}

// eiamListGroupsForApplication answers the groups authorized to use an
// application, items {GroupId, ApplicationRoles} as the SDK model
// ListGroupsForApplicationResponseBody has them. As for users, no
// application role is emulated, so ApplicationRoles is empty.
func (s *Server) eiamListGroupsForApplication(c *call) (obj, error) {
	return s.listAuthorized(c, authorizedList{
		filter: "GroupIds", noun: "group", key: "Groups",
		ids:  func(a *eiamApplication) []string { return a.AuthorizedGroupIDs },
		item: func(id string) obj { return obj{"GroupId": id, "ApplicationRoles": []obj{}} },
	})
}

// authorizedList is what ListUsersForApplication and
// ListGroupsForApplication differ in: the filter parameter, the noun of
// its limit's error, the key of the answer's list, the application's
// grants and how the answer writes one.
type authorizedList struct {
	filter, noun, key string
	ids               func(*eiamApplication) []string
	item              func(id string) obj
}

// listAuthorized answers a list of an application's direct grants of one
// kind: filtered by at most maxIDsPerCall IDs, one page of them. An
// ApplicationRoleId names no role here.
func (s *Server) listAuthorized(c *call, l authorizedList) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	if role := c.optional("ApplicationRoleId"); role != "" {
		return nil, errEiamNotExists("ApplicationRole", role)
	}
	filter := c.list(l.filter)
	if len(filter) > maxIDsPerCall {
		return nil, errEiamInvalidParam(l.filter, fmt.Sprintf("at most %d %s IDs are allowed in one call.", maxIDsPerCall, l.noun))
	}
	var matched []string
	for _, id := range l.ids(a) {
		if len(filter) == 0 || slices.Contains(filter, id) {
			matched = append(matched, id)
		}
	}
	return obj{"TotalCount": len(matched), l.key: listOf(pageOf(matched, number, size), l.item)}, nil
}

// authorized reports whether a user may sign in to an application: every
// user when AuthorizationType is default_all, else a user authorized
// directly or through one of its groups.
func (st *eiamState) authorized(a *eiamApplication, u *eiamUser) bool {
	if a.AuthorizationType == authorizeAll || slices.Contains(a.AuthorizedUserIDs, u.UserID) {
		return true
	}
	for _, g := range st.Groups {
		if slices.Contains(a.AuthorizedGroupIDs, g.GroupID) && slices.Contains(g.UserIDs, u.UserID) {
			return true
		}
	}
	return false
}

// Application accounts.

func (s *Server) accountJSON(acc *eiamApplicationAccount) obj {
	return obj{
		"InstanceId":           s.eiam().Instance.InstanceID,
		"ApplicationAccountId": acc.ApplicationAccountID,
		"ApplicationId":        acc.ApplicationID,
		"UserId":               acc.UserID,
		"ApplicationUsername":  acc.ApplicationUsername,
		"CreateTime":           epochMillis(acc.CreateTime),
	}
}

func (s *Server) eiamAddApplicationAccountToUser(c *call) (obj, error) {
	a, u, err := s.callApplicationUser(c)
	if err != nil {
		return nil, err
	}
	name := c.required("ApplicationUsername")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkApplicationUsername(name); err != nil {
		return nil, err
	}
	acc := &eiamApplicationAccount{
		ApplicationAccountID: s.newEiamID("aac_"),
		ApplicationID:        a.ApplicationID,
		UserID:               u.UserID,
		ApplicationUsername:  name,
		CreateTime:           c.now,
	}
	st := s.eiam()
	st.ApplicationAccounts = append(st.ApplicationAccounts, acc)
	return obj{"ApplicationAccountId": acc.ApplicationAccountID}, nil
}

func (s *Server) eiamRemoveApplicationAccountFromUser(c *call) (obj, error) {
	a, u, err := s.callApplicationUser(c)
	if err != nil {
		return nil, err
	}
	id := c.required("ApplicationAccountId")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	st := s.eiam()
	for _, acc := range s.visibleAccounts(a.ApplicationID, u.UserID, c.now) {
		if acc.ApplicationAccountID == id {
			st.ApplicationAccounts = remove(st.ApplicationAccounts, acc)
			return obj{}, nil
		}
	}
	return nil, errEiamNotExists("ApplicationAccount", id)
}

func (s *Server) eiamListApplicationAccounts(c *call) (obj, error) {
	a, err := s.callApplication(c)
	if err != nil {
		return nil, err
	}
	number, size, perr := pageRequest(c)
	if perr != nil {
		return nil, perr
	}
	accounts := s.visibleAccounts(a.ApplicationID, "", c.now)
	return obj{"TotalCount": len(accounts), "ApplicationAccounts": listOf(pageOf(accounts, number, size), s.accountJSON)}, nil
}

func (s *Server) eiamListApplicationAccountsForUser(c *call) (obj, error) {
	a, u, err := s.callApplicationUser(c)
	if err != nil {
		return nil, err
	}
	accounts := s.visibleAccounts(a.ApplicationID, u.UserID, c.now)
	return obj{"TotalCount": len(accounts), "ApplicationAccounts": listOf(accounts, s.accountJSON)}, nil
}
