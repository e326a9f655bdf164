// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/facts"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/rules"
)

// Ram 2015-05-01: roles, permission policies and their attachments
// (FACTS.md). Fields, nesting and time formats follow the SDK
// structs (services/ram) and the API docs.

const productRam = "Ram"

// Consistency kinds of RAM.
const consistencyRole = "Ram.Role"

// Policy types.
const (
	policyTypeSystem = "System"
	policyTypeCustom = "Custom"
)

// Role limits (FACTS.md).
const (
	defaultMaxSessionDuration = 3600
	minMaxSessionDuration     = 3600
	maxMaxSessionDuration     = 43200
	maxDescriptionLength      = 1024
)

func init() {
	registerProduct(productSpec{
		Name:     productRam,
		Version:  "2015-05-01",
		HostID:   "ram.aliyuncs.com",
		NewState: func(*Server) any { return &ramState{} },
		Install: func(s *Server) {
			s.register(productRam, "CreateRole", writeAction, s.ramCreateRole)
			s.register(productRam, "GetRole", readAction, s.ramGetRole)
			s.register(productRam, "UpdateRole", writeAction, s.ramUpdateRole)
			s.register(productRam, "DeleteRole", writeAction, s.ramDeleteRole)
			s.register(productRam, "ListRoles", readAction, s.ramListRoles)
			s.register(productRam, "AttachPolicyToRole", writeAction, s.ramAttachPolicyToRole)
			s.register(productRam, "DetachPolicyFromRole", writeAction, s.ramDetachPolicyFromRole)
			s.register(productRam, "ListPoliciesForRole", readAction, s.ramListPoliciesForRole)
			s.register(productRam, "CreatePolicy", writeAction, s.ramCreatePolicy)
			s.register(productRam, "GetPolicy", readAction, s.ramGetPolicy)
			s.register(productRam, "ListPolicies", readAction, s.ramListPolicies)
			s.register(productRam, "DeletePolicy", writeAction, s.ramDeletePolicy)
		},
	})
	registerConsistencyKind(consistencyRole, "a new role is invisible to GetRole, ListRoles, ListPoliciesForRole and AssumeRole*")
}

// ramState is the RAM section of the state JSON.
type ramState struct {
	Roles []*ramRole `json:"Roles"`
	// Policies are the custom policies; System policies are built in.
	Policies []*ramPolicy `json:"Policies"`
}

// ramRole is a RAM role with its policy attachments.
type ramRole struct {
	RoleName                 string          `json:"RoleName"`
	RoleID                   string          `json:"RoleId"`
	Description              string          `json:"Description"`
	AssumeRolePolicyDocument string          `json:"AssumeRolePolicyDocument"`
	MaxSessionDuration       int64           `json:"MaxSessionDuration"`
	CreateDate               time.Time       `json:"CreateDate"`
	UpdateDate               time.Time       `json:"UpdateDate"`
	AttachedPolicies         []ramAttachment `json:"AttachedPolicies"`
	// Tags are the role's tags, key to value.
	Tags map[string]string `json:"Tags,omitempty"`
}

// ramAttachment is a policy attached to a role.
type ramAttachment struct {
	PolicyType string    `json:"PolicyType"`
	PolicyName string    `json:"PolicyName"`
	AttachDate time.Time `json:"AttachDate"`
}

// ramPolicy is a permission policy.
type ramPolicy struct {
	PolicyName     string    `json:"PolicyName"`
	PolicyType     string    `json:"PolicyType"`
	Description    string    `json:"Description"`
	PolicyDocument string    `json:"PolicyDocument"`
	DefaultVersion string    `json:"DefaultVersion"`
	CreateDate     time.Time `json:"CreateDate"`
	UpdateDate     time.Time `json:"UpdateDate"`
}

func (s *Server) ram() *ramState { return stateOf[*ramState](s, productRam) }

// normalize checks loaded roles and policies and fills what a load file
// may omit: role IDs, dates, MaxSessionDuration, policy types and
// versions.
func (st *ramState) normalize(s *Server) error {
	now := s.now()
	for i, r := range st.Roles {
		if err := checkRoleName(r.RoleName); err != nil {
			return fmt.Errorf("role %d %q: %s", i+1, r.RoleName, err.Message)
		}
		for _, other := range st.Roles[:i] {
			if sameName(other.RoleName, r.RoleName) {
				return fmt.Errorf("roles %q and %q have the same name: role names are unique without regard to case", other.RoleName, r.RoleName)
			}
		}
		if _, err := rules.ParsePolicy(r.AssumeRolePolicyDocument, true); err != nil {
			return fmt.Errorf("role %q: AssumeRolePolicyDocument: %v", r.RoleName, err)
		}
		if r.RoleID == "" {
			r.RoleID = s.newNumericID()
		}
		if r.MaxSessionDuration == 0 {
			r.MaxSessionDuration = defaultMaxSessionDuration
		}
		if r.MaxSessionDuration < minMaxSessionDuration || r.MaxSessionDuration > maxMaxSessionDuration {
			return fmt.Errorf("role %q: MaxSessionDuration %d is not between %d and %d", r.RoleName, r.MaxSessionDuration, minMaxSessionDuration, maxMaxSessionDuration)
		}
		fillDates(&r.CreateDate, &r.UpdateDate, now)
		for j := range r.AttachedPolicies {
			a := &r.AttachedPolicies[j]
			if st.policy(a.PolicyType, a.PolicyName) == nil {
				return fmt.Errorf("role %q: attached policy %s %q does not exist", r.RoleName, a.PolicyType, a.PolicyName)
			}
			if a.AttachDate.IsZero() {
				a.AttachDate = now
			}
		}
	}
	for _, p := range st.Policies {
		if p.PolicyType == "" {
			p.PolicyType = policyTypeCustom
		}
		if p.PolicyType != policyTypeCustom {
			return fmt.Errorf("policy %q: only Custom policies can be loaded; System policies are built in", p.PolicyName)
		}
		if err := checkPolicyName(p.PolicyName); err != nil {
			return fmt.Errorf("policy %q: %s", p.PolicyName, err.Message)
		}
		if _, err := rules.ParsePolicy(p.PolicyDocument, false); err != nil {
			return fmt.Errorf("policy %q: PolicyDocument: %v", p.PolicyName, err)
		}
		if p.DefaultVersion == "" {
			p.DefaultVersion = "v1"
		}
		fillDates(&p.CreateDate, &p.UpdateDate, now)
	}
	return nil
}

func fillDates(create, update *time.Time, now time.Time) {
	if create.IsZero() {
		*create = now
	}
	if update.IsZero() {
		*update = *create
	}
}

// role finds a role by name, without regard to case; nil when there is
// none.
func (st *ramState) role(name string) *ramRole {
	for _, r := range st.Roles {
		if sameName(r.RoleName, name) {
			return r
		}
	}
	return nil
}

// visibleRole finds a role that reads can see.
func (s *Server) visibleRole(name string, now time.Time) *ramRole {
	r := s.ram().role(name)
	if r == nil || !s.visible(consistencyRole, r.CreateDate, now) {
		return nil
	}
	return r
}

// policy finds a System or Custom policy; nil when there is none. Names
// compare as RAM compares them, without regard to case (FACTS.md,
// "Policies"): a call naming AliyunOssFullAccess finds
// AliyunOSSFullAccess, and answers carry the stored name.
func (st *ramState) policy(policyType, name string) *ramPolicy {
	switch policyType {
	case policyTypeSystem:
		return systemPolicy(name)
	case policyTypeCustom:
		for _, p := range st.Policies {
			if rules.SamePolicyName(p.PolicyName, name) {
				return p
			}
		}
	}
	return nil
}

// attachmentCount is how many roles a policy is attached to.
func (st *ramState) attachmentCount(p *ramPolicy) int {
	n := 0
	for _, r := range st.Roles {
		for _, a := range r.AttachedPolicies {
			if a.PolicyType == p.PolicyType && a.PolicyName == p.PolicyName {
				n++
			}
		}
	}
	return n
}

func (s *Server) roleARN(name string) string { return rules.RoleARN(s.accountID, name) }

// roleJSON is a role as GetRole and UpdateRole write it.
func (s *Server) roleJSON(r *ramRole) obj {
	return obj{
		"Arn":                      s.roleARN(r.RoleName),
		"AssumeRolePolicyDocument": r.AssumeRolePolicyDocument,
		"CreateDate":               isoTime(r.CreateDate),
		"Description":              r.Description,
		"MaxSessionDuration":       r.MaxSessionDuration,
		"RoleId":                   r.RoleID,
		"RoleName":                 r.RoleName,
		"UpdateDate":               isoTime(r.UpdateDate),
	}
}

// checkTrustPolicy validates a trust policy: grammar, length, and that the
// SAML and OIDC providers it names exist in this account and are past
// their consistency delay.
//
// ASSUMPTION: RAM rejecting a trust policy that names a SAML provider that
// does not exist (MalformedPolicyDocument) is not documented; the console
// only offers existing providers, and eventual-consistency retries in
// clients suggest RAM checks. The same is assumed for OIDC providers.
func (s *Server) checkTrustPolicy(param, doc string, now time.Time) *APIError {
	if !checkLength(doc, 1, rules.MaxTrustPolicyLength) {
		return errPolicyDocumentLength(param)
	}
	p, err := rules.ParsePolicy(doc, true)
	if err != nil {
		return errMalformedPolicy(err.Error())
	}
	for _, f := range p.Federated() {
		if err := s.checkFederatedPrincipal(f, now); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) checkFederatedPrincipal(arn string, now time.Time) *APIError {
	if a, ok := rules.ParseARN(arn, facts.ResourceTypeSAMLProvider); ok {
		if a.AccountID != s.accountID {
			return errMalformedPolicy(fmt.Sprintf("the Federated principal %s is a SAML provider of another account; a role can only trust SAML providers of account %s", arn, s.accountID))
		}
		sp := s.ims().samlProvider(a.Name)
		if sp == nil || !s.visible(consistencySAMLProvider, sp.CreateDate, now) {
			return errMalformedPolicy(fmt.Sprintf("the Federated principal %s names a SAML provider that does not exist", arn))
		}
		return nil
	}
	if name, ok := parseOIDCProviderARN(arn, s.accountID); ok {
		if s.ims().oidcProvider(name) == nil {
			return errMalformedPolicy(fmt.Sprintf("the Federated principal %s names an OIDC provider that does not exist", arn))
		}
		return nil
	}
	return errMalformedPolicy(fmt.Sprintf("the Federated principal %q is not a SAML or OIDC provider ARN such as %s", arn, rules.SAMLProviderARN(s.accountID, "idaas")))
}

// checkRoleDescription and checkMaxSessionDuration apply the documented
// ranges.
func checkRoleDescription(param, d string) *APIError {
	if d != "" && !checkLength(d, 1, maxDescriptionLength) {
		return errDescriptionLength(param)
	}
	return nil
}

func checkMaxSessionDuration(param string, d int64) *APIError {
	if d < minMaxSessionDuration || d > maxMaxSessionDuration {
		return errMaxSessionDuration(param)
	}
	return nil
}

func (s *Server) ramCreateRole(c *call) (obj, error) {
	name := c.required("RoleName")
	doc := c.required("AssumeRolePolicyDocument")
	desc := c.optional("Description")
	maxSession := c.int("MaxSessionDuration", defaultMaxSessionDuration)
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkRoleName(name); err != nil {
		return nil, err
	}
	if err := checkRoleDescription("Description", desc); err != nil {
		return nil, err
	}
	if err := checkMaxSessionDuration("MaxSessionDuration", maxSession); err != nil {
		return nil, err
	}
	if err := s.checkTrustPolicy("AssumeRolePolicyDocument", doc, c.now); err != nil {
		return nil, err
	}
	st := s.ram()
	if st.role(name) != nil {
		return nil, errRoleExists()
	}
	r := &ramRole{
		RoleName:                 name,
		RoleID:                   s.newNumericID(),
		Description:              desc,
		AssumeRolePolicyDocument: doc,
		MaxSessionDuration:       maxSession,
		CreateDate:               c.now,
		UpdateDate:               c.now,
	}
	st.Roles = append(st.Roles, r)
	out := s.roleJSON(r)
	delete(out, "UpdateDate") // CreateRole's Role has no UpdateDate (FACTS.md).
	return obj{"Role": out}, nil
}

func (s *Server) ramGetRole(c *call) (obj, error) {
	r, err := s.callVisibleRole(c)
	if err != nil {
		return nil, err
	}
	return obj{"Role": s.roleJSON(r)}, nil
}

// callVisibleRole reads and checks RoleName and finds the role, if reads
// see it yet.
func (s *Server) callVisibleRole(c *call) (*ramRole, error) {
	name := c.required("RoleName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkRoleName(name); err != nil {
		return nil, err
	}
	r := s.visibleRole(name, c.now)
	if r == nil {
		return nil, errRoleNotExist()
	}
	return r, nil
}

func (s *Server) ramUpdateRole(c *call) (obj, error) {
	name := c.required("RoleName")
	doc := c.optional("NewAssumeRolePolicyDocument")
	desc := c.optional("NewDescription")
	maxSession := c.int("NewMaxSessionDuration", 0)
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkRoleName(name); err != nil {
		return nil, err
	}
	if err := checkRoleDescription("NewDescription", desc); err != nil {
		return nil, err
	}
	if c.has("NewMaxSessionDuration") {
		if err := checkMaxSessionDuration("NewMaxSessionDuration", maxSession); err != nil {
			return nil, err
		}
	}
	if doc != "" {
		if err := s.checkTrustPolicy("NewAssumeRolePolicyDocument", doc, c.now); err != nil {
			return nil, err
		}
	}
	r := s.ram().role(name)
	if r == nil {
		return nil, errRoleNotExist()
	}
	if doc != "" {
		r.AssumeRolePolicyDocument = doc
	}
	if c.has("NewDescription") {
		r.Description = desc
	}
	if c.has("NewMaxSessionDuration") {
		r.MaxSessionDuration = maxSession
	}
	r.UpdateDate = c.now
	return obj{"Role": s.roleJSON(r)}, nil
}

func (s *Server) ramDeleteRole(c *call) (obj, error) {
	name := c.required("RoleName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkRoleName(name); err != nil {
		return nil, err
	}
	st := s.ram()
	r := st.role(name)
	if r == nil {
		return nil, errRoleNotExist()
	}
	if len(r.AttachedPolicies) > 0 {
		return nil, errDeleteConflictRolePolicy()
	}
	st.Roles = remove(st.Roles, r)
	return obj{}, nil
}

func (s *Server) ramListRoles(c *call) (obj, error) {
	var roles []*ramRole
	for _, r := range s.ram().Roles {
		if s.visible(consistencyRole, r.CreateDate, c.now) {
			roles = append(roles, r)
		}
	}
	// MaxItems: 1–1000, default 100 (FACTS.md).
	page, err := paginate(c, roles, func(r *ramRole) string { return r.RoleName }, 100, 1000)
	if err != nil {
		return nil, err
	}
	items := make([]obj, 0, len(page.Items))
	for _, r := range page.Items {
		o := s.roleJSON(r)
		delete(o, "AssumeRolePolicyDocument") // not in list items (ram SDK model)
		o["Tags"] = obj{"Tag": tagList(r.Tags, "TagKey", "TagValue")}
		items = append(items, o)
	}
	return obj{"IsTruncated": page.IsTruncated, "Marker": page.Marker, "Roles": obj{"Role": items}}, nil
}

// attachmentParams reads and checks the parameters Attach and Detach share.
// ResourceGroupId (ram SDK model, since v2.2.1) is accepted and has no
// effect: resource groups are not emulated, and a policy attached without
// one applies to the whole account, as RAM documents.
func (s *Server) attachmentParams(c *call) (r *ramRole, p *ramPolicy, err error) {
	policyType := c.required("PolicyType")
	policyName := c.required("PolicyName")
	roleName := c.required("RoleName")
	if err := c.paramErr(); err != nil {
		return nil, nil, err
	}
	if policyType != policyTypeSystem && policyType != policyTypeCustom {
		return nil, nil, errPolicyType()
	}
	if err := checkRoleName(roleName); err != nil {
		return nil, nil, err
	}
	st := s.ram()
	if r = st.role(roleName); r == nil {
		return nil, nil, errRoleNotExist()
	}
	if p = st.policy(policyType, policyName); p == nil {
		return nil, nil, errPolicyNotExist()
	}
	return r, p, nil
}

func attachmentIndex(r *ramRole, p *ramPolicy) int {
	for i, a := range r.AttachedPolicies {
		if a.PolicyType == p.PolicyType && a.PolicyName == p.PolicyName {
			return i
		}
	}
	return -1
}

func (s *Server) ramAttachPolicyToRole(c *call) (obj, error) {
	r, p, err := s.attachmentParams(c)
	if err != nil {
		return nil, err
	}
	if attachmentIndex(r, p) >= 0 {
		return nil, errRolePolicyExists()
	}
	r.AttachedPolicies = append(r.AttachedPolicies, ramAttachment{PolicyType: p.PolicyType, PolicyName: p.PolicyName, AttachDate: c.now})
	return obj{}, nil
}

func (s *Server) ramDetachPolicyFromRole(c *call) (obj, error) {
	r, p, err := s.attachmentParams(c)
	if err != nil {
		return nil, err
	}
	i := attachmentIndex(r, p)
	if i < 0 {
		return nil, errRolePolicyNotExist()
	}
	r.AttachedPolicies = append(r.AttachedPolicies[:i], r.AttachedPolicies[i+1:]...)
	return obj{}, nil
}

func (s *Server) ramListPoliciesForRole(c *call) (obj, error) {
	r, err := s.callVisibleRole(c)
	if err != nil {
		return nil, err
	}
	st := s.ram()
	items := []obj{}
	for _, a := range r.AttachedPolicies {
		p := st.policy(a.PolicyType, a.PolicyName)
		if p == nil {
			continue
		}
		items = append(items, obj{
			"AttachDate":     isoTime(a.AttachDate),
			"DefaultVersion": p.DefaultVersion,
			"Description":    p.Description,
			"PolicyName":     p.PolicyName,
			"PolicyType":     p.PolicyType,
		})
	}
	return obj{"Policies": obj{"Policy": items}}, nil
}

// checkPolicyName applies the policy name rule of package rules.
func checkPolicyName(name string) *APIError {
	switch rules.PolicyName(name) {
	case rules.NameLength:
		return errPolicyNameLength()
	case rules.NameChars:
		return errPolicyNameChars()
	}
	return nil
}

func (s *Server) policyJSON(p *ramPolicy) obj {
	return obj{
		"AttachmentCount": s.ram().attachmentCount(p),
		"CreateDate":      isoTime(p.CreateDate),
		"DefaultVersion":  p.DefaultVersion,
		"Description":     p.Description,
		"PolicyName":      p.PolicyName,
		"PolicyType":      p.PolicyType,
		"UpdateDate":      isoTime(p.UpdateDate),
	}
}

func (s *Server) ramCreatePolicy(c *call) (obj, error) {
	name := c.required("PolicyName")
	doc := c.required("PolicyDocument")
	desc := c.optional("Description")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if err := checkPolicyName(name); err != nil {
		return nil, err
	}
	if err := checkRoleDescription("Description", desc); err != nil {
		return nil, err
	}
	if !checkLength(doc, 1, rules.MaxPermissionPolicyLength) {
		return nil, errPolicyDocumentLength("PolicyDocument")
	}
	if _, err := rules.ParsePolicy(doc, false); err != nil {
		return nil, errMalformedPolicy(err.Error())
	}
	st := s.ram()
	if st.policy(policyTypeCustom, name) != nil || systemPolicy(name) != nil {
		return nil, errPolicyExists()
	}
	p := &ramPolicy{
		PolicyName:     name,
		PolicyType:     policyTypeCustom,
		Description:    desc,
		PolicyDocument: doc,
		DefaultVersion: "v1",
		CreateDate:     c.now,
		UpdateDate:     c.now,
	}
	st.Policies = append(st.Policies, p)
	return obj{"Policy": obj{
		"CreateDate":     isoTime(p.CreateDate),
		"DefaultVersion": p.DefaultVersion,
		"Description":    p.Description,
		"PolicyName":     p.PolicyName,
		"PolicyType":     p.PolicyType,
	}}, nil
}

func (s *Server) ramGetPolicy(c *call) (obj, error) {
	policyType := c.required("PolicyType")
	name := c.required("PolicyName")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	if policyType != policyTypeSystem && policyType != policyTypeCustom {
		return nil, errPolicyType()
	}
	p := s.ram().policy(policyType, name)
	if p == nil {
		return nil, errPolicyNotExist()
	}
	return obj{
		"Policy": s.policyJSON(p),
		"DefaultPolicyVersion": obj{
			"CreateDate":       isoTime(p.CreateDate),
			"IsDefaultVersion": true,
			"PolicyDocument":   p.PolicyDocument,
			"VersionId":        p.DefaultVersion,
		},
	}, nil
}

func (s *Server) ramListPolicies(c *call) (obj, error) {
	policyType := c.optional("PolicyType")
	if policyType != "" && policyType != policyTypeSystem && policyType != policyTypeCustom {
		return nil, errPolicyType()
	}
	var all []*ramPolicy
	if policyType != policyTypeCustom {
		all = append(all, systemPolicies()...)
	}
	if policyType != policyTypeSystem {
		all = append(all, s.ram().Policies...)
	}
	page, err := paginate(c, all, func(p *ramPolicy) string { return p.PolicyType + ":" + p.PolicyName }, 100, 1000)
	if err != nil {
		return nil, err
	}
	items := make([]obj, 0, len(page.Items))
	for _, p := range page.Items {
		items = append(items, s.policyJSON(p))
	}
	return obj{"IsTruncated": page.IsTruncated, "Marker": page.Marker, "Policies": obj{"Policy": items}}, nil
}

func (s *Server) ramDeletePolicy(c *call) (obj, error) {
	name := c.required("PolicyName")
	cascade := c.bool("CascadingDelete")
	if err := c.paramErr(); err != nil {
		return nil, err
	}
	st := s.ram()
	p := st.policy(policyTypeCustom, name)
	if p == nil {
		if systemPolicy(name) != nil {
			return nil, errSystemPolicyDelete()
		}
		return nil, errPolicyNotExist()
	}
	// CascadingDelete (ram SDK model DeletePolicyRequest) detaches the
	// policy from every role first; without it an attached policy is
	// refused.
	if st.attachmentCount(p) > 0 {
		if !cascade {
			return nil, errDeleteConflictPolicy()
		}
		for _, r := range st.Roles {
			if i := attachmentIndex(r, p); i >= 0 {
				r.AttachedPolicies = slices.Delete(r.AttachedPolicies, i, i+1)
			}
		}
	}
	st.Policies = remove(st.Policies, p)
	return obj{}, nil
}

// remove returns list without the element e.
func remove[T comparable](list []T, e T) []T {
	for i, x := range list {
		if x == e {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

// tagList writes tags as RAM's lists do, sorted by key, with the field
// names of the action (ListRoles: TagKey and TagValue).
func tagList(tags map[string]string, keyField, valueField string) []obj {
	out := make([]obj, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, obj{keyField: k, valueField: tags[k]})
	}
	return out
}

// newNumericID returns a 16-digit numeric ID, the shape of RoleId
// ("901234567890****", FACTS.md). The caller holds s.mu.
func (s *Server) newNumericID() string {
	return fmt.Sprintf("3%015d", s.rand.Uint64N(1e15))
}

// parseOIDCProviderARN parses acs:ram::<account>:oidc-provider/<name> of
// the given account.
func parseOIDCProviderARN(arn, account string) (string, bool) {
	name, ok := strings.CutPrefix(arn, facts.ARNPrefix+account+":oidc-provider/")
	return name, ok && name != ""
}
