// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/framework/validators"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// NewRoleSSOCheckDataSource returns the idaas_role_sso_check data source.
func NewRoleSSOCheckDataSource() datasource.DataSource {
	return framework.NewDataSource("role_sso_check", roleSSOCheckDataSourceSchema, readRoleSSOCheck)
}

// Defaults and bounds of cert_expiry_warning_days.
const (
	defaultCertExpiryWarningDays = 30
	maxCertExpiryWarningDays     = 3650
)

func roleSSOCheckDataSourceSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads the live chain of an IDaaS role-based SSO application, with read-only calls, and reports " +
			"what would break or weaken sign-in, for `check {}` blocks in CI. It checks that:\n\n" +
			"- the application and its SSO are enabled, and its service provider (ACS URL and entity ID) is that of `site`;\n" +
			"- its IdP metadata is usable, and no signing certificate expires within `cert_expiry_warning_days`;\n" +
			"- a RAM SAML provider named as the IdP (`idp_name`) exists, and its metadata matches the application's current " +
			"metadata by meaning (this catches a signing certificate rotated in IDaaS but not uploaded to RAM);\n" +
			"- every application account has a RAM role of its name, which trusts that SAML provider with the `saml:recipient` " +
			"of the site, and whose `max_session_duration` is at least the application's session duration, when it sends one.\n\n" +
			"The data source fails only when a call fails. Whatever it finds is in `findings`, and `ok` is `false` when any " +
			"of them is an `" + SeverityError + "`, so a `check` block can assert `ok` and show the findings as its message.\n\n" +
			rolesso.IdPNameMatchRule,
		Attributes: map[string]schema.Attribute{
			"instance_id":    framework.InstanceIDAttribute(),
			"application_id": framework.RequiredString("The ID of the role-based SSO application, e.g. the `id` of an `idaas_role_sso_application`."),
			"idp_name": schema.StringAttribute{
				MarkdownDescription: "The application's IdP name, e.g. the `idp_name` of its `idaas_role_sso_application`. It is " +
					"required because IDaaS has no API that reads it back, and the check needs it to find the SAML provider. " +
					rolesso.SAMLProviderNameRule,
				Required:   true,
				Validators: []validator.String{ruleValidator(rolesso.ValidateIdPName, rolesso.SAMLProviderNameRule)},
			},
			"account_id": schema.StringAttribute{
				MarkdownDescription: "The Alibaba Cloud account the application signs users in to (its `account_id`), which owns " +
					"the SAML provider and the roles. IDaaS has no API that reads it back. Defaults to the provider's account, " +
					"the only one the check can read RAM in: another account is an error. " + rolesso.AccountIDRule,
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{ruleValidator(rolesso.ValidateAccountID, rolesso.AccountIDRule)},
			},
			"site": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The Alibaba Cloud site users sign in to: %s. Defaults to the provider's `site`.",
					rolesso.SiteNameRule),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(rolesso.SiteNames()...)},
			},
			"cert_expiry_warning_days": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("A signing certificate (of the application or of the SAML provider) that expires "+
					"within this many days is a `%s`. From `0` to `%d`; defaults to `%d`.",
					SeverityWarning, maxCertExpiryWarningDays, defaultCertExpiryWarningDays),
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxCertExpiryWarningDays)},
			},
			"ok": framework.ComputedBool("Whether no finding is an `" + SeverityError + "`: `true` means users can sign in to every role of the application."),
			"findings": framework.ComputedList("What the check found, errors first, then by object and problem; empty when all is well.", map[string]schema.Attribute{
				"severity": framework.ComputedString("`" + SeverityError + "` when sign-in fails because of it, `" + SeverityWarning + "` when it does not yet."),
				"object":   framework.ComputedString("The object the finding is about, e.g. `RAM role sso-admin` or `RAM SAML provider idaas`."),
				"problem":  framework.ComputedString("What is wrong."),
				"fix":      framework.ComputedString("How to fix it."),
			}),
		},
	}
}

func readRoleSSOCheck(ctx context.Context, c *client.Client, data *roleSSOCheckDataSourceModel, diags *diag.Diagnostics) bool {
	in, err := data.expand(c, time.Now())
	if err != nil {
		diags.AddAttributeError(path.Root("account_id"), "Account the check cannot read", err.Error())
		return false
	}
	ch, err := readChain(ctx, c, in)
	if err != nil {
		if re, ok := errors.AsType[*readError](err); ok {
			framework.AddAPIError(diags, "reading", re.Object, re.ID, re.Err)
		} else {
			framework.AddAPIError(diags, "reading", "role-based SSO chain", in.ApplicationID, err)
		}
		return false
	}
	data.flatten(findings(in, ch))
	return true
}

// readError is a call of readChain that failed, with the object it read.
type readError struct {
	Object string
	ID     string
	Err    error
}

func (e *readError) Error() string { return fmt.Sprintf("reading %s %s: %v", e.Object, e.ID, e.Err) }

func (e *readError) Unwrap() error { return e.Err }

// readChain reads the chain with read-only calls. An object that does not
// exist is left nil; any other failure is an error.
func readChain(ctx context.Context, c *client.Client, in checkInput) (chain, error) {
	var ch chain
	eiam, ims, ram := c.EIAM(), c.IMS(), c.RAM()
	fail := func(object, id string, err error) (chain, error) {
		return chain{}, &readError{Object: object, ID: id, Err: err}
	}
	app, err := eiam.GetApplication(ctx, in.InstanceID, in.ApplicationID)
	switch {
	case client.IsNotFound(err):
		return ch, nil
	case err != nil:
		return fail("IDaaS application", in.ApplicationID, err)
	}
	ch.Application = app
	ch.SSOConfig, ch.IdPMetadata, err = client.CurrentIdPMetadata(ctx, eiam, in.InstanceID, in.ApplicationID)
	switch {
	case ch.SSOConfig == nil:
		return fail("SSO configuration of IDaaS application", in.ApplicationID, err)
	case err != nil && !errors.Is(err, client.ErrNoIdPMetadataURL) && !client.IsNotFound(err):
		return fail("IdP metadata of IDaaS application", in.ApplicationID, err)
	}
	if ch.Accounts, err = c.EIAM().ListApplicationAccounts(ctx, in.InstanceID, in.ApplicationID); err != nil {
		return fail("application accounts of IDaaS application", in.ApplicationID, err)
	}

	ch.SAMLProvider, err = ims.GetSAMLProvider(ctx, in.IdPName)
	switch {
	case client.IsNotFound(err):
		providers, err := ims.ListSAMLProviders(ctx)
		if err != nil {
			return fail("RAM SAML providers", "", err)
		}
		for _, p := range providers {
			ch.SAMLProviderNames = append(ch.SAMLProviderNames, p.SAMLProviderName)
		}
		slices.Sort(ch.SAMLProviderNames)
	case err != nil:
		return fail("RAM SAML provider", in.IdPName, err)
	}

	ch.Roles = map[string]*client.Role{}
	for _, a := range ch.Accounts {
		name := a.ApplicationUsername
		if _, done := ch.Roles[name]; done || rolesso.ValidateApplicationAccountName(name) != nil {
			continue // An invalid name cannot be a role; GetRole would refuse it.
		}
		role, err := ram.GetRole(ctx, name)
		if err != nil && !client.IsNotFound(err) {
			return fail("RAM role", name, err)
		}
		ch.Roles[name] = role
	}
	return ch, nil
}

// expand returns the check's input with the defaults filled in. It fails
// when account_id is not the account the provider reads RAM in.
func (m *roleSSOCheckDataSourceModel) expand(c *client.Client, now time.Time) (checkInput, error) {
	if m.AccountID.ValueString() == "" {
		m.AccountID = types.StringValue(c.AccountID())
	}
	if m.Site.ValueString() == "" {
		m.Site = types.StringValue(cmp.Or(c.Site(), rolesso.DefaultSiteName))
	}
	if m.CertExpiryWarningDays.IsNull() || m.CertExpiryWarningDays.IsUnknown() {
		m.CertExpiryWarningDays = types.Int64Value(defaultCertExpiryWarningDays)
	}
	if got := m.AccountID.ValueString(); got != c.AccountID() {
		return checkInput{}, fmt.Errorf("account_id is %s, but the provider's credentials are for account %s, and the check reads the "+
			"SAML provider and the roles with them. Check account %s with a provider configured for it (`provider = idaas.<alias>`), "+
			"or leave account_id unset to check the provider's account.", got, c.AccountID(), got)
	}
	site, err := rolesso.LookupSite(m.Site.ValueString())
	if err != nil {
		return checkInput{}, err
	}
	return checkInput{
		InstanceID:        m.InstanceID.ValueString(),
		ApplicationID:     m.ApplicationID.ValueString(),
		AccountID:         m.AccountID.ValueString(),
		IdPName:           m.IdPName.ValueString(),
		Site:              site,
		Now:               now,
		CertExpiryWarning: time.Duration(m.CertExpiryWarningDays.ValueInt64()) * 24 * time.Hour,
	}, nil
}

func (m *roleSSOCheckDataSourceModel) flatten(fs []finding) {
	m.OK = types.BoolValue(ok(fs))
	m.Findings = make([]findingModel, 0, len(fs))
	for _, f := range fs {
		m.Findings = append(m.Findings, findingModel{
			Severity: types.StringValue(f.Severity),
			Object:   types.StringValue(f.Object),
			Problem:  types.StringValue(f.Problem),
			Fix:      types.StringValue(f.Fix),
		})
	}
}

// ruleValidator checks a string with a rolesso rule, and reports a broken
// rule with the error's text.
func ruleValidator(check func(string) error, rule string) validators.RuleValidator {
	return validators.RuleValidator{Rule: "value must follow the rule: " + rule, Check: check, Detail: validators.ErrorText}
}

type roleSSOCheckDataSourceModel struct {
	InstanceID            types.String   `tfsdk:"instance_id"`
	ApplicationID         types.String   `tfsdk:"application_id"`
	IdPName               types.String   `tfsdk:"idp_name"`
	AccountID             types.String   `tfsdk:"account_id"`
	Site                  types.String   `tfsdk:"site"`
	CertExpiryWarningDays types.Int64    `tfsdk:"cert_expiry_warning_days"`
	OK                    types.Bool     `tfsdk:"ok"`
	Findings              []findingModel `tfsdk:"findings"`
}

type findingModel struct {
	Severity types.String `tfsdk:"severity"`
	Object   types.String `tfsdk:"object"`
	Problem  types.String `tfsdk:"problem"`
	Fix      types.String `tfsdk:"fix"`
}
