// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/semantic"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// This file holds what the role resource and data sources know about trust
// policies: a string type whose values compare by meaning, its validator,
// and the facts a policy states about role-based SSO.

// trustPolicyType is a trust policy JSON string. Two values that mean the
// same to RAM (rolesso.EquivalentTrustPolicies) are semantically equal, so
// RAM's reformatting never shows as a change and the user's formatting is
// kept in state.
type (
	trustPolicyType  = semantic.StringType[trustPolicyMeaning]
	trustPolicyValue = semantic.StringValue[trustPolicyMeaning]
)

// trustPolicyMeaning compares trust policies as RAM reads them.
type trustPolicyMeaning struct{}

func (trustPolicyMeaning) Name() string          { return "trustPolicyType" }
func (trustPolicyMeaning) Same(a, b string) bool { return equivalentTrustPolicies(a, b) }

func newTrustPolicyValue(doc string) trustPolicyValue {
	return semantic.NewStringValue[trustPolicyMeaning](doc)
}

// equivalentTrustPolicies is rolesso.EquivalentTrustPolicies, with a
// document that does not parse equal only to the same text.
func equivalentTrustPolicies(a, b string) bool {
	if a == b {
		return true
	}
	same, err := rolesso.EquivalentTrustPolicies(a, b)
	return err == nil && same
}

// trustPolicyValidator checks a trust policy as rolesso.ValidateTrustPolicy
// does.
var trustPolicyValidator = validators.RuleValidator{
	Rule:    "value must be a RAM trust policy that lets SAML providers assume the role through a site's sign-in",
	Check:   rolesso.ValidateTrustPolicy,
	Summary: "Invalid trust policy",
	Detail:  trustPolicyErrorDetail,
}

// roleExampleTrustPolicy is the policy the docs and error hints show.
var roleExampleTrustPolicy = func() string {
	doc, err := rolesso.BuildTrustPolicy(roleExampleAccountID, []string{roleExampleSAMLProviderName}, rolesso.International)
	if err != nil {
		panic(err) // The example's names are constants that satisfy the rules.
	}
	return doc
}()

const (
	roleExampleAccountID        = "1234567890123456"
	roleExampleSAMLProviderName = "idaas"
)

// trustPolicyErrorDetail lists the problems of a trust policy, with the
// shape of a good one.
func trustPolicyErrorDetail(err error) string {
	var b strings.Builder
	var tpErr *rolesso.TrustPolicyError
	if errors.As(err, &tpErr) {
		b.WriteString("The trust policy has these problems:\n")
		for _, p := range tpErr.Problems {
			b.WriteString("- " + p + "\n")
		}
	} else {
		b.WriteString(err.Error() + "\n")
	}
	fmt.Fprintf(&b, "\nA trust policy for role-based SSO looks like this (international site):\n%s\n\n"+
		"Or set saml_provider_names instead of assume_role_policy, and the provider builds the policy.", roleExampleTrustPolicy)
	return b.String()
}

// trustFacts are what a trust policy says about role-based SSO to a role of
// accountID.
type trustFacts struct {
	// names are the SAML providers of the account that Allow statements
	// name, sorted; nil when there are none.
	names []string
	// site is the site of the policy's saml:recipient when there is exactly
	// one, else nil.
	site *rolesso.Site
	// structured reports whether the policy is the one BuildTrustPolicy
	// makes of names and site, so that saml_provider_names can express it.
	structured bool
	// foreign are the Federated SAML provider ARNs of other accounts.
	foreign []string
}

// trustFactsOf reads the facts of a trust policy document.
func trustFactsOf(doc, accountID string) (trustFacts, error) {
	p, err := rolesso.ParseTrustPolicy(doc)
	if err != nil {
		return trustFacts{}, err
	}
	var facts trustFacts
	for _, v := range p.SAMLProviderARNs() {
		arn, err := rolesso.ParseSAMLProviderARN(v)
		switch {
		case err != nil: // An OIDC provider, or not an ARN.
		case arn.AccountID == accountID:
			facts.names = append(facts.names, arn.Name)
		default:
			facts.foreign = append(facts.foreign, v)
		}
	}
	if recipients := p.Recipients(); len(recipients) == 1 {
		if site, ok := rolesso.SiteByRecipient(recipients[0]); ok {
			facts.site = &site
		}
	}
	if len(facts.names) > 0 && facts.site != nil {
		built, err := rolesso.BuildTrustPolicy(accountID, facts.names, *facts.site)
		facts.structured = err == nil && equivalentTrustPolicies(built, doc)
	}
	return facts, nil
}

// preferSpelling returns names with each one spelled as in prior when prior
// has it in another case: RAM compares SAML provider names without regard
// to case and may return them in its own.
func preferSpelling(names, prior []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if j := slices.IndexFunc(prior, func(p string) bool { return rolesso.SameSAMLProviderName(p, n) }); j >= 0 {
			out[i] = prior[j]
		}
	}
	return out
}

// trustFormsAgree reports whether saml_provider_names and site express the
// trust policy doc, as in a configuration generated from an imported role,
// which writes both forms. What is unknown agrees, to be checked at plan.
// The account is the one the policy's SAML provider ARNs name.
func trustFormsAgree(ctx context.Context, names types.Set, site types.String, doc trustPolicyValue) bool {
	if names.IsUnknown() || setHasUnknown(names) || site.IsUnknown() || doc.IsUnknown() {
		return true
	}
	p, err := rolesso.ParseTrustPolicy(doc.ValueString())
	if err != nil || len(p.SAMLProviderARNs()) == 0 {
		return false
	}
	arn, err := rolesso.ParseSAMLProviderARN(p.SAMLProviderARNs()[0])
	if err != nil {
		return false
	}
	facts, err := trustFactsOf(doc.ValueString(), arn.AccountID)
	if err != nil || !facts.structured || (!site.IsNull() && site.ValueString() != facts.site.Name) {
		return false
	}
	want := stringsOfSet(ctx, names)
	return len(want) == len(facts.names) && !slices.ContainsFunc(want, func(n string) bool {
		return !slices.ContainsFunc(facts.names, func(f string) bool { return rolesso.SameSAMLProviderName(f, n) })
	})
}
