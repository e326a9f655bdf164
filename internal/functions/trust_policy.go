// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

var _ function.Function = (*trustPolicyFunction)(nil)

// NewTrustPolicyFunction returns the trust_policy function.
func NewTrustPolicyFunction() function.Function {
	return &trustPolicyFunction{named: "trust_policy"}
}

type trustPolicyFunction struct{ named }

// Argument positions of trust_policy.
const (
	trustPolicyIdPNamesArgument = 1
	trustPolicySiteArgument     = 2
)

func (f *trustPolicyFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The trust policy of a RAM role for role-based SSO.",
		MarkdownDescription: "Returns the trust policy (JSON) that lets users signed in by the given SAML providers assume a RAM " +
			"role through the site's sign-in: one `" + rolesso.EffectAllow + "` statement with the action `" + rolesso.ActionAssumeRole +
			"`, the SAML provider ARNs as `" + rolesso.PrincipalFederated + "` principals (sorted, without duplicates) and the " +
			"site's ACS URL as the `" + rolesso.ConditionKeyRecipient + "` condition. It is the document `idaas_ram_role` writes " +
			"for `saml_provider_names`; use it for roles managed elsewhere.",
		Parameters: []function.Parameter{
			accountIDParameter("that owns the SAML providers"),
			function.ListParameter{
				Name:        "idp_names",
				ElementType: types.StringType,
				MarkdownDescription: "The names of the SAML providers to trust, at least one: the IdP names of the IDaaS applications. " +
					rolesso.SAMLProviderNameRule,
				Validators: []function.ListParameterValidator{elementsValidator(rolesso.ValidateSAMLProviderName)},
			},
			siteParameter(),
		},
		Return: function.StringReturn{},
	}
}

func (f *trustPolicyFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var accountID, siteName string
	var idpNames []string
	if resp.Error = req.Arguments.Get(ctx, &accountID, &idpNames, &siteName); resp.Error != nil {
		return
	}
	site, err := rolesso.LookupSite(siteName)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(trustPolicySiteArgument, errorText(err))
		return
	}
	policy, err := rolesso.BuildTrustPolicy(accountID, idpNames, site)
	if err != nil {
		// The parameters have checked the account ID, the site and each
		// name, so what is left is about the list itself: it is empty.
		resp.Error = function.NewArgumentFuncError(trustPolicyIdPNamesArgument, errorText(err))
		return
	}
	resp.Error = resp.Result.Set(ctx, policy)
}
