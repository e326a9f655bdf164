// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultCLIConfigFile returns where the Alibaba Cloud CLI keeps its
// profiles: ~/.aliyun/config.json.
func DefaultCLIConfigFile() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home directory for the Alibaba Cloud CLI configuration: %w", err)
	}
	return filepath.Join(home, ".aliyun", "config.json"), nil
}

// cliConfig is the Alibaba Cloud CLI configuration file, as the CLI and
// the SDK's CLIProfileCredentialsProvider read it.
type cliConfig struct {
	Current  string       `json:"current"`
	Profiles []cliProfile `json:"profiles"`
}

type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	STSToken        string `json:"sts_token"`
	RegionID        string `json:"region_id"`
	RoleARN         string `json:"ram_role_arn"`
	RoleSessionName string `json:"ram_session_name"`
	ExpiredSeconds  int    `json:"expired_seconds"`
	SourceProfile   string `json:"source_profile"`
	RoleName        string `json:"ram_role_name"`
	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCProviderARN string `json:"oidc_provider_arn"`
	Policy          string `json:"policy"`
	ExternalID      string `json:"external_id"`
}

// cliProfileModes are the profile modes the provider supports.
var cliProfileModes = []string{"AK", "StsToken", "RamRoleArn", "ChainableRamRoleArn", "EcsRamRole", "OIDC"}

// profileSource reads a CLI profile and returns its credentials and region.
func (c *Client) profileSource(p Profile) (credentialSource, string, error) {
	file := p.File
	if file == "" {
		var err error
		if file, err = DefaultCLIConfigFile(); err != nil {
			return nil, "", err
		}
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, "", fmt.Errorf("reading the Alibaba Cloud CLI configuration: %w", err)
	}
	var conf cliConfig
	if err := json.Unmarshal(raw, &conf); err != nil {
		return nil, "", fmt.Errorf("reading the Alibaba Cloud CLI configuration %s: it is not valid JSON: %v", file, err)
	}
	name := p.Name
	if name == "" {
		name = conf.Current
	}
	if name == "" {
		return nil, "", fmt.Errorf("the Alibaba Cloud CLI configuration %s names no current profile; set profile", file)
	}
	profile, err := conf.profile(name, file)
	if err != nil {
		return nil, "", err
	}
	source, err := c.cliProfileSource(conf, profile, file, nil)
	if err != nil {
		return nil, "", fmt.Errorf("profile %q in %s: %w", name, file, err)
	}
	return source, profile.RegionID, nil
}

func (conf cliConfig) profile(name, file string) (cliProfile, error) {
	for _, p := range conf.Profiles {
		if p.Name == name {
			return p, nil
		}
	}
	names := make([]string, 0, len(conf.Profiles))
	for _, p := range conf.Profiles {
		names = append(names, p.Name)
	}
	return cliProfile{}, fmt.Errorf("the Alibaba Cloud CLI configuration %s has no profile %q; it has: %s", file, name, strings.Join(names, ", "))
}

// cliProfileSource returns the credentials of one profile. seen holds the
// profiles of a ChainableRamRoleArn chain, to catch loops.
func (c *Client) cliProfileSource(conf cliConfig, p cliProfile, file string, seen []string) (credentialSource, error) {
	assume := func(base credentialSource) (credentialSource, error) {
		return c.assumeRoleSource(base, AssumeRole{
			RoleARN:         p.RoleARN,
			SessionName:     p.RoleSessionName,
			SessionDuration: p.ExpiredSeconds,
			ExternalID:      p.ExternalID,
			Policy:          p.Policy,
		})
	}
	switch p.Mode {
	case "AK":
		return accessKeySource(AccessKey{ID: p.AccessKeyID, Secret: p.AccessKeySecret})
	case "StsToken":
		return accessKeySource(AccessKey{ID: p.AccessKeyID, Secret: p.AccessKeySecret, SecurityToken: p.STSToken})
	case "RamRoleArn":
		base, err := accessKeySource(AccessKey{ID: p.AccessKeyID, Secret: p.AccessKeySecret})
		if err != nil {
			return nil, err
		}
		return assume(base)
	case "ChainableRamRoleArn":
		if slices.Contains(seen, p.SourceProfile) || p.SourceProfile == p.Name {
			return nil, fmt.Errorf("source_profile %q makes a loop", p.SourceProfile)
		}
		source, err := conf.profile(p.SourceProfile, file)
		if err != nil {
			return nil, err
		}
		base, err := c.cliProfileSource(conf, source, file, append(seen, p.Name))
		if err != nil {
			return nil, fmt.Errorf("source profile %q: %w", p.SourceProfile, err)
		}
		return assume(base)
	case "EcsRamRole":
		if p.RoleName == "" {
			return nil, fmt.Errorf("mode EcsRamRole needs ram_role_name")
		}
		return c.ecsSource(p.RoleName), nil
	case "OIDC":
		return c.oidcSource(OIDCRole{
			RoleARN:         p.RoleARN,
			OIDCProviderARN: p.OIDCProviderARN,
			TokenFile:       p.OIDCTokenFile,
			SessionName:     p.RoleSessionName,
			SessionDuration: p.ExpiredSeconds,
			Policy:          p.Policy,
		})
	default:
		return nil, fmt.Errorf("mode %q is not supported; use one of %s", p.Mode, strings.Join(cliProfileModes, ", "))
	}
}
