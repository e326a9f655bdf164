// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

// The tests of this file pin answers that the official SDK models and the
// alicloud provider give, where an earlier emulator differed (FACTS.md).

// rawCall sends one v1-signed call with the default key, outside the typed
// SDK, for parameters and fields the legacy SDK structs do not have.
func rawCall(t *testing.T, srv *emulator.Server, params map[string]string) rawResponse {
	t.Helper()
	return send(t, v1Request(t, srv, http.MethodPost, emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret, params))
}

// TestPolicyNamesWithoutCase: RAM finds a policy named in another case and
// answers with the stored name (FACTS.md, "Policies").
func TestPolicyNamesWithoutCase(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "ops", trustRAM())
	attach := at(srv, ram.CreateAttachPolicyToRoleRequest())
	attach.PolicyType, attach.PolicyName, attach.RoleName = "System", "AliyunOssFullAccess", "ops"
	_, err := c.ram.AttachPolicyToRole(attach)
	mustOK(t, err)
	again := at(srv, ram.CreateAttachPolicyToRoleRequest())
	again.PolicyType, again.PolicyName, again.RoleName = "System", "ALIYUNOSSFULLACCESS", "ops"
	_, err = c.ram.AttachPolicyToRole(again)
	wantAPIError(t, err, "EntityAlreadyExists.Role.Policy", 409)

	list := at(srv, ram.CreateListPoliciesForRoleRequest())
	list.RoleName = "ops"
	got, err := c.ram.ListPoliciesForRole(list)
	mustOK(t, err)
	if len(got.Policies.Policy) != 1 || got.Policies.Policy[0].PolicyName != "AliyunOSSFullAccess" {
		t.Errorf("ListPoliciesForRole: %+v; want the stored name AliyunOSSFullAccess", got.Policies.Policy)
	}
	detach := at(srv, ram.CreateDetachPolicyFromRoleRequest())
	detach.PolicyType, detach.PolicyName, detach.RoleName = "System", "aliyunossfullaccess", "ops"
	_, err = c.ram.DetachPolicyFromRole(detach)
	mustOK(t, err)
}

// TestDeletePolicyCascading: CascadingDelete detaches the policy first
// (ram SDK model DeletePolicyRequest).
func TestDeletePolicyCascading(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "ops", trustRAM())
	doc := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}`
	if r := rawCall(t, srv, map[string]string{"Action": "CreatePolicy", "Version": "2015-05-01", "PolicyName": "reader", "PolicyDocument": doc}); r.Status != http.StatusOK {
		t.Fatalf("CreatePolicy: %v", r.Body)
	}
	attach := at(srv, ram.CreateAttachPolicyToRoleRequest())
	attach.PolicyType, attach.PolicyName, attach.RoleName = "Custom", "reader", "ops"
	_, err := c.ram.AttachPolicyToRole(attach)
	mustOK(t, err)
	del := map[string]string{"Action": "DeletePolicy", "Version": "2015-05-01", "PolicyName": "reader"}
	if r := rawCall(t, srv, del); r.code() != "DeleteConflict.Policy.Role" {
		t.Errorf("DeletePolicy of an attached policy: %v", r.Body)
	}
	del["CascadingDelete"] = "true"
	if r := rawCall(t, srv, del); r.Status != http.StatusOK {
		t.Fatalf("DeletePolicy with CascadingDelete: %v", r.Body)
	}
	list := at(srv, ram.CreateListPoliciesForRoleRequest())
	list.RoleName = "ops"
	got, err := c.ram.ListPoliciesForRole(list)
	mustOK(t, err)
	if len(got.Policies.Policy) != 0 {
		t.Errorf("the role keeps the deleted policy: %+v", got.Policies.Policy)
	}
}

// TestListFields: fields the SDK models list, and no field they do not.
func TestListFields(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "ops", trustRAM())
	createSAMLProvider(t, srv, c, "idaas")

	roles := rawCall(t, srv, map[string]string{"Action": "ListRoles", "Version": "2015-05-01"})
	role := asObj(items(roles.Body["Roles"], "Role")[0])
	if _, ok := asObj(role["Tags"])["Tag"].([]any); !ok {
		t.Errorf("ListRoles item has no Tags.Tag list: %v", role)
	}
	providers := rawCall(t, srv, map[string]string{"Action": "ListSAMLProviders", "Version": "2019-08-15"})
	p := asObj(items(providers.Body["SAMLProviders"], "SAMLProvider")[0])
	for _, k := range []string{"AuthnSignAlgo", "EncodedSAMLMetadataDocument"} {
		if _, ok := p[k]; ok {
			t.Errorf("ListSAMLProviders item has %s, which the ims SDK model does not: %v", k, p)
		}
	}
	get := rawCall(t, srv, map[string]string{"Action": "GetSAMLProvider", "Version": "2019-08-15", "SAMLProviderName": "idaas"})
	if str(get.Body["SAMLProvider"], "AuthnSignAlgo") == "" {
		t.Errorf("GetSAMLProvider has no AuthnSignAlgo: %v", get.Body)
	}
	update := rawCall(t, srv, map[string]string{"Action": "UpdateSAMLProvider", "Version": "2019-08-15", "SAMLProviderName": "idaas", "AuthnSignAlgo": "rsa-sha256"})
	if update.Status != http.StatusBadRequest || !strings.HasPrefix(update.code(), "Missing") {
		t.Errorf("UpdateSAMLProvider with only AuthnSignAlgo: HTTP %d %v; the SDK model needs a new description or metadata", update.Status, update.Body)
	}

	oidc := rawCall(t, srv, map[string]string{"Action": "CreateOIDCProvider", "Version": "2019-08-15", "OIDCProviderName": "github",
		"IssuerUrl": "https://token.actions.githubusercontent.com", "Fingerprints": strings.Repeat("a", 40), "ClientIds": "sts.aliyuncs.com"})
	if o := asObj(oidc.Body["OIDCProvider"]); !isEpochMillisString(o["GmtCreate"]) || !isEpochMillisString(o["GmtModified"]) {
		t.Errorf("OIDC provider has no GmtCreate/GmtModified epoch-millisecond strings: %v", oidc.Body)
	}

	f := eiamFixtureFor(t, srv)
	app := f.createApp("app", emulator.RoleSSOTemplateIDInternational)
	group := str(f.ok("CreateGroup", params{"GroupName": "ops"}), "GroupId")
	f.ok("AuthorizeApplicationToGroups", params{"ApplicationId": app, "GroupIds.1": group})
	g := asObj(items(f.ok("ListGroupsForApplication", params{"ApplicationId": app}), "Groups")[0])
	if roles, ok := g["ApplicationRoles"].([]any); !ok || len(roles) != 0 || g["GroupId"] != group {
		t.Errorf("ListGroupsForApplication item: %v", g)
	}
}

func isEpochMillisString(v any) bool {
	s, ok := v.(string)
	return ok && len(s) == 13 && strings.Trim(s, "0123456789") == ""
}
