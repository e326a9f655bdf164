// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso

import (
	"fmt"
	"strings"
)

// Site names, as users write them in configuration.
const (
	SiteInternational = "international"
	SiteChina         = "china"
)

// Site is one Alibaba Cloud site (alibabacloud.com or aliyun.com) with the
// facts of its SAML service provider for role-based SSO.
type Site struct {
	// Name is SiteInternational or SiteChina.
	Name string
	// SPEntityID is the service provider's entity ID, which the SAML
	// assertion's Audience must include.
	SPEntityID string
	// ACSURL is the assertion consumer service URL. It is the
	// SubjectConfirmationData Recipient of the assertion and the
	// saml:recipient condition of a role's trust policy.
	ACSURL string
	// SPMetadataURL serves the service provider's SAML metadata.
	SPMetadataURL string
	// SignInURL is the site's sign-in page.
	SignInURL string
	// ConsoleURL is the console home page, the usual relay state after
	// role-based SSO.
	ConsoleURL string
	// Template is the IDaaS marketplace template for role-based SSO to
	// this site. Its facts are UNCONFIRMED; see templates.go.
	Template Template
}

// The two sites. The SP entity IDs, ACS URLs and SP metadata URLs are
// documented (alibaba-api.md §2). The console URLs are the well-known home
// pages of each site's console.
var (
	International = Site{
		Name:          SiteInternational,
		SPEntityID:    "urn:alibaba:cloudcomputing:international",
		ACSURL:        "https://signin.alibabacloud.com/saml-role/sso",
		SPMetadataURL: "https://signin.alibabacloud.com/saml-role/sp-metadata.xml",
		SignInURL:     "https://signin.alibabacloud.com/",
		ConsoleURL:    "https://home.console.alibabacloud.com/",
		Template:      internationalTemplate,
	}
	China = Site{
		Name:          SiteChina,
		SPEntityID:    "urn:alibaba:cloudcomputing",
		ACSURL:        "https://signin.aliyun.com/saml-role/sso",
		SPMetadataURL: "https://signin.aliyun.com/saml-role/sp-metadata.xml",
		SignInURL:     "https://signin.aliyun.com/",
		ConsoleURL:    "https://home.console.aliyun.com/",
		Template:      chinaTemplate,
	}
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

// SiteByTemplateID returns the site whose role-based SSO template has the
// given ID.
func SiteByTemplateID(templateID string) (Site, bool) {
	for _, s := range Sites() {
		if s.Template.ID == templateID {
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
