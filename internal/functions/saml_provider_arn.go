// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ function.Function = (*samlProviderARNFunction)(nil)

// NewSAMLProviderARNFunction returns the saml_provider_arn function.
func NewSAMLProviderARNFunction() function.Function {
	return &samlProviderARNFunction{named: "saml_provider_arn"}
}

type samlProviderARNFunction struct{ named }

func (f *samlProviderARNFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The ARN of a RAM SAML provider.",
		MarkdownDescription: "Returns the ARN of a RAM SAML provider, `acs:ram::<account_id>:saml-provider/<name>`, for example `" +
			rolesso.ExampleSAMLProviderARN + "`. " + rolesso.IdPNameMatchRule,
		Parameters: []function.Parameter{
			accountIDParameter("that owns the SAML provider"),
			function.StringParameter{
				Name:                "name",
				MarkdownDescription: "The name of the SAML provider, which is the IdP name of the IDaaS application. " + rolesso.SAMLProviderNameRule,
				Validators:          []function.StringParameterValidator{ruleValidator(rolesso.ValidateSAMLProviderName)},
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *samlProviderARNFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var accountID, name string
	if resp.Error = req.Arguments.Get(ctx, &accountID, &name); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, rolesso.SAMLProviderARN(accountID, name))
}
