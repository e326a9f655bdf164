// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// Severities of findings. An error breaks sign-in; a warning does not yet.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// finding is one problem of the chain: its severity, the object it is
// about, what is wrong and how to fix it.
type finding struct {
	Severity string
	Object   string
	Problem  string
	Fix      string
}

// checkInput is what the check is told: the application and the RAM side
// it should sign in to, and when and how far ahead to look.
type checkInput struct {
	InstanceID    string
	ApplicationID string
	// AccountID and IdPName are the application's form parameters, which
	// no API reads back.
	AccountID string
	IdPName   string
	Site      rolesso.Site
	Now       time.Time
	// CertExpiryWarning is how far ahead an expiring certificate is a
	// warning.
	CertExpiryWarning time.Duration
}

// chain is the live chain as read. A nil pointer is an object that does
// not exist; what depends on a missing object is not read.
type chain struct {
	Application *client.Application
	SSOConfig   *client.ApplicationSSOConfig
	// IdPMetadata is the XML the application's metadata URL serves; it is
	// "" when there is no URL or nothing at it.
	IdPMetadata string
	Accounts    []client.ApplicationAccount
	// SAMLProvider is the RAM SAML provider named as the IdP, with its
	// metadata. When it is missing, SAMLProviderNames are the names of the
	// providers the account has.
	SAMLProvider      *client.SAMLProvider
	SAMLProviderNames []string
	// Roles are the RAM roles named as the application accounts, by
	// account name.
	Roles map[string]*client.Role
}

// findings checks the chain and returns its findings, errors first, then
// by object and problem.
func findings(in checkInput, ch chain) []finding {
	var c checker
	c.in, c.ch = in, ch
	c.application()
	if ch.Application != nil {
		idp := c.idpMetadata()
		c.samlProvider(idp)
		c.accounts()
	}
	slices.SortFunc(c.out, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)),
			cmp.Compare(a.Object, b.Object),
			cmp.Compare(a.Problem, b.Problem),
			cmp.Compare(a.Fix, b.Fix),
		)
	})
	return slices.Compact(c.out)
}

func severityRank(s string) int {
	if s == SeverityError {
		return 0
	}
	return 1
}

// ok reports whether no finding is an error.
func ok(fs []finding) bool {
	return !slices.ContainsFunc(fs, func(f finding) bool { return f.Severity == SeverityError })
}

type checker struct {
	in  checkInput
	ch  chain
	out []finding
}

func (c *checker) add(severity, object, problem, fix string) {
	c.out = append(c.out, finding{Severity: severity, Object: object, Problem: sentence(problem), Fix: sentence(fix)})
}

// sentence starts s with a capital letter and ends it with a period.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// Names of the objects of findings.
func (c *checker) applicationObject() string { return "IDaaS application " + c.in.ApplicationID }
func (c *checker) metadataObject() string {
	return "IdP metadata of IDaaS application " + c.in.ApplicationID
}
func (c *checker) samlProviderObject() string { return "RAM SAML provider " + c.in.IdPName }
func roleObject(name string) string           { return "RAM role " + name }
func accountObject(name string) string        { return fmt.Sprintf("IDaaS application account %q", name) }

func (c *checker) samlProviderARN() string {
	return rolesso.SAMLProviderARN(c.in.AccountID, c.in.IdPName)
}

func (c *checker) application() {
	app, sso := c.ch.Application, c.ch.SSOConfig
	object := c.applicationObject()
	if app == nil {
		c.add(SeverityError, object, fmt.Sprintf("it does not exist in IDaaS instance %s", c.in.InstanceID),
			"check instance_id and application_id: application_id is the id of the idaas_role_sso_application")
		return
	}
	if app.Status != client.ApplicationEnabled {
		c.add(SeverityError, object, fmt.Sprintf("it is %s, so no user can sign in through it", app.Status),
			"enable it: set enabled = true on its idaas_role_sso_application, or enable it in the IDaaS console")
	}
	if sso == nil {
		return
	}
	if sso.SSOStatus != client.ApplicationEnabled {
		c.add(SeverityError, object, fmt.Sprintf("its SSO is %s, so no user can sign in through it", sso.SSOStatus),
			"enable its SSO: set enabled = true on its idaas_role_sso_application, or enable SSO in the IDaaS console")
	}
	site := c.in.Site
	if got := sso.SAML.SPSSOACSURL; got != "" && got != site.ACSURL {
		c.add(SeverityError, object,
			fmt.Sprintf("it sends assertions to the ACS URL %s%s, but site %s signs in at %s, and the roles' saml:recipient must equal where assertions go",
				got, otherSiteNote(got, func(s rolesso.Site) string { return s.ACSURL }), site.Name, site.ACSURL),
			fmt.Sprintf("set the check's site to the site the account signs in at; if that is %s, recreate the application with site = %q", site.Name, site.Name))
	}
	if got := sso.SAML.SPEntityID; got != "" && got != site.SPEntityID {
		c.add(SeverityError, object,
			fmt.Sprintf("its assertions are for the service provider %s%s, but site %s accepts only the audience %s",
				got, otherSiteNote(got, func(s rolesso.Site) string { return s.SPEntityID }), site.Name, site.SPEntityID),
			fmt.Sprintf("set the check's site to the site the account signs in at; if that is %s, recreate the application with site = %q", site.Name, site.Name))
	}
	if sso.SAMLMetaEndpoint == "" {
		c.add(SeverityError, object, "it has no IdP metadata URL (SamlMetaEndpoint), so its SAML SSO is not set up",
			"set up its SAML SSO: idaas_role_sso_application does, or the IDaaS console")
	}
}

// otherSiteNote names the site a value belongs to, if any.
func otherSiteNote(value string, fact func(rolesso.Site) string) string {
	for _, s := range rolesso.Sites() {
		if fact(s) == value {
			return fmt.Sprintf(" (that of site %s)", s.Name)
		}
	}
	return ""
}

// uploadFix is the fix of a RAM copy of the metadata that differs from the
// application's.
const uploadFix = "upload the application's current IdP metadata to the SAML provider: apply idaas_ram_saml_provider with " +
	"metadata = the application's idp_metadata, or update the provider in the RAM console"

// idpMetadata checks the application's IdP metadata and returns it, or nil
// when it cannot be read.
func (c *checker) idpMetadata() *rolesso.Metadata {
	if c.ch.SSOConfig == nil || c.ch.SSOConfig.SAMLMetaEndpoint == "" {
		return nil
	}
	object := c.metadataObject()
	if c.ch.IdPMetadata == "" {
		c.add(SeverityError, object, fmt.Sprintf("nothing is served at %s", c.ch.SSOConfig.SAMLMetaEndpoint),
			"check the application's SAML SSO configuration in IDaaS")
		return nil
	}
	m, err := rolesso.ParseMetadata(c.ch.IdPMetadata)
	if err != nil {
		c.add(SeverityError, object, fmt.Sprintf("%s serves metadata that cannot be read: %s", c.ch.SSOConfig.SAMLMetaEndpoint, errorText(err)),
			"check the application's SAML SSO configuration in IDaaS")
		return nil
	}
	c.metadataHealth(object, m, "rotate the application's signing certificate in IDaaS, then "+uploadFix)
	return m
}

// metadataHealth reports what Validate and Advice find in metadata.
func (c *checker) metadataHealth(object string, m *rolesso.Metadata, validateFix string) {
	if err := m.Validate(c.in.Now); err != nil {
		for _, p := range metadataProblems(err) {
			c.add(SeverityError, object, p, validateFix)
		}
	}
	for _, a := range m.Advice(c.in.Now, c.in.CertExpiryWarning) {
		c.add(SeverityWarning, object, a.Problem, a.Fix)
	}
}

func metadataProblems(err error) []string {
	if me, ok := errors.AsType[*rolesso.MetadataError](err); ok {
		return me.Problems
	}
	return []string{err.Error()}
}

// samlProvider checks the SAML provider named as the IdP against the
// application's metadata idp (nil when it could not be read).
func (c *checker) samlProvider(idp *rolesso.Metadata) {
	object := c.samlProviderObject()
	p := c.ch.SAMLProvider
	if p == nil {
		fix := fmt.Sprintf("create it: idaas_ram_saml_provider with name = %q and metadata = the application's idp_metadata. %s", c.in.IdPName, rolesso.IdPNameMatchRule)
		if len(c.ch.SAMLProviderNames) > 0 {
			fix += fmt.Sprintf(" If the application should use one of the account's SAML providers (%s), set its idp_name to that name.", strings.Join(c.ch.SAMLProviderNames, ", "))
		}
		c.add(SeverityError, object, fmt.Sprintf("it does not exist in account %s, but the application names it as its IdP, so RAM rejects every sign-in", c.in.AccountID), fix)
		return
	}
	ram, err := rolesso.ParseMetadata(p.EncodedSAMLMetadataDocument)
	if err != nil {
		c.add(SeverityError, object, "its metadata cannot be read: "+errorText(err), uploadFix)
		return
	}
	if idp == nil {
		c.metadataHealth(object, ram, uploadFix)
		return
	}
	if ram.Equal(idp) {
		return // Its certificates are the application's, checked already.
	}
	matched := true
	if ram.EntityID != idp.EntityID {
		matched = false
		c.add(SeverityError, object, fmt.Sprintf("its metadata has the entity ID %q, but the application's IdP metadata has %q; RAM rejects assertions whose Issuer is not its entity ID", ram.EntityID, idp.EntityID), uploadFix)
	}
	if missing := missingCertificates(idp, ram); len(missing) > 0 {
		matched = false
		c.add(SeverityError, object, fmt.Sprintf("its metadata lacks the application's signing certificate SHA-256 %s: the certificate was rotated in IDaaS but not uploaded to RAM, so RAM rejects assertions signed with it", strings.Join(missing, ", ")), uploadFix)
	}
	if matched {
		c.add(SeverityWarning, object, "its metadata differs from the application's current IdP metadata in certificates or SSO URLs it has beyond the application's", uploadFix)
	}
	c.metadataHealth(object, ram, uploadFix)
}

// missingCertificates returns the fingerprints of the signing certificates
// of want that got lacks.
func missingCertificates(want, got *rolesso.Metadata) []string {
	var out []string
	for _, w := range want.SigningCertificates {
		if !slices.ContainsFunc(got.SigningCertificates, func(g rolesso.Certificate) bool { return g.SHA256Fingerprint == w.SHA256Fingerprint }) {
			out = append(out, w.SHA256Fingerprint)
		}
	}
	return out
}

// accounts checks that every application account signs in to a role that
// exists and trusts the SAML provider for the site.
func (c *checker) accounts() {
	if len(c.ch.Accounts) == 0 {
		c.add(SeverityWarning, c.applicationObject(), "it has no application accounts, so users have no role to sign in to",
			"add an application account named as each RAM role to the users who may use it (idaas_application_account)")
		return
	}
	users := map[string][]string{}
	for _, a := range c.ch.Accounts {
		users[a.ApplicationUsername] = append(users[a.ApplicationUsername], a.UserID)
	}
	sessionDuration, known := c.sessionDuration()
	for _, name := range sortedKeys(users) {
		who := usersText(users[name])
		if err := rolesso.ValidateApplicationAccountName(name); err != nil {
			problem, fix := errorText(err)+" ("+who+")", "rename the application account to the RAM role's name"
			if ne, ok := errors.AsType[*rolesso.NameError](err); ok {
				problem, fix = fmt.Sprintf("%s (%s). %s", ne.Problem, who, ne.Rule), ne.Fix
			}
			c.add(SeverityError, accountObject(name), problem, fix)
			continue
		}
		role := c.ch.Roles[name]
		if role == nil {
			c.add(SeverityError, roleObject(name),
				fmt.Sprintf("it does not exist in account %s, but the application account %q of %s signs in to it, so that sign-in fails", c.in.AccountID, name, who),
				fmt.Sprintf("create it (idaas_ram_role with name = %q and saml_provider_names = [%q]), or rename the application account to an existing role: an application account name must equal a RAM role name", name, c.in.IdPName))
			continue
		}
		c.trust(role, who)
		if known && role.MaxSessionDuration > 0 && role.MaxSessionDuration < sessionDuration {
			c.add(SeverityWarning, roleObject(role.RoleName),
				fmt.Sprintf("its max_session_duration is %d seconds, shorter than the application's session duration of %d seconds, so console sessions end after %d seconds", role.MaxSessionDuration, sessionDuration, role.MaxSessionDuration),
				fmt.Sprintf("raise the role's max_session_duration to at least %d, or lower the application's session_duration to %d", sessionDuration, role.MaxSessionDuration))
		}
	}
}

// trust checks that the role trusts the SAML provider with the site's
// recipient.
func (c *checker) trust(role *client.Role, who string) {
	object, providerARN, recipient := roleObject(role.RoleName), c.samlProviderARN(), c.in.Site.ACSURL
	fix := fmt.Sprintf("add %q to the role's saml_provider_names with site = %q (idaas_ram_role), or use provider::idaas::trust_policy(%q, [%q], %q) as its trust policy",
		c.in.IdPName, c.in.Site.Name, c.in.AccountID, c.in.IdPName, c.in.Site.Name)
	policy, err := rolesso.ParseTrustPolicy(role.AssumeRolePolicyDocument)
	if err != nil {
		c.add(SeverityError, object, "its trust policy cannot be read: "+errorText(err), fix)
		return
	}
	if policy.Trusts(providerARN, recipient) {
		return
	}
	for _, s := range rolesso.Sites() {
		if s.ACSURL != recipient && policy.Trusts(providerARN, s.ACSURL) {
			c.add(SeverityError, object,
				fmt.Sprintf("its trust policy allows SAML provider %s only with saml:recipient %s (site %s), but assertions for site %s carry %s, so the sign-in of %s fails", c.in.IdPName, s.ACSURL, s.Name, c.in.Site.Name, recipient, who),
				fix)
			return
		}
	}
	if slices.ContainsFunc(policy.SAMLProviderARNs(), func(v string) bool { return sameARN(v, providerARN) }) {
		c.add(SeverityError, object,
			fmt.Sprintf("its trust policy names SAML provider %s but does not allow it with saml:recipient %s (a condition or a Deny statement stops it), so the sign-in of %s fails", c.in.IdPName, recipient, who),
			fix)
		return
	}
	c.add(SeverityError, object,
		fmt.Sprintf("its trust policy does not trust SAML provider %s, so the sign-in of %s fails", providerARN, who),
		fix)
}

// sameARN compares ARNs as RAM does.
func sameARN(a, b string) bool {
	pa, errA := rolesso.ParseARN(a)
	pb, errB := rolesso.ParseARN(b)
	return errA == nil && errB == nil && pa.Equal(pb)
}

// sessionDuration returns the application's SessionDuration attribute, if
// it sends a constant one.
func (c *checker) sessionDuration() (int64, bool) {
	if c.ch.SSOConfig == nil {
		return 0, false
	}
	for _, a := range c.ch.SSOConfig.SAML.AttributeStatements {
		if a.Name == rolesso.SessionDurationAttributeName {
			return rolesso.ParseSessionDurationExpression(a.ValueExpression)
		}
	}
	return 0, false
}

func usersText(userIDs []string) string {
	ids := slices.Clone(userIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 1 {
		return "user " + ids[0]
	}
	return "users " + strings.Join(ids, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// errorText is err's message without its final period.
func errorText(err error) string {
	return strings.TrimSuffix(err.Error(), ".")
}
