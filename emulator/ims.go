// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
)

// Ims 2019-08-15: SAML providers (FACTS.md) and OIDC providers,
// which AssumeRoleWithOIDC needs (SDK services/ims structs).

const productIms = "Ims"

// consistencySAMLProvider: a new provider cannot yet be named in a trust
// policy, the delay the client's retries are about.
const consistencySAMLProvider = "Ims.SAMLProvider"

// Limits of SAML providers. UNCONFIRMED: the Description limit (256) is
// remembered from the CreateSAMLProvider docs; the metadata limit follows
// the ROS property (1–102,400 bytes, FACTS.md).
const (
	maxSAMLProviderDescription = 256
	maxSAMLMetadataLength      = 102400
)

// AuthnSignAlgo values; rsa-sha1 is the default (FACTS.md).
var authnSignAlgos = []string{"rsa-sha1", "rsa-sha256"}

func init() {
	registerProduct(productSpec{
		Name:     productIms,
		Version:  "2019-08-15",
		HostID:   "ims.aliyuncs.com",
		NewState: func(*Server) any { return &imsState{} },
		Install: func(s *Server) {
			s.register(productIms, "CreateSAMLProvider", writeAction, s.imsCreateSAMLProvider)
			s.register(productIms, "GetSAMLProvider", readAction, s.imsGetSAMLProvider)
			s.register(productIms, "UpdateSAMLProvider", writeAction, s.imsUpdateSAMLProvider)
			s.register(productIms, "DeleteSAMLProvider", writeAction, s.imsDeleteSAMLProvider)
			s.register(productIms, "ListSAMLProviders", readAction, s.imsListSAMLProviders)
			s.register(productIms, "CreateOIDCProvider", writeAction, s.imsCreateOIDCProvider)
			s.register(productIms, "GetOIDCProvider", readAction, s.imsGetOIDCProvider)
			s.register(productIms, "DeleteOIDCProvider", writeAction, s.imsDeleteOIDCProvider)
			s.register(productIms, "ListOIDCProviders", readAction, s.imsListOIDCProviders)
		},
	})
	registerConsistencyKind(consistencySAMLProvider, "a new SAML provider cannot be named in a trust policy (CreateRole and UpdateRole answer MalformedPolicyDocument) nor used by AssumeRoleWithSAML")
}

// imsState is the Ims section of the state JSON.
type imsState struct {
	SAMLProviders []*samlProvider `json:"SAMLProviders"`
	OIDCProviders []*oidcProvider `json:"OIDCProviders"`
}

// samlProvider is a SAML identity provider. The metadata is kept as it was
// sent.
type samlProvider struct {
	SAMLProviderName            string    `json:"SAMLProviderName"`
	Description                 string    `json:"Description"`
	EncodedSAMLMetadataDocument string    `json:"EncodedSAMLMetadataDocument"`
	AuthnSignAlgo               string    `json:"AuthnSignAlgo"`
	CreateDate                  time.Time `json:"CreateDate"`
	UpdateDate                  time.Time `json:"UpdateDate"`
}

// oidcProvider is an OIDC identity provider, used by AssumeRoleWithOIDC.
type oidcProvider struct {
	OIDCProviderName string `json:"OIDCProviderName"`
	IssuerURL        string `json:"IssuerUrl"`
	// ClientIDs are the accepted audiences, comma-separated on the wire.
	ClientIDs    []string `json:"ClientIds"`
	Fingerprints []string `json:"Fingerprints"`
	Description  string   `json:"Description"`
	// IssuanceLimitTime is the oldest accepted token age, in hours.
	IssuanceLimitTime int64     `json:"IssuanceLimitTime"`
	CreateDate        time.Time `json:"CreateDate"`
	UpdateDate        time.Time `json:"UpdateDate"`
}

func (s *Server) ims() *imsState { return stateOf[*imsState](s, productIms) }

func (st *imsState) normalize(s *Server) error {
	now := s.now()
	for i, p := range st.SAMLProviders {
		if err := checkSAMLProviderName(p.SAMLProviderName); err != nil {
			return fmt.Errorf("SAML provider %d %q: %s", i+1, p.SAMLProviderName, err.Message)
		}
		for _, other := range st.SAMLProviders[:i] {
			if sameName(other.SAMLProviderName, p.SAMLProviderName) {
				return fmt.Errorf("SAML providers %q and %q have the same name", other.SAMLProviderName, p.SAMLProviderName)
			}
		}
		if err := checkEncodedSAMLMetadata(p.EncodedSAMLMetadataDocument); err != nil {
			return fmt.Errorf("SAML provider %q: EncodedSAMLMetadataDocument: %v", p.SAMLProviderName, err)
		}
		if p.AuthnSignAlgo == "" {
			p.AuthnSignAlgo = authnSignAlgos[0]
		}
		fillDates(&p.CreateDate, &p.UpdateDate, now)
	}
	for _, p := range st.OIDCProviders {
		if err := checkSAMLProviderName(p.OIDCProviderName); err != nil {
			return fmt.Errorf("OIDC provider %q: the name must follow the SAML provider name rule", p.OIDCProviderName)
		}
		if !strings.HasPrefix(p.IssuerURL, "https://") {
			return fmt.Errorf("OIDC provider %q: IssuerUrl %q must start with https://", p.OIDCProviderName, p.IssuerURL)
		}
		if p.IssuanceLimitTime == 0 {
			p.IssuanceLimitTime = defaultIssuanceLimitHours
		}
		fillDates(&p.CreateDate, &p.UpdateDate, now)
	}
	return nil
}

// samlProvider finds a SAML provider by name, without regard to case
// (rules.SameName); nil when there is none.
func (st *imsState) samlProvider(name string) *samlProvider {
	for _, p := range st.SAMLProviders {
		if rules.SameName(p.SAMLProviderName, name) {
			return p
		}
	}
	return nil
}

func (st *imsState) oidcProvider(name string) *oidcProvider {
	for _, p := range st.OIDCProviders {
		if sameName(p.OIDCProviderName, name) {
			return p
		}
	}
	return nil
}

// samlProviderJSON writes a SAML provider as the ims SDK models have it:
// GetSAMLProvider with AuthnSignAlgo and the metadata, Create and Update
// with AuthnSignAlgo only, ListSAMLProviders items with neither.
func (s *Server) samlProviderJSON(p *samlProvider, algo, metadata bool) obj {
	o := obj{
		"Arn":              rules.SAMLProviderARN(s.accountID, p.SAMLProviderName),
		"CreateDate":       isoTime(p.CreateDate),
		"Description":      p.Description,
		"SAMLProviderName": p.SAMLProviderName,
		"UpdateDate":       isoTime(p.UpdateDate),
	}
	if algo {
		o["AuthnSignAlgo"] = p.AuthnSignAlgo
	}
	if metadata {
		o["EncodedSAMLMetadataDocument"] = wrapBase64(p.EncodedSAMLMetadataDocument)
	}
	return o
}

// metadataParam reads the metadata of Create or Update: the Base64
// parameter, or the raw XML one the legacy SDK also offers.
func metadataParam(c *call, encodedName, rawName string) string {
	if v := c.optional(encodedName); v != "" {
		return v
	}
	if raw := c.optional(rawName); raw != "" {
		return base64.StdEncoding.EncodeToString([]byte(raw))
	}
	return ""
}

func checkSAMLMetadata(param, encoded string) *APIError {
	if len(encoded) > maxSAMLMetadataLength*4/3+4 {
		return errSAMLMetadata(param, "it is longer than 102,400 bytes")
	}
	if err := checkEncodedSAMLMetadata(encoded); err != nil {
		return errSAMLMetadata(param, err.Error())
	}
	return nil
}

func checkAuthnSignAlgo(c *call) (string, *APIError) {
	v := c.optional("AuthnSignAlgo")
	if v == "" {
		return "", nil
	}
	for _, a := range authnSignAlgos {
		if v == a {
			return v, nil
		}
	}
	return "", errInvalidParam("AuthnSignAlgo", `it must be "rsa-sha1" or "rsa-sha256"`)
}

func (s *Server) imsCreateSAMLProvider(c *call) (obj, error) {
	name := c.required("SAMLProviderName")
	desc := c.optional("Description")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	metadata := metadataParam(c, "EncodedSAMLMetadataDocument", "SAMLMetadataDocument")
	if metadata == "" {
		return nil, errMissingParam("EncodedSAMLMetadataDocument")
	}
	if err := checkSAMLProviderName(name); err != nil {
		return nil, err
	}
	if desc != "" && !checkLength(desc, 1, maxSAMLProviderDescription) {
		return nil, errDescriptionLength("Description")
	}
	if err := checkSAMLMetadata("EncodedSAMLMetadataDocument", metadata); err != nil {
		return nil, err
	}
	algo, err := checkAuthnSignAlgo(c)
	if err != nil {
		return nil, err
	}
	if algo == "" {
		algo = authnSignAlgos[0]
	}
	st := s.ims()
	if st.samlProvider(name) != nil {
		return nil, errSAMLProviderExists()
	}
	p := &samlProvider{
		SAMLProviderName:            name,
		Description:                 desc,
		EncodedSAMLMetadataDocument: metadata,
		AuthnSignAlgo:               algo,
		CreateDate:                  c.now,
		UpdateDate:                  c.now,
	}
	st.SAMLProviders = append(st.SAMLProviders, p)
	return obj{"SAMLProvider": s.samlProviderJSON(p, true, false)}, nil
}

func (s *Server) imsGetSAMLProvider(c *call) (obj, error) {
	name := c.required("SAMLProviderName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkSAMLProviderName(name); err != nil {
		return nil, err
	}
	p := s.ims().samlProvider(name)
	if p == nil {
		return nil, errSAMLProviderNotExist()
	}
	return obj{"SAMLProvider": s.samlProviderJSON(p, true, true)}, nil
}

func (s *Server) imsUpdateSAMLProvider(c *call) (obj, error) {
	name := c.required("SAMLProviderName")
	desc := c.optional("NewDescription")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	metadata := metadataParam(c, "NewEncodedSAMLMetadataDocument", "NewSAMLMetadataDocument")
	if err := checkSAMLProviderName(name); err != nil {
		return nil, err
	}
	algo, aerr := checkAuthnSignAlgo(c)
	if aerr != nil {
		return nil, aerr
	}
	if desc == "" && metadata == "" {
		// The ims SDK model: "Specify at least one of NewDescription and
		// NewEncodedSAMLMetadataDocument"; the error code is UNCONFIRMED.
		return nil, errMissingParam("NewEncodedSAMLMetadataDocument")
	}
	if desc != "" && !checkLength(desc, 1, maxSAMLProviderDescription) {
		return nil, errDescriptionLength("NewDescription")
	}
	if metadata != "" {
		if err := checkSAMLMetadata("NewEncodedSAMLMetadataDocument", metadata); err != nil {
			return nil, err
		}
	}
	p := s.ims().samlProvider(name)
	if p == nil {
		return nil, errSAMLProviderNotExist()
	}
	if desc != "" {
		p.Description = desc
	}
	if metadata != "" {
		p.EncodedSAMLMetadataDocument = metadata
	}
	if algo != "" {
		p.AuthnSignAlgo = algo
	}
	p.UpdateDate = c.now
	return obj{"SAMLProvider": s.samlProviderJSON(p, true, false)}, nil
}

// imsDeleteSAMLProvider deletes a provider. Whether RAM refuses to delete
// a provider that roles still trust is UNCONFIRMED (FACTS.md);
// the emulator allows it, which is the harsher case for clients.
func (s *Server) imsDeleteSAMLProvider(c *call) (obj, error) {
	name := c.required("SAMLProviderName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkSAMLProviderName(name); err != nil {
		return nil, err
	}
	st := s.ims()
	p := st.samlProvider(name)
	if p == nil {
		return nil, errSAMLProviderNotExist()
	}
	st.SAMLProviders = remove(st.SAMLProviders, p)
	return obj{}, nil
}

func (s *Server) imsListSAMLProviders(c *call) (obj, error) {
	// MaxItems: 1–100, default 100 (FACTS.md).
	page, err := paginate(c, s.ims().SAMLProviders, func(p *samlProvider) string { return p.SAMLProviderName }, 100, 100)
	if err != nil {
		return nil, err
	}
	items := make([]obj, 0, len(page.Items))
	for _, p := range page.Items {
		items = append(items, s.samlProviderJSON(p, false, false))
	}
	return obj{"IsTruncated": page.IsTruncated, "Marker": page.Marker, "SAMLProviders": obj{"SAMLProvider": items}}, nil
}

// OIDC providers. The default token age limit of 12 hours is UNCONFIRMED.
const defaultIssuanceLimitHours = 12

func oidcProviderARN(account, name string) string {
	return facts.ARNPrefix + account + ":oidc-provider/" + name
}

func (s *Server) oidcProviderJSON(p *oidcProvider) obj {
	return obj{
		"Arn":               oidcProviderARN(s.accountID, p.OIDCProviderName),
		"ClientIds":         strings.Join(p.ClientIDs, ","),
		"CreateDate":        isoTime(p.CreateDate),
		"Description":       p.Description,
		"Fingerprints":      strings.Join(p.Fingerprints, ","),
		"IssuanceLimitTime": p.IssuanceLimitTime,
		"IssuerUrl":         p.IssuerURL,
		"OIDCProviderName":  p.OIDCProviderName,
		"UpdateDate":        isoTime(p.UpdateDate),
		// The ims SDK model has both forms of the dates: ISO strings and
		// epoch milliseconds as strings.
		"GmtCreate":   strconv.FormatInt(p.CreateDate.UnixMilli(), 10),
		"GmtModified": strconv.FormatInt(p.UpdateDate.UnixMilli(), 10),
	}
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (s *Server) imsCreateOIDCProvider(c *call) (obj, error) {
	name := c.required("OIDCProviderName")
	issuer := c.required("IssuerUrl")
	fingerprints := c.required("Fingerprints")
	clientIDs := c.optional("ClientIds")
	desc := c.optional("Description")
	limit := c.int("IssuanceLimitTime", defaultIssuanceLimitHours)
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if rules.SAMLProviderName(name) != rules.NameOK {
		return nil, errInvalidParam("OIDCProviderName", "it must have 1 to 128 characters: letters, digits, \".\", \"-\" and \"_\", not starting or ending with \".\", \"-\" or \"_\"")
	}
	if !strings.HasPrefix(issuer, "https://") {
		return nil, errInvalidParam("IssuerUrl", "it must start with https://")
	}
	if limit < 1 || limit > 168 {
		return nil, errInvalidParam("IssuanceLimitTime", "it must be between 1 and 168 hours")
	}
	st := s.ims()
	if st.oidcProvider(name) != nil {
		return nil, errOIDCProviderExists()
	}
	p := &oidcProvider{
		OIDCProviderName:  name,
		IssuerURL:         issuer,
		ClientIDs:         splitList(clientIDs),
		Fingerprints:      splitList(fingerprints),
		Description:       desc,
		IssuanceLimitTime: limit,
		CreateDate:        c.now,
		UpdateDate:        c.now,
	}
	st.OIDCProviders = append(st.OIDCProviders, p)
	return obj{"OIDCProvider": s.oidcProviderJSON(p)}, nil
}

func (s *Server) imsGetOIDCProvider(c *call) (obj, error) {
	name := c.required("OIDCProviderName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	p := s.ims().oidcProvider(name)
	if p == nil {
		return nil, errOIDCProviderNotExist()
	}
	return obj{"OIDCProvider": s.oidcProviderJSON(p)}, nil
}

func (s *Server) imsDeleteOIDCProvider(c *call) (obj, error) {
	name := c.required("OIDCProviderName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	st := s.ims()
	p := st.oidcProvider(name)
	if p == nil {
		return nil, errOIDCProviderNotExist()
	}
	st.OIDCProviders = remove(st.OIDCProviders, p)
	return obj{}, nil
}

func (s *Server) imsListOIDCProviders(c *call) (obj, error) {
	page, err := paginate(c, s.ims().OIDCProviders, func(p *oidcProvider) string { return p.OIDCProviderName }, 100, 100)
	if err != nil {
		return nil, err
	}
	items := make([]obj, 0, len(page.Items))
	for _, p := range page.Items {
		items = append(items, s.oidcProviderJSON(p))
	}
	return obj{"IsTruncated": page.IsTruncated, "Marker": page.Marker, "OIDCProviders": obj{"OIDCProvider": items}}, nil
}
