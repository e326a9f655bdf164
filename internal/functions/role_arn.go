// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ function.Function = (*roleARNFunction)(nil)

// NewRoleARNFunction returns the role_arn function.
func NewRoleARNFunction() function.Function {
	return &roleARNFunction{named: "role_arn"}
}

type roleARNFunction struct{ named }

func (f *roleARNFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The ARN of a RAM role.",
		MarkdownDescription: "Returns the ARN of a RAM role, `acs:ram::<account_id>:role/<role_name>`, for example `" +
			rolesso.ExampleRoleARN + "`. It checks both arguments, so a role name that RAM would refuse fails here, offline.",
		Parameters: []function.Parameter{
			accountIDParameter("that owns the role"),
			roleNameParameter("The name of the role."),
		},
		Return: function.StringReturn{},
	}
}

func (f *roleARNFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var accountID, roleName string
	if resp.Error = req.Arguments.Get(ctx, &accountID, &roleName); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, rolesso.RoleARN(accountID, roleName))
}
