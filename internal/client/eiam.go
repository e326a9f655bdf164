// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
)

// EIAM is the part of the IDaaS API (Eiam 2021-12-01) the provider uses.
// The SDK has no typed package for it; the calls are CommonRequests
// wrapped in typed functions.
type EIAM interface {
	// GetInstance returns the IDaaS instance with the given ID, or an error
	// for which IsNotFound is true.
	GetInstance(ctx context.Context, instanceID string) (*Instance, error)
	// ListInstances returns every IDaaS instance that matches in, across
	// all pages.
	ListInstances(ctx context.Context, in ListInstancesInput) ([]Instance, error)
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

// eiamPageSize is the page size of EIAM list calls. The API's maximum is
// UNCONFIRMED; 50 is within every documented example.
const eiamPageSize = 50

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
	var instances []Instance
	for page := 1; ; page++ {
		params := map[string]string{
			"PageNumber": strconv.Itoa(page),
			"PageSize":   strconv.Itoa(eiamPageSize),
		}
		addList(params, "InstanceIds", in.InstanceIDs)
		if in.Status != "" {
			params["Status"] = in.Status
		}
		var out struct {
			TotalCount int64
			Instances  []eiamInstance
		}
		if err := e.c.invokeEIAM(ctx, call{action: "ListInstances", idempotent: true}, params, &out); err != nil {
			return nil, err
		}
		for _, i := range out.Instances {
			instances = append(instances, i.toInstance())
		}
		if len(out.Instances) == 0 || int64(len(instances)) >= out.TotalCount {
			return instances, nil
		}
	}
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
// and so on (alibaba-api.md §3.0).
func addList(params map[string]string, name string, values []string) {
	for i, v := range values {
		params[name+"."+strconv.Itoa(i+1)] = v
	}
}
