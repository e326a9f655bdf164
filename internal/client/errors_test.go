// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
)

// TestNotFoundMapping calls each service against answers of its own
// not-found codes (and others) and checks IsNotFound.
func TestNotFoundMapping(t *testing.T) {
	calls := map[string]func(*client.Client) error{
		"Ram GetRole": func(c *client.Client) error {
			_, err := c.RAM().GetRole(context.Background(), "missing")
			return err
		},
		"Ims GetSAMLProvider": func(c *client.Client) error {
			_, err := c.IMS().GetSAMLProvider(context.Background(), "missing")
			return err
		},
		"Eiam GetInstance": func(c *client.Client) error {
			_, err := c.EIAM().GetInstance(context.Background(), "idaas_missing")
			return err
		},
	}
	type testCase struct {
		call   string
		status int
		code   string
		want   bool
	}
	tests := map[string]testCase{
		"RAM role":                    {"Ram GetRole", http.StatusNotFound, "EntityNotExist.Role", true},
		"IMS SAML provider":           {"Ims GetSAMLProvider", http.StatusNotFound, "EntityNotExist.SAMLProvider", true},
		"IMS legacy code, 400":        {"Ims GetSAMLProvider", http.StatusBadRequest, "EntityNotExist.SAMLProviderError", true},
		"EIAM instance, 400":          {"Eiam GetInstance", http.StatusBadRequest, "EntityNotExists.Instance", true},
		"any 404":                     {"Eiam GetInstance", http.StatusNotFound, "SomethingElse", true},
		"invalid parameter":           {"Ram GetRole", http.StatusBadRequest, "InvalidParameter.RoleName.Length", false},
		"no permission":               {"Ims GetSAMLProvider", http.StatusForbidden, "NoPermission", false},
		"already exists is not found": {"Ram GetRole", http.StatusConflict, "EntityAlreadyExists.Role", false},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		fake := newFakeAPI(t, func(fakeCall) fakeReply {
			return fakeReply{Status: tt.status, Body: apiError(tt.code, "message for "+tt.code)}
		})
		c := newClient(t, fake.config())
		err := calls[tt.call](c)
		if err == nil {
			t.Fatal("want an error")
		}
		if got := client.IsNotFound(err); got != tt.want {
			t.Errorf("IsNotFound(%v) = %v, want %v", err, got, tt.want)
		}
		var apiErr *client.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("error %T is not an APIError", err)
		}
		want := client.APIError{
			Product: strings.Fields(tt.call)[0], Action: strings.Fields(tt.call)[1],
			Code: tt.code, HTTPStatus: tt.status, RequestID: "REQ-" + tt.code,
			Message: "message for " + tt.code, Attempts: 1,
		}
		if *apiErr != want {
			t.Errorf("APIError = %+v, want %+v", *apiErr, want)
		}
	})
}

func TestIsNotFoundOfOtherErrors(t *testing.T) {
	type testCase struct {
		err  error
		want bool
	}
	tests := map[string]testCase{
		"NotFoundError":         {&client.NotFoundError{Object: "application account", ID: "r1"}, true},
		"wrapped NotFoundError": {fmt.Errorf("finding: %w", &client.NotFoundError{Object: "user", ID: "u"}), true},
		"plain error":           {errors.New("boom"), false},
		"nil":                   {nil, false},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		if got := client.IsNotFound(tt.err); got != tt.want {
			t.Errorf("IsNotFound = %v, want %v", got, tt.want)
		}
	})
}

func TestAPIErrorText(t *testing.T) {
	t.Parallel()
	err := &client.APIError{
		Product: "Ram", Action: "CreateRole", Code: "EntityAlreadyExists.Role", HTTPStatus: 409,
		RequestID: "7463B73D-35CC-4D19-A010-6B8D65D242EF", Message: "The role does already EXIST.", Attempts: 1,
	}
	want := "Ram CreateRole: EntityAlreadyExists.Role (HTTP 409): The role does already EXIST. (request ID 7463B73D-35CC-4D19-A010-6B8D65D242EF)"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestHints(t *testing.T) {
	type testCase struct {
		err  error
		want string // a part of the hint, "" for none
	}
	tests := map[string]testCase{
		"bad key":    {&client.APIError{Code: "InvalidAccessKeyId.NotFound", HTTPStatus: 404}, "access key ID does not exist"},
		"throttled":  {&client.APIError{Code: "Throttling.User", HTTPStatus: 400}, "max_qps"},
		"ambiguous":  {&client.RequestError{Sent: true, Err: errors.New("reset")}, "may have taken effect"},
		"not found":  {&client.APIError{Code: "EntityNotExist.Role", HTTPStatus: 404}, ""},
		"plain":      {errors.New("x"), ""},
		"never sent": {&client.RequestError{Sent: false, Err: errors.New("refused")}, ""},
	}
	table.Run(t, tests, func(t *testing.T, tt testCase) {
		got := client.Hint(tt.err)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("Hint = %q, want one containing %q", got, tt.want)
		}
	})
}
