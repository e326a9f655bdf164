// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ims"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

const acct = emulator.DefaultAccountID

var isoRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func createRole(t testing.TB, srv *emulator.Server, c clients, name, doc string) *ram.CreateRoleResponse {
	t.Helper()
	req := at(srv, ram.CreateCreateRoleRequest())
	req.RoleName = name
	req.AssumeRolePolicyDocument = doc
	resp, err := c.ram.CreateRole(req)
	mustOK(t, err)
	return resp
}

func createSAMLProvider(t testing.TB, srv *emulator.Server, c clients, name string) *ims.CreateSAMLProviderResponse {
	t.Helper()
	req := at(srv, ims.CreateCreateSAMLProviderRequest())
	req.SAMLProviderName = name
	req.EncodedSAMLMetadataDocument = testMetadata(t, "https://idp.example.com/"+name)
	resp, err := c.ims.CreateSAMLProvider(req)
	mustOK(t, err)
	return resp
}

func TestRoleLifecycle(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createSAMLProvider(t, srv, c, "idaas")

	req := at(srv, ram.CreateCreateRoleRequest())
	req.RoleName = "sso-admin"
	req.AssumeRolePolicyDocument = trustSAML(acct, "idaas")
	req.Description = "Administrators signing in through IDaaS"
	req.MaxSessionDuration = requests.NewInteger(7200)
	created, err := c.ram.CreateRole(req)
	mustOK(t, err)
	r := created.Role
	if r.Arn != "acs:ram::"+acct+":role/sso-admin" || r.RoleName != "sso-admin" || r.MaxSessionDuration != 7200 ||
		r.AssumeRolePolicyDocument != req.AssumeRolePolicyDocument || r.Description != req.Description {
		t.Errorf("CreateRole: %+v", r)
	}
	if !regexp.MustCompile(`^\d{16}$`).MatchString(r.RoleId) || !isoRe.MatchString(r.CreateDate) {
		t.Errorf("RoleId %q or CreateDate %q malformed", r.RoleId, r.CreateDate)
	}

	get := at(srv, ram.CreateGetRoleRequest())
	get.RoleName = "SSO-Admin" // names compare without regard to case
	got, err := c.ram.GetRole(get)
	mustOK(t, err)
	if got.Role.RoleId != r.RoleId || got.Role.RoleName != "sso-admin" || !isoRe.MatchString(got.Role.UpdateDate) {
		t.Errorf("GetRole: %+v", got.Role)
	}

	upd := at(srv, ram.CreateUpdateRoleRequest())
	upd.RoleName = "sso-admin"
	upd.NewDescription = "changed"
	upd.NewMaxSessionDuration = requests.NewInteger(43200)
	upd.NewAssumeRolePolicyDocument = trustRAM()
	updated, err := c.ram.UpdateRole(upd)
	mustOK(t, err)
	if updated.Role.Description != "changed" || updated.Role.MaxSessionDuration != 43200 || updated.Role.AssumeRolePolicyDocument != trustRAM() {
		t.Errorf("UpdateRole: %+v", updated.Role)
	}

	del := at(srv, ram.CreateDeleteRoleRequest())
	del.RoleName = "sso-admin"
	_, err = c.ram.DeleteRole(del)
	mustOK(t, err)
	_, err = c.ram.GetRole(get)
	wantAPIError(t, err, "EntityNotExist.Role", 404)
	_, err = c.ram.DeleteRole(del)
	wantAPIError(t, err, "EntityNotExist.Role", 404)
	_, err = c.ram.UpdateRole(upd)
	wantAPIError(t, err, "EntityNotExist.Role", 404)
}

func TestCreateRoleValidation(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "Existing", trustRAM())
	createRole(t, srv, c, "ecs-role", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}]}`)
	createRole(t, srv, c, "user-role", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::`+acct+`:user/alice","`+acct+`"]}}]}`)
	tests := []struct {
		name     string
		role     string
		doc      string
		desc     string
		maxSess  string
		wantCode string
		status   int
	}{
		{"missing name", "", trustRAM(), "", "", "MissingRoleName", 400},
		{"missing document", "r1", "", "", "", "MissingAssumeRolePolicyDocument", 400},
		{"name too long", strings.Repeat("a", 65), trustRAM(), "", "", "InvalidParameter.RoleName.Length", 400},
		{"name with underscore", "bad_name", trustRAM(), "", "", "InvalidParameter.RoleName.InvalidChars", 400},
		{"name with @", "a@b", trustRAM(), "", "", "InvalidParameter.RoleName.InvalidChars", 400},
		{"description too long", "r1", trustRAM(), strings.Repeat("d", 1025), "", "InvalidParameter.Description.Length", 400},
		{"session too short", "r1", trustRAM(), "", "3599", "InvalidParameter.MaxSessionDuration", 400},
		{"session too long", "r1", trustRAM(), "", "43201", "InvalidParameter.MaxSessionDuration", 400},
		{"session not a number", "r1", trustRAM(), "", "1h", "InvalidParameter", 400},
		{"document not JSON", "r1", `{"Statement":`, "", "", "MalformedPolicyDocument", 400},
		{"document without Version", "r1", `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":"acs:ram::` + acct + `:root"}}]}`, "", "", "MalformedPolicyDocument", 400},
		{"document with bad Effect", "r1", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Maybe","Principal":{"RAM":"` + acct + `"}}]}`, "", "", "MalformedPolicyDocument", 400},
		{"document with Resource", "r1", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*","Principal":{"RAM":"` + acct + `"}}]}`, "", "", "MalformedPolicyDocument", 400},
		{"RAM principal not an ARN", "r1", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":"alice"}}]}`, "", "", "MalformedPolicyDocument", 400},
		{"Service principal not a service", "r1", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ecs"}}]}`, "", "", "MalformedPolicyDocument", 400},
		{"unknown principal type", "r1", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"AWS":"*"}}]}`, "", "", "MalformedPolicyDocument", 400},
		{"unknown SAML provider", "r1", trustSAML(acct, "nobody"), "", "", "MalformedPolicyDocument", 400},
		{"SAML provider of another account", "r1", trustSAML("6543210987654321", "idaas"), "", "", "MalformedPolicyDocument", 400},
		{"document too long", "r1", `{"Version":"1","Statement":[` + strings.Repeat(" ", 2048) + `]}`, "", "", "InvalidParameter.AssumeRolePolicyDocument.Length", 400},
		{"same name other case", "EXISTING", trustRAM(), "", "", "EntityAlreadyExists.Role", 409},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := at(srv, ram.CreateCreateRoleRequest())
			req.RoleName = tt.role
			req.AssumeRolePolicyDocument = tt.doc
			req.Description = tt.desc
			req.MaxSessionDuration = requests.Integer(tt.maxSess)
			_, err := c.ram.CreateRole(req)
			wantAPIError(t, err, tt.wantCode, tt.status)
		})
	}
}

func TestUpdateRoleValidation(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "r", trustRAM())
	// The legacy SDK keeps a request's parameters between calls: one
	// request per call.
	update := func(f func(*ram.UpdateRoleRequest)) error {
		req := at(srv, ram.CreateUpdateRoleRequest())
		req.RoleName = "r"
		f(req)
		_, err := c.ram.UpdateRole(req)
		return err
	}
	wantAPIError(t, update(func(r *ram.UpdateRoleRequest) { r.NewMaxSessionDuration = requests.NewInteger(100) }), "InvalidParameter.NewMaxSessionDuration", 400)
	wantAPIError(t, update(func(r *ram.UpdateRoleRequest) { r.NewAssumeRolePolicyDocument = trustSAML(acct, "missing") }), "MalformedPolicyDocument", 400)
	wantAPIError(t, update(func(r *ram.UpdateRoleRequest) { r.NewDescription = strings.Repeat("x", 1025) }), "InvalidParameter.NewDescription.Length", 400)
	wantAPIError(t, update(func(r *ram.UpdateRoleRequest) { r.RoleName = "a_b" }), "InvalidParameter.RoleName.InvalidChars", 400)
}

func TestPolicyAttachments(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	createRole(t, srv, c, "ops", trustRAM())

	attach := func(typ, name, role string) error {
		req := at(srv, ram.CreateAttachPolicyToRoleRequest())
		req.PolicyType, req.PolicyName, req.RoleName = typ, name, role
		_, err := c.ram.AttachPolicyToRole(req)
		return err
	}
	detach := func(typ, name, role string) error {
		req := at(srv, ram.CreateDetachPolicyFromRoleRequest())
		req.PolicyType, req.PolicyName, req.RoleName = typ, name, role
		_, err := c.ram.DetachPolicyFromRole(req)
		return err
	}
	mustOK(t, attach("System", "AdministratorAccess", "ops"))
	mustOK(t, attach("System", "AliyunOSSReadOnlyAccess", "OPS"))
	wantAPIError(t, attach("System", "AdministratorAccess", "ops"), "EntityAlreadyExists.Role.Policy", 409)
	wantAPIError(t, attach("System", "NoSuchPolicy", "ops"), "EntityNotExist.Policy", 404)
	wantAPIError(t, attach("Custom", "AdministratorAccess", "ops"), "EntityNotExist.Policy", 404)
	wantAPIError(t, attach("Managed", "AdministratorAccess", "ops"), "InvalidParameter.PolicyType", 400)
	wantAPIError(t, attach("System", "AdministratorAccess", "nobody"), "EntityNotExist.Role", 404)
	wantAPIError(t, attach("", "AdministratorAccess", "ops"), "MissingPolicyType", 400)

	list := at(srv, ram.CreateListPoliciesForRoleRequest())
	list.RoleName = "ops"
	got, err := c.ram.ListPoliciesForRole(list)
	mustOK(t, err)
	if n := len(got.Policies.Policy); n != 2 {
		t.Fatalf("ListPoliciesForRole: %d policies, want 2", n)
	}
	p := got.Policies.Policy[0]
	if p.PolicyName != "AdministratorAccess" || p.PolicyType != "System" || p.DefaultVersion != "v1" || p.Description == "" || !isoRe.MatchString(p.AttachDate) {
		t.Errorf("policy: %+v", p)
	}

	del := at(srv, ram.CreateDeleteRoleRequest())
	del.RoleName = "ops"
	_, err = c.ram.DeleteRole(del)
	wantAPIError(t, err, "DeleteConflict.Role.Policy", 409)

	mustOK(t, detach("System", "AdministratorAccess", "ops"))
	wantAPIError(t, detach("System", "AdministratorAccess", "ops"), "EntityNotExist.Role.Policy", 404)
	mustOK(t, detach("System", "AliyunOSSReadOnlyAccess", "ops"))
	_, err = c.ram.DeleteRole(del)
	mustOK(t, err)
	wantAPIError(t, detach("System", "AdministratorAccess", "ops"), "EntityNotExist.Role", 404)
}

func TestCustomPolicies(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	doc := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}`
	create := at(srv, ram.CreateCreatePolicyRequest())
	create.PolicyName = "ecs-read"
	create.PolicyDocument = doc
	create.Description = "read ECS"
	created, err := c.ram.CreatePolicy(create)
	mustOK(t, err)
	if created.Policy.PolicyType != "Custom" || created.Policy.DefaultVersion != "v1" || !isoRe.MatchString(created.Policy.CreateDate) {
		t.Errorf("CreatePolicy: %+v", created.Policy)
	}
	_, err = c.ram.CreatePolicy(create)
	wantAPIError(t, err, "EntityAlreadyExists.Policy", 409)
	create.PolicyName = "AdministratorAccess"
	_, err = c.ram.CreatePolicy(create)
	wantAPIError(t, err, "EntityAlreadyExists.Policy", 409)
	create.PolicyName = "bad name"
	_, err = c.ram.CreatePolicy(create)
	wantAPIError(t, err, "InvalidParameter.PolicyName.InvalidChars", 400)
	create.PolicyName = "ok"
	create.PolicyDocument = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*"}]}`
	_, err = c.ram.CreatePolicy(create)
	wantAPIError(t, err, "MalformedPolicyDocument", 400)

	get := at(srv, ram.CreateGetPolicyRequest())
	get.PolicyType, get.PolicyName = "Custom", "ecs-read"
	got, err := c.ram.GetPolicy(get)
	mustOK(t, err)
	if got.DefaultPolicyVersion.PolicyDocument != doc || !got.DefaultPolicyVersion.IsDefaultVersion || got.Policy.Description != "read ECS" {
		t.Errorf("GetPolicy: %+v", got)
	}
	get.PolicyType, get.PolicyName = "System", "AliyunECSFullAccess"
	got, err = c.ram.GetPolicy(get)
	mustOK(t, err)
	if !strings.Contains(got.DefaultPolicyVersion.PolicyDocument, `"ecs:*"`) {
		t.Errorf("system policy document: %s", got.DefaultPolicyVersion.PolicyDocument)
	}

	createRole(t, srv, c, "r", trustRAM())
	attach := at(srv, ram.CreateAttachPolicyToRoleRequest())
	attach.PolicyType, attach.PolicyName, attach.RoleName = "Custom", "ecs-read", "r"
	_, err = c.ram.AttachPolicyToRole(attach)
	mustOK(t, err)
	get.PolicyType, get.PolicyName = "Custom", "ecs-read"
	got, err = c.ram.GetPolicy(get)
	mustOK(t, err)
	if got.Policy.AttachmentCount != 1 {
		t.Errorf("AttachmentCount = %d, want 1", got.Policy.AttachmentCount)
	}

	del := at(srv, ram.CreateDeletePolicyRequest())
	del.PolicyName = "ecs-read"
	_, err = c.ram.DeletePolicy(del)
	wantAPIError(t, err, "DeleteConflict.Policy.Role", 409)
	detach := at(srv, ram.CreateDetachPolicyFromRoleRequest())
	detach.PolicyType, detach.PolicyName, detach.RoleName = "Custom", "ecs-read", "r"
	_, err = c.ram.DetachPolicyFromRole(detach)
	mustOK(t, err)
	_, err = c.ram.DeletePolicy(del)
	mustOK(t, err)
	_, err = c.ram.DeletePolicy(del)
	wantAPIError(t, err, "EntityNotExist.Policy", 404)
	del.PolicyName = "AdministratorAccess"
	_, err = c.ram.DeletePolicy(del)
	wantAPIError(t, err, "NoPermission", 403)

	list := at(srv, ram.CreateListPoliciesRequest())
	list.PolicyType = "System"
	list.MaxItems = requests.NewInteger(1000)
	all, err := c.ram.ListPolicies(list)
	mustOK(t, err)
	names := map[string]bool{}
	for _, p := range all.Policies.Policy {
		names[p.PolicyName] = true
		if p.PolicyType != "System" {
			t.Errorf("ListPolicies System returned %+v", p)
		}
	}
	for _, want := range []string{"AdministratorAccess", "ReadOnlyAccess", "AliyunECSFullAccess", "AliyunOSSReadOnlyAccess", "AliyunBSSFullAccess", "AliyunRAMReadOnlyAccess"} {
		if !names[want] {
			t.Errorf("System policy %s missing", want)
		}
	}
}

// TestListRolesPagination lists 25 roles 10 at a time.
func TestListRolesPagination(t *testing.T) {
	srv := emulatortest.Start(t)
	c := defaultClients(t)
	want := map[string]bool{}
	for i := range 25 {
		name := fmt.Sprintf("role-%02d", i)
		createRole(t, srv, c, name, trustRAM())
		want[name] = true
	}
	got := map[string]bool{}
	marker, pages := "", 0
	for {
		req := at(srv, ram.CreateListRolesRequest())
		req.MaxItems = requests.NewInteger(10)
		req.Marker = marker
		resp, err := c.ram.ListRoles(req)
		mustOK(t, err)
		pages++
		for _, r := range resp.Roles.Role {
			if got[r.RoleName] {
				t.Errorf("role %s listed twice", r.RoleName)
			}
			got[r.RoleName] = true
			if r.AssumeRolePolicyDocument != "" || r.Arn == "" || r.RoleId == "" {
				t.Errorf("list item: %+v", r)
			}
		}
		if !resp.IsTruncated {
			if resp.Marker != "" {
				t.Errorf("last page has Marker %q", resp.Marker)
			}
			break
		}
		if len(resp.Roles.Role) != 10 || resp.Marker == "" {
			t.Fatalf("truncated page with %d roles and marker %q", len(resp.Roles.Role), resp.Marker)
		}
		marker = resp.Marker
	}
	if pages != 3 || len(got) != len(want) {
		t.Errorf("%d pages, %d roles; want 3 pages, %d roles", pages, len(got), len(want))
	}

	req := at(srv, ram.CreateListRolesRequest())
	req.MaxItems = requests.NewInteger(1001)
	_, err := c.ram.ListRoles(req)
	wantAPIError(t, err, "InvalidParameter", 400)
	req.MaxItems = ""
	req.Marker = "!!!"
	_, err = c.ram.ListRoles(req)
	wantAPIError(t, err, "InvalidParameter", 400)
}

// TestRoleConsistencyDelay shows a new role invisible to reads for the
// configured delay, while writes see it at once.
func TestRoleConsistencyDelay(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithKnobs(emulator.Knobs{
		Consistency: map[string]emulator.Duration{"Ram.Role": emulator.Duration(time.Minute)},
	}))
	c := defaultClients(t)
	createRole(t, srv, c, "late", trustRAM())
	get := at(srv, ram.CreateGetRoleRequest())
	get.RoleName = "late"
	_, err := c.ram.GetRole(get)
	wantAPIError(t, err, "EntityNotExist.Role", 404)
	list, err := c.ram.ListRoles(at(srv, ram.CreateListRolesRequest()))
	mustOK(t, err)
	if len(list.Roles.Role) != 0 {
		t.Errorf("ListRoles shows the new role: %+v", list.Roles.Role)
	}
	req := at(srv, ram.CreateCreateRoleRequest())
	req.RoleName, req.AssumeRolePolicyDocument = "late", trustRAM()
	_, err = c.ram.CreateRole(req)
	wantAPIError(t, err, "EntityAlreadyExists.Role", 409)

	mustOK(t, srv.AdvanceClock(time.Minute))
	_, err = c.ram.GetRole(get)
	mustOK(t, err)
}

// TestSAMLProviderConsistencyDelay shows a new SAML provider unusable in a
// trust policy for the configured delay.
func TestSAMLProviderConsistencyDelay(t *testing.T) {
	srv := emulatortest.Start(t, emulatortest.WithKnobs(emulator.Knobs{
		Consistency: map[string]emulator.Duration{"Ims.SAMLProvider": emulator.Duration(30 * time.Second)},
	}))
	c := defaultClients(t)
	createSAMLProvider(t, srv, c, "idaas")
	req := at(srv, ram.CreateCreateRoleRequest())
	req.RoleName, req.AssumeRolePolicyDocument = "sso", trustSAML(acct, "idaas")
	_, err := c.ram.CreateRole(req)
	wantAPIError(t, err, "MalformedPolicyDocument", 400)
	mustOK(t, srv.AdvanceClock(30*time.Second))
	_, err = c.ram.CreateRole(req)
	mustOK(t, err)
}
