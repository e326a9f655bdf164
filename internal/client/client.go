// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package client is the provider's one client layer for Alibaba Cloud:
// credentials, endpoints, retries, rate limiting, errors and logging for
// RAM (Ram 2015-05-01), SAML providers (Ims 2019-08-15), STS (Sts
// 2015-04-01) and IDaaS (Eiam 2021-12-01). It knows nothing of Terraform's
// framework: the provider builds one Client from a plain Config and hands it
// to resources and data sources.
package client

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Config is everything New needs. Exactly one base credential source must
// be set: AccessKey, Profile, OIDCRole or ECSRoleName. AssumeRole, if set,
// assumes a role with the base credentials.
type Config struct {
	// Region is the region of IDaaS (EIAM) calls, e.g. "ap-southeast-1".
	Region string
	// Site is the Alibaba Cloud site, "international" or "china".
	Site string
	// AccountID is the Alibaba Cloud account ID; if empty, New reads it
	// with STS GetCallerIdentity.
	AccountID string

	AccessKey   *AccessKey
	Profile     *Profile
	OIDCRole    *OIDCRole
	ECSRoleName string
	AssumeRole  *AssumeRole

	Endpoints Endpoints
	// MaxRetries is how many times a failed call is retried; 0 means never.
	MaxRetries int
	// MaxQPS is the most calls a second the client makes, on average.
	MaxQPS int
	// Version is the provider version, sent in the User-Agent.
	Version string
}

// Client calls Alibaba Cloud APIs. It is safe for concurrent use.
type Client struct {
	region    string
	site      string
	accountID string
	version   string

	endpoints  resolvedEndpoints
	creds      credentialSource
	maxRetries int
	limiter    *limiter
	clk        clock
	base       http.RoundTripper

	// ecsMetadataURL is the ECS instance metadata service.
	ecsMetadataURL string

	// planned are the objects the resources of this run plan.
	planned plannedObjects
}

// attemptTimeout bounds one attempt of a call, in addition to the caller's
// context.
const attemptTimeout = 60 * time.Second

// New builds a client from cfg. It reads the account ID with STS
// GetCallerIdentity when cfg.AccountID is empty, which also proves that the
// credentials work.
func New(ctx context.Context, cfg Config) (*Client, error) {
	return newClient(ctx, cfg, realClock{}, defaultECSMetadataURL)
}

// newClient is New with the clock and the ECS metadata service given, so
// that tests can replace them (exports_test.go).
func newClient(ctx context.Context, cfg Config, clk clock, ecsMetadataURL string) (*Client, error) {
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max_retries must be 0 or more, not %d", cfg.MaxRetries)
	}
	if cfg.MaxQPS < 1 {
		return nil, fmt.Errorf("max_qps must be 1 or more, not %d", cfg.MaxQPS)
	}
	c := &Client{
		region:         cfg.Region,
		site:           cfg.Site,
		accountID:      cfg.AccountID,
		version:        cfg.Version,
		maxRetries:     cfg.MaxRetries,
		limiter:        newLimiter(cfg.MaxQPS),
		clk:            clk,
		base:           newBaseTransport(),
		ecsMetadataURL: ecsMetadataURL,
	}
	creds, profileRegion, err := c.newCredentialSource(cfg)
	if err != nil {
		return nil, err
	}
	c.creds = creds
	if c.region == "" {
		c.region = profileRegion
	}
	if c.endpoints, err = resolveEndpoints(cfg.Endpoints, c.region); err != nil {
		return nil, err
	}
	if c.accountID == "" {
		identity, err := c.STS().GetCallerIdentity(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the account ID with STS GetCallerIdentity: %w", err)
		}
		c.accountID = identity.AccountID
	}
	return c, nil
}

// AccountID returns the Alibaba Cloud account ID the client works in.
func (c *Client) AccountID() string { return c.accountID }

// Region returns the region of IDaaS (EIAM) calls; it may be empty.
func (c *Client) Region() string { return c.region }

// Site returns the Alibaba Cloud site, "international" or "china".
func (c *Client) Site() string { return c.site }

// RAM returns the RAM (Ram 2015-05-01) API.
func (c *Client) RAM() RAM { return ramClient{c} }

// IMS returns the IMS (Ims 2019-08-15) API, which holds SAML providers.
func (c *Client) IMS() IMS { return imsClient{c} }

// STS returns the STS (Sts 2015-04-01) API.
func (c *Client) STS() STS { return stsClient{c} }

// EIAM returns the IDaaS (Eiam 2021-12-01) API.
func (c *Client) EIAM() EIAM { return eiamClient{c} }

// newBaseTransport returns the HTTP transport every call goes through: Go's
// default one (proxies from the environment, HTTP/2, keep-alive), unshared.
func newBaseTransport() http.RoundTripper {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return t.Clone()
	}
	return http.DefaultTransport
}

// endpoint returns where svc is reached.
func (c *Client) endpoint(svc service) (Endpoint, error) {
	ep, ok := c.endpoints[svc.key]
	if !ok {
		return Endpoint{}, fmt.Errorf("no endpoint for %s", svc.product)
	}
	return ep.endpoint, ep.err
}
