// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package demo signs IDaaS users in to Alibaba Cloud through the emulator,
// as the last step of the console procedure does in a browser: for
// each user, an IdP-initiated SAML sign-in at the application's sign-in URL,
// then Sts AssumeRoleWithSAML, through the real SDK, for every role the
// response offers, then GetCallerIdentity with the temporary credentials
// that gives. It proves that what Terraform applied lets people sign in,
// not only that the objects exist.
//
// The sign-in half works with the emulator only: naming the user is its
// login (the emulator's sso.go), where IDaaS would show a login page.
// `make demo` runs it through cmd/idaas-signin on the outputs of
// examples/complete; TestAccExampleComplete runs it in-process.
package signin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/beevik/etree"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
)

// Account is one application account as examples/complete outputs it: the
// user, the RAM role it signs in to, the Role attribute value Terraform
// expects IDaaS to send, and the application's sign-in URL.
type Account struct {
	Username      string `json:"username"`
	RoleName      string `json:"role_name"`
	RoleAttribute string `json:"role_attribute"`
	SignInURL     string `json:"sign_in_url"`
}

// Config says where the sign-in's STS half goes.
type Config struct {
	// STSEndpoint is the URL of the STS API, the emulator's URL
	// ("http://127.0.0.1:PORT").
	STSEndpoint string
	// AccessKeyID and AccessKeySecret sign the SDK's AssumeRoleWithSAML
	// requests. STS does not check them (the SAML response is the
	// credential), but the SDK signs every request; the emulator's default
	// key does.
	AccessKeyID     string
	AccessKeySecret string
	// HTTPClient sends the sign-in requests; nil means a client with a
	// 30-second timeout.
	HTTPClient *http.Client
}

// Result is one role a user signed in to, or one that failed.
type Result struct {
	Username string
	// RoleName is the role offered by IDaaS or expected by Terraform.
	RoleName string
	// Identity is the ARN that GetCallerIdentity returned for the
	// temporary credentials, e.g.
	// acs:ram::1234567890123456:assumed-role/sso-admin/alice.
	Identity string
	// Expiration is when the temporary credentials expire.
	Expiration time.Time
	// Err says why this user could not sign in to this role.
	Err error
}

// OK reports whether the sign-in worked.
func (r Result) OK() bool { return r.Err == nil }

// Failed reports whether any result is a failure.
func Failed(results []Result) bool {
	return slices.ContainsFunc(results, func(r Result) bool { return !r.OK() })
}

// stsRegion is the region the SDK clients are made for; the endpoint is
// set on every request, so it only names the signing scope.
const stsRegion = "cn-hangzhou"

// signInTimeout bounds one sign-in request.
const signInTimeout = 30 * time.Second

// SignIn signs every user of accounts in, in the order the accounts list
// them, and tries every role each sign-in offers. The result has a row per
// role offered, and a failed row for each account whose role IDaaS did not
// offer, whose Role attribute differs from the expected one, or that STS
// refused; a user's rows are sorted by role name. An error is returned only for a configuration that cannot work
// (a bad endpoint).
func SignIn(ctx context.Context, cfg Config, accounts []Account) ([]Result, error) {
	endpoint, err := parseEndpoint(cfg.STSEndpoint)
	if err != nil {
		return nil, err
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: signInTimeout}
	}
	stsClient, err := sts.NewClientWithAccessKey(stsRegion, cfg.AccessKeyID, cfg.AccessKeySecret)
	if err != nil {
		return nil, fmt.Errorf("making the STS client: %w", err)
	}
	s := &signer{cfg: cfg, endpoint: endpoint, sts: stsClient}
	var results []Result
	for _, user := range usersOf(accounts) {
		results = append(results, s.signInUser(ctx, user.name, user.signInURL, user.expected)...)
	}
	return results, nil
}

type signer struct {
	cfg      Config
	endpoint *url.URL
	sts      *sts.Client
}

// user is one user's accounts, grouped.
type user struct {
	name      string
	signInURL string
	// expected maps each expected Role attribute value to its role name.
	expected map[string]string
}

func usersOf(accounts []Account) []*user {
	var out []*user
	byName := map[string]*user{}
	for _, a := range accounts {
		u := byName[a.Username]
		if u == nil {
			u = &user{name: a.Username, signInURL: a.SignInURL, expected: map[string]string{}}
			byName[a.Username] = u
			out = append(out, u)
		}
		u.expected[a.RoleAttribute] = a.RoleName
	}
	return out
}

func (s *signer) signInUser(ctx context.Context, username, signInURL string, expected map[string]string) []Result {
	offered, err := s.idpSignIn(ctx, signInURL, username)
	if err != nil {
		var out []Result
		for _, attr := range sortedKeys(expected) {
			out = append(out, Result{Username: username, RoleName: expected[attr], Err: err})
		}
		return out
	}
	var out []Result
	for _, value := range offered.roles {
		r := Result{Username: username}
		attr, ok := rules.ParseRoleAttribute(value)
		if !ok {
			r.RoleName, r.Err = value, fmt.Errorf("IDaaS offered a Role attribute RAM cannot read: %q is not \"<role ARN>,<SAML provider ARN>\"", value)
			out = append(out, r)
			continue
		}
		r.RoleName = attr.Role.Name
		if _, ok := expected[value]; !ok {
			r.Err = fmt.Errorf("IDaaS offered %q, which no application account in the outputs expects: "+
				"the user has an account Terraform does not manage, or the role attribute output differs from what IDaaS sends", value)
			out = append(out, r)
			continue
		}
		r.Identity, r.Expiration, r.Err = s.assumeRole(offered.response, attr)
		out = append(out, r)
	}
	for _, attr := range sortedKeys(expected) {
		if !slices.Contains(offered.roles, attr) {
			out = append(out, Result{Username: username, RoleName: expected[attr], Err: fmt.Errorf(
				"IDaaS did not offer %q: the user has no application account named %q in this application, "+
					"or the account's name or the application's IdP name or account ID differ", attr, expected[attr])})
		}
	}
	// By role name, as the sign-in page lists them.
	slices.SortStableFunc(out, func(a, b Result) int { return strings.Compare(a.RoleName, b.RoleName) })
	return out
}

// signInAnswer is what the emulated IdP-initiated sign-in answers.
type signInAnswer struct {
	// response is the Base64 SAML response.
	response string
	// roles are its Role attribute values, in order.
	roles []string
}

// idpSignIn performs the emulated IdP-initiated sign-in of a user.
func (s *signer) idpSignIn(ctx context.Context, signInURL, username string) (*signInAnswer, error) {
	u, err := url.Parse(signInURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the sign-in URL %q is not an http or https URL: pass the application's idp_sso_url", signInURL)
	}
	q := u.Query()
	q.Set("username", username)
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	// The emulator answers JSON instead of the page that posts the response.
	req.Header.Set("Accept", "application/json")
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("IdP sign-in: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxSignInAnswer))
	if err != nil {
		return nil, fmt.Errorf("IdP sign-in: reading the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Code, Message string }
		if json.Unmarshal(body, &e) != nil || e.Code == "" {
			return nil, fmt.Errorf("IdP sign-in: HTTP %d from %s, not the emulator's sign-in endpoint", resp.StatusCode, signInURL)
		}
		return nil, fmt.Errorf("IdP sign-in refused: %s: %s", e.Code, e.Message)
	}
	var answer struct {
		SAMLResponse string `json:"SAMLResponse"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.SAMLResponse == "" {
		return nil, fmt.Errorf("IdP sign-in: the answer of %s holds no SAMLResponse", signInURL)
	}
	roles, err := roleValues(answer.SAMLResponse)
	if err != nil {
		return nil, err
	}
	return &signInAnswer{response: answer.SAMLResponse, roles: roles}, nil
}

// maxSignInAnswer bounds a sign-in answer: a signed response is a few KB.
const maxSignInAnswer = 1 << 20

// roleValues reads the Role attribute values of a Base64 SAML response,
// the choices the Alibaba Cloud sign-in page shows. They are read without
// checking the signature: STS checks it.
func roleValues(response string) ([]string, error) {
	raw, err := base64.StdEncoding.DecodeString(response)
	if err != nil {
		return nil, fmt.Errorf("the SAML response is not Base64: %w", err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return nil, fmt.Errorf("the SAML response is not XML: %w", err)
	}
	var out []string
	for _, v := range doc.FindElements("//Attribute[@Name='" + facts.RoleAttributeName + "']/AttributeValue") {
		out = append(out, strings.TrimSpace(v.Text()))
	}
	return out, nil
}

// assumeRole calls AssumeRoleWithSAML for one Role attribute value, then
// GetCallerIdentity with the credentials it gives.
func (s *signer) assumeRole(response string, attr rules.RoleAttribute) (string, time.Time, error) {
	req := sts.CreateAssumeRoleWithSAMLRequest()
	s.target(req)
	req.SAMLAssertion = response
	req.RoleArn = attr.Role.String()
	req.SAMLProviderArn = attr.SAMLProvider.String()
	resp, err := s.sts.AssumeRoleWithSAML(req)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("AssumeRoleWithSAML refused: %w", sdkError(err))
	}
	creds := resp.Credentials
	expiration, err := time.Parse(time.RFC3339, creds.Expiration)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("AssumeRoleWithSAML: unreadable expiration %q", creds.Expiration)
	}
	client, err := sts.NewClientWithStsToken(stsRegion, creds.AccessKeyId, creds.AccessKeySecret, creds.SecurityToken)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("making an STS client with the temporary credentials: %w", err)
	}
	who := sts.CreateGetCallerIdentityRequest()
	s.target(who)
	identity, err := client.GetCallerIdentity(who)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("GetCallerIdentity with the temporary credentials: %w", sdkError(err))
	}
	return identity.Arn, expiration, nil
}

// sdkRequest is what target sets on an SDK request.
type sdkRequest interface {
	SetDomain(string)
	SetScheme(string)
}

var _ sdkRequest = (*requests.RpcRequest)(nil)

// target sends an SDK request to the STS endpoint. The SDK takes no
// context: its own timeouts bound the call.
func (s *signer) target(r sdkRequest) {
	r.SetDomain(s.endpoint.Host)
	r.SetScheme(s.endpoint.Scheme)
}

// sdkError keeps the code and message of an SDK server error and drops
// the rest (the SDK adds the request URL and a troubleshooting link).
func sdkError(err error) error {
	var se interface {
		ErrorCode() string
		Message() string
	}
	if errors.As(err, &se) && se.ErrorCode() != "" {
		return fmt.Errorf("%s: %s", se.ErrorCode(), se.Message())
	}
	return err
}

func parseEndpoint(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("the STS endpoint %q is not a URL like http://127.0.0.1:8787: pass the emulator's URL", s)
	}
	return u, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
