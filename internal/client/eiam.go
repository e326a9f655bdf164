// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// EIAM is the part of the IDaaS API (Eiam 2021-12-01) the provider uses.
// The SDK has no typed package for it; the calls are CommonRequests
// wrapped in typed functions.
//
// Calls that set a value (enable, disable, update, set) are idempotent and
// may be sent again after an ambiguous failure; DeleteApplication too, as a
// repeat answers not found, which callers take as done. CreateApplication
// is not idempotent: it looks before it sends again.
//
// It holds the directory calls too (EIAMDirectory), so that Client.EIAM is
// the one way to IDaaS; functions and fakes that need only the directory
// take the narrower EIAMDirectory.
type EIAM interface {
	EIAMDirectory
	EIAMGroups

	// GetInstance returns the IDaaS instance with the given ID, or an error
	// for which IsNotFound is true.
	GetInstance(ctx context.Context, instanceID string) (*Instance, error)
	// ListInstances returns every IDaaS instance that matches in, across
	// all pages.
	ListInstances(ctx context.Context, in ListInstancesInput) ([]Instance, error)

	// CreateApplication creates an application from a template and returns
	// its ID. It is not idempotent, and application names need not be
	// unique, so it first notes the applications that already have the
	// name and template. After a failure whose outcome is unknown it looks
	// for a new application with them: it adopts exactly one, reports an
	// error for several, and sends the call again only when there is none.
	CreateApplication(ctx context.Context, in CreateApplicationInput) (string, error)
	// GetApplication returns an application, or an error for which
	// IsNotFound is true.
	GetApplication(ctx context.Context, instanceID, applicationID string) (*Application, error)
	// ListApplications returns every application that matches in, across
	// all pages. The name filter matches a prefix, as the API does.
	ListApplications(ctx context.Context, in ListApplicationsInput) ([]Application, error)
	// DeleteApplication deletes an application. The application must be
	// disabled first (UNCONFIRMED, see the emulator's eiam_apps.go).
	DeleteApplication(ctx context.Context, instanceID, applicationID string) error
	// EnableApplication and DisableApplication turn the application on and
	// off; EnableApplicationSSO and DisableApplicationSSO do the same for
	// its SSO.
	EnableApplication(ctx context.Context, instanceID, applicationID string) error
	DisableApplication(ctx context.Context, instanceID, applicationID string) error
	EnableApplicationSSO(ctx context.Context, instanceID, applicationID string) error
	DisableApplicationSSO(ctx context.Context, instanceID, applicationID string) error
	// UpdateApplicationName renames an application (UpdateApplicationInfo).
	UpdateApplicationName(ctx context.Context, instanceID, applicationID, name string) error
	// UpdateApplicationDescription sets the description; "" clears it.
	UpdateApplicationDescription(ctx context.Context, instanceID, applicationID, description string) error
	// UpdateApplicationAuthorizationType sets who may use the application:
	// AuthorizationTypeAll or AuthorizationTypeRequired.
	UpdateApplicationAuthorizationType(ctx context.Context, instanceID, applicationID, authorizationType string) error
	// GetApplicationTemplate returns a marketplace template, or an error for
	// which IsNotFound is true.
	GetApplicationTemplate(ctx context.Context, templateID string) (*ApplicationTemplate, error)
	// GetApplicationSSOConfig returns the SSO configuration of an
	// application, with the URLs of its IdP metadata and sign-in.
	GetApplicationSSOConfig(ctx context.Context, instanceID, applicationID string) (*ApplicationSSOConfig, error)
	// SetApplicationSSOConfig sets the SAML SSO configuration. Fields left
	// empty are not sent and stay as they are; the attribute statements,
	// when sent, replace the stored ones.
	SetApplicationSSOConfig(ctx context.Context, in SetApplicationSSOConfigInput) error
	// UpdateApplicationSSOFormParams sets SSO form parameters of a template
	// application, such as the account ID and IdP name of the role-based
	// SSO template. No API reads them back.
	UpdateApplicationSSOFormParams(ctx context.Context, instanceID, applicationID string, params []TemplateParam) error
	// GetIdPMetadata downloads the SAML IdP metadata XML of an application
	// from its SamlMetaEndpoint, an https URL (http for loopback hosts
	// only), at most rolesso.MaxMetadataSize bytes. An HTTP 404 is an error
	// for which IsNotFound is true.
	GetIdPMetadata(ctx context.Context, metadataURL string) (string, error)
}

// Instance is an IDaaS (EIAM) instance.
type Instance struct {
	InstanceID  string
	Status      string
	Description string
	// CreateTime is in Unix epoch milliseconds, as EIAM gives times.
	CreateTime int64
	// DefaultEndpoint is the instance's default portal domain.
	DefaultEndpoint string
}

// ListInstancesInput filters ListInstances; empty fields do not filter.
type ListInstancesInput struct {
	InstanceIDs []string
	Status      string
}

// Application is an IDaaS application.
type Application struct {
	InstanceID      string
	ApplicationID   string
	ClientID        string
	ApplicationName string
	Description     string
	// ApplicationSourceType is ApplicationSourceTemplate or
	// ApplicationSourceStandard.
	ApplicationSourceType string
	// ApplicationTemplateID is "" for an application not made from a
	// template.
	ApplicationTemplateID string
	SSOType               string
	// Status is ApplicationEnabled or ApplicationDisabled.
	Status string
	// AuthorizationType is AuthorizationTypeAll or
	// AuthorizationTypeRequired; ListApplications leaves it empty.
	AuthorizationType string
	// CreateTime and UpdateTime are in Unix epoch milliseconds.
	CreateTime int64
	UpdateTime int64
}

// Values of application fields (FACTS.md).
const (
	ApplicationSourceTemplate = "urn:alibaba:idaas:app:source:template"
	ApplicationSourceStandard = "urn:alibaba:idaas:app:source:standard"
	SSOTypeSAML2              = "saml2"
	ApplicationEnabled        = "enabled"
	ApplicationDisabled       = "disabled"
	// AuthorizationTypeAll lets every user of the instance use the
	// application; AuthorizationTypeRequired only those authorized.
	AuthorizationTypeAll      = "default_all"
	AuthorizationTypeRequired = "authorize_required"
)

// CreateApplicationInput is what CreateApplication sends: a SAML 2.0
// application made from a marketplace template, or a standard one when
// TemplateID is empty.
type CreateApplicationInput struct {
	InstanceID string
	Name       string
	// Description is not sent when empty.
	Description string
	TemplateID  string
}

// ListApplicationsInput filters ListApplications; empty fields do not
// filter.
type ListApplicationsInput struct {
	InstanceID string
	// ApplicationName matches applications whose name starts with it.
	ApplicationName string
	TemplateID      string
}

// ApplicationTemplate is a marketplace application template.
type ApplicationTemplate struct {
	ApplicationTemplateID   string
	ApplicationTemplateName string
	Description             string
}

// ApplicationSSOConfig is the SSO configuration of an application.
type ApplicationSSOConfig struct {
	// SSOStatus is ApplicationEnabled or ApplicationDisabled.
	SSOStatus     string
	InitLoginType string
	SAML          SAMLSSOConfig
	// SAMLMetaEndpoint serves the IdP metadata (GetIdPMetadata);
	// SAMLSSOEndpoint is the IdP-initiated sign-in URL.
	SAMLMetaEndpoint string
	SAMLSSOEndpoint  string
}

// SAMLSSOConfig is the SAML part of an application's SSO configuration.
type SAMLSSOConfig struct {
	SPEntityID            string
	SPSSOACSURL           string
	IdPEntityID           string
	NameIDFormat          string
	NameIDValueExpression string
	AttributeStatements   []AttributeStatement
	SignatureAlgorithm    string
	ResponseSigned        bool
	AssertionSigned       bool
	DefaultRelayState     string
	OptionalRelayStates   []RelayState
}

// RelayState is one of the relay states a user may pick at sign-in.
type RelayState struct {
	DisplayName, RelayState string
}

// AttributeStatement is a SAML attribute the IdP sends: its name and the
// IDaaS expression of its value.
type AttributeStatement struct {
	Name            string
	ValueExpression string
}

// SetApplicationSSOConfigInput is what SetApplicationSSOConfig sends. Empty
// strings and empty lists are not sent; ResponseSigned and AssertionSigned
// always are. Whether IDaaS merges what it is sent into the stored
// configuration or replaces it is not documented (FACTS.md, "Not known"):
// callers send every field they read back, changed or not, so that both
// give the same result.
type SetApplicationSSOConfigInput struct {
	InstanceID    string
	ApplicationID string
	InitLoginType string
	SAML          SAMLSSOConfig
}

// TemplateParam is an SSO form parameter of a template application.
type TemplateParam struct {
	Name  string
	Value string
}

// eiamPageSize is the page size of EIAM list calls. The API's maximum is
// UNCONFIRMED; 50 is within every documented example.
const eiamPageSize = 50

// collectEIAMPages reads a PageNumber/PageSize list to its end: it asks for
// page 1, 2, … until it holds the TotalCount items, or a page is empty.
func collectEIAMPages[T any](fetch func(params map[string]string) (items []T, total int64, err error)) ([]T, error) {
	var all []T
	for page := 1; ; page++ {
		items, total, err := fetch(map[string]string{
			"PageNumber": strconv.Itoa(page),
			"PageSize":   strconv.Itoa(eiamPageSize),
		})
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || int64(len(all)) >= total {
			return all, nil
		}
	}
}

type eiamClient struct{ c *Client }

type eiamInstance struct {
	InstanceID      string `json:"InstanceId"`
	Status          string `json:"Status"`
	Description     string `json:"Description"`
	CreateTime      int64  `json:"CreateTime"`
	DefaultEndpoint struct {
		Endpoint string `json:"Endpoint"`
	} `json:"DefaultEndpoint"`
}

func (i eiamInstance) toInstance() Instance {
	return Instance{
		InstanceID:      i.InstanceID,
		Status:          i.Status,
		Description:     i.Description,
		CreateTime:      i.CreateTime,
		DefaultEndpoint: i.DefaultEndpoint.Endpoint,
	}
}

func (e eiamClient) GetInstance(ctx context.Context, instanceID string) (*Instance, error) {
	var out struct{ Instance eiamInstance }
	params := map[string]string{"InstanceId": instanceID}
	if err := e.c.invokeEIAM(ctx, call{action: "GetInstance", idempotent: true}, params, &out); err != nil {
		return nil, err
	}
	instance := out.Instance.toInstance()
	return &instance, nil
}

func (e eiamClient) ListInstances(ctx context.Context, in ListInstancesInput) ([]Instance, error) {
	return collectEIAMPages(func(params map[string]string) ([]Instance, int64, error) {
		addList(params, "InstanceIds", in.InstanceIDs)
		if in.Status != "" {
			params["Status"] = in.Status
		}
		var out struct {
			TotalCount int64
			Instances  []eiamInstance
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListInstances", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		instances := make([]Instance, 0, len(out.Instances))
		for _, i := range out.Instances {
			instances = append(instances, i.toInstance())
		}
		return instances, out.TotalCount, nil
	})
}

// eiamApplication is an application as GetApplication and
// ListApplications write it.
type eiamApplication struct {
	InstanceID            string `json:"InstanceId"`
	ApplicationID         string `json:"ApplicationId"`
	ClientID              string `json:"ClientId"`
	ApplicationName       string `json:"ApplicationName"`
	Description           string `json:"Description"`
	ApplicationSourceType string `json:"ApplicationSourceType"`
	ApplicationTemplateID string `json:"ApplicationTemplateId"`
	SSOType               string `json:"SsoType"`
	Status                string `json:"Status"`
	AuthorizationType     string `json:"AuthorizationType"`
	CreateTime            int64  `json:"CreateTime"`
	UpdateTime            int64  `json:"UpdateTime"`
}

func (a eiamApplication) toApplication() Application { return Application(a) }

// createLookRounds bounds how often CreateApplication looks for the
// application an ambiguous attempt may have made before it concludes that
// none was made: a new application may be missing from ListApplications
// for a moment (eventual consistency).
const createLookRounds = 3

func (e eiamClient) CreateApplication(ctx context.Context, in CreateApplicationInput) (string, error) {
	lookup := ListApplicationsInput{InstanceID: in.InstanceID, ApplicationName: in.Name, TemplateID: in.TemplateID}
	existing, err := e.applicationIDsNamed(ctx, lookup)
	if err != nil {
		return "", fmt.Errorf("%s CreateApplication: listing the applications named %q before creating one: %w", serviceEIAM.product, in.Name, err)
	}
	for n := 1; ; n++ {
		id, err := e.createApplication(ctx, in)
		if err == nil || !IsAmbiguous(err) {
			return id, err
		}
		created, lookErr := e.findCreatedApplication(ctx, lookup, existing)
		switch {
		case lookErr != nil:
			return "", fmt.Errorf("%w; it may have created application %q, and looking for it failed (%v): look for it in the IDaaS console, then import or delete it", err, in.Name, lookErr)
		case created != "":
			return created, nil
		case n > e.c.maxRetries:
			return "", err
		}
		// The attempt made nothing: send it again.
		if e.c.clk.Sleep(ctx, backoff(e.c.clk, n)) != nil {
			return "", err
		}
	}
}

func (e eiamClient) createApplication(ctx context.Context, in CreateApplicationInput) (string, error) {
	params := map[string]string{
		"InstanceId":            in.InstanceID,
		"ApplicationName":       in.Name,
		"ApplicationSourceType": ApplicationSourceStandard,
		"SsoType":               SSOTypeSAML2,
	}
	if in.TemplateID != "" {
		params["ApplicationSourceType"] = ApplicationSourceTemplate
		params["ApplicationTemplateId"] = in.TemplateID
	}
	if in.Description != "" {
		params["Description"] = in.Description
	}
	var out struct {
		ApplicationID string `json:"ApplicationId"`
	}
	if err := e.c.invokeEIAM(ctx, call{action: "CreateApplication"}, params, &out); err != nil {
		return "", err
	}
	if out.ApplicationID == "" {
		return "", fmt.Errorf("%s CreateApplication: the answer has no ApplicationId", serviceEIAM.product)
	}
	return out.ApplicationID, nil
}

// applicationIDsNamed returns the IDs of the applications with exactly the
// name and template of lookup.
func (e eiamClient) applicationIDsNamed(ctx context.Context, lookup ListApplicationsInput) (map[string]bool, error) {
	apps, err := e.ListApplications(ctx, lookup)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, a := range apps {
		if a.ApplicationName == lookup.ApplicationName && a.ApplicationTemplateID == lookup.TemplateID {
			ids[a.ApplicationID] = true
		}
	}
	return ids, nil
}

// findCreatedApplication looks for an application with the name and
// template of lookup that is not among existing: the one an ambiguous
// CreateApplication made. It returns "" when there is none.
func (e eiamClient) findCreatedApplication(ctx context.Context, lookup ListApplicationsInput, existing map[string]bool) (string, error) {
	for n := 1; ; n++ {
		ids, err := e.applicationIDsNamed(ctx, lookup)
		if err != nil {
			return "", err
		}
		var created []string
		for id := range ids {
			if !existing[id] {
				created = append(created, id)
			}
		}
		switch {
		case len(created) == 1:
			return created[0], nil
		case len(created) > 1:
			slices.Sort(created)
			return "", fmt.Errorf("%d new applications are named %q (%s), so which one this call created is unknown", len(created), lookup.ApplicationName, strings.Join(created, ", "))
		case n >= createLookRounds:
			return "", nil
		}
		if err := e.c.clk.Sleep(ctx, backoff(e.c.clk, n)); err != nil {
			return "", err
		}
	}
}

func (e eiamClient) GetApplication(ctx context.Context, instanceID, applicationID string) (*Application, error) {
	var out struct{ Application eiamApplication }
	if err := e.c.invokeEIAM(ctx, call{action: "GetApplication", idempotent: true}, applicationParams(instanceID, applicationID), &out); err != nil {
		return nil, err
	}
	app := out.Application.toApplication()
	return &app, nil
}

func (e eiamClient) ListApplications(ctx context.Context, in ListApplicationsInput) ([]Application, error) {
	return collectEIAMPages(func(params map[string]string) ([]Application, int64, error) {
		params["InstanceId"] = in.InstanceID
		if in.ApplicationName != "" {
			params["ApplicationName"] = in.ApplicationName
		}
		if in.TemplateID != "" {
			params["ApplicationTemplateId"] = in.TemplateID
		}
		var out struct {
			TotalCount   int64
			Applications []eiamApplication
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListApplications", idempotent: true}, params, &out); err != nil {
			return nil, 0, err
		}
		apps := make([]Application, 0, len(out.Applications))
		for _, a := range out.Applications {
			apps = append(apps, a.toApplication())
		}
		return apps, out.TotalCount, nil
	})
}

func (e eiamClient) DeleteApplication(ctx context.Context, instanceID, applicationID string) error {
	return e.applicationAction(ctx, "DeleteApplication", instanceID, applicationID, nil)
}

func (e eiamClient) EnableApplication(ctx context.Context, instanceID, applicationID string) error {
	return e.applicationAction(ctx, "EnableApplication", instanceID, applicationID, nil)
}

func (e eiamClient) DisableApplication(ctx context.Context, instanceID, applicationID string) error {
	return e.applicationAction(ctx, "DisableApplication", instanceID, applicationID, nil)
}

func (e eiamClient) EnableApplicationSSO(ctx context.Context, instanceID, applicationID string) error {
	return e.applicationAction(ctx, "EnableApplicationSso", instanceID, applicationID, nil)
}

func (e eiamClient) DisableApplicationSSO(ctx context.Context, instanceID, applicationID string) error {
	return e.applicationAction(ctx, "DisableApplicationSso", instanceID, applicationID, nil)
}

func (e eiamClient) UpdateApplicationName(ctx context.Context, instanceID, applicationID, name string) error {
	return e.applicationAction(ctx, "UpdateApplicationInfo", instanceID, applicationID, map[string]string{"ApplicationName": name})
}

func (e eiamClient) UpdateApplicationDescription(ctx context.Context, instanceID, applicationID, description string) error {
	// An empty Description is sent as such: it clears the description.
	return e.applicationAction(ctx, "UpdateApplicationDescription", instanceID, applicationID, map[string]string{"Description": description})
}

func (e eiamClient) UpdateApplicationAuthorizationType(ctx context.Context, instanceID, applicationID, authorizationType string) error {
	return e.applicationAction(ctx, "UpdateApplicationAuthorizationType", instanceID, applicationID, map[string]string{"AuthorizationType": authorizationType})
}

func (e eiamClient) UpdateApplicationSSOFormParams(ctx context.Context, instanceID, applicationID string, params []TemplateParam) error {
	extra := map[string]string{}
	for i, p := range params {
		prefix := "ApplicationTemplateParams." + strconv.Itoa(i+1) + "."
		extra[prefix+"TemplateParamName"] = p.Name
		extra[prefix+"TemplateParamValue"] = p.Value
	}
	return e.applicationAction(ctx, "UpdateApplicationSsoFormParams", instanceID, applicationID, extra)
}

// applicationAction sends an idempotent action on one application with
// the extra parameters, and expects nothing but a request ID back.
func (e eiamClient) applicationAction(ctx context.Context, action, instanceID, applicationID string, extra map[string]string) error {
	params := applicationParams(instanceID, applicationID)
	maps.Copy(params, extra)
	var out struct{}
	return e.c.invokeEIAM(ctx, call{action: action, idempotent: true}, params, &out)
}

// applicationParams are the parameters that name one application.
func applicationParams(instanceID, applicationID string) map[string]string {
	return map[string]string{"InstanceId": instanceID, "ApplicationId": applicationID}
}

func (e eiamClient) GetApplicationTemplate(ctx context.Context, templateID string) (*ApplicationTemplate, error) {
	var out struct {
		ApplicationTemplate struct {
			ApplicationTemplateID   string `json:"ApplicationTemplateId"`
			ApplicationTemplateName string `json:"ApplicationTemplateName"`
			Description             string `json:"Description"`
		}
	}
	params := map[string]string{"ApplicationTemplateId": templateID}
	if err := e.c.invokeEIAM(ctx, call{action: "GetApplicationTemplate", idempotent: true}, params, &out); err != nil {
		return nil, err
	}
	t := out.ApplicationTemplate
	return &ApplicationTemplate{ApplicationTemplateID: t.ApplicationTemplateID, ApplicationTemplateName: t.ApplicationTemplateName, Description: t.Description}, nil
}

// eiamSAMLSSOConfig is SamlSsoConfig as GetApplicationSsoConfig writes it.
type eiamSAMLSSOConfig struct {
	SPEntityID            string `json:"SpEntityId"`
	SPSSOACSURL           string `json:"SpSsoAcsUrl"`
	IdPEntityID           string `json:"IdPEntityId"`
	NameIDFormat          string `json:"NameIdFormat"`
	NameIDValueExpression string `json:"NameIdValueExpression"`
	AttributeStatements   []struct {
		AttributeName            string `json:"AttributeName"`
		AttributeValueExpression string `json:"AttributeValueExpression"`
	} `json:"AttributeStatements"`
	SignatureAlgorithm  string `json:"SignatureAlgorithm"`
	ResponseSigned      bool   `json:"ResponseSigned"`
	AssertionSigned     bool   `json:"AssertionSigned"`
	DefaultRelayState   string `json:"DefaultRelayState"`
	OptionalRelayStates []struct {
		DisplayName string `json:"DisplayName"`
		RelayState  string `json:"RelayState"`
	} `json:"OptionalRelayStates"`
}

func (e eiamClient) GetApplicationSSOConfig(ctx context.Context, instanceID, applicationID string) (*ApplicationSSOConfig, error) {
	var out struct {
		ApplicationSsoConfig struct {
			SsoStatus              string
			InitLoginType          string
			SamlSsoConfig          eiamSAMLSSOConfig
			ProtocolEndpointDomain struct {
				SamlMetaEndpoint string
				SamlSsoEndpoint  string
			}
		}
	}
	if err := e.c.invokeEIAM(ctx, call{action: "GetApplicationSsoConfig", idempotent: true}, applicationParams(instanceID, applicationID), &out); err != nil {
		return nil, err
	}
	in, saml := out.ApplicationSsoConfig, out.ApplicationSsoConfig.SamlSsoConfig
	cfg := &ApplicationSSOConfig{
		SSOStatus:     in.SsoStatus,
		InitLoginType: in.InitLoginType,
		SAML: SAMLSSOConfig{
			SPEntityID:            saml.SPEntityID,
			SPSSOACSURL:           saml.SPSSOACSURL,
			IdPEntityID:           saml.IdPEntityID,
			NameIDFormat:          saml.NameIDFormat,
			NameIDValueExpression: saml.NameIDValueExpression,
			SignatureAlgorithm:    saml.SignatureAlgorithm,
			ResponseSigned:        saml.ResponseSigned,
			AssertionSigned:       saml.AssertionSigned,
			DefaultRelayState:     saml.DefaultRelayState,
		},
		SAMLMetaEndpoint: in.ProtocolEndpointDomain.SamlMetaEndpoint,
		SAMLSSOEndpoint:  in.ProtocolEndpointDomain.SamlSsoEndpoint,
	}
	for _, a := range saml.AttributeStatements {
		cfg.SAML.AttributeStatements = append(cfg.SAML.AttributeStatements, AttributeStatement{Name: a.AttributeName, ValueExpression: a.AttributeValueExpression})
	}
	for _, r := range saml.OptionalRelayStates {
		cfg.SAML.OptionalRelayStates = append(cfg.SAML.OptionalRelayStates, RelayState{DisplayName: r.DisplayName, RelayState: r.RelayState})
	}
	return cfg, nil
}

func (e eiamClient) SetApplicationSSOConfig(ctx context.Context, in SetApplicationSSOConfigInput) error {
	saml := in.SAML
	extra := map[string]string{
		"SamlSsoConfig.ResponseSigned":  strconv.FormatBool(saml.ResponseSigned),
		"SamlSsoConfig.AssertionSigned": strconv.FormatBool(saml.AssertionSigned),
	}
	for name, value := range map[string]string{
		"SpEntityId":            saml.SPEntityID,
		"SpSsoAcsUrl":           saml.SPSSOACSURL,
		"IdPEntityId":           saml.IdPEntityID,
		"NameIdFormat":          saml.NameIDFormat,
		"NameIdValueExpression": saml.NameIDValueExpression,
		"SignatureAlgorithm":    saml.SignatureAlgorithm,
		"DefaultRelayState":     saml.DefaultRelayState,
	} {
		if value != "" {
			extra["SamlSsoConfig."+name] = value
		}
	}
	if in.InitLoginType != "" {
		extra["InitLoginType"] = in.InitLoginType
	}
	for i, a := range saml.AttributeStatements {
		prefix := "SamlSsoConfig.AttributeStatements." + strconv.Itoa(i+1) + "."
		extra[prefix+"AttributeName"] = a.Name
		extra[prefix+"AttributeValueExpression"] = a.ValueExpression
	}
	for i, r := range saml.OptionalRelayStates {
		prefix := "SamlSsoConfig.OptionalRelayStates." + strconv.Itoa(i+1) + "."
		extra[prefix+"DisplayName"] = r.DisplayName
		extra[prefix+"RelayState"] = r.RelayState
	}
	return e.applicationAction(ctx, "SetApplicationSsoConfig", in.InstanceID, in.ApplicationID, extra)
}

// GetIdPMetadata is not an API action: it is a plain GET of the metadata
// URL, without credentials, under the same retry policy, rate limit and
// logging as the API calls. "IdPMetadata" names it in logs and errors.
func (e eiamClient) GetIdPMetadata(ctx context.Context, metadataURL string) (string, error) {
	cl := call{svc: serviceEIAM, action: "IdPMetadata", idempotent: true, anonymous: true}
	target, err := checkMetadataURL(metadataURL)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", cl.svc.product, cl.action, err)
	}
	var doc string
	err = e.c.invoke(ctx, cl, func(ctx context.Context, a attempt) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/samlmetadata+xml, application/xml, text/xml")
		req.Header.Set("User-Agent", e.c.userAgent())
		httpClient := &http.Client{Transport: a.transport, CheckRedirect: checkMetadataRedirect}
		resp, err := httpClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, rolesso.MaxMetadataSize+1))
		if err != nil {
			return err
		}
		if resp.StatusCode >= http.StatusBadRequest {
			return sdkerrors.NewServerError(resp.StatusCode, truncate(string(body), 500), "")
		}
		if len(body) > rolesso.MaxMetadataSize {
			return fmt.Errorf("the metadata at %s is larger than %d bytes", target.Redacted(), rolesso.MaxMetadataSize)
		}
		doc = string(body)
		return nil
	})
	return doc, err
}

// maxMetadataRedirects bounds the redirects a metadata download follows.
const maxMetadataRedirects = 5

// checkMetadataURL checks that metadata may be downloaded from raw: https,
// or http for a loopback host only, so that the IdP's keys never come over
// a network unprotected.
func checkMetadataURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("the IdP metadata URL %q is not a URL: %v", raw, err)
	case u.Hostname() == "" || u.User != nil:
		return nil, fmt.Errorf("the IdP metadata URL %q must name a host and no user information", raw)
	case u.Scheme == "https", u.Scheme == "http" && isLoopbackHost(u.Hostname()):
		return u, nil
	}
	return nil, fmt.Errorf("the IdP metadata URL %q is not https; only https is accepted (or http for a loopback host), so that the IdP's signing certificate cannot be changed on the way", raw)
}

func checkMetadataRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxMetadataRedirects {
		return fmt.Errorf("stopped after %d redirects", len(via))
	}
	_, err := checkMetadataURL(req.URL.String())
	return err
}

// invokeEIAM runs an EIAM call with the given query parameters and decodes
// the JSON response into out. cl.svc is filled in.
func (c *Client) invokeEIAM(ctx context.Context, cl call, params map[string]string, out any) error {
	cl.svc = serviceEIAM
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Product = cl.svc.product
	req.Version = cl.svc.version
	req.ApiName = cl.action
	for name, value := range params {
		req.QueryParams[name] = value
	}
	req.TransToAcsRequest()
	resp := responses.NewCommonResponse()
	if err := c.invokeSDK(ctx, cl, req, resp); err != nil {
		return err
	}
	if err := json.Unmarshal(resp.GetHttpContentBytes(), out); err != nil {
		return fmt.Errorf("%s %s: decoding the response: %w", cl.svc.product, cl.action, err)
	}
	return nil
}

// addList adds a list parameter the way EIAM expects it: "Name.1", "Name.2"
// and so on (FACTS.md).
func addList(params map[string]string, name string, values []string) {
	for i, v := range values {
		params[name+"."+strconv.Itoa(i+1)] = v
	}
}

// ErrNoIdPMetadataURL is the error of CurrentIdPMetadata for an application
// whose SSO configuration has no SamlMetaEndpoint: not a SAML application,
// or not set up.
var ErrNoIdPMetadataURL = errors.New("the application's SSO configuration has no IdP metadata URL (SamlMetaEndpoint)")

// CurrentIdPMetadata reads the IdP metadata IDaaS serves now for a SAML
// application, the one way to do so: its SSO configuration
// (GetApplicationSsoConfig), then a GET of its SamlMetaEndpoint. It returns
// the configuration too, also with an error of the download. An
// application without a SamlMetaEndpoint is ErrNoIdPMetadataURL.
func CurrentIdPMetadata(ctx context.Context, e EIAM, instanceID, applicationID string) (*ApplicationSSOConfig, string, error) {
	sso, err := e.GetApplicationSSOConfig(ctx, instanceID, applicationID)
	if err != nil {
		return nil, "", err
	}
	if sso.SAMLMetaEndpoint == "" {
		return sso, "", ErrNoIdPMetadataURL
	}
	metadata, err := e.GetIdPMetadata(ctx, sso.SAMLMetaEndpoint)
	if err != nil {
		return sso, "", fmt.Errorf("downloading the IdP metadata from %s: %w", sso.SAMLMetaEndpoint, err)
	}
	return sso, metadata, nil
}
