// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
)

// SAML 2.0 namespaces and values used in responses.
const (
	AssertionNamespace = facts.AssertionNamespace
	StatusSuccess      = "urn:oasis:names:tc:SAML:2.0:status:Success"
	MethodBearer       = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
	attrNameFormatURI  = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
	authnContextClass  = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
)

// Defaults of ResponseParams.
const (
	DefaultResponseLifetime = 5 * time.Minute
	DefaultSessionDuration  = time.Hour
)

// ResponseParams describe an IdP-initiated SAML response for role-based SSO.
type ResponseParams struct {
	// Key signs the response.
	Key *Key
	// IssuerEntityID is the IdP's entity ID, as in its metadata.
	IssuerEntityID string
	// Site gives the Destination and Recipient (its ACS URL) and the
	// Audience (its SP entity ID).
	Site facts.Site
	// NameID identifies the user; NameIDFormat defaults to
	// NameIDFormatUnspecified.
	NameID       string
	NameIDFormat string
	// RoleSessionName is the value of the RoleSessionName attribute.
	RoleSessionName string
	// Roles are the values of the Role attribute, one per application
	// account of the user. They are sent as given, as IDaaS does; an
	// empty list leaves the attribute out.
	Roles []string
	// SessionDuration, when positive, is sent as the SessionDuration
	// attribute. The AuthnStatement's SessionNotOnOrAfter is Now plus
	// SessionDuration, or plus DefaultSessionDuration.
	SessionDuration time.Duration
	// Now is the issue instant, from the caller's clock.
	Now time.Time
	// Lifetime bounds the Conditions and the SubjectConfirmationData;
	// zero means DefaultResponseLifetime.
	Lifetime time.Duration
	// SignResponse and SignAssertion choose what is signed. IDaaS requires
	// at least one, and so does this function.
	SignResponse  bool
	SignAssertion bool
}

// IssueResponse returns a signed SAML 2.0 Response (XML, not Base64).
func IssueResponse(p ResponseParams) ([]byte, error) {
	switch {
	case p.Key == nil:
		return nil, errors.New("samlsso: a response needs a signing key")
	case p.IssuerEntityID == "":
		return nil, errors.New("samlsso: a response needs the IdP entity ID")
	case p.Site.ACSURL == "" || p.Site.SPEntityID == "":
		return nil, errors.New("samlsso: a response needs a site with an ACS URL and an SP entity ID")
	case p.NameID == "":
		return nil, errors.New("samlsso: a response needs a NameID")
	case !p.SignResponse && !p.SignAssertion:
		return nil, errors.New("samlsso: sign the response, the assertion or both")
	}
	lifetime := p.Lifetime
	if lifetime <= 0 {
		lifetime = DefaultResponseLifetime
	}
	format := p.NameIDFormat
	if format == "" {
		format = NameIDFormatUnspecified
	}
	session := DefaultSessionDuration
	if p.SessionDuration > 0 {
		session = p.SessionDuration
	}
	now := samlTime(p.Now)
	expires := samlTime(p.Now.Add(lifetime))

	assertion := etree.NewElement("saml:Assertion")
	assertion.CreateAttr("xmlns:saml", AssertionNamespace)
	assertion.CreateAttr("ID", newID())
	assertion.CreateAttr("Version", "2.0")
	assertion.CreateAttr("IssueInstant", now)
	assertion.CreateElement("saml:Issuer").SetText(p.IssuerEntityID)

	subject := assertion.CreateElement("saml:Subject")
	nameID := subject.CreateElement("saml:NameID")
	nameID.CreateAttr("Format", format)
	nameID.SetText(p.NameID)
	confirmation := subject.CreateElement("saml:SubjectConfirmation")
	confirmation.CreateAttr("Method", MethodBearer)
	data := confirmation.CreateElement("saml:SubjectConfirmationData")
	data.CreateAttr("NotOnOrAfter", expires)
	data.CreateAttr("Recipient", p.Site.ACSURL)

	conditions := assertion.CreateElement("saml:Conditions")
	conditions.CreateAttr("NotBefore", now)
	conditions.CreateAttr("NotOnOrAfter", expires)
	conditions.CreateElement("saml:AudienceRestriction").CreateElement("saml:Audience").SetText(p.Site.SPEntityID)

	authn := assertion.CreateElement("saml:AuthnStatement")
	authn.CreateAttr("AuthnInstant", now)
	authn.CreateAttr("SessionIndex", newID())
	authn.CreateAttr("SessionNotOnOrAfter", samlTime(p.Now.Add(session)))
	authn.CreateElement("saml:AuthnContext").CreateElement("saml:AuthnContextClassRef").SetText(authnContextClass)

	attributes := assertion.CreateElement("saml:AttributeStatement")
	addAttribute(attributes, facts.RoleAttributeName, p.Roles...)
	addAttribute(attributes, facts.RoleSessionNameAttributeName, p.RoleSessionName)
	if p.SessionDuration > 0 {
		addAttribute(attributes, facts.SessionDurationAttributeName, strconv.Itoa(int(p.SessionDuration/time.Second)))
	}

	signer, err := newSigner(p.Key)
	if err != nil {
		return nil, err
	}
	if p.SignAssertion {
		if err := signInPlace(signer, assertion); err != nil {
			return nil, err
		}
	}

	doc := etree.NewDocument()
	response := doc.CreateElement("samlp:Response")
	response.CreateAttr("xmlns:samlp", facts.ProtocolNamespace)
	response.CreateAttr("xmlns:saml", AssertionNamespace)
	response.CreateAttr("ID", newID())
	response.CreateAttr("Version", "2.0")
	response.CreateAttr("IssueInstant", now)
	response.CreateAttr("Destination", p.Site.ACSURL)
	response.CreateElement("saml:Issuer").SetText(p.IssuerEntityID)
	response.CreateElement("samlp:Status").CreateElement("samlp:StatusCode").CreateAttr("Value", StatusSuccess)
	response.AddChild(assertion)
	if p.SignResponse {
		if err := signInPlace(signer, response); err != nil {
			return nil, err
		}
	}
	return doc.WriteToBytes()
}

func addAttribute(statement *etree.Element, name string, values ...string) {
	if len(values) == 0 {
		return
	}
	attr := statement.CreateElement("saml:Attribute")
	attr.CreateAttr("Name", name)
	attr.CreateAttr("NameFormat", attrNameFormatURI)
	for _, v := range values {
		attr.CreateElement("saml:AttributeValue").SetText(v)
	}
}

func newSigner(key *Key) (*dsig.SigningContext, error) {
	ctx, err := dsig.NewSigningContext(key.private, [][]byte{key.cert.Raw})
	if err != nil {
		return nil, err
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	if err := ctx.SetSignatureMethod(dsig.RSASHA256SignatureMethod); err != nil {
		return nil, err
	}
	return ctx, nil
}

// signInPlace adds an enveloped signature to el right after its Issuer, the
// place the SAML schema gives it.
func signInPlace(signer *dsig.SigningContext, el *etree.Element) error {
	sig, err := signer.ConstructSignature(el, true)
	if err != nil {
		return err
	}
	el.InsertChildAt(el.SelectElement("saml:Issuer").Index()+1, sig)
	return nil
}

// samlTime formats t as a SAML date-time: UTC, to the second.
func samlTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// newID returns a random XML ID; it starts with "_" because an ID must not
// start with a digit.
func newID() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand.Read never fails.
	return "_" + hex.EncodeToString(b)
}
