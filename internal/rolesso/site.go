// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"fmt"
	"strings"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// Site names, as users write them in configuration.
const (
	SiteInternational = facts.SiteInternational
	SiteChina         = facts.SiteChina
)

// Site is one Alibaba Cloud site (alibabacloud.com or aliyun.com) with the
// facts of its SAML service provider for role-based SSO. The facts are
// published constants, shared with the emulator (FACTS.md, "Sites").
type Site = facts.Site

// The two sites.
var (
	International = facts.International
	China         = facts.China
)

// DefaultSiteName is the site used when a configuration names none.
const DefaultSiteName = SiteInternational

// Sites returns every site, the international site first.
func Sites() []Site {
	return []Site{International, China}
}

// SiteNames returns the valid site names, for validators and docs.
func SiteNames() []string {
	return []string{SiteInternational, SiteChina}
}

// LookupSite returns the site with the given name. Names are exact and
// lower case.
func LookupSite(name string) (Site, error) {
	for _, s := range Sites() {
		if s.Name == name {
			return s, nil
		}
	}
	return Site{}, siteNameError(name)
}

// SiteByRecipient returns the site whose ACS URL is recipient, as found in
// an assertion's Recipient or a trust policy's saml:recipient.
func SiteByRecipient(recipient string) (Site, bool) {
	for _, s := range Sites() {
		if s.ACSURL == recipient {
			return s, true
		}
	}
	return Site{}, false
}

// ValidateSiteName reports whether name is a valid site name.
func ValidateSiteName(name string) error {
	_, err := LookupSite(name)
	return err
}

// SiteNameRule describes the valid site names, for docs and errors.
var SiteNameRule = fmt.Sprintf("one of %q (alibabacloud.com) or %q (aliyun.com)", SiteInternational, SiteChina)

func siteNameError(name string) error {
	fix := fmt.Sprintf("Use %q for accounts signed in at alibabacloud.com, %q for aliyun.com.", SiteInternational, SiteChina)
	if l := strings.ToLower(strings.TrimSpace(name)); l != name && (l == SiteInternational || l == SiteChina) {
		fix = fmt.Sprintf("Write it as %q: site names are lower case.", l)
	}
	return &NameError{
		Subject: "site",
		Value:   name,
		Problem: "it is not a known site",
		Rule:    "A site is " + SiteNameRule + ".",
		Fix:     fix,
	}
}
