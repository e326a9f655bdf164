// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
)

// Sts 2015-04-01: caller identity and temporary credentials
// (FACTS.md, "STS"; the STS SDK reference). Temporary credentials live in
// memory only, beside the configured keys: they are secrets, so they are
// not part of the state JSON, and a restart or reset revokes them.
//
// What is emulated of the trust check: AssumeRole needs a statement of the
// role's trust policy that allows sts:AssumeRole to a RAM principal naming
// the caller's account ("acs:ram::<account>:root", or the account ID), the
// calling RAM user's ARN, or for a role session the session's role ARN;
// conditions on sts:ExternalId are evaluated. Permissions of the caller
// (AliyunSTSAssumeRoleAccess) are not: every configured key may try.
//
// Anonymous actions (AssumeRoleWithOIDC, AssumeRoleWithSAML) ignore any
// signature a client adds; whether the real service verifies one when it
// is present is UNCONFIRMED.

const productSts = "Sts"

// Session limits, from the STS SDK reference: DurationSeconds is 900 to
// the role's MaxSessionDuration, default 3600; Policy has 1 to 2,048
// characters in all three AssumeRole* actions.
const (
	minSessionDuration     = 900
	defaultSessionDuration = 3600
	maxSessionPolicyLength = 2048
)

var externalIDRegexp = regexp.MustCompile(`^[A-Za-z0-9_+=,.@:/-]+$`)

func init() {
	registerProduct(productSpec{
		Name:    productSts,
		Version: "2015-04-01",
		HostID:  "sts.aliyuncs.com",
		Install: func(s *Server) {
			s.register(productSts, "GetCallerIdentity", readAction, s.stsGetCallerIdentity)
			s.register(productSts, "AssumeRole", writeAction, s.stsAssumeRole)
			s.register(productSts, "AssumeRoleWithOIDC", anonymousWriteAction, s.stsAssumeRoleWithOIDC)
		},
	})
}

// stsGetCallerIdentity answers who signed the call.
func (s *Server) stsGetCallerIdentity(c *call) (obj, error) {
	who := c.caller
	out := obj{
		"AccountId":    who.AccountID,
		"Arn":          who.ARN(),
		"IdentityType": who.IdentityType,
		"PrincipalId":  who.PrincipalID(),
	}
	switch who.IdentityType {
	case identityRAMUser:
		out["UserId"] = who.UserID
	case identityAssumedRole:
		out["RoleId"] = who.RoleID
	default:
		out["UserId"] = who.AccountID
	}
	return out, nil
}

// roleByARN finds the role a RoleArn names, as STS sees it (consistency
// delays apply).
func (s *Server) roleByARN(arn string, now time.Time) (*ramRole, *APIError) {
	a, ok := rules.ParseARN(arn, facts.ResourceTypeRole)
	if !ok {
		return nil, errSTSRoleArn(arn)
	}
	if a.AccountID != s.accountID {
		return nil, errRoleNotExist()
	}
	r := s.visibleRole(a.Name, now)
	if r == nil {
		return nil, errRoleNotExist()
	}
	return r, nil
}

// sessionDuration reads DurationSeconds and checks it against the role.
func sessionDuration(c *call, r *ramRole) (time.Duration, *APIError) {
	d := c.int("DurationSeconds", defaultSessionDuration)
	if d < minSessionDuration || d > r.MaxSessionDuration {
		return 0, errSTSDuration(r.MaxSessionDuration)
	}
	return time.Duration(d) * time.Second, nil
}

// checkSessionPolicy checks the optional session Policy.
func checkSessionPolicy(c *call) *APIError {
	p := c.optional("Policy")
	if p == "" {
		return nil
	}
	if !checkLength(p, 1, maxSessionPolicyLength) {
		return errSTSPolicy("it is longer than 2048 characters")
	}
	if _, err := rules.ParsePolicy(p, false); err != nil {
		return errSTSPolicy(err.Error())
	}
	return nil
}

// issueRoleCredentials creates temporary credentials for a session of role
// r, valid for d from c.now, and returns the Credentials and
// AssumedRoleUser objects of every AssumeRole* response. The emulator then
// accepts the key with its token until it expires. The caller holds s.mu
// (handlers do).
func (s *Server) issueRoleCredentials(c *call, r *ramRole, session string, d time.Duration, form sessionARNForm) obj {
	s.pruneExpiredCredentials(c.now)
	id := "STS." + randomString(s.rand, 25)
	token := "CAIS" + base64.StdEncoding.EncodeToString(randomBytes(s.rand, 180))
	expiration := c.now.Add(d)
	who := principal{
		IdentityType: identityAssumedRole,
		AccountID:    s.accountID,
		RoleName:     r.RoleName,
		RoleID:       r.RoleID,
		SessionName:  session,
		AccessKeyID:  id,
	}
	s.keys[id] = &credential{secret: randomString(s.rand, 44), securityToken: token, expiration: expiration, who: who}
	return obj{
		"Credentials": obj{
			"AccessKeyId":     id,
			"AccessKeySecret": s.keys[id].secret,
			"SecurityToken":   token,
			"Expiration":      isoTime(expiration),
		},
		"AssumedRoleUser": obj{
			"Arn":           form(s.accountID, r.RoleName, session),
			"AssumedRoleId": r.RoleID + ":" + session,
		},
	}
}

// sessionARNForm writes AssumedRoleUser.Arn. The STS SDK's examples give
// one form per action (FACTS.md, "STS"): AssumeRole and AssumeRoleWithOIDC
// answer acs:ram::<account>:role/<role>/<session>, AssumeRoleWithSAML
// answers acs:sts::<account>:assumed-role/<Role>/<session>.
type sessionARNForm func(account, role, session string) string

func roleSessionARN(account, role, session string) string {
	return facts.ARNPrefix + account + ":role/" + role + "/" + session
}

func stsAssumedRoleARN(account, role, session string) string {
	return "acs:sts::" + account + ":assumed-role/" + role + "/" + session
}

// assume is what the AssumeRole* actions share once the caller is known:
// the role, DurationSeconds, the trust decision of the role's policy by the
// one evaluator of package rules, and the credentials. denied says who was
// refused, for the NoPermission message.
func (s *Server) assume(c *call, roleARN string, req rules.Request, session string, form sessionARNForm, denied string) (obj, error) {
	r, aerr := s.roleByARN(roleARN, c.now)
	if aerr != nil {
		return nil, aerr
	}
	d, aerr := sessionDuration(c, r)
	if aerr != nil {
		return nil, aerr
	}
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	trust, err := rules.ParsePolicy(r.AssumeRolePolicyDocument, true)
	if err != nil || !trust.Allows(req) {
		return nil, errSTSNoPermission("The trust policy of role " + r.RoleName + " does not allow " + denied + " to assume it.")
	}
	return s.issueRoleCredentials(c, r, session, d, form), nil
}

// pruneExpiredCredentials forgets credentials that expired over a day ago;
// younger ones stay, so that using them answers InvalidSecurityToken.Expired.
func (s *Server) pruneExpiredCredentials(now time.Time) {
	for id, k := range s.keys {
		if k.temporary() && now.Sub(k.expiration) > 24*time.Hour {
			delete(s.keys, id)
		}
	}
}

// callerPrincipals are the RAM principal values that name the caller.
func (s *Server) callerPrincipals(who principal) []string {
	out := []string{"acs:ram::" + who.AccountID + ":root", who.AccountID}
	switch who.IdentityType {
	case identityRAMUser:
		out = append(out, who.ARN())
	case identityAssumedRole:
		out = append(out, s.roleARN(who.RoleName), who.ARN())
	}
	return out
}

func (s *Server) stsAssumeRole(c *call) (obj, error) {
	arn := c.required("RoleArn")
	session := c.required("RoleSessionName")
	externalID := c.optional("ExternalId")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if !rules.STSSessionName(session) {
		return nil, errSTSSessionName()
	}
	if externalID != "" && (!checkLength(externalID, 2, 1224) || !externalIDRegexp.MatchString(externalID)) {
		return nil, errInvalidParam("ExternalId", `it must be 2 to 1224 characters of letters, digits and "_+=,.@:/-"`)
	}
	if err := checkSessionPolicy(c); err != nil {
		return nil, err
	}
	req := rules.Request{
		PrincipalType: rules.PrincipalRAM,
		Principals:    s.callerPrincipals(c.caller),
		Context:       map[string][]string{},
	}
	if externalID != "" {
		req.Context["sts:ExternalId"] = []string{externalID}
	}
	return s.assume(c, arn, req, session, roleSessionARN, c.caller.ARN())
}

// stsAssumeRoleWithOIDC exchanges an OIDC token for role credentials.
//
// SIMPLIFICATION: the token's signature is not verified (the emulator
// cannot fetch the issuer's keys). A token is accepted when it is a
// well-formed JWT whose iss equals the named OIDC provider's IssuerUrl,
// whose aud includes one of the provider's ClientIds (when it has any),
// that has not expired, and that was issued within the provider's
// IssuanceLimitTime; the role's trust policy must name the provider as a
// Federated principal (conditions on oidc:iss, oidc:aud and oidc:sub are
// evaluated).
func (s *Server) stsAssumeRoleWithOIDC(c *call) (obj, error) {
	providerARN := c.required("OIDCProviderArn")
	arn := c.required("RoleArn")
	token := c.required("OIDCToken")
	session := c.optional("RoleSessionName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if session == "" {
		// UNCONFIRMED: the session name the service picks when none is sent.
		session = "oidc-" + randomString(s.rand, 10)
	}
	if !rules.STSSessionName(session) {
		return nil, errSTSSessionName()
	}
	if err := checkSessionPolicy(c); err != nil {
		return nil, err
	}
	name, ok := parseOIDCProviderARN(providerARN, s.accountID)
	if !ok {
		return nil, errInvalidParam("OIDCProviderArn", "it must be an OIDC provider ARN of account "+s.accountID+", such as "+oidcProviderARN(s.accountID, "github"))
	}
	provider := s.ims().oidcProvider(name)
	if provider == nil {
		return nil, errOIDCProviderNotExist()
	}
	claims, err := parseJWTClaims(token)
	if err != nil {
		return nil, errOIDCTokenMalformed(err.Error())
	}
	if err := claims.check(provider, c.now); err != nil {
		return nil, err
	}
	req := rules.Request{
		PrincipalType: rules.PrincipalFederated,
		Principals:    []string{oidcProviderARN(s.accountID, provider.OIDCProviderName)},
		Context: map[string][]string{
			"oidc:iss": {claims.Issuer},
			"oidc:aud": claims.Audience,
			"oidc:sub": {claims.Subject},
		},
	}
	out, err := s.assume(c, arn, req, session, roleSessionARN, "OIDC provider "+provider.OIDCProviderName)
	if err != nil {
		return nil, err
	}
	out["OIDCTokenInfo"] = obj{
		"Subject":          claims.Subject,
		"Issuer":           claims.Issuer,
		"ClientIds":        strings.Join(claims.Audience, ","),
		"ExpirationTime":   isoTime(claims.expiry()),
		"IssuanceTime":     isoTime(claims.issued()),
		"VerificationInfo": "Success",
	}
	return out, nil
}

// jwtClaims are the OIDC token claims the emulator checks.
type jwtClaims struct {
	Issuer   string
	Subject  string
	Audience []string
	Expiry   int64
	IssuedAt int64
}

func (j jwtClaims) expiry() time.Time { return time.Unix(j.Expiry, 0) }
func (j jwtClaims) issued() time.Time { return time.Unix(j.IssuedAt, 0) }

// parseJWTClaims parses the header and claims of a compact JWT; the
// signature part must be present but is not verified.
func parseJWTClaims(token string) (jwtClaims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[2] == "" {
		return jwtClaims{}, fmt.Errorf("it must have three dot-separated parts with a signature")
	}
	var header struct {
		Alg string `json:"alg"`
	}
	if err := decodeJWTPart(parts[0], &header); err != nil || header.Alg == "" || strings.EqualFold(header.Alg, "none") {
		return jwtClaims{}, fmt.Errorf("its header must be Base64url JSON with a signing alg")
	}
	var raw struct {
		Iss string          `json:"iss"`
		Sub string          `json:"sub"`
		Aud json.RawMessage `json:"aud"`
		Exp int64           `json:"exp"`
		Iat int64           `json:"iat"`
	}
	if err := decodeJWTPart(parts[1], &raw); err != nil {
		return jwtClaims{}, fmt.Errorf("its claims must be Base64url JSON: %v", err)
	}
	c := jwtClaims{Issuer: raw.Iss, Subject: raw.Sub, Expiry: raw.Exp, IssuedAt: raw.Iat}
	if len(raw.Aud) > 0 {
		var one string
		if json.Unmarshal(raw.Aud, &one) == nil {
			c.Audience = []string{one}
		} else if json.Unmarshal(raw.Aud, &c.Audience) != nil {
			return jwtClaims{}, fmt.Errorf("aud must be a string or an array of strings")
		}
	}
	switch {
	case c.Issuer == "":
		return c, fmt.Errorf("the iss claim is missing")
	case c.Subject == "":
		return c, fmt.Errorf("the sub claim is missing")
	case len(c.Audience) == 0:
		return c, fmt.Errorf("the aud claim is missing")
	case c.Expiry == 0 || c.IssuedAt == 0:
		return c, fmt.Errorf("the exp and iat claims are required")
	}
	return c, nil
}

func decodeJWTPart(part string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "="))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// check verifies the claims against the provider at now.
func (j jwtClaims) check(p *oidcProvider, now time.Time) *APIError {
	if j.Issuer != p.IssuerURL {
		return errOIDCTokenIssuer(j.Issuer, p.OIDCProviderName)
	}
	if len(p.ClientIDs) > 0 {
		ok := false
		for _, a := range j.Audience {
			for _, id := range p.ClientIDs {
				ok = ok || a == id
			}
		}
		if !ok {
			return errOIDCTokenAudience(p.OIDCProviderName)
		}
	}
	if !now.Before(j.expiry()) {
		return errOIDCTokenExpired()
	}
	if now.Sub(j.issued()) > time.Duration(p.IssuanceLimitTime)*time.Hour {
		return errOIDCTokenTooOld(p.IssuanceLimitTime, p.OIDCProviderName)
	}
	return nil
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomString returns n random letters and digits. The caller holds s.mu
// (rnd is the server's).
func randomString(rnd *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[rnd.IntN(len(alnum))]
	}
	return string(b)
}

func randomBytes(rnd *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rnd.UintN(256))
	}
	return b
}
