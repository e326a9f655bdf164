// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// TestServiceCalls checks that each typed call sends its action, version
// and parameters, and maps the answer (shapes of FACTS.md).
func TestServiceCalls(t *testing.T) {
	t.Parallel()
	tests := map[string]callCase[*client.Client]{
		"Ram GetRole": {
			reply:       role(),
			call:        func(c *client.Client) (any, error) { return c.RAM().GetRole(context.Background(), "r") },
			wantAction:  "GetRole",
			wantVersion: "2015-05-01",
			wantParams:  map[string]string{"RoleName": "r"},
			want: &client.Role{
				RoleName: "r", RoleID: "901234567890****", ARN: "acs:ram::" + testAccountID + ":role/r",
				AssumeRolePolicyDocument: `{"Statement":[],"Version":"1"}`, MaxSessionDuration: 3600,
				CreateDate: "2015-01-23T12:33:18Z", UpdateDate: "2015-01-23T12:33:18Z",
			},
		},
		"Ims GetSAMLProvider": {
			reply: ok(map[string]any{"SAMLProvider": map[string]any{
				"SAMLProviderName": "idaas-idp", "Arn": "acs:ram::" + testAccountID + ":saml-provider/idaas-idp",
				"Description": "IDaaS", "EncodedSAMLMetadataDocument": "PD94bWwg\nPz4=", "AuthnSignAlgo": "rsa-sha256",
				"CreateDate": "2026-01-02T03:04:05Z", "UpdateDate": "2026-01-02T03:04:06Z",
			}}),
			call:        func(c *client.Client) (any, error) { return c.IMS().GetSAMLProvider(context.Background(), "idaas-idp") },
			wantAction:  "GetSAMLProvider",
			wantVersion: "2019-08-15",
			wantParams:  map[string]string{"SAMLProviderName": "idaas-idp"},
			want: &client.SAMLProvider{
				SAMLProviderName: "idaas-idp", ARN: "acs:ram::" + testAccountID + ":saml-provider/idaas-idp",
				Description: "IDaaS", EncodedSAMLMetadataDocument: "PD94bWwg\nPz4=",
				CreateDate: "2026-01-02T03:04:05Z", UpdateDate: "2026-01-02T03:04:06Z",
			},
		},
		"Sts GetCallerIdentity": {
			reply:       callerIdentity(),
			call:        func(c *client.Client) (any, error) { return c.STS().GetCallerIdentity(context.Background()) },
			wantAction:  "GetCallerIdentity",
			wantVersion: "2015-04-01",
			want: &client.CallerIdentity{
				AccountID: testAccountID, ARN: "acs:ram::" + testAccountID + ":user/terraform", IdentityType: "RAMUser",
				PrincipalID: "207813384720****", UserID: "207813384720****",
			},
		},
		"Eiam GetInstance": {
			reply: ok(map[string]any{"Instance": map[string]any{
				"InstanceId": "idaas_abc", "Status": "running", "Description": "prod", "CreateTime": 1649830226000,
				"DefaultEndpoint": map[string]any{"Endpoint": "abc.aliyunidaas.com", "Status": "resolved"},
			}}),
			call:        func(c *client.Client) (any, error) { return c.EIAM().GetInstance(context.Background(), "idaas_abc") },
			wantAction:  "GetInstance",
			wantVersion: "2021-12-01",
			wantParams:  map[string]string{"InstanceId": "idaas_abc"},
			want: &client.Instance{
				InstanceID: "idaas_abc", Status: "running", Description: "prod", CreateTime: 1649830226000,
				DefaultEndpoint: "abc.aliyunidaas.com",
			},
		},
	}
	// Each case names its version.
	runCallCases(t, "", wholeClient, tests)
}

// TestListInstancesPages reads every page and flattens the ID list.
func TestListInstancesPages(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		page, _ := strconv.Atoi(fc.Params.Get("PageNumber"))
		var instances []map[string]any
		for i := range 2 {
			if n := (page-1)*2 + i; n < 3 {
				instances = append(instances, map[string]any{"InstanceId": "idaas_" + strconv.Itoa(n), "Status": "running"})
			}
		}
		return ok(map[string]any{"TotalCount": 3, "Instances": instances})
	})
	got, err := newClient(t, fake.config()).EIAM().ListInstances(context.Background(),
		client.ListInstancesInput{InstanceIDs: []string{"idaas_0", "idaas_1", "idaas_2"}, Status: "running"})
	if err != nil {
		t.Fatal(err)
	}
	checkListed(t, []string{"idaas_0", "idaas_1", "idaas_2"}, got, func(i client.Instance) string { return i.InstanceID })
	calls := fake.Calls()
	if len(calls) != 2 {
		t.Fatalf("calls = %d, want 2 pages", len(calls))
	}
	checkParams(t, calls[1], map[string]string{"InstanceIds.1": "idaas_0", "InstanceIds.3": "idaas_2", "Status": "running", "PageNumber": "2"})
}

func TestEIAMErrorFromAnUnexpectedBody(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fakeCall) fakeReply {
		return fakeReply{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"}
	})
	_, err := newClient(t, fake.config()).EIAM().GetInstance(context.Background(), "idaas_x")
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadGateway || !client.IsAmbiguous(err) {
		t.Errorf("error = %#v, want an APIError with HTTP 502", err)
	}
}
