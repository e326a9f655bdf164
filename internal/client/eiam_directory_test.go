// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

const (
	testInstance = "idaas_abcdefghijklmnopqrstuvwxyz"
	testApp      = "app_abcdefghijklmnopqrstuvwxyz"
	testUser     = "user_abcdefghijklmnopqrstuvwxyz"
)

func directoryError(status int, code string) fakeReply {
	return fakeReply{Status: status, Body: apiError(code, "fake "+code)}
}

func accountBody(id, userID, name string) map[string]any {
	return map[string]any{
		"InstanceId": testInstance, "ApplicationId": testApp, "ApplicationAccountId": id,
		"UserId": userID, "ApplicationUsername": name, "CreateTime": 1767322800000,
	}
}

// TestEIAMDirectoryCalls checks that each typed call sends its action and
// parameters, and maps the answer (shapes of FACTS.md).
func TestEIAMDirectoryCalls(t *testing.T) {
	t.Parallel()
	userBody := map[string]any{
		"InstanceId": testInstance, "UserId": testUser, "Username": "alice", "DisplayName": "Alice",
		"Email": "alice@example.com", "PhoneNumber": "13800000000", "Description": "ops", "Status": "enabled",
		"UserExternalId": "ext-1", "UserSourceType": "build_in", "CreateTime": 1767322800000, "UpdateTime": 1767322801000,
		"PasswordSet": true,
	}
	wantUser := client.User{
		InstanceID: testInstance, UserID: testUser, Username: "alice", DisplayName: "Alice", Email: "alice@example.com",
		PhoneNumber: "13800000000", Description: "ops", Status: "enabled", UserExternalID: "ext-1", UserSourceType: "build_in",
		CreateTime: 1767322800000, UpdateTime: 1767322801000,
	}
	wantAccount := client.ApplicationAccount{
		InstanceID: testInstance, ApplicationID: testApp, ApplicationAccountID: "aac_1", UserID: testUser,
		ApplicationUsername: "sso-admin", CreateTime: 1767322800000,
	}
	appParams := map[string]string{"InstanceId": testInstance, "ApplicationId": testApp}
	with := func(extra ...string) map[string]string {
		p := map[string]string{"InstanceId": testInstance, "ApplicationId": testApp}
		for i := 0; i+1 < len(extra); i += 2 {
			p[extra[i]] = extra[i+1]
		}
		return p
	}
	tests := map[string]callCase[client.EIAMDirectory]{
		"GetUser": {
			reply: ok(map[string]any{"User": userBody}),
			call: func(d client.EIAMDirectory) (any, error) {
				return d.GetUser(context.Background(), testInstance, testUser)
			},
			wantAction: "GetUser",
			wantParams: map[string]string{"InstanceId": testInstance, "UserId": testUser},
			want:       &wantUser,
		},
		"ListUsers": {
			reply: ok(map[string]any{"TotalCount": 1, "Users": []any{userBody}}),
			call: func(d client.EIAMDirectory) (any, error) {
				return d.ListUsers(context.Background(), client.ListUsersInput{InstanceID: testInstance, UsernameStartsWith: "ali", UserIDs: []string{testUser}})
			},
			wantAction: "ListUsers",
			wantParams: map[string]string{"InstanceId": testInstance, "UsernameStartsWith": "ali", "UserIds.1": testUser, "PageNumber": "1"},
			want:       []client.User{wantUser},
		},
		"ListUsersForApplication": {
			reply: ok(map[string]any{"TotalCount": 2, "Users": []any{
				map[string]any{"UserId": "user_1", "ApplicationRoles": []any{}}, map[string]any{"UserId": "user_2"},
			}}),
			call: func(d client.EIAMDirectory) (any, error) {
				return d.ListUsersForApplication(context.Background(), testInstance, testApp)
			},
			wantAction: "ListUsersForApplication",
			wantParams: appParams,
			want:       []string{"user_1", "user_2"},
		},
		"ListGroupsForApplication": {
			reply: ok(map[string]any{"TotalCount": 1, "Groups": []any{map[string]any{"GroupId": "group_1"}}}),
			call: func(d client.EIAMDirectory) (any, error) {
				return d.ListGroupsForApplication(context.Background(), testInstance, testApp)
			},
			wantAction: "ListGroupsForApplication",
			wantParams: appParams,
			want:       []string{"group_1"},
		},
		"AuthorizeApplicationToUsers": {
			reply: ok(map[string]any{}),
			call: func(d client.EIAMDirectory) (any, error) {
				return nil, d.AuthorizeApplicationToUsers(context.Background(), testInstance, testApp, []string{"user_1", "user_2"})
			},
			wantAction: "AuthorizeApplicationToUsers",
			wantParams: with("UserIds.1", "user_1", "UserIds.2", "user_2"),
		},
		"RevokeApplicationFromUsers": {
			reply: ok(map[string]any{}),
			call: func(d client.EIAMDirectory) (any, error) {
				return nil, d.RevokeApplicationFromUsers(context.Background(), testInstance, testApp, []string{"user_1"})
			},
			wantAction: "RevokeApplicationFromUsers",
			wantParams: with("UserIds.1", "user_1"),
		},
		"AuthorizeApplicationToGroups": {
			reply: ok(map[string]any{}),
			call: func(d client.EIAMDirectory) (any, error) {
				return nil, d.AuthorizeApplicationToGroups(context.Background(), testInstance, testApp, []string{"group_1"})
			},
			wantAction: "AuthorizeApplicationToGroups",
			wantParams: with("GroupIds.1", "group_1"),
		},
		"RevokeApplicationFromGroups": {
			reply: ok(map[string]any{}),
			call: func(d client.EIAMDirectory) (any, error) {
				return nil, d.RevokeApplicationFromGroups(context.Background(), testInstance, testApp, []string{"group_1"})
			},
			wantAction: "RevokeApplicationFromGroups",
			wantParams: with("GroupIds.1", "group_1"),
		},
		"RemoveApplicationAccountFromUser": {
			reply: ok(map[string]any{}),
			call: func(d client.EIAMDirectory) (any, error) {
				return nil, d.RemoveApplicationAccountFromUser(context.Background(), wantAccount)
			},
			wantAction: "RemoveApplicationAccountFromUser",
			wantParams: with("UserId", testUser, "ApplicationAccountId", "aac_1"),
		},
		"ListApplicationAccounts": {
			reply: ok(map[string]any{"TotalCount": 1, "ApplicationAccounts": []any{accountBody("aac_1", testUser, "sso-admin")}}),
			call: func(d client.EIAMDirectory) (any, error) {
				return d.ListApplicationAccounts(context.Background(), testInstance, testApp)
			},
			wantAction: "ListApplicationAccounts",
			wantParams: with("PageNumber", "1", "PageSize", "50"),
			want:       []client.ApplicationAccount{wantAccount},
		},
		"ListApplicationAccountsForUser": {
			reply: ok(map[string]any{"TotalCount": 1, "ApplicationAccounts": []any{accountBody("aac_1", testUser, "sso-admin")}}),
			call: func(d client.EIAMDirectory) (any, error) {
				return d.ListApplicationAccountsForUser(context.Background(), testInstance, testApp, testUser)
			},
			wantAction: "ListApplicationAccountsForUser",
			wantParams: with("UserId", testUser),
			want:       []client.ApplicationAccount{wantAccount},
		},
	}
	runCallCases(t, "2021-12-01", func(c *client.Client) client.EIAMDirectory { return c.EIAM() }, tests)
}

// TestEIAMDirectoryNotFound: a missing user or application is an error
// for which IsNotFound is true.
func TestEIAMDirectoryNotFound(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fakeCall) fakeReply { return directoryError(http.StatusNotFound, "EntityNotExists.User") })
	_, err := newClient(t, fake.config()).EIAM().GetUser(context.Background(), testInstance, "user_gone")
	if !client.IsNotFound(err) {
		t.Errorf("error = %v, want not found", err)
	}
}

// TestAuthorizationInChunks: a long list is sent in calls of at most 100
// IDs, in order.
func TestAuthorizationInChunks(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fakeCall) fakeReply { return ok(map[string]any{}) })
	var userIDs []string
	for i := range 250 {
		userIDs = append(userIDs, fmt.Sprintf("user_%03d", i))
	}
	if err := newClient(t, fake.config()).EIAM().AuthorizeApplicationToUsers(context.Background(), testInstance, testApp, userIDs); err != nil {
		t.Fatal(err)
	}
	var sent []string
	var sizes []int
	for _, c := range fake.Calls() {
		n := 0
		for ; c.Params.Has("UserIds." + strconv.Itoa(n+1)); n++ {
			sent = append(sent, c.Params.Get("UserIds."+strconv.Itoa(n+1)))
		}
		sizes = append(sizes, n)
	}
	if diff := cmp.Diff([]int{100, 100, 50}, sizes); diff != "" {
		t.Errorf("IDs per call (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(userIDs, sent); diff != "" {
		t.Errorf("IDs sent (-want +got):\n%s", diff)
	}
}

// TestListApplicationAccountsPages reads every page.
func TestListApplicationAccountsPages(t *testing.T) {
	t.Parallel()
	const total = 120
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		page, _ := strconv.Atoi(fc.Params.Get("PageNumber"))
		size, _ := strconv.Atoi(fc.Params.Get("PageSize"))
		var accounts []any
		for n := (page - 1) * size; n < min(page*size, total); n++ {
			accounts = append(accounts, accountBody(fmt.Sprintf("aac_%03d", n), testUser, "r"))
		}
		return ok(map[string]any{"TotalCount": total, "ApplicationAccounts": accounts})
	})
	got, err := newClient(t, fake.config()).EIAM().ListApplicationAccounts(context.Background(), testInstance, testApp)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || got[0].ApplicationAccountID != "aac_000" || got[total-1].ApplicationAccountID != "aac_119" {
		t.Errorf("got %d accounts, first %+v", len(got), got[0])
	}
	if n := len(fake.Calls()); n != 3 {
		t.Errorf("calls = %d, want 3 pages of 50", n)
	}
}

// accountsFake is a user's accounts in one application, as IDaaS keeps
// them: AddApplicationAccountToUser adds one each time it takes effect,
// duplicates included, and a new account is listed only after a number of
// list calls (eventual consistency).
type accountsFake struct {
	mu       sync.Mutex
	accounts []fakeAccount
	// outcomes are the answers to the Add calls in turn: "ok", "applied"
	// (added, then HTTP 500), "lost" (HTTP 500, not added) or "rejected"
	// (HTTP 400).
	outcomes []string
	// hiddenFor is how many list calls miss a new account.
	hiddenFor int
	// listErr, if set, answers the list calls after the first.
	listErr *fakeReply

	adds, lists int
}

type fakeAccount struct {
	id, name string
	hidden   int
}

func (f *accountsFake) handle(fc fakeCall) fakeReply {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch fc.Action {
	case "ListApplicationAccountsForUser":
		f.lists++
		if f.listErr != nil && f.lists > 1 {
			return *f.listErr
		}
		var listed []any
		for i := range f.accounts {
			a := &f.accounts[i]
			if a.hidden > 0 {
				a.hidden--
				continue
			}
			listed = append(listed, accountBody(a.id, fc.Params.Get("UserId"), a.name))
		}
		return ok(map[string]any{"TotalCount": len(listed), "ApplicationAccounts": listed})
	case "AddApplicationAccountToUser":
		f.adds++
		outcome := "ok"
		if f.adds <= len(f.outcomes) {
			outcome = f.outcomes[f.adds-1]
		}
		if outcome == "lost" {
			return directoryError(http.StatusInternalServerError, "InternalError")
		}
		if outcome == "rejected" {
			return directoryError(http.StatusBadRequest, "InvalidParameter.ApplicationUsername")
		}
		id := fmt.Sprintf("aac_%d", len(f.accounts)+1)
		f.accounts = append(f.accounts, fakeAccount{id: id, name: fc.Params.Get("ApplicationUsername"), hidden: f.hiddenFor})
		if outcome == "applied" {
			return directoryError(http.StatusInternalServerError, "InternalError")
		}
		return ok(map[string]any{"ApplicationAccountId": id})
	}
	return directoryError(http.StatusBadRequest, "Unexpected")
}

// TestAddApplicationAccountToUser checks that the account is added once:
// an existing account of the name is reported, and after an ambiguous
// failure the account the call added is adopted rather than added again.
func TestAddApplicationAccountToUser(t *testing.T) {
	t.Parallel()
	in := client.AddApplicationAccountInput{InstanceID: testInstance, ApplicationID: testApp, UserID: testUser, ApplicationUsername: "sso-admin"}
	tests := map[string]struct {
		existing  []fakeAccount
		outcomes  []string
		hiddenFor int
		listErr   *fakeReply

		wantID       string // the account returned; "" for an error
		wantErrCode  string
		wantExists   string // the ID of an *ApplicationAccountExistsError
		wantAdds     int
		wantAccounts int
		// wantWaited is whether the client waited the settle time.
		wantWaited bool
	}{
		"added": {
			outcomes: []string{"ok"}, wantID: "aac_1", wantAdds: 1, wantAccounts: 1,
		},
		"another name exists: added": {
			existing: []fakeAccount{{id: "aac_old", name: "sso-readonly"}},
			outcomes: []string{"ok"}, wantID: "aac_2", wantAdds: 1, wantAccounts: 2,
		},
		"the name exists: not added": {
			existing:   []fakeAccount{{id: "aac_old", name: "sso-admin"}},
			wantExists: "aac_old", wantAdds: 0, wantAccounts: 1,
		},
		"ambiguous, added and listed at once: adopted": {
			outcomes: []string{"applied"}, wantID: "aac_1", wantAdds: 1, wantAccounts: 1,
		},
		"ambiguous, added and listed after a while: adopted": {
			outcomes: []string{"applied"}, hiddenFor: 4, wantID: "aac_1", wantAdds: 1, wantAccounts: 1,
		},
		"ambiguous, not added: sent again after the settle time": {
			outcomes: []string{"lost", "ok"}, wantID: "aac_1", wantAdds: 2, wantAccounts: 1, wantWaited: true,
		},
		"ambiguous every time: given up": {
			outcomes: []string{"lost", "lost", "lost"}, wantErrCode: "InternalError", wantAdds: 3, wantAccounts: 0, wantWaited: true,
		},
		"ambiguous, and the look fails: the first error": {
			outcomes: []string{"applied"}, listErr: new(directoryError(http.StatusForbidden, "NoPermission")),
			wantErrCode: "InternalError", wantAdds: 1, wantAccounts: 1,
		},
		"rejected: no second look": {
			outcomes: []string{"rejected"}, wantErrCode: "InvalidParameter.ApplicationUsername", wantAdds: 1, wantAccounts: 0,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			state := &accountsFake{accounts: tt.existing, outcomes: tt.outcomes, hiddenFor: tt.hiddenFor, listErr: tt.listErr}
			fake := newFakeAPI(t, state.handle)
			clk := client.NewFakeClock()
			c := newClientWithClock(t, fake.config(), clk, "")
			start := clk.Now()
			got, err := c.EIAM().AddApplicationAccountToUser(context.Background(), in)

			var exists *client.ApplicationAccountExistsError
			switch {
			case tt.wantExists != "":
				if !errors.As(err, &exists) || exists.Account.ApplicationAccountID != tt.wantExists {
					t.Fatalf("error = %v, want an ApplicationAccountExistsError for %s", err, tt.wantExists)
				}
			case tt.wantErrCode != "":
				if client.ErrorCode(err) != tt.wantErrCode {
					t.Fatalf("error = %v, want code %s", err, tt.wantErrCode)
				}
			case err != nil:
				t.Fatal(err)
			default:
				want := &client.ApplicationAccount{
					InstanceID: testInstance, ApplicationID: testApp, ApplicationAccountID: tt.wantID, UserID: testUser,
					ApplicationUsername: "sso-admin",
				}
				if got.CreateTime != 0 {
					want.CreateTime = 1767322800000 // adopted from a list
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("account (-want +got):\n%s", diff)
				}
			}
			if state.adds != tt.wantAdds || len(state.accounts) != tt.wantAccounts {
				t.Errorf("adds = %d, accounts = %d; want %d and %d", state.adds, len(state.accounts), tt.wantAdds, tt.wantAccounts)
			}
			if waited := clk.Now().Sub(start) >= 30*time.Second; waited != tt.wantWaited {
				t.Errorf("waited %v; want the settle time waited: %v", clk.Now().Sub(start), tt.wantWaited)
			}
			if i := slices.Index(fake.Actions(), "AddApplicationAccountToUser"); tt.wantAdds > 0 && i != 1 {
				t.Errorf("actions = %v, want a list before the first add", fake.Actions())
			}
		})
	}
}
