// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// defaultECSMetadataURL is the ECS instance metadata service.
const defaultECSMetadataURL = "http://100.100.100.200"

// ecsMetadataTimeout bounds each request to the metadata service, which
// answers at once on ECS and never elsewhere.
const ecsMetadataTimeout = 5 * time.Second

// ecsSource gets the credentials of the RAM role attached to this ECS
// instance from the instance metadata service, in its hardened mode
// (IMDSv2: a session token first).
func (c *Client) ecsSource(roleName string) credentialSource {
	return &refreshingSource{c: c, fetch: func(ctx context.Context) (credential, error) {
		cred, err := c.ecsCredentials(ctx, roleName)
		if err != nil {
			return credential{}, fmt.Errorf("getting the credentials of ECS RAM role %q from the instance metadata service (is this an ECS instance with that role attached?): %w", roleName, err)
		}
		return cred, nil
	}}
}

func (c *Client) ecsCredentials(ctx context.Context, roleName string) (credential, error) {
	ctx, cancel := context.WithTimeout(ctx, ecsMetadataTimeout)
	defer cancel()
	token, err := c.ecsMetadata(ctx, http.MethodPut, "/latest/api/token",
		http.Header{"X-Aliyun-Ecs-Metadata-Token-Ttl-Seconds": {"21600"}})
	if err != nil {
		return credential{}, err
	}
	body, err := c.ecsMetadata(ctx, http.MethodGet, "/latest/meta-data/ram/security-credentials/"+url.PathEscape(roleName),
		http.Header{"X-Aliyun-Ecs-Metadata-Token": {string(token)}})
	if err != nil {
		return credential{}, err
	}
	var out struct {
		Code            string
		AccessKeyID     string `json:"AccessKeyId"`
		AccessKeySecret string
		SecurityToken   string
		Expiration      string
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return credential{}, fmt.Errorf("the answer is not JSON: %w", err)
	}
	if out.Code != "Success" {
		return credential{}, fmt.Errorf("the answer has code %q, not \"Success\"", out.Code)
	}
	expiration, err := time.Parse(time.RFC3339, out.Expiration)
	if err != nil {
		return credential{}, fmt.Errorf("the credentials have an unreadable expiration %q", out.Expiration)
	}
	return credential{id: out.AccessKeyID, secret: out.AccessKeySecret, token: out.SecurityToken, expiration: expiration}, nil
}

func (c *Client) ecsMetadata(ctx context.Context, method, path string, header http.Header) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.ecsMetadataURL, "/")+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header = header
	resp, err := (&http.Client{Transport: c.base}).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s answered HTTP %d", method, path, resp.StatusCode)
	}
	return body, nil
}
