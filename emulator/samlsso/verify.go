// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package samlsso

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
)

// Errors of VerifyResponse, one per way a sign-in fails, so that the
// emulator can map each to an STS error code. Returned errors wrap exactly
// one of them, with details.
var (
	ErrMalformed   = errors.New("the SAML response is malformed")
	ErrSignature   = errors.New("the SAML response signature is not valid")
	ErrStatus      = errors.New("the SAML response status is not Success")
	ErrIssuer      = errors.New("the SAML issuer does not match the SAML provider's metadata")
	ErrAudience    = errors.New("the SAML audience does not include the service provider")
	ErrRecipient   = errors.New("the SAML recipient is not the service provider's ACS URL")
	ErrExpired     = errors.New("the SAML assertion has expired")
	ErrNotYetValid = errors.New("the SAML assertion is not yet valid")
	ErrSubject     = errors.New("the SAML subject is not valid")
	ErrAttribute   = errors.New("a SAML attribute is missing or not valid")
)

// MaxResponseSize bounds the XML VerifyResponse reads. STS takes at most
// 100,000 characters of Base64, about 75 KB of XML.
const MaxResponseSize = 256 << 10

// DefaultClockSkew is the clock difference VerifyResponse tolerates.
const DefaultClockSkew = time.Minute

// Bounds of the SessionDuration attribute, in seconds: at least 900 (2021
// docs) and at most 43200, the largest MaxSessionDuration of a role; the
// current upper bound is UNCONFIRMED (FACTS.md).
const (
	MinSessionDurationSeconds = 900
	MaxSessionDurationSeconds = 43200
)

// VerifyParams say what a response must satisfy.
type VerifyParams struct {
	// Metadata of the SAML provider named in the request: its signing
	// certificates verify the signature and its entity ID must be the
	// Issuer.
	Metadata *Metadata
	// Sites the service provider serves; the response's Recipient picks
	// one, whose SP entity ID the Audience must include. Empty means all
	// sites.
	Sites []facts.Site
	// Now is the verification time, from the caller's clock.
	Now time.Time
	// ClockSkew is tolerated on validity windows; zero means
	// DefaultClockSkew and a negative value none.
	ClockSkew time.Duration
}

// Assertion is what a verified response says.
type Assertion struct {
	ID     string
	Issuer string
	// Subject is the NameID value and SubjectFormat its Format
	// (SAMLAssertionInfo.Subject and SubjectType in STS).
	Subject       string
	SubjectFormat string
	// Recipient is the SubjectConfirmationData Recipient and Site the site
	// whose ACS URL it is.
	Recipient string
	Site      facts.Site
	Audiences []string
	// NotBefore and NotOnOrAfter are the Conditions' window (zero when
	// absent); SessionNotOnOrAfter is the AuthnStatement's (zero when
	// absent).
	NotBefore           time.Time
	NotOnOrAfter        time.Time
	SessionNotOnOrAfter time.Time
	RoleSessionName     string
	// Roles are the Role attribute values as sent.
	Roles []string
	// SessionDuration is the SessionDuration attribute, or zero.
	SessionDuration time.Duration
	ResponseSigned  bool
	AssertionSigned bool
}

// HasRole reports whether one of the Role attribute values names the role
// and SAML provider, compared as RAM compares names. Values that do not
// parse match nothing.
func (a *Assertion) HasRole(role, samlProvider rules.ARN) bool {
	return slices.ContainsFunc(a.Roles, func(v string) bool {
		attr, ok := rules.ParseRoleAttribute(v)
		return ok && attr.Role.Same(role) && attr.SAMLProvider.Same(samlProvider)
	})
}

// VerifyResponse checks a SAML Response (XML, not Base64) as the service
// provider does for role-based SSO, and returns its assertion. The Response
// or its one Assertion must be signed with a certificate of the metadata
// that is valid at p.Now; if both carry a signature, both must verify.
func VerifyResponse(raw []byte, p VerifyParams) (*Assertion, error) {
	if p.Metadata == nil {
		return nil, errors.New("samlsso: VerifyResponse needs the SAML provider's metadata")
	}
	skew := p.ClockSkew
	switch {
	case skew == 0:
		skew = DefaultClockSkew
	case skew < 0:
		skew = 0
	}
	sites := p.Sites
	if len(sites) == 0 {
		sites = facts.Sites[:]
	}
	response, err := parseResponse(raw)
	if err != nil {
		return nil, err
	}
	certs := p.Metadata.Certificates
	if len(certs) == 0 {
		return nil, fmt.Errorf("%w: the SAML provider's metadata has no signing certificate", ErrSignature)
	}
	validator := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: certs})
	validator.Clock = dsig.NewFakeClockAt(p.Now)

	a := &Assertion{}
	// From here on, read only from verified elements.
	switch verified, err := validator.Validate(response); {
	case err == nil:
		response, a.ResponseSigned = verified, true
	case !errors.Is(err, dsig.ErrMissingSignature):
		return nil, fmt.Errorf("%w: the Response signature: %s", ErrSignature, err.Error())
	}
	assertionEl, err := onlyAssertion(response)
	if err != nil {
		return nil, err
	}
	ctx, err := etreeutils.NSBuildParentContext(assertionEl)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMalformed, err.Error())
	}
	detached, err := etreeutils.NSDetatch(ctx, assertionEl)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMalformed, err.Error())
	}
	switch verified, err := validator.Validate(detached); {
	case err == nil:
		assertionEl, a.AssertionSigned = verified, true
	case !errors.Is(err, dsig.ErrMissingSignature):
		return nil, fmt.Errorf("%w: the Assertion signature: %s", ErrSignature, err.Error())
	case !a.ResponseSigned:
		return nil, fmt.Errorf("%w: neither the Response nor its Assertion is signed", ErrSignature)
	}

	if err := checkStatus(response); err != nil {
		return nil, err
	}
	if err := a.readIssuer(response, assertionEl, p.Metadata.EntityID); err != nil {
		return nil, err
	}
	if err := a.readSubject(assertionEl, sites, p.Now, skew); err != nil {
		return nil, err
	}
	if dest := response.SelectAttrValue("Destination", ""); dest != "" && dest != a.Recipient {
		return nil, fmt.Errorf("%w: the Response Destination is %q, the Recipient %q", ErrRecipient, dest, a.Recipient)
	}
	if err := a.readConditions(assertionEl, p.Now, skew); err != nil {
		return nil, err
	}
	if err := a.readAttributes(assertionEl); err != nil {
		return nil, err
	}
	a.ID = assertionEl.SelectAttrValue("ID", "")
	if authn := children(assertionEl, "AuthnStatement"); len(authn) > 0 {
		a.SessionNotOnOrAfter, _ = parseTime(authn[0].SelectAttrValue("SessionNotOnOrAfter", ""))
	}
	return a, nil
}

func parseResponse(raw []byte) (*etree.Element, error) {
	if len(raw) > MaxResponseSize {
		return nil, fmt.Errorf("%w: it has %d bytes, more than %d", ErrMalformed, len(raw), MaxResponseSize)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMalformed, err.Error())
	}
	for _, tok := range doc.Child {
		if _, ok := tok.(*etree.Directive); ok {
			return nil, fmt.Errorf("%w: it contains a DTD", ErrMalformed)
		}
	}
	root := doc.Root()
	if root == nil || root.Tag != "Response" || root.NamespaceURI() != facts.ProtocolNamespace {
		return nil, fmt.Errorf("%w: the root element is not a SAML 2.0 protocol Response", ErrMalformed)
	}
	if len(children(root, "EncryptedAssertion")) > 0 {
		return nil, fmt.Errorf("%w: encrypted assertions are not supported", ErrMalformed)
	}
	return root, nil
}

// onlyAssertion returns the one Assertion child of the response.
func onlyAssertion(response *etree.Element) (*etree.Element, error) {
	assertions := children(response, "Assertion")
	if len(assertions) != 1 {
		return nil, fmt.Errorf("%w: the Response holds %d Assertions, not 1", ErrMalformed, len(assertions))
	}
	return assertions[0], nil
}

func checkStatus(response *etree.Element) error {
	status := childrenNS(response, facts.ProtocolNamespace, "Status")
	if len(status) == 0 {
		return nil
	}
	codes := childrenNS(status[0], facts.ProtocolNamespace, "StatusCode")
	if len(codes) == 0 {
		return fmt.Errorf("%w: the Status has no StatusCode", ErrStatus)
	}
	if v := codes[0].SelectAttrValue("Value", ""); v != StatusSuccess {
		return fmt.Errorf("%w: it is %q", ErrStatus, v)
	}
	return nil
}

func (a *Assertion) readIssuer(response, assertion *etree.Element, entityID string) error {
	issuers := children(assertion, "Issuer")
	if len(issuers) != 1 {
		return fmt.Errorf("%w: the Assertion has %d Issuers, not 1", ErrIssuer, len(issuers))
	}
	a.Issuer = strings.TrimSpace(issuers[0].Text())
	if a.Issuer != entityID {
		return fmt.Errorf("%w: the Issuer is %q, the metadata's entityID %q", ErrIssuer, a.Issuer, entityID)
	}
	for _, el := range children(response, "Issuer") {
		if got := strings.TrimSpace(el.Text()); got != entityID {
			return fmt.Errorf("%w: the Response Issuer is %q, the metadata's entityID %q", ErrIssuer, got, entityID)
		}
	}
	return nil
}

func (a *Assertion) readSubject(assertion *etree.Element, sites []facts.Site, now time.Time, skew time.Duration) error {
	subjects := children(assertion, "Subject")
	if len(subjects) != 1 {
		return fmt.Errorf("%w: the Assertion has %d Subjects, not 1", ErrSubject, len(subjects))
	}
	nameIDs := children(subjects[0], "NameID")
	if len(nameIDs) != 1 {
		return fmt.Errorf("%w: the Subject has %d NameIDs, not 1", ErrSubject, len(nameIDs))
	}
	a.Subject = strings.TrimSpace(nameIDs[0].Text())
	a.SubjectFormat = nameIDs[0].SelectAttrValue("Format", NameIDFormatUnspecified)
	if a.Subject == "" {
		return fmt.Errorf("%w: the NameID is empty", ErrSubject)
	}
	var data *etree.Element
	for _, c := range children(subjects[0], "SubjectConfirmation") {
		if c.SelectAttrValue("Method", "") == MethodBearer {
			if d := children(c, "SubjectConfirmationData"); len(d) == 1 {
				data = d[0]
				break
			}
		}
	}
	if data == nil {
		return fmt.Errorf("%w: no bearer SubjectConfirmation with one SubjectConfirmationData", ErrSubject)
	}
	a.Recipient = data.SelectAttrValue("Recipient", "")
	site, ok := siteByACSURL(sites, a.Recipient)
	if !ok {
		return fmt.Errorf("%w: the Recipient is %q, not one of %s", ErrRecipient, a.Recipient, acsURLs(sites))
	}
	a.Site = site
	notOnOrAfter, err := parseTime(data.SelectAttrValue("NotOnOrAfter", ""))
	if err != nil {
		return fmt.Errorf("%w: the SubjectConfirmationData NotOnOrAfter: %s", ErrSubject, err.Error())
	}
	if !now.Before(notOnOrAfter.Add(skew)) {
		return fmt.Errorf("%w: the SubjectConfirmationData NotOnOrAfter %s has passed", ErrExpired, notOnOrAfter.Format(time.RFC3339))
	}
	return nil
}

func (a *Assertion) readConditions(assertion *etree.Element, now time.Time, skew time.Duration) error {
	conditions := children(assertion, "Conditions")
	if len(conditions) != 1 {
		return fmt.Errorf("%w: the Assertion has %d Conditions, not 1", ErrAudience, len(conditions))
	}
	c := conditions[0]
	var err error
	if v := c.SelectAttrValue("NotBefore", ""); v != "" {
		if a.NotBefore, err = parseTime(v); err != nil {
			return fmt.Errorf("%w: the Conditions NotBefore: %s", ErrMalformed, err.Error())
		}
		if now.Add(skew).Before(a.NotBefore) {
			return fmt.Errorf("%w: the Conditions NotBefore is %s", ErrNotYetValid, a.NotBefore.Format(time.RFC3339))
		}
	}
	if v := c.SelectAttrValue("NotOnOrAfter", ""); v != "" {
		if a.NotOnOrAfter, err = parseTime(v); err != nil {
			return fmt.Errorf("%w: the Conditions NotOnOrAfter: %s", ErrMalformed, err.Error())
		}
		if !now.Before(a.NotOnOrAfter.Add(skew)) {
			return fmt.Errorf("%w: the Conditions NotOnOrAfter %s has passed", ErrExpired, a.NotOnOrAfter.Format(time.RFC3339))
		}
	}
	for _, r := range children(c, "AudienceRestriction") {
		for _, aud := range children(r, "Audience") {
			a.Audiences = append(a.Audiences, strings.TrimSpace(aud.Text()))
		}
	}
	if !slices.Contains(a.Audiences, a.Site.SPEntityID) {
		return fmt.Errorf("%w: the Audiences %q do not include %q (the %s site)", ErrAudience, a.Audiences, a.Site.SPEntityID, a.Site.Name)
	}
	return nil
}

func (a *Assertion) readAttributes(assertion *etree.Element) error {
	values := map[string][]string{}
	for _, st := range children(assertion, "AttributeStatement") {
		for _, attr := range children(st, "Attribute") {
			name := attr.SelectAttrValue("Name", "")
			for _, v := range children(attr, "AttributeValue") {
				values[name] = append(values[name], strings.TrimSpace(v.Text()))
			}
		}
	}
	a.Roles = values[facts.RoleAttributeName]
	if len(a.Roles) == 0 {
		return fmt.Errorf("%w: no value of %s", ErrAttribute, facts.RoleAttributeName)
	}
	names := values[facts.RoleSessionNameAttributeName]
	if len(names) != 1 {
		return fmt.Errorf("%w: %d values of %s, not 1", ErrAttribute, len(names), facts.RoleSessionNameAttributeName)
	}
	if !rules.RoleSessionName(names[0]) {
		return fmt.Errorf("%w: the role session name %q is not 2 to 32 characters of letters, digits and \".@=,+_-\"", ErrAttribute, names[0])
	}
	a.RoleSessionName = names[0]
	switch durations := values[facts.SessionDurationAttributeName]; len(durations) {
	case 0:
	case 1:
		n, err := strconv.Atoi(durations[0])
		if err != nil || n < MinSessionDurationSeconds || n > MaxSessionDurationSeconds {
			return fmt.Errorf("%w: %s is %q, not a number of seconds from %d to %d", ErrAttribute, facts.SessionDurationAttributeName, durations[0], MinSessionDurationSeconds, MaxSessionDurationSeconds)
		}
		a.SessionDuration = time.Duration(n) * time.Second
	default:
		return fmt.Errorf("%w: %d values of %s, at most 1", ErrAttribute, len(durations), facts.SessionDurationAttributeName)
	}
	return nil
}

// children returns the child elements of el in the SAML assertion
// namespace with the given local name.
func children(el *etree.Element, tag string) []*etree.Element {
	return childrenNS(el, AssertionNamespace, tag)
}

func childrenNS(el *etree.Element, ns, tag string) []*etree.Element {
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == ns {
			out = append(out, c)
		}
	}
	return out
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errors.New("it is missing")
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date-time", s)
	}
	return t.UTC(), nil
}

func siteByACSURL(sites []facts.Site, url string) (facts.Site, bool) {
	for _, s := range sites {
		if s.ACSURL == url {
			return s, true
		}
	}
	return facts.Site{}, false
}

func acsURLs(sites []facts.Site) string {
	urls := make([]string, len(sites))
	for i, s := range sites {
		urls[i] = strconv.Quote(s.ACSURL)
	}
	return strings.Join(urls, ", ")
}
