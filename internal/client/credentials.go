// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// AccessKey is a static access key; with a security token, it is a set of
// STS credentials.
type AccessKey struct {
	ID            string
	Secret        string
	SecurityToken string
}

// Profile names a profile of the Alibaba Cloud CLI configuration file.
type Profile struct {
	// Name is the profile's name; if empty, the file's current profile.
	Name string
	// File is the configuration file; if empty, DefaultCLIConfigFile.
	File string
}

// AssumeRole assumes a RAM role with the base credentials (STS AssumeRole).
type AssumeRole struct {
	RoleARN     string
	SessionName string
	// SessionDuration is the session's lifetime in seconds, 900 to 43200.
	SessionDuration int
	ExternalID      string
	Policy          string
}

// OIDCRole assumes a RAM role with an OIDC token read from a file (STS
// AssumeRoleWithOIDC), as CI systems provide.
type OIDCRole struct {
	RoleARN         string
	OIDCProviderARN string
	TokenFile       string
	SessionName     string
	// SessionDuration is the session's lifetime in seconds, 900 to 43200.
	SessionDuration int
	Policy          string
}

// Defaults of assumed-role sessions.
const (
	DefaultSessionName     = "terraform"
	DefaultSessionDuration = 3600
)

// credential is one set of keys that signs calls.
type credential struct {
	id     string
	secret string
	token  string
	// expiration is when temporary credentials stop working; zero for
	// long-term keys.
	expiration time.Time
}

// credentialSource gives the credentials for the next call.
type credentialSource interface {
	retrieve(ctx context.Context) (credential, error)
}

type staticSource struct{ cred credential }

func (s staticSource) retrieve(context.Context) (credential, error) { return s.cred, nil }

// refreshWindow is how long before they expire temporary credentials are
// replaced.
const refreshWindow = 5 * time.Minute

// refreshingSource caches temporary credentials and fetches new ones when
// they are about to expire.
type refreshingSource struct {
	c     *Client
	fetch func(ctx context.Context) (credential, error)

	mu   sync.Mutex
	cred credential
}

func (s *refreshingSource) retrieve(ctx context.Context) (credential, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cred.id != "" && s.c.clk.Now().Before(s.cred.expiration.Add(-refreshWindow)) {
		return s.cred, nil
	}
	cred, err := s.fetch(ctx)
	if err != nil {
		return credential{}, err
	}
	s.cred = cred
	return cred, nil
}

// newCredentialSource builds the source cfg names, with AssumeRole on top.
// It also returns the region of a CLI profile, if one is used.
func (c *Client) newCredentialSource(cfg Config) (credentialSource, string, error) {
	var (
		base   credentialSource
		region string
		err    error
		count  int
	)
	if cfg.AccessKey != nil {
		count++
		base, err = accessKeySource(*cfg.AccessKey)
	}
	if cfg.Profile != nil {
		count++
		base, region, err = c.profileSource(*cfg.Profile)
	}
	if cfg.OIDCRole != nil {
		count++
		base, err = c.oidcSource(*cfg.OIDCRole)
	}
	if cfg.ECSRoleName != "" {
		count++
		base = c.ecsSource(cfg.ECSRoleName)
	}
	switch {
	case count == 0:
		return nil, "", ErrNoCredentials
	case count > 1:
		return nil, "", fmt.Errorf("more than one credential source is configured; use one of an access key, a CLI profile, an OIDC role or an ECS RAM role")
	case err != nil:
		return nil, "", err
	}
	if cfg.AssumeRole != nil {
		base, err = c.assumeRoleSource(base, *cfg.AssumeRole)
	}
	return base, region, err
}

func accessKeySource(key AccessKey) (credentialSource, error) {
	if key.ID == "" || key.Secret == "" {
		return nil, fmt.Errorf("an access key needs both its ID and its secret")
	}
	return staticSource{credential{id: key.ID, secret: key.Secret, token: key.SecurityToken}}, nil
}

// checkSessionDuration checks a session lifetime, filling in the default.
func checkSessionDuration(seconds *int) error {
	if *seconds == 0 {
		*seconds = DefaultSessionDuration
	}
	if *seconds < 900 || *seconds > 43200 {
		return fmt.Errorf("a role session lasts 900 to 43200 seconds, not %d", *seconds)
	}
	return nil
}

func (c *Client) assumeRoleSource(base credentialSource, ar AssumeRole) (credentialSource, error) {
	if ar.RoleARN == "" {
		return nil, fmt.Errorf("assume_role needs the ARN of the role to assume")
	}
	if ar.SessionName == "" {
		ar.SessionName = DefaultSessionName
	}
	if err := checkSessionDuration(&ar.SessionDuration); err != nil {
		return nil, err
	}
	return &refreshingSource{c: c, fetch: func(ctx context.Context) (credential, error) {
		return c.assumeRole(ctx, base, ar)
	}}, nil
}

func (c *Client) oidcSource(o OIDCRole) (credentialSource, error) {
	if o.RoleARN == "" || o.OIDCProviderARN == "" || o.TokenFile == "" {
		return nil, fmt.Errorf("OIDC role credentials need a role ARN, an OIDC provider ARN and a token file")
	}
	if o.SessionName == "" {
		o.SessionName = DefaultSessionName
	}
	if err := checkSessionDuration(&o.SessionDuration); err != nil {
		return nil, err
	}
	return &refreshingSource{c: c, fetch: func(ctx context.Context) (credential, error) {
		// The token is read for every session: CI systems replace it.
		token, err := os.ReadFile(o.TokenFile)
		if err != nil {
			return credential{}, fmt.Errorf("reading the OIDC token file: %w", err)
		}
		return c.assumeRoleWithOIDC(ctx, o, strings.TrimSpace(string(token)))
	}}, nil
}
