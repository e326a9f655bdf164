// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"net/http"
)

// APIError is an error the emulator answers a call with. It is written as
// the body {RequestId, HostId, Code, Message, Recommend} with Status as the
// HTTP status, the shape every Alibaba Cloud RPC API uses (FACTS.md).
// Handlers return it through the constructors in errors.go, which
// hold every code, status and message in one place.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

// apiErr builds an APIError with a formatted message.
func apiErr(status int, code, format string, args ...any) *APIError {
	return &APIError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// errorBody is the JSON body of an error response.
type errorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	// Recommend is the troubleshooting link real gateways add (seen in
	// real error bodies, e.g. jeessy2/ddns-go issue 1291); the legacy SDK
	// reads it into ServerError.Recommend.
	Recommend string `json:"Recommend"`
}

func (e *APIError) body(requestID, hostID, product string) errorBody {
	return errorBody{
		RequestID: requestID,
		HostID:    hostID,
		Code:      e.Code,
		Message:   e.Message,
		Recommend: fmt.Sprintf("https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s", e.Code, product, requestID),
	}
}

// asAPIError turns any handler error into an APIError; an error that is not
// one is a bug in the emulator and answers InternalError.
func asAPIError(err error) *APIError {
	if e, ok := err.(*APIError); ok {
		return e
	}
	return &APIError{Status: http.StatusInternalServerError, Code: "InternalError", Message: "An internal error occurred: " + err.Error()}
}
