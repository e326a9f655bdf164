// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Exports of the role resources and data sources for the external tests.
var (
	FindRoleByName    = findRoleByName
	ParseRoleImportID = parseRoleImportID

	RoleNameValidator                = roleNameValidator
	TrustedSAMLProviderNameValidator = trustedSAMLProviderNameValidator
	RoleSiteValidator                = roleSiteValidator
	TrustPolicyValidator             = func() validator.String { return trustPolicyValidator{} }
)

// TrustPolicyValue returns a value of the trust policy type.
func TrustPolicyValue(doc string) basetypes.StringValuableWithSemanticEquals {
	return newTrustPolicyValue(doc)
}

// RetryWithSleep runs fn as the role resources retry, with sleep instead of
// a real one.
func RetryWithSleep(ctx context.Context, sleep func(context.Context, time.Duration) error, fn func(context.Context) error, retryable func(error) bool) error {
	r := defaultRoleRetry
	r.sleep = sleep
	return r.do(ctx, fn, retryable)
}
