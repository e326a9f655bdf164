// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Endpoints overrides the endpoint of each service. An empty value means
// the service's public endpoint. Each value is a URL ("https://host[:port]",
// or "http://host[:port]" for a loopback host) or a bare "host[:port]",
// which means https.
type Endpoints struct {
	RAM  string
	IMS  string
	STS  string
	EIAM string
}

// Endpoint is where one service is reached.
type Endpoint struct {
	// Scheme is "https", or "http" for a loopback host.
	Scheme string
	// Host is the host name or IP address, with an optional port.
	Host string
}

func (e Endpoint) String() string { return e.Scheme + "://" + e.Host }

// ParseEndpoint parses an endpoint override. It accepts "https://host[:port]",
// "http://host[:port]" for loopback hosts only (localhost, 127.0.0.0/8, ::1),
// and a bare "host[:port]", which means https. A trailing "/" is allowed;
// any other path, query or user information is not.
func ParseEndpoint(raw string) (Endpoint, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Endpoint{}, fmt.Errorf("the endpoint is empty; give a URL such as \"https://ram.aliyuncs.com\", or leave it unset for the public endpoint")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return Endpoint{}, fmt.Errorf("%q is not a valid URL: %v", raw, err)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return Endpoint{}, fmt.Errorf("%q has scheme %q; use \"https://\" (or \"http://\" for a loopback host)", raw, u.Scheme)
	case u.Hostname() == "":
		return Endpoint{}, fmt.Errorf("%q names no host; give a URL such as \"https://ram.aliyuncs.com\"", raw)
	case u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "":
		return Endpoint{}, fmt.Errorf("%q has a path, query or user information; give only the scheme, host and port, e.g. \"https://ram.aliyuncs.com\"", raw)
	case u.Scheme == "http" && !isLoopbackHost(u.Hostname()):
		return Endpoint{}, fmt.Errorf("%q uses plain http, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1) so that credentials never cross a network unencrypted; use https:// instead", raw)
	}
	return Endpoint{Scheme: u.Scheme, Host: u.Host}, nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// service describes one Alibaba Cloud API product the provider calls.
type service struct {
	// key is the service's name in the provider's endpoints block.
	key string
	// product and version identify the API, e.g. "Ram" and "2015-05-01".
	product string
	version string
	// publicHost returns the public endpoint host for a region.
	publicHost func(region string) (string, error)
}

func globalHost(host string) func(string) (string, error) {
	return func(string) (string, error) { return host, nil }
}

// The four services. RAM, IMS and STS have global endpoints; IDaaS (EIAM)
// is regional (FACTS.md).
var (
	serviceRAM  = service{key: "ram", product: "Ram", version: "2015-05-01", publicHost: globalHost("ram.aliyuncs.com")}
	serviceIMS  = service{key: "ims", product: "Ims", version: "2019-08-15", publicHost: globalHost("ims.aliyuncs.com")}
	serviceSTS  = service{key: "sts", product: "Sts", version: "2015-04-01", publicHost: globalHost("sts.aliyuncs.com")}
	serviceEIAM = service{key: "eiam", product: "Eiam", version: "2021-12-01", publicHost: func(region string) (string, error) {
		if region == "" {
			return "", fmt.Errorf("IDaaS (EIAM) endpoints are regional, and no region is configured; set region in the provider configuration (or ALIBABA_CLOUD_REGION), or set endpoints.eiam")
		}
		return "eiam." + region + ".aliyuncs.com", nil
	}}
)

// resolvedEndpoints maps each service key to its endpoint, or to the error
// that keeps the service from being used.
type resolvedEndpoints map[string]endpointOrError

type endpointOrError struct {
	endpoint Endpoint
	err      error
}

// resolveEndpoints parses the overrides and fills in public endpoints. A bad
// override is an error at once; a missing region only matters when EIAM is
// called.
func resolveEndpoints(overrides Endpoints, region string) (resolvedEndpoints, error) {
	out := resolvedEndpoints{}
	for _, o := range []struct {
		svc service
		raw string
	}{
		{serviceRAM, overrides.RAM},
		{serviceIMS, overrides.IMS},
		{serviceSTS, overrides.STS},
		{serviceEIAM, overrides.EIAM},
	} {
		if strings.TrimSpace(o.raw) != "" {
			ep, err := ParseEndpoint(o.raw)
			if err != nil {
				return nil, &EndpointError{Service: o.svc.key, Err: err}
			}
			out[o.svc.key] = endpointOrError{endpoint: ep}
			continue
		}
		host, err := o.svc.publicHost(region)
		out[o.svc.key] = endpointOrError{endpoint: Endpoint{Scheme: "https", Host: host}, err: err}
	}
	return out, nil
}

// EndpointError reports a bad endpoint override.
type EndpointError struct {
	// Service is the key of the service in the endpoints block, e.g. "ram".
	Service string
	Err     error
}

func (e *EndpointError) Error() string { return fmt.Sprintf("endpoints.%s: %v", e.Service, e.Err) }

func (e *EndpointError) Unwrap() error { return e.Err }
