// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	sdkcredentials "github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// userAgentProduct names the provider in the User-Agent of every call.
const userAgentProduct = "terraform-provider-idaas"

// call describes one API call.
type call struct {
	svc    service
	action string
	// idempotent calls may be sent again after an ambiguous failure (see
	// IsAmbiguous). Calls that create something, such as CreateApplication,
	// are not: their callers look before they try again.
	idempotent bool
	// anonymous calls carry no credentials (STS AssumeRoleWithOIDC).
	anonymous bool
	// creds overrides the client's credentials, e.g. with the base
	// credentials of an AssumeRole call.
	creds credentialSource
}

// attempt is what one try of a call is sent with.
type attempt struct {
	endpoint  Endpoint
	cred      credential
	transport *attemptTransport
}

// sendFunc sends one attempt. It returns the SDK's error as is; invoke
// turns it into an APIError or a RequestError.
type sendFunc func(ctx context.Context, a attempt) error

// invoke runs a call under the client's one retry policy and rate limiter,
// with logging. It retries as retryable allows, at most MaxRetries times,
// and never past the end of ctx.
func (c *Client) invoke(ctx context.Context, cl call, send sendFunc) error {
	ep, err := c.endpoint(cl.svc)
	if err != nil {
		return err
	}
	ctx = tflog.SetField(ctx, "product", cl.svc.product)
	ctx = tflog.SetField(ctx, "action", cl.action)
	for n := 1; ; n++ {
		if err := c.limiter.wait(ctx, c.clk); err != nil {
			return fmt.Errorf("%s %s: waiting for the rate limit (max_qps): %w", cl.svc.product, cl.action, err)
		}
		var cred credential
		if !cl.anonymous {
			source := cl.creds
			if source == nil {
				source = c.creds
			}
			if cred, err = source.retrieve(ctx); err != nil {
				return fmt.Errorf("%s %s: getting credentials: %w", cl.svc.product, cl.action, err)
			}
		}

		err := c.sendAttempt(ctx, cl, attempt{endpoint: ep, cred: cred}, n, send)
		if err == nil {
			return nil
		}
		if n > c.maxRetries || !retryable(err, cl.idempotent) || ctx.Err() != nil {
			return err
		}
		delay := backoff(c.clk, n)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return err
		}
		tflog.Debug(ctx, "Retrying Alibaba Cloud API call", map[string]any{
			"attempt": n, "delay": delay.String(), "error": err.Error(),
		})
		if c.clk.Sleep(ctx, delay) != nil {
			return err
		}
	}
}

// sendAttempt sends attempt number n of a call and logs its outcome.
func (c *Client) sendAttempt(ctx context.Context, cl call, a attempt, n int, send sendFunc) error {
	if secrets := nonEmpty(a.cred.id, a.cred.secret, a.cred.token); len(secrets) > 0 {
		// A second guard: the log fields are redacted by name already.
		ctx = tflog.MaskLogStrings(ctx, secrets...)
	}
	ctx, cancel := context.WithTimeout(ctx, attemptTimeout)
	defer cancel()
	a.transport = &attemptTransport{ctx: ctx, base: c.base}

	start := time.Now()
	err := classify(cl, a.transport, send(ctx, a), n)

	fields := map[string]any{
		"attempt":     n,
		"http_status": a.transport.status,
		"duration_ms": time.Since(start).Milliseconds(),
		"request_id":  a.transport.requestID,
	}
	if a.cred.id != "" {
		fields["access_key_id"] = MaskAccessKeyID(a.cred.id)
	}
	if err != nil {
		fields["error"] = err.Error()
	}
	tflog.Debug(ctx, "Alibaba Cloud API call", fields)
	return err
}

// classify turns the error of an attempt into an APIError (the server
// answered with an error), a RequestError (no answer), or a plain error
// (the call could not be built, or the answer could not be parsed).
func classify(cl call, t *attemptTransport, err error, attempts int) error {
	if err == nil {
		return nil
	}
	if serverErr, ok := errors.AsType[*sdkerrors.ServerError](err); ok {
		return &APIError{
			Product:    cl.svc.product,
			Action:     cl.action,
			Code:       serverErr.ErrorCode(),
			HTTPStatus: serverErr.HttpStatus(),
			RequestID:  serverErr.RequestId(),
			Message:    truncate(sanitizeMessage(serverErr.Message()), 500),
			Attempts:   attempts,
		}
	}
	if t.status == 0 && t.called.Load() {
		return &RequestError{
			Product:  cl.svc.product,
			Action:   cl.action,
			Sent:     t.sent.Load(),
			Attempts: attempts,
			Err:      withoutQuery(err),
		}
	}
	return fmt.Errorf("%s %s: %w", cl.svc.product, cl.action, withoutQuery(err))
}

// withoutQuery removes the query string from the URL in a *url.Error: it
// holds the access key ID, the signature and any security token.
func withoutQuery(err error) error {
	urlErr, ok := errors.AsType[*url.Error](err)
	if !ok {
		return err
	}
	short := "(URL removed)"
	if u, parseErr := url.Parse(urlErr.URL); parseErr == nil {
		short = u.Scheme + "://" + u.Host + u.Path
	}
	return &url.Error{Op: urlErr.Op, URL: short, Err: urlErr.Err}
}

// invokeSDK runs a call with a typed request and response of the SDK, for
// example ram.GetRoleRequest, or a CommonRequest and CommonResponse.
func (c *Client) invokeSDK(ctx context.Context, cl call, req requests.AcsRequest, resp responses.AcsResponse) error {
	return c.invoke(ctx, cl, func(_ context.Context, a attempt) error {
		sdkClient, err := c.newSDKClient(a)
		if err != nil {
			return err
		}
		req.SetDomain(a.endpoint.Host)
		req.SetScheme(a.endpoint.Scheme)
		// The SDK adds a security token, but never removes one left by an
		// earlier attempt with other credentials.
		delete(req.GetQueryParams(), "SecurityToken")
		return sdkClient.DoAction(req, resp)
	})
}

// newSDKClient returns an SDK client for one attempt: it sends through the
// attempt's transport, signs with the attempt's credentials, and never
// retries on its own, as invoke does. A client per attempt keeps attempts
// apart: the SDK client changes its own HTTP settings on every call.
func (c *Client) newSDKClient(a attempt) (*sdk.Client, error) {
	cfg := sdk.NewConfig()
	cfg.AutoRetry = false
	cfg.MaxRetryTime = 0
	cfg.Transport = a.transport
	cfg.Timeout = attemptTimeout
	var provider sdkcredentials.CredentialsProvider
	if a.cred.token != "" {
		provider = sdkcredentials.NewStaticSTSCredentialsProvider(a.cred.id, a.cred.secret, a.cred.token)
	} else {
		provider = sdkcredentials.NewStaticAKCredentialsProvider(a.cred.id, a.cred.secret)
	}
	sdkClient, err := sdk.NewClientWithOptions(c.region, cfg, provider)
	if err != nil {
		return nil, err
	}
	sdkClient.AppendUserAgent(userAgentProduct, c.version)
	return sdkClient, nil
}

// invokeAnonymous runs an RPC call that carries no credentials, with the
// parameters in a form body, and decodes the JSON response into out. Only
// STS AssumeRoleWithOIDC needs this: its OIDC token is its authentication,
// and the SDK signs every request it sends.
func (c *Client) invokeAnonymous(ctx context.Context, cl call, params url.Values, out any) error {
	cl.anonymous = true
	return c.invoke(ctx, cl, func(ctx context.Context, a attempt) error {
		query := url.Values{
			"Action":         {cl.action},
			"Version":        {cl.svc.version},
			"Format":         {"JSON"},
			"Timestamp":      {utils.GetTimeInFormatISO8601()},
			"SignatureNonce": {utils.GetNonce()},
		}
		target := a.endpoint.String() + "/?" + query.Encode()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(params.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", c.userAgent())
		resp, err := (&http.Client{Transport: a.transport}).Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode >= http.StatusBadRequest {
			return sdkerrors.NewServerError(resp.StatusCode, string(body), "")
		}
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("decoding the response: %w", err)
		}
		return nil
	})
}

// userAgent is the User-Agent of calls not sent by the SDK; the SDK builds
// the same one.
func (c *Client) userAgent() string {
	return sdk.DefaultUserAgent + " " + userAgentProduct + "/" + c.version
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
