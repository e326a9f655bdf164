// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ function.Function = (*roleAttributeFunction)(nil)

// NewRoleAttributeFunction returns the role_attribute function.
func NewRoleAttributeFunction() function.Function {
	return &roleAttributeFunction{named: "role_attribute"}
}

type roleAttributeFunction struct{ named }

func (f *roleAttributeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The value of the SAML Role attribute that signs a user in to a RAM role.",
		MarkdownDescription: "Returns one value of the SAML attribute `" + rolesso.RoleAttributeName + "`: the role ARN, a comma " +
			"and the SAML provider ARN, for example `" + rolesso.ExampleRoleAttribute + "`. IDaaS sends one such value for each " +
			"application account of the user, with the account name as the role name and the application's IdP name as the SAML " +
			"provider name. Use it to see what an account signs in to, or to configure another IdP the same way.",
		Parameters: []function.Parameter{
			accountIDParameter("that owns the role and the SAML provider (the application's `account_id`)"),
			roleNameParameter("The name of the RAM role, which is the name of the IDaaS application account."),
			function.StringParameter{
				Name:                "idp_name",
				MarkdownDescription: "The IdP name of the IDaaS application, which is the name of the RAM SAML provider. " + rolesso.SAMLProviderNameRule,
				Validators:          []function.StringParameterValidator{ruleValidator(rolesso.ValidateIdPName)},
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *roleAttributeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var accountID, roleName, idpName string
	if resp.Error = req.Arguments.Get(ctx, &accountID, &roleName, &idpName); resp.Error != nil {
		return
	}
	attr, err := rolesso.NewRoleAttribute(accountID, roleName, idpName)
	if err != nil {
		// The parameters have checked every argument already.
		resp.Error = function.NewFuncError(errorText(err))
		return
	}
	resp.Error = resp.Result.Set(ctx, attr.String())
}
