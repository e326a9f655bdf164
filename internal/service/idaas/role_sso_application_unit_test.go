// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/wanterr"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

func TestParseRoleSSOApplicationID(t *testing.T) {
	suffix := `. Give "<instance_id>/<application_id>" (for example "` + idaas.RoleSSOApplicationIDExample + `"), the parts separated by "/"`
	type testCase struct {
		id           string
		wantInstance string
		wantApp      string
		wantErr      string
	}
	tests := map[string]testCase{
		"valid":         {id: "idaas_abc/app_def", wantInstance: "idaas_abc", wantApp: "app_def"},
		"the example":   {id: idaas.RoleSSOApplicationIDExample, wantInstance: "idaas_ue2jvisn35ea5lmthk267xxxxx", wantApp: "app_mkv7rgt4d7i4u7zqtzev2mxxxx"},
		"no separator":  {id: "app_def", wantErr: `invalid import ID "app_def": it has no "/"` + suffix},
		"three parts":   {id: "idaas_abc/app_def/x", wantErr: `invalid import ID "idaas_abc/app_def/x": it has 3 parts separated by "/"` + suffix},
		"empty":         {id: "", wantErr: `invalid import ID "": it is empty` + suffix},
		"empty parts":   {id: "/", wantErr: `invalid import ID "/": part 1 (instance_id) is empty; part 2 (application_id) is empty` + suffix},
		"empty app":     {id: "idaas_abc/", wantErr: `invalid import ID "idaas_abc/": part 2 (application_id) is empty` + suffix},
		"white space":   {id: "idaas_abc/ app_def", wantErr: `invalid import ID "idaas_abc/ app_def": part 2 (application_id) has leading or trailing spaces` + suffix},
		"inner space":   {id: "idaas_abc/app\tdef", wantErr: `invalid import ID "idaas_abc/app\tdef": part 2 (application_id) contains white space` + suffix},
		"swapped parts": {id: "app_def/idaas_abc", wantErr: `invalid import ID "app_def/idaas_abc": the instance ID comes first, then the application ID` + suffix},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		instanceID, appID, err := idaas.ParseRoleSSOApplicationID(tt.id)
		if wanterr.Exact(t, err, tt.wantErr) {
			return
		}
		if instanceID != tt.wantInstance || appID != tt.wantApp {
			t.Errorf("got %q, %q; want %q, %q", instanceID, appID, tt.wantInstance, tt.wantApp)
		}
	})
}

func FuzzParseRoleSSOApplicationID(f *testing.F) {
	for _, seed := range []string{"idaas_abc/app_def", "", "/", "a/b/c", "app_x/idaas_y", "idaas_a/\tb", "\xff/\x00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		instanceID, appID, err := idaas.ParseRoleSSOApplicationID(id)
		if err != nil {
			if !strings.Contains(err.Error(), idaas.RoleSSOApplicationIDExample) {
				t.Errorf("error %q gives no example", err)
			}
			return
		}
		if instanceID == "" || appID == "" || instanceID+"/"+appID != id {
			t.Errorf("ParseRoleSSOApplicationID(%q) = %q, %q: not the two parts of the ID", id, instanceID, appID)
		}
	})
}

func TestStringValidators(t *testing.T) {
	p := path.Root("x")
	type testCase struct {
		validator validator.String
		value     types.String
		want      diag.Diagnostics
	}
	tests := map[string]testCase{
		"IdP name ok":      {validator: idaas.IdPNameValidator, value: types.StringValue("idaas-prod.1")},
		"IdP name null":    {validator: idaas.IdPNameValidator, value: types.StringNull()},
		"IdP name unknown": {validator: idaas.IdPNameValidator, value: types.StringUnknown()},
		"IdP name leading _": {
			validator: idaas.IdPNameValidator, value: types.StringValue("_idaas"),
			want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(p, "Invalid IdP name", `The IdP name "_idaas" is invalid: it starts or ends with a special character.`+
				"\n\n"+rolesso.SAMLProviderNameRule+"\n\n"+`For example "idaas".`)},
		},
		"account ID ok": {validator: idaas.AccountIDValidator, value: types.StringValue("1234567890123456")},
		"account ID short": {
			validator: idaas.AccountIDValidator, value: types.StringValue("12345"),
			want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(p, "Invalid Alibaba Cloud account ID", `The Alibaba Cloud account ID "12345" is invalid: it has 5 digits.`+
				"\n\n"+rolesso.AccountIDRule+"\n\n"+`Copy it from the account menu of the Alibaba Cloud console, or from "aliyun sts GetCallerIdentity" (field AccountId).`)},
		},
		"site ok": {validator: idaas.SiteValidator, value: types.StringValue("china")},
		"site upper case": {
			validator: idaas.SiteValidator, value: types.StringValue("China"),
			want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(p, "Invalid site", `The site "China" is invalid: it is not a known site.`+
				"\n\nA site is "+rolesso.SiteNameRule+".\n\n"+`Write it as "china": site names are lower case.`)},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if diff := cmp.Diff(tt.want, validateString(tt.validator, p, tt.value)); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	})
}

func TestSessionDurationValidator(t *testing.T) {
	p := path.Root("session_duration")
	type testCase struct {
		value types.Int64
		want  diag.Diagnostics
	}
	tests := map[string]testCase{
		"minimum": {value: types.Int64Value(rolesso.SessionDurationMin)},
		"maximum": {value: types.Int64Value(rolesso.SessionDurationMax)},
		"null":    {value: types.Int64Null()},
		"unknown": {value: types.Int64Unknown()},
		"too short": {value: types.Int64Value(60), want: diag.Diagnostics{diag.NewAttributeErrorDiagnostic(p, "Invalid session duration",
			"Invalid session duration 60: "+rolesso.SessionDurationRule)}},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if diff := cmp.Diff(tt.want, validateInt64(idaas.SessionDurationValidator, p, tt.value)); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	})
}

// TestExpandSAMLConfig keeps what the resource does not manage and sets
// what it does.
func TestExpandSAMLConfig(t *testing.T) {
	current := client.SAMLSSOConfig{
		SPEntityID:      "urn:other",
		ResponseSigned:  false,
		AssertionSigned: false,
		AttributeStatements: []client.AttributeStatement{
			{Name: "https://example.com/department", ValueExpression: "user.displayName"},
			{Name: rolesso.RoleSessionNameAttributeName, ValueExpression: "user.userId"},
			{Name: rolesso.SessionDurationAttributeName, ValueExpression: `"900"`},
		},
	}
	type testCase struct {
		sessionDuration types.Int64
		wantStatements  []client.AttributeStatement
	}
	tests := map[string]testCase{
		"with a session duration": {
			sessionDuration: types.Int64Value(7200),
			wantStatements: []client.AttributeStatement{
				{Name: "https://example.com/department", ValueExpression: "user.displayName"},
				{Name: rolesso.RoleSessionNameAttributeName, ValueExpression: "user.email"},
				{Name: rolesso.SessionDurationAttributeName, ValueExpression: `"7200"`},
			},
		},
		"without one": {
			sessionDuration: types.Int64Null(),
			wantStatements: []client.AttributeStatement{
				{Name: "https://example.com/department", ValueExpression: "user.displayName"},
				{Name: rolesso.RoleSessionNameAttributeName, ValueExpression: "user.email"},
			},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got := idaas.ExpandSAMLConfig(rolesso.China, current, "user.email", tt.sessionDuration)
		want := client.SAMLSSOConfig{
			SPEntityID:            rolesso.China.SPEntityID,
			SPSSOACSURL:           rolesso.China.ACSURL,
			NameIDFormat:          rolesso.DefaultNameIDFormat,
			NameIDValueExpression: rolesso.DefaultNameIDExpression,
			SignatureAlgorithm:    rolesso.DefaultSignatureAlgorithm,
			AttributeStatements:   tt.wantStatements,
			ResponseSigned:        false,
			AssertionSigned:       true,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("SAML configuration (-want +got):\n%s", diff)
		}
	})
}

// fakeInstances is an EIAM API that lists the given instances.
type fakeInstances struct {
	client.EIAM
	instances []client.Instance
	err       error
}

func (f fakeInstances) ListInstances(context.Context, client.ListInstancesInput) ([]client.Instance, error) {
	return f.instances, f.err
}

func TestFindOnlyInstance(t *testing.T) {
	failure := errors.New("Eiam ListInstances: connection refused")
	type testCase struct {
		instances []client.Instance
		err       error
		want      string
		wantErr   string
	}
	tests := map[string]testCase{
		"one":  {instances: []client.Instance{{InstanceID: "idaas_a"}}, want: "idaas_a"},
		"none": {wantErr: "there is no IDaaS instance in the provider's region; create one in the IDaaS console, or check the provider's region and endpoints.eiam"},
		"several": {
			instances: []client.Instance{{InstanceID: "idaas_c"}, {InstanceID: "idaas_a"}, {InstanceID: "idaas_b"}},
			wantErr:   "there are 3 IDaaS instances (idaas_a, idaas_b, idaas_c); set id to the one to use",
		},
		"error": {err: failure, wantErr: failure.Error()},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got, err := idaas.FindOnlyInstance(context.Background(), fakeInstances{instances: tt.instances, err: tt.err})
		if tt.wantErr != "" {
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %q\nwant    %q", errString(err), tt.wantErr)
			}
			return
		}
		if err != nil || got.InstanceID != tt.want {
			t.Fatalf("FindOnlyInstance = %+v, %v; want %s", got, err, tt.want)
		}
	})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// validateString returns the diagnostics of v for value at p.
func validateString(v validator.String, p path.Path, value types.String) diag.Diagnostics {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: value}, &resp)
	return resp.Diagnostics
}

// validateInt64 returns the diagnostics of v for value at p.
func validateInt64(v validator.Int64, p path.Path, value types.Int64) diag.Diagnostics {
	var resp validator.Int64Response
	v.ValidateInt64(context.Background(), validator.Int64Request{Path: p, ConfigValue: value}, &resp)
	return resp.Diagnostics
}
