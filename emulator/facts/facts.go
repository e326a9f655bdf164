// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package facts holds the published constants of Alibaba Cloud role-based
// SSO that both the emulator and the provider need: the two sites' service
// provider facts, the RAM ARN prefix and resource types, the SAML attribute
// names and the SAML namespaces. Each is documented by Alibaba Cloud or by
// the SAML 2.0 standard; FACTS.md at the repository root gives the sources.
//
// It holds no logic on purpose. The emulator and the provider each write
// the cloud's rules (name limits, metadata parsing, trust evaluation) on
// their own, so that a wrong rule on one side is caught by the other; only
// values that no rule is needed to read are shared, here.
package facts

// Site is one Alibaba Cloud site and its SAML service provider for
// role-based SSO (FACTS.md, "Sites").
type Site struct {
	// Name is SiteInternational or SiteChina, as configurations write it.
	Name string
	// SPEntityID is the service provider's entity ID: the Audience of the
	// assertion.
	SPEntityID string
	// ACSURL is the assertion consumer service URL: the Recipient of the
	// assertion and the saml:recipient condition of a role's trust policy.
	ACSURL string
	// SPMetadataURL serves the service provider's SAML metadata.
	SPMetadataURL string
	// SignInURL is the site's sign-in page.
	SignInURL string
	// ConsoleURL is the console home page, the usual relay state.
	ConsoleURL string
}

// Site names, as configurations write them.
const (
	SiteInternational = "international"
	SiteChina         = "china"
)

// The two sites (FACTS.md, "Sites"). The console URLs are each site's
// well-known console home page.
var (
	International = Site{
		Name:          SiteInternational,
		SPEntityID:    "urn:alibaba:cloudcomputing:international",
		ACSURL:        "https://signin.alibabacloud.com/saml-role/sso",
		SPMetadataURL: "https://signin.alibabacloud.com/saml-role/sp-metadata.xml",
		SignInURL:     "https://signin.alibabacloud.com/",
		ConsoleURL:    "https://home.console.alibabacloud.com/",
	}
	China = Site{
		Name:          SiteChina,
		SPEntityID:    "urn:alibaba:cloudcomputing",
		ACSURL:        "https://signin.aliyun.com/saml-role/sso",
		SPMetadataURL: "https://signin.aliyun.com/saml-role/sp-metadata.xml",
		SignInURL:     "https://signin.aliyun.com/",
		ConsoleURL:    "https://home.console.aliyun.com/",
	}
)

// Sites are both sites, the international site first.
var Sites = [...]Site{International, China}

// RAM ARNs: acs:ram::<account ID>:<resource type>/<name> (FACTS.md, "ARNs").
const (
	ARNPrefix                = "acs:ram::"
	ResourceTypeRole         = "role"
	ResourceTypeSAMLProvider = "saml-provider"
)

// SAML attribute names of role-based SSO. They keep the www.aliyun.com
// namespace on both sites (FACTS.md, "SAML assertion").
const (
	RoleAttributeName            = "https://www.aliyun.com/SAML-Role/Attributes/Role"
	RoleSessionNameAttributeName = "https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName"
	SessionDurationAttributeName = "https://www.aliyun.com/SAML-Role/Attributes/SessionDuration"
)

// SAML 2.0 and XML Signature namespaces and bindings (the OASIS SAML 2.0
// standard and W3C XML Signature).
const (
	MetadataNamespace   = "urn:oasis:names:tc:SAML:2.0:metadata"
	ProtocolNamespace   = "urn:oasis:names:tc:SAML:2.0:protocol"
	AssertionNamespace  = "urn:oasis:names:tc:SAML:2.0:assertion"
	XMLDSigNamespace    = "http://www.w3.org/2000/09/xmldsig#"
	BindingHTTPPost     = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
	BindingHTTPRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
)

// NameID formats IDaaS offers for SetApplicationSsoConfig (the SDK's
// NameIdFormat documentation).
const (
	NameIDFormatUnspecified  = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
	NameIDFormatEmailAddress = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	NameIDFormatPersistent   = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
	NameIDFormatTransient    = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
)

// NameIDFormats are the four NameID formats, unspecified first.
var NameIDFormats = [...]string{NameIDFormatUnspecified, NameIDFormatEmailAddress, NameIDFormatPersistent, NameIDFormatTransient}

// AccountIDTemplateParam is the SSO form parameter of the Alibaba Cloud
// account ID, the one parameter name the UpdateApplicationSsoFormParams
// reference documents (its example "aliyunUid"). FACTS.md, "Not known",
// says why it is documented for the RAM-user template only.
const AccountIDTemplateParam = "aliyunUid"
