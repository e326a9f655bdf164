// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxResponseBytes bounds how much of a response is read. The largest
// expected responses are IdP metadata and long lists, far below this.
const maxResponseBytes = 16 << 20

// attemptTransport sends one attempt of a call. The legacy SDK takes no
// context, so this transport gives every request the attempt's context: a
// cancelled or expired context aborts the request. It also records whether
// the request was written (see IsAmbiguous) and logs the request parameters
// and the response body at trace level, redacted. Only one request is sent
// through it at a time.
type attemptTransport struct {
	ctx  context.Context
	base http.RoundTripper

	called    atomic.Bool
	sent      atomic.Bool
	status    int
	requestID string
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.called.Store(true)
	trace := &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { t.sent.Store(true) },
	}
	req = req.WithContext(httptrace.WithClientTrace(t.ctx, trace))
	if tflog.IsTrace(t.ctx) {
		tflog.Trace(t.ctx, "Alibaba Cloud API request", map[string]any{
			"method":     req.Method,
			"url":        req.URL.Scheme + "://" + req.URL.Host + req.URL.Path,
			"parameters": redactParams(requestParams(req)),
		})
	}

	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return nil, fmt.Errorf("reading the response: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))

	t.status = resp.StatusCode
	t.requestID = responseRequestID(resp.Header, body)
	if tflog.IsTrace(t.ctx) {
		tflog.Trace(t.ctx, "Alibaba Cloud API response", map[string]any{
			"http_status": resp.StatusCode,
			"request_id":  t.requestID,
			"body":        redactJSON(body),
		})
	}
	return resp, nil
}

// requestParams returns the query and form parameters of an RPC request.
func requestParams(req *http.Request) url.Values {
	params := url.Values{}
	for name, values := range req.URL.Query() {
		params[name] = values
	}
	mediaType, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if mediaType != "application/x-www-form-urlencoded" || req.GetBody == nil {
		return params
	}
	body, err := req.GetBody()
	if err != nil {
		return params
	}
	defer body.Close()
	raw, err := io.ReadAll(body)
	if err != nil {
		return params
	}
	form, err := url.ParseQuery(string(raw))
	if err != nil {
		return params
	}
	for name, values := range form {
		params[name] = values
	}
	return params
}

// responseRequestID returns the request ID of a response: the
// x-acs-request-id header, or the RequestId field of the JSON body.
func responseRequestID(header http.Header, body []byte) string {
	if id := header.Get("x-acs-request-id"); id != "" {
		return id
	}
	var fields struct {
		RequestID string `json:"RequestId"`
	}
	if json.Unmarshal(body, &fields) == nil {
		return fields.RequestID
	}
	return ""
}
