// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// EIAMDirectory is the directory part of the IDaaS API (Eiam 2021-12-01):
// users, who may use an application, and application accounts
// (FACTS.md). Every call names the IDaaS instance. EIAM
// includes it; Client.EIAM returns both.
type EIAMDirectory interface {
	// GetUser returns a user, or an error for which IsNotFound is true.
	GetUser(ctx context.Context, instanceID, userID string) (*User, error)
	// ListUsers returns every user that matches in, across all pages.
	ListUsers(ctx context.Context, in ListUsersInput) ([]User, error)

	// ListUsersForApplication returns the IDs of the users authorized to
	// use an application directly: not those authorized through a group,
	// nor everyone when the application authorizes all users.
	ListUsersForApplication(ctx context.Context, instanceID, applicationID string) ([]string, error)
	// ListGroupsForApplication returns the IDs of the groups authorized to
	// use an application.
	ListGroupsForApplication(ctx context.Context, instanceID, applicationID string) ([]string, error)
	// AuthorizeApplicationToUsers authorizes users to use an application,
	// in calls of at most MaxIDsPerAuthorizationCall IDs. Like the other
	// three authorization calls it sets a state, so it is sent again after
	// an ambiguous failure.
	AuthorizeApplicationToUsers(ctx context.Context, instanceID, applicationID string, userIDs []string) error
	// RevokeApplicationFromUsers revokes users' direct authorization.
	RevokeApplicationFromUsers(ctx context.Context, instanceID, applicationID string, userIDs []string) error
	// AuthorizeApplicationToGroups authorizes groups to use an application.
	AuthorizeApplicationToGroups(ctx context.Context, instanceID, applicationID string, groupIDs []string) error
	// RevokeApplicationFromGroups revokes groups' authorization.
	RevokeApplicationFromGroups(ctx context.Context, instanceID, applicationID string, groupIDs []string) error

	// AddApplicationAccountToUser adds an application account to a user and
	// returns it; its CreateTime is 0, as the call does not answer it.
	//
	// It looks first: when the user has an account of that name in the
	// application already, the error is an *ApplicationAccountExistsError
	// and nothing is added. The call itself is not idempotent, and IDaaS
	// accepts a second account of the same name, so it is never sent again
	// blindly: after an ambiguous failure it waits for the account the call
	// may have added to appear (a new account is not listed at once), and
	// adopts it. Only when none appears within accountSettleTime is the call
	// sent again, at most accountAddRounds times in all.
	AddApplicationAccountToUser(ctx context.Context, in AddApplicationAccountInput) (*ApplicationAccount, error)
	// RemoveApplicationAccountFromUser removes an application account. It
	// is sent again after an ambiguous failure; an account removed by the
	// first attempt then answers an error for which IsNotFound is true,
	// which callers take as success.
	RemoveApplicationAccountFromUser(ctx context.Context, account ApplicationAccount) error
	// ListApplicationAccounts returns every account of an application,
	// across all pages.
	ListApplicationAccounts(ctx context.Context, instanceID, applicationID string) ([]ApplicationAccount, error)
	// ListApplicationAccountsForUser returns a user's accounts in an
	// application.
	ListApplicationAccountsForUser(ctx context.Context, instanceID, applicationID, userID string) ([]ApplicationAccount, error)
}

// User is an IDaaS (EIAM) account: a person who signs in to the IDaaS
// portal.
type User struct {
	InstanceID     string
	UserID         string
	Username       string
	DisplayName    string
	Email          string
	PhoneNumber    string
	Description    string
	Status         string
	UserExternalID string
	UserSourceType string
	// CreateTime and UpdateTime are in Unix epoch milliseconds.
	CreateTime int64
	UpdateTime int64
}

// ListUsersInput filters ListUsers; empty fields do not filter.
type ListUsersInput struct {
	InstanceID string
	// UsernameStartsWith matches usernames by prefix. EIAM has no filter
	// by exact username: callers compare the usernames themselves.
	UsernameStartsWith string
	// UserIDs matches users by ID, at most MaxIDsPerAuthorizationCall.
	UserIDs []string
}

// ApplicationAccount is an IDaaS application account: the name a user has
// in an application. For role-based SSO it is the RAM role name.
type ApplicationAccount struct {
	InstanceID           string
	ApplicationID        string
	ApplicationAccountID string
	UserID               string
	ApplicationUsername  string
	// CreateTime is in Unix epoch milliseconds.
	CreateTime int64
}

// AddApplicationAccountInput is what AddApplicationAccountToUser sends.
type AddApplicationAccountInput struct {
	InstanceID          string
	ApplicationID       string
	UserID              string
	ApplicationUsername string
}

// ApplicationAccountExistsError reports that the user has an application
// account of the name to add already.
type ApplicationAccountExistsError struct {
	// Account is the account that exists.
	Account ApplicationAccount
}

func (e *ApplicationAccountExistsError) Error() string {
	return fmt.Sprintf("user %s has an application account named %q in application %s already (%s)",
		e.Account.UserID, e.Account.ApplicationUsername, e.Account.ApplicationID, e.Account.ApplicationAccountID)
}

// MaxIDsPerAuthorizationCall is the most user or group IDs one
// authorization call takes ("≤100", FACTS.md). The client splits
// longer lists into several calls.
const MaxIDsPerAuthorizationCall = 100

// After an ambiguous failure of AddApplicationAccountToUser, the client
// waits accountSettleTime for the account the call may have added to be
// listed before it sends the call again, and sends it at most
// accountAddRounds times in all. UNCONFIRMED: how long IDaaS takes to list
// a new account is not documented; a longer delay than accountSettleTime
// after an ambiguous failure could let a second account be added.
const (
	accountSettleTime = 30 * time.Second
	accountAddRounds  = 3
)

type eiamUserJSON struct {
	InstanceID     string `json:"InstanceId"`
	UserID         string `json:"UserId"`
	Username       string `json:"Username"`
	DisplayName    string `json:"DisplayName"`
	Email          string `json:"Email"`
	PhoneNumber    string `json:"PhoneNumber"`
	Description    string `json:"Description"`
	Status         string `json:"Status"`
	UserExternalID string `json:"UserExternalId"`
	UserSourceType string `json:"UserSourceType"`
	CreateTime     int64  `json:"CreateTime"`
	UpdateTime     int64  `json:"UpdateTime"`
}

type eiamAccountJSON struct {
	InstanceID           string `json:"InstanceId"`
	ApplicationID        string `json:"ApplicationId"`
	ApplicationAccountID string `json:"ApplicationAccountId"`
	UserID               string `json:"UserId"`
	ApplicationUsername  string `json:"ApplicationUsername"`
	CreateTime           int64  `json:"CreateTime"`
}

func toAccounts(in []eiamAccountJSON) []ApplicationAccount {
	out := make([]ApplicationAccount, 0, len(in))
	for _, a := range in {
		out = append(out, ApplicationAccount(a))
	}
	return out
}

func (e eiamClient) GetUser(ctx context.Context, instanceID, userID string) (*User, error) {
	var out struct{ User eiamUserJSON }
	params := map[string]string{"InstanceId": instanceID, "UserId": userID}
	if err := e.c.invokeEIAM(ctx, call{action: "GetUser", idempotent: true}, params, &out); err != nil {
		return nil, err
	}
	u := User(out.User)
	return &u, nil
}

func (e eiamClient) ListUsers(ctx context.Context, in ListUsersInput) ([]User, error) {
	return collectEIAMPages(func(params map[string]string) ([]User, int64, error) {
		params["InstanceId"] = in.InstanceID
		if in.UsernameStartsWith != "" {
			params["UsernameStartsWith"] = in.UsernameStartsWith
		}
		addList(params, "UserIds", in.UserIDs)
		var out struct {
			TotalCount int64
			Users      []eiamUserJSON
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListUsers", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		users := make([]User, 0, len(out.Users))
		for _, u := range out.Users {
			users = append(users, User(u))
		}
		return users, out.TotalCount, nil
	})
}

func (e eiamClient) ListUsersForApplication(ctx context.Context, instanceID, applicationID string) ([]string, error) {
	return collectEIAMPages(func(params map[string]string) ([]string, int64, error) {
		maps.Copy(params, applicationParams(instanceID, applicationID))
		var out struct {
			TotalCount int64
			Users      []struct {
				UserID string `json:"UserId"`
			}
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListUsersForApplication", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		ids := make([]string, 0, len(out.Users))
		for _, u := range out.Users {
			ids = append(ids, u.UserID)
		}
		return ids, out.TotalCount, nil
	})
}

func (e eiamClient) ListGroupsForApplication(ctx context.Context, instanceID, applicationID string) ([]string, error) {
	return collectEIAMPages(func(params map[string]string) ([]string, int64, error) {
		maps.Copy(params, applicationParams(instanceID, applicationID))
		var out struct {
			TotalCount int64
			Groups     []struct {
				GroupID string `json:"GroupId"`
			}
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListGroupsForApplication", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		ids := make([]string, 0, len(out.Groups))
		for _, g := range out.Groups {
			ids = append(ids, g.GroupID)
		}
		return ids, out.TotalCount, nil
	})
}

func (e eiamClient) AuthorizeApplicationToUsers(ctx context.Context, instanceID, applicationID string, userIDs []string) error {
	return e.changeAuthorization(ctx, "AuthorizeApplicationToUsers", "UserIds", instanceID, applicationID, userIDs)
}

func (e eiamClient) RevokeApplicationFromUsers(ctx context.Context, instanceID, applicationID string, userIDs []string) error {
	return e.changeAuthorization(ctx, "RevokeApplicationFromUsers", "UserIds", instanceID, applicationID, userIDs)
}

func (e eiamClient) AuthorizeApplicationToGroups(ctx context.Context, instanceID, applicationID string, groupIDs []string) error {
	return e.changeAuthorization(ctx, "AuthorizeApplicationToGroups", "GroupIds", instanceID, applicationID, groupIDs)
}

func (e eiamClient) RevokeApplicationFromGroups(ctx context.Context, instanceID, applicationID string, groupIDs []string) error {
	return e.changeAuthorization(ctx, "RevokeApplicationFromGroups", "GroupIds", instanceID, applicationID, groupIDs)
}

// changeAuthorization sends an authorization action for ids, in chunks of
// MaxIDsPerAuthorizationCall. Granting or revoking what is granted or
// revoked already sets the same state, so the action is idempotent.
// UNCONFIRMED: whether IDaaS answers an error for a user authorized
// already; the emulator does not.
func (e eiamClient) changeAuthorization(ctx context.Context, action, param, instanceID, applicationID string, ids []string) error {
	return e.sendIDsInChunks(ctx, action, applicationParams(instanceID, applicationID), param, ids)
}

// sendIDsInChunks sends an action that sets a state for a list of IDs
// (so it is idempotent), in calls of at most MaxIDsPerAuthorizationCall
// IDs, each with the parameters of base.
func (e eiamClient) sendIDsInChunks(ctx context.Context, action string, base map[string]string, param string, ids []string) error {
	for chunk := range slices.Chunk(ids, MaxIDsPerAuthorizationCall) {
		params := maps.Clone(base)
		addList(params, param, chunk)
		if err := e.c.invokeEIAM(ctx, call{action: action, idempotent: true}, params, &struct{}{}); err != nil {
			return err
		}
	}
	return nil
}

func (e eiamClient) AddApplicationAccountToUser(ctx context.Context, in AddApplicationAccountInput) (*ApplicationAccount, error) {
	before, err := e.ListApplicationAccountsForUser(ctx, in.InstanceID, in.ApplicationID, in.UserID)
	if err != nil {
		return nil, err
	}
	for _, acc := range before {
		if acc.ApplicationUsername == in.ApplicationUsername {
			return nil, &ApplicationAccountExistsError{Account: acc}
		}
	}
	for round := 1; ; round++ {
		id, err := e.addApplicationAccount(ctx, in)
		if err == nil {
			return &ApplicationAccount{
				InstanceID:           in.InstanceID,
				ApplicationID:        in.ApplicationID,
				ApplicationAccountID: id,
				UserID:               in.UserID,
				ApplicationUsername:  in.ApplicationUsername,
			}, nil
		}
		if !IsAmbiguous(err) || round == accountAddRounds {
			return nil, err
		}
		added, lookErr := e.awaitAddedAccount(ctx, in, before)
		if lookErr != nil {
			tflog.Warn(ctx, "Could not look for the application account an ambiguous call may have added", map[string]any{
				"error": lookErr.Error(),
			})
			return nil, err
		}
		if added != nil {
			return added, nil
		}
	}
}

func (e eiamClient) addApplicationAccount(ctx context.Context, in AddApplicationAccountInput) (string, error) {
	params := applicationParams(in.InstanceID, in.ApplicationID)
	params["UserId"] = in.UserID
	params["ApplicationUsername"] = in.ApplicationUsername
	var out struct {
		ApplicationAccountID string `json:"ApplicationAccountId"`
	}
	if err := e.c.invokeEIAM(ctx, call{action: "AddApplicationAccountToUser"}, params, &out); err != nil {
		return "", err
	}
	return out.ApplicationAccountID, nil
}

// awaitAddedAccount looks for the account an ambiguous
// AddApplicationAccountToUser may have added: one with the name sent that
// is not among before. It looks until accountSettleTime has passed, and
// returns nil if none appeared.
func (e eiamClient) awaitAddedAccount(ctx context.Context, in AddApplicationAccountInput, before []ApplicationAccount) (*ApplicationAccount, error) {
	start := e.c.clk.Now()
	for n := 1; ; n++ {
		accounts, err := e.ListApplicationAccountsForUser(ctx, in.InstanceID, in.ApplicationID, in.UserID)
		if err != nil {
			return nil, err
		}
		for _, acc := range accounts {
			isNew := !slices.ContainsFunc(before, func(b ApplicationAccount) bool {
				return b.ApplicationAccountID == acc.ApplicationAccountID
			})
			if isNew && acc.ApplicationUsername == in.ApplicationUsername {
				return &acc, nil
			}
		}
		if e.c.clk.Now().Sub(start) >= accountSettleTime {
			return nil, nil
		}
		if err := e.c.clk.Sleep(ctx, backoff(e.c.clk, n)); err != nil {
			return nil, err
		}
	}
}

func (e eiamClient) RemoveApplicationAccountFromUser(ctx context.Context, account ApplicationAccount) error {
	params := applicationParams(account.InstanceID, account.ApplicationID)
	params["UserId"] = account.UserID
	params["ApplicationAccountId"] = account.ApplicationAccountID
	var out struct{}
	return e.c.invokeEIAM(ctx, call{action: "RemoveApplicationAccountFromUser", idempotent: true}, params, &out)
}

func (e eiamClient) ListApplicationAccounts(ctx context.Context, instanceID, applicationID string) ([]ApplicationAccount, error) {
	return collectEIAMPages(func(params map[string]string) ([]ApplicationAccount, int64, error) {
		maps.Copy(params, applicationParams(instanceID, applicationID))
		var out struct {
			TotalCount          int64
			ApplicationAccounts []eiamAccountJSON
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListApplicationAccounts", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		return toAccounts(out.ApplicationAccounts), out.TotalCount, nil
	})
}

// ListApplicationAccountsForUser reads one answer: the call has no paging
// parameters (FACTS.md).
func (e eiamClient) ListApplicationAccountsForUser(ctx context.Context, instanceID, applicationID, userID string) ([]ApplicationAccount, error) {
	params := applicationParams(instanceID, applicationID)
	params["UserId"] = userID
	var out struct {
		ApplicationAccounts []eiamAccountJSON
	}
	if err := e.c.invokeEIAM(ctx, call{action: "ListApplicationAccountsForUser", idempotent: true}, params, &out); err != nil {
		return nil, err
	}
	return toAccounts(out.ApplicationAccounts), nil
}
