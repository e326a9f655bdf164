// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

const (
	testInstanceID = "idaas_abc"
	testAppID      = "app_abc"
	testTemplateID = "apt_ramintlrole_test"
)

// TestApplicationCalls checks that each application call sends its action
// and parameters, and maps the answer (FACTS.md).
func TestApplicationCalls(t *testing.T) {
	t.Parallel()
	eiam := func(c *client.Client) client.EIAM { return c.EIAM() }
	ctx := context.Background()
	done := ok(map[string]any{})
	tests := map[string]callCase[*client.Client]{
		"GetApplication": {
			reply: ok(map[string]any{"Application": map[string]any{
				"InstanceId": testInstanceID, "ApplicationId": testAppID, "ClientId": "app_client", "ApplicationName": "console",
				"Description": "SSO", "ApplicationSourceType": client.ApplicationSourceTemplate, "ApplicationTemplateId": testTemplateID,
				"SsoType": "saml2", "Status": "enabled", "AuthorizationType": "default_all", "CreateTime": 1649830226000,
				"UpdateTime": 1649830227000, "Features": `["sso"]`,
			}}),
			call:       func(c *client.Client) (any, error) { return eiam(c).GetApplication(ctx, testInstanceID, testAppID) },
			wantAction: "GetApplication",
			wantParams: map[string]string{"InstanceId": testInstanceID, "ApplicationId": testAppID},
			want: &client.Application{
				InstanceID: testInstanceID, ApplicationID: testAppID, ClientID: "app_client", ApplicationName: "console",
				Description: "SSO", ApplicationSourceType: client.ApplicationSourceTemplate, ApplicationTemplateID: testTemplateID,
				SSOType: "saml2", Status: "enabled", AuthorizationType: "default_all", CreateTime: 1649830226000, UpdateTime: 1649830227000,
			},
		},
		"GetApplicationTemplate": {
			reply: ok(map[string]any{"ApplicationTemplate": map[string]any{
				"ApplicationTemplateId": testTemplateID, "ApplicationTemplateName": "Role SSO", "Description": "d", "SsoTypes": []string{"saml2"},
			}}),
			call:       func(c *client.Client) (any, error) { return eiam(c).GetApplicationTemplate(ctx, testTemplateID) },
			wantAction: "GetApplicationTemplate",
			wantParams: map[string]string{"ApplicationTemplateId": testTemplateID},
			want:       &client.ApplicationTemplate{ApplicationTemplateID: testTemplateID, ApplicationTemplateName: "Role SSO", Description: "d"},
		},
		"GetApplicationSsoConfig": {
			reply: ok(map[string]any{"ApplicationSsoConfig": map[string]any{
				"SsoStatus": "enabled", "InitLoginType": "idaas_or_app_init_sso",
				"SamlSsoConfig": map[string]any{
					"SpEntityId": "urn:alibaba:cloudcomputing:international", "SpSsoAcsUrl": "https://signin.alibabacloud.com/saml-role/sso",
					"IdPEntityId": "https://x.aliyunidaas.com/api/v2/app_abc/saml2/meta", "NameIdFormat": rolesso.NameIDFormatUnspecified,
					"NameIdValueExpression": "user.username", "SignatureAlgorithm": "RSA-SHA256", "ResponseSigned": true, "AssertionSigned": true,
					"DefaultRelayState":   "https://home.console.alibabacloud.com/",
					"AttributeStatements": []map[string]any{{"AttributeName": rolesso.RoleSessionNameAttributeName, "AttributeValueExpression": "user.email"}},
				},
				"ProtocolEndpointDomain": map[string]any{
					"SamlMetaEndpoint": "https://x.aliyunidaas.com/api/v2/app_abc/saml2/meta",
					"SamlSsoEndpoint":  "https://x.aliyunidaas.com/login/app/app_abc/saml2/sso",
				},
			}}),
			call: func(c *client.Client) (any, error) {
				return eiam(c).GetApplicationSSOConfig(ctx, testInstanceID, testAppID)
			},
			wantAction: "GetApplicationSsoConfig",
			wantParams: map[string]string{"InstanceId": testInstanceID, "ApplicationId": testAppID},
			want: &client.ApplicationSSOConfig{
				SSOStatus: "enabled", InitLoginType: "idaas_or_app_init_sso",
				SAML: client.SAMLSSOConfig{
					SPEntityID: "urn:alibaba:cloudcomputing:international", SPSSOACSURL: "https://signin.alibabacloud.com/saml-role/sso",
					IdPEntityID: "https://x.aliyunidaas.com/api/v2/app_abc/saml2/meta", NameIDFormat: rolesso.NameIDFormatUnspecified,
					NameIDValueExpression: "user.username", SignatureAlgorithm: "RSA-SHA256", ResponseSigned: true, AssertionSigned: true,
					DefaultRelayState:   "https://home.console.alibabacloud.com/",
					AttributeStatements: []client.AttributeStatement{{Name: rolesso.RoleSessionNameAttributeName, ValueExpression: "user.email"}},
				},
				SAMLMetaEndpoint: "https://x.aliyunidaas.com/api/v2/app_abc/saml2/meta",
				SAMLSSOEndpoint:  "https://x.aliyunidaas.com/login/app/app_abc/saml2/sso",
			},
		},
		"SetApplicationSsoConfig": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).SetApplicationSSOConfig(ctx, client.SetApplicationSSOConfigInput{
					InstanceID: testInstanceID, ApplicationID: testAppID,
					SAML: client.SAMLSSOConfig{
						SPEntityID: "urn:alibaba:cloudcomputing", NameIDFormat: rolesso.NameIDFormatTransient, AssertionSigned: true,
						AttributeStatements: []client.AttributeStatement{{Name: "a", ValueExpression: "user.username"}, {Name: "b", ValueExpression: `"900"`}},
					},
				})
			},
			wantAction: "SetApplicationSsoConfig",
			wantParams: map[string]string{
				"InstanceId": testInstanceID, "ApplicationId": testAppID,
				"SamlSsoConfig.SpEntityId": "urn:alibaba:cloudcomputing", "SamlSsoConfig.NameIdFormat": rolesso.NameIDFormatTransient,
				"SamlSsoConfig.ResponseSigned": "false", "SamlSsoConfig.AssertionSigned": "true",
				"SamlSsoConfig.AttributeStatements.1.AttributeName": "a", "SamlSsoConfig.AttributeStatements.1.AttributeValueExpression": "user.username",
				"SamlSsoConfig.AttributeStatements.2.AttributeName": "b", "SamlSsoConfig.AttributeStatements.2.AttributeValueExpression": `"900"`,
				// Empty fields are not sent.
				"SamlSsoConfig.SpSsoAcsUrl": "", "SamlSsoConfig.SignatureAlgorithm": "",
			},
		},
		"UpdateApplicationSsoFormParams": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).UpdateApplicationSSOFormParams(ctx, testInstanceID, testAppID, []client.TemplateParam{
					{Name: "aliyunUid", Value: testAccountID}, {Name: "idpName", Value: "idaas"},
				})
			},
			wantAction: "UpdateApplicationSsoFormParams",
			wantParams: map[string]string{
				"ApplicationTemplateParams.1.TemplateParamName": "aliyunUid", "ApplicationTemplateParams.1.TemplateParamValue": testAccountID,
				"ApplicationTemplateParams.2.TemplateParamName": "idpName", "ApplicationTemplateParams.2.TemplateParamValue": "idaas",
			},
		},
		"UpdateApplicationInfo": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).UpdateApplicationName(ctx, testInstanceID, testAppID, "new")
			},
			wantAction: "UpdateApplicationInfo",
			wantParams: map[string]string{"InstanceId": testInstanceID, "ApplicationId": testAppID, "ApplicationName": "new"},
		},
		"UpdateApplicationDescription": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).UpdateApplicationDescription(ctx, testInstanceID, testAppID, "d")
			},
			wantAction: "UpdateApplicationDescription",
			wantParams: map[string]string{"Description": "d"},
		},
		"UpdateApplicationAuthorizationType": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).UpdateApplicationAuthorizationType(ctx, testInstanceID, testAppID, client.AuthorizationTypeAll)
			},
			wantAction: "UpdateApplicationAuthorizationType",
			wantParams: map[string]string{"AuthorizationType": "default_all"},
		},
		"EnableApplication": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).EnableApplication(ctx, testInstanceID, testAppID)
			},
			wantAction: "EnableApplication",
			wantParams: map[string]string{"InstanceId": testInstanceID, "ApplicationId": testAppID},
		},
		"DisableApplication": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).DisableApplication(ctx, testInstanceID, testAppID)
			},
			wantAction: "DisableApplication",
			wantParams: map[string]string{"ApplicationId": testAppID},
		},
		"EnableApplicationSso": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).EnableApplicationSSO(ctx, testInstanceID, testAppID)
			},
			wantAction: "EnableApplicationSso",
			wantParams: map[string]string{"ApplicationId": testAppID},
		},
		"DisableApplicationSso": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).DisableApplicationSSO(ctx, testInstanceID, testAppID)
			},
			wantAction: "DisableApplicationSso",
			wantParams: map[string]string{"ApplicationId": testAppID},
		},
		"DeleteApplication": {
			reply: done,
			call: func(c *client.Client) (any, error) {
				return nil, eiam(c).DeleteApplication(ctx, testInstanceID, testAppID)
			},
			wantAction: "DeleteApplication",
			wantParams: map[string]string{"InstanceId": testInstanceID, "ApplicationId": testAppID},
		},
	}
	runCallCases(t, "2021-12-01", wholeClient, tests)
}

// TestUpdateApplicationDescriptionClears sends an empty description, which
// clears it.
func TestUpdateApplicationDescriptionClears(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fakeCall) fakeReply { return ok(map[string]any{}) })
	if err := newClient(t, fake.config()).EIAM().UpdateApplicationDescription(context.Background(), testInstanceID, testAppID, ""); err != nil {
		t.Fatal(err)
	}
	if values, sent := fake.Calls()[0].Params["Description"]; !sent || values[0] != "" {
		t.Errorf("Description = %q (sent %v), want an empty Description sent", values, sent)
	}
}

// TestListApplicationsPages reads every page with the filters.
func TestListApplicationsPages(t *testing.T) {
	t.Parallel()
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		page, _ := strconv.Atoi(fc.Params.Get("PageNumber"))
		size, _ := strconv.Atoi(fc.Params.Get("PageSize"))
		var apps []map[string]any
		for i := (page - 1) * size; i < min(page*size, 60); i++ {
			apps = append(apps, map[string]any{"ApplicationId": "app_" + strconv.Itoa(i), "ApplicationName": "console"})
		}
		return ok(map[string]any{"TotalCount": 60, "Applications": apps})
	})
	got, err := newClient(t, fake.config()).EIAM().ListApplications(context.Background(),
		client.ListApplicationsInput{InstanceID: testInstanceID, ApplicationName: "console", TemplateID: testTemplateID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 60 || got[59].ApplicationID != "app_59" {
		t.Errorf("got %d applications, want 60 ending with app_59", len(got))
	}
	calls := fake.Calls()
	if len(calls) != 2 {
		t.Fatalf("calls = %d, want 2 pages", len(calls))
	}
	checkParams(t, calls[1], map[string]string{"InstanceId": testInstanceID, "ApplicationName": "console", "ApplicationTemplateId": testTemplateID, "PageNumber": "2"})
}

// appStore is a fake IDaaS that holds applications for the
// CreateApplication tests. createFails makes the next CreateApplication
// calls fail with HTTP 500 after (made) or without (!made) creating.
type appStore struct {
	mu          sync.Mutex
	apps        []map[string]any
	next        int
	createFails []bool // true: the failing call made the application
}

func (s *appStore) add(name, templateID string) string {
	s.next++
	id := "app_" + strconv.Itoa(s.next)
	s.apps = append(s.apps, map[string]any{"ApplicationId": id, "ApplicationName": name, "ApplicationTemplateId": templateID})
	return id
}

func (s *appStore) handle(fc fakeCall) fakeReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch fc.Action {
	case "ListApplications":
		var apps []map[string]any
		for _, a := range s.apps {
			if name, _ := a["ApplicationName"].(string); strings.HasPrefix(name, fc.Params.Get("ApplicationName")) {
				apps = append(apps, a)
			}
		}
		return ok(map[string]any{"TotalCount": len(apps), "Applications": apps})
	case "CreateApplication":
		if len(s.createFails) > 0 {
			made := s.createFails[0]
			s.createFails = s.createFails[1:]
			if made {
				s.add(fc.Params.Get("ApplicationName"), fc.Params.Get("ApplicationTemplateId"))
			}
			return fakeReply{Status: http.StatusInternalServerError, Body: apiError("InternalError", "The request processing has failed due to some unknown error.")}
		}
		return ok(map[string]any{"ApplicationId": s.add(fc.Params.Get("ApplicationName"), fc.Params.Get("ApplicationTemplateId"))})
	}
	return fakeReply{Status: http.StatusBadRequest, Body: apiError("InvalidAction", fc.Action)}
}

func (s *appStore) count(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, a := range s.apps {
		if a["ApplicationName"] == name {
			n++
		}
	}
	return n
}

// TestCreateApplicationAfterAmbiguousFailure checks that CreateApplication
// never makes a second application after a failure whose outcome is
// unknown, and never adopts an application it did not make.
func TestCreateApplicationAfterAmbiguousFailure(t *testing.T) {
	const appName = "console"
	type testCase struct {
		existing    int    // applications of that name before the call
		otherName   string // an application whose name starts with name
		createFails []bool
		maxRetries  int
		wantID      string
		wantErr     string
		wantActions []string
		wantCount   int // applications made by the call
	}
	tests := map[string]testCase{
		"no failure": {
			wantID:      "app_1",
			wantActions: []string{"ListApplications", "CreateApplication"},
			wantCount:   1,
		},
		"made, then adopted": {
			createFails: []bool{true},
			wantID:      "app_1",
			wantActions: []string{"ListApplications", "CreateApplication", "ListApplications"},
			wantCount:   1,
		},
		"an older application of the same name is not adopted": {
			existing:    1,
			otherName:   appName + "-2",
			createFails: []bool{true},
			wantID:      "app_3",
			wantActions: []string{"ListApplications", "CreateApplication", "ListApplications"},
			wantCount:   1,
		},
		"not made, looked three times, sent again": {
			createFails: []bool{false},
			maxRetries:  1,
			wantID:      "app_1",
			wantActions: []string{"ListApplications", "CreateApplication", "ListApplications", "ListApplications", "ListApplications", "CreateApplication"},
			wantCount:   1,
		},
		"not made and no retries left": {
			createFails: []bool{false},
			wantErr:     "InternalError",
			wantActions: []string{"ListApplications", "CreateApplication", "ListApplications", "ListApplications", "ListApplications"},
		},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		store := &appStore{createFails: tt.createFails}
		for range tt.existing {
			store.add(appName, testTemplateID)
		}
		if tt.otherName != "" {
			store.add(tt.otherName, testTemplateID)
		}
		fake := newFakeAPI(t, store.handle)
		cfg := fake.config()
		cfg.MaxRetries = tt.maxRetries
		clk := client.NewFakeClock()
		c := newClientWithClock(t, cfg, clk, "")
		id, err := c.EIAM().CreateApplication(context.Background(), client.CreateApplicationInput{InstanceID: testInstanceID, Name: appName, TemplateID: testTemplateID})
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Fatal(err)
		}
		if id != tt.wantID {
			t.Errorf("ID = %q, want %q", id, tt.wantID)
		}
		if diff := cmp.Diff(tt.wantActions, fake.Actions()); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		if got := store.count(appName); got != tt.wantCount+tt.existing && tt.wantErr == "" {
			t.Errorf("%d applications named %q, want %d", got, appName, tt.wantCount+tt.existing)
		}
		if fc := fake.Calls(); len(fc) > 1 && fc[1].Params.Get("ApplicationSourceType") != client.ApplicationSourceTemplate {
			t.Errorf("ApplicationSourceType = %q", fc[1].Params.Get("ApplicationSourceType"))
		}
	})
}

// TestCreateApplicationSeveralNew refuses to pick one of several new
// applications of the name.
func TestCreateApplicationSeveralNew(t *testing.T) {
	t.Parallel()
	store := &appStore{createFails: []bool{true}}
	fake := newFakeAPI(t, func(fc fakeCall) fakeReply {
		reply := store.handle(fc)
		if fc.Action == "CreateApplication" {
			store.mu.Lock()
			store.add("console", testTemplateID) // someone else, at the same time
			store.mu.Unlock()
		}
		return reply
	})
	_, err := newClient(t, fake.config()).EIAM().CreateApplication(context.Background(),
		client.CreateApplicationInput{InstanceID: testInstanceID, Name: "console", TemplateID: testTemplateID})
	if err == nil || !strings.Contains(err.Error(), "2 new applications are named \"console\" (app_1, app_2)") || !strings.Contains(err.Error(), "import or delete") {
		t.Fatalf("error = %v, want one naming both new applications", err)
	}
}

func TestGetIdPMetadata(t *testing.T) {
	t.Parallel()
	const doc = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e"/>`
	mux := http.NewServeMux()
	mux.HandleFunc("/meta", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(doc)) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat(" ", rolesso.MaxMetadataSize+1)))
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://example.com/meta", http.StatusFound)
	})
	mux.HandleFunc("/here", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/meta", http.StatusFound) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	fake := newFakeAPI(t, func(fakeCall) fakeReply { return ok(map[string]any{}) })
	eiam := newClient(t, fake.config()).EIAM()

	tests := map[string]struct {
		url          string
		want         string
		wantErr      string
		wantNotFound bool
	}{
		"loopback http":          {url: srv.URL + "/meta", want: doc},
		"redirect on the host":   {url: srv.URL + "/here", want: doc},
		"not found":              {url: srv.URL + "/nothing", wantErr: "HTTP 404", wantNotFound: true},
		"too large":              {url: srv.URL + "/big", wantErr: "larger than 1048576 bytes"},
		"redirect to plain http": {url: srv.URL + "/away", wantErr: `"http://example.com/meta" is not https`},
		"plain http elsewhere":   {url: "http://idaas.example.com/api/v2/app_1/saml2/meta", wantErr: "only https is accepted"},
		"another scheme":         {url: "file:///etc/passwd", wantErr: "must name a host"},
		"user information":       {url: "https://user:pass@idaas.example.com/meta", wantErr: "no user information"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := eiam.GetIdPMetadata(context.Background(), tt.url)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("GetIdPMetadata = %q, %v; want the document", got, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if client.IsNotFound(err) != tt.wantNotFound {
				t.Errorf("IsNotFound = %v, want %v", client.IsNotFound(err), tt.wantNotFound)
			}
		})
	}
	if n := len(fake.Calls()); n != 0 {
		t.Errorf("the API was called %d times; metadata downloads carry no credentials to it", n)
	}
}
