// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is an error response of an Alibaba Cloud API: the server answered
// with an HTTP status of 400 or more.
type APIError struct {
	// Product is the API product, e.g. "Ram" or "Eiam".
	Product string
	// Action is the API action, e.g. "GetRole".
	Action string
	// Code is the error code, e.g. "EntityNotExist.Role".
	Code string
	// HTTPStatus is the HTTP status code of the response.
	HTTPStatus int
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// Message is the server's message, with anything secret removed.
	Message string
	// Attempts is how many times the call was sent, retries included.
	Attempts int
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s (HTTP %d)", e.Product, e.Action, e.Code, e.HTTPStatus)
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request ID %s)", e.RequestID)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// RequestError is a call that got no API response: the connection failed,
// timed out or was reset, or the response could not be read.
type RequestError struct {
	// Product is the API product, e.g. "Ram" or "Eiam".
	Product string
	// Action is the API action, e.g. "GetRole".
	Action string
	// Sent reports whether the request was written to the server before the
	// failure, in which case it may have taken effect.
	Sent bool
	// Attempts is how many times the call was sent, retries included.
	Attempts int
	// Err is the underlying error.
	Err error
}

func (e *RequestError) Error() string {
	msg := fmt.Sprintf("%s %s: %v", e.Product, e.Action, e.Err)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

func (e *RequestError) Unwrap() error { return e.Err }

// NotFoundError reports an object that does not exist. Finders return it
// when a list holds no match; IsNotFound also recognizes the API's own
// not-found errors.
type NotFoundError struct {
	// Object names the kind of object, e.g. "application account".
	Object string
	// ID identifies the object that was looked for.
	ID string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %q not found", e.Object, e.ID)
}

// notFoundCodePrefixes are the error-code families meaning "no such object":
// RAM and IMS use EntityNotExist.*, EIAM uses EntityNotExists.* (the EIAM
// codes are UNCONFIRMED, FACTS.md; any 404 counts as well).
var notFoundCodePrefixes = []string{"EntityNotExist.", "EntityNotExists."}

// IsNotFound reports whether err means the object does not exist: a
// NotFoundError, an HTTP 404, or an EntityNotExist(s).* error code.
func IsNotFound(err error) bool {
	if _, ok := errors.AsType[*NotFoundError](err); ok {
		return true
	}
	apiErr, ok := errors.AsType[*APIError](err)
	if !ok {
		return false
	}
	if apiErr.HTTPStatus == http.StatusNotFound {
		return true
	}
	for _, prefix := range notFoundCodePrefixes {
		if strings.HasPrefix(apiErr.Code, prefix) {
			return true
		}
	}
	return false
}

// IsAmbiguous reports whether a failed call may nevertheless have taken
// effect: the request was sent and the connection then failed or timed out,
// or the server answered with a 5xx error other than throttling. A caller
// of a non-idempotent action must look before it tries again.
func IsAmbiguous(err error) bool {
	if reqErr, ok := errors.AsType[*RequestError](err); ok {
		return reqErr.Sent
	}
	if apiErr, ok := errors.AsType[*APIError](err); ok {
		return apiErr.HTTPStatus >= http.StatusInternalServerError && !isThrottlingCode(apiErr.Code)
	}
	return false
}

// ErrorCode returns the API error code of err, or "" if err is not an
// API error.
func ErrorCode(err error) string {
	if apiErr, ok := errors.AsType[*APIError](err); ok {
		return apiErr.Code
	}
	return ""
}

// ErrNoCredentials is returned by New when Config names no credential
// source.
var ErrNoCredentials = errors.New("no Alibaba Cloud credentials configured")

// hints are short advice for well-known error codes, shown with the error.
var hints = map[string]string{
	"InvalidAccessKeyId.NotFound":  "The access key ID does not exist. Check access_key or the credential source in use.",
	"InvalidAccessKeyId.Inactive":  "The access key is disabled. Enable it in the RAM console or use another key.",
	"SignatureDoesNotMatch":        "The signature does not match. Check secret_key: it must belong to the access key ID in use.",
	"InvalidSecurityToken.Expired": "The STS security token has expired. Get a new one, or let the provider assume a role with assume_role.",
	"NoPermission":                 "The identity in use lacks a RAM permission for this action. Grant it with a RAM policy.",
	"Forbidden.RAM":                "The identity in use lacks a RAM permission for this action. Grant it with a RAM policy.",
}

// Hint returns advice on err for a user, or "" if there is none.
func Hint(err error) string {
	if apiErr, ok := errors.AsType[*APIError](err); ok {
		if hint, ok := hints[apiErr.Code]; ok {
			return hint
		}
		if isThrottlingCode(apiErr.Code) {
			return "Alibaba Cloud kept throttling the calls. Lower max_qps or raise max_retries in the provider configuration."
		}
	}
	if IsAmbiguous(err) {
		return "The request may have reached Alibaba Cloud before it failed, so it may have taken effect."
	}
	return ""
}
