// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// IDs of the directory every directory test starts from. They have the
// EIAM shape: a prefix and 26 lowercase letters and digits.
var (
	testAppID          = eiamID("app_", "console")
	testAppID2         = eiamID("app_", "billing")
	aliceID            = eiamID("user_", "alice")
	aliceSmith         = eiamID("user_", "alicesmith")
	bobID              = eiamID("user_", "bob")
	carolID            = eiamID("user_", "carol")
	opsGroupID         = eiamID("group_", "ops")
	auditGroup         = eiamID("group_", "auditors")
	directoryUsernames = map[string]string{aliceID: "alice", aliceSmith: "alice.smith", bobID: "bob", carolID: "carol"}
)

func eiamID(prefix, name string) string {
	return prefix + name + strings.Repeat("0", 26-len(name))
}

// directoryState is the emulator state of the directory tests: four users,
// as a directory sync brings them, two groups and two role-based SSO
// applications that authorize only the users and groups given access.
func directoryState(t *testing.T, accounts ...map[string]any) string {
	t.Helper()
	return directoryStateWith(t, nil, accounts)
}

// directoryStateWithUsers is directoryState with more users.
func directoryStateWithUsers(t *testing.T, users []map[string]any) string {
	t.Helper()
	return directoryStateWith(t, users, nil)
}

func directoryStateWith(t *testing.T, extraUsers, accounts []map[string]any) string {
	t.Helper()
	var users []map[string]any
	for _, id := range []string{aliceID, aliceSmith, bobID, carolID} {
		name := directoryUsernames[id]
		users = append(users, map[string]any{
			"UserId": id, "Username": name, "DisplayName": strings.ToUpper(name[:1]) + name[1:], "Email": name + "@example.com",
		})
	}
	users = append(users, extraUsers...)
	app := func(id, name string) map[string]any {
		return map[string]any{
			"ApplicationId": id, "ApplicationName": name,
			"ApplicationTemplateId": emulator.RoleSSOTemplateIDInternational, "AuthorizationType": "authorize_required",
		}
	}
	state := map[string]any{"Eiam": map[string]any{
		"Users": users,
		"Groups": []map[string]any{
			{"GroupId": opsGroupID, "GroupName": "ops", "UserIds": []string{bobID}},
			{"GroupId": auditGroup, "GroupName": "auditors"},
		},
		"Applications":        []map[string]any{app(testAppID, "console"), app(testAppID2, "billing")},
		"ApplicationAccounts": accounts,
	}}
	b, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// directoryFixture is an emulator with the directory loaded, the
// provider's client to change it out of band and look at it, and its
// control API.
type directoryFixture struct {
	t          *testing.T
	srv        *emulator.Server
	ctl        *emulatortest.Control
	client     *client.Client
	conn       client.EIAMDirectory
	instanceID string
}

func newDirectoryFixture(t *testing.T, opts ...emulatortest.Option) *directoryFixture {
	t.Helper()
	return newDirectoryFixtureWith(t, directoryState(t), opts...)
}

func newDirectoryFixtureWith(t *testing.T, state string, opts ...emulatortest.Option) *directoryFixture {
	t.Helper()
	srv := acctest.Emulator(t, append([]emulatortest.Option{emulatortest.WithLoad(state)}, opts...)...)
	f := &directoryFixture{t: t, srv: srv, ctl: emulatortest.ControlOf(t, srv)}
	var st struct {
		Eiam struct {
			Instance struct {
				InstanceID string `json:"InstanceId"`
			}
		}
	}
	f.ctl.State(&st)
	f.instanceID = st.Eiam.Instance.InstanceID
	c := acctest.EmulatorClient(t, srv)
	f.client, f.conn = c, c.EIAM()
	return f
}

// config is the provider block and the given HCL.
func (f *directoryFixture) config(hcl string, args ...any) string {
	return acctest.EmulatorProviderConfig(f.srv) + fmt.Sprintf(hcl, args...)
}

// accounts returns a user's accounts in the test application.
func (f *directoryFixture) accounts(userID string) []client.ApplicationAccount {
	f.t.Helper()
	accounts, err := f.conn.ListApplicationAccountsForUser(context.Background(), f.instanceID, testAppID, userID)
	if err != nil {
		f.t.Fatalf("ListApplicationAccountsForUser: %v", err)
	}
	return accounts
}

// eiamCalls returns the logged Eiam calls of the given actions, or of every
// action when none is given.
func (f *directoryFixture) eiamCalls(actions ...string) []emulator.CallRecord {
	f.t.Helper()
	var out []emulator.CallRecord
	for _, r := range f.ctl.Requests(0) {
		if r.Product != "Eiam" {
			continue
		}
		if len(actions) == 0 || slices.Contains(actions, r.Action) {
			out = append(out, r)
		}
	}
	return out
}
