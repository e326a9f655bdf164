// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check_test

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/samltest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/check"
)

const (
	account    = "1234567890123456"
	instanceID = "idaas_test"
	appID      = "app_test"
	idpName    = "idaas"
	metaURL    = "https://idaas.example.com/api/v2/app_test/saml2/meta"
)

var t0 = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

// testMetadata returns IdP metadata with one signing certificate valid
// from a year before t0 for the given time after t0.
func testMetadata(t *testing.T, entityID string, validAfterT0 time.Duration) string {
	t.Helper()
	doc, _ := samltest.IdPMetadata(t, "IDaaS "+appID, t0.AddDate(-1, 0, 0), t0.Sub(t0.AddDate(-1, 0, 0))+validAfterT0,
		entityID, "https://idaas.example.com/login/app/app_test/saml2/sso")
	return doc
}

func trustPolicy(t *testing.T, site rolesso.Site, names ...string) string {
	t.Helper()
	doc, err := rolesso.BuildTrustPolicy(account, names, site)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// role returns a role with the trust policy and RAM's default maximum
// session duration.
func role(name, trust string) *client.Role {
	return &client.Role{RoleName: name, AssumeRolePolicyDocument: trust, MaxSessionDuration: 3600}
}

// healthy returns a chain in which every link holds.
func healthy(t *testing.T, metadata string) (check.CheckInput, check.Chain) {
	t.Helper()
	trust := trustPolicy(t, rolesso.International, idpName)
	in := check.CheckInput{
		InstanceID: instanceID, ApplicationID: appID, AccountID: account, IdPName: idpName,
		Site: rolesso.International, Now: t0, CertExpiryWarning: 30 * 24 * time.Hour,
	}
	ch := check.Chain{
		Application: &client.Application{InstanceID: instanceID, ApplicationID: appID, Status: client.ApplicationEnabled},
		SSOConfig: &client.ApplicationSSOConfig{
			SSOStatus: client.ApplicationEnabled,
			SAML: client.SAMLSSOConfig{
				SPEntityID:  rolesso.International.SPEntityID,
				SPSSOACSURL: rolesso.International.ACSURL,
				AttributeStatements: []client.AttributeStatement{
					{Name: rolesso.RoleSessionNameAttributeName, ValueExpression: "user.username"},
					{Name: rolesso.SessionDurationAttributeName, ValueExpression: rolesso.SessionDurationExpression(3600)},
				},
			},
			SAMLMetaEndpoint: metaURL,
		},
		IdPMetadata: metadata,
		Accounts: []client.ApplicationAccount{
			{ApplicationUsername: "sso-admin", UserID: "user_b"},
			{ApplicationUsername: "sso-readonly", UserID: "user_a"},
			{ApplicationUsername: "sso-admin", UserID: "user_a"},
		},
		SAMLProvider: &client.SAMLProvider{SAMLProviderName: idpName, EncodedSAMLMetadataDocument: base64.StdEncoding.EncodeToString([]byte(metadata))},
		Roles: map[string]*client.Role{
			"sso-admin":    role("sso-admin", trust),
			"sso-readonly": role("sso-readonly", trust),
		},
	}
	return in, ch
}

// want describes one expected finding; problem and fix are regular
// expressions.
type want struct {
	severity, object, problem, fix string
}

func TestFindings(t *testing.T) {
	const entityID = "https://idaas.example.com/api/v2/app_test/saml2/meta"
	current := testMetadata(t, entityID, 365*24*time.Hour)
	rotatedAway := testMetadata(t, entityID, 200*24*time.Hour)
	expiring := testMetadata(t, entityID, 10*24*time.Hour)
	expiringOld := testMetadata(t, entityID, 5*24*time.Hour)
	otherEntity := testMetadata(t, "https://other.example.com/meta", 365*24*time.Hour)
	encode := func(doc string) string { return base64.StdEncoding.EncodeToString([]byte(doc)) }
	fingerprint := func(doc string) string {
		m, err := rolesso.ParseMetadata(doc)
		if err != nil {
			t.Fatal(err)
		}
		return m.SigningCertificates[0].SHA256Fingerprint
	}
	// twoCerts is current's metadata with rotatedAway's certificate too.
	twoCerts := strings.Replace(current, "<md:KeyDescriptor", samltest.KeyDescriptor(t, rotatedAway)+"<md:KeyDescriptor", 1)
	appObject, provider, admin, readonly := "IDaaS application app_test", "RAM SAML provider idaas", "RAM role sso-admin", "RAM role sso-readonly"
	upload := `^Upload the application's current IdP metadata to the SAML provider`

	type testCase struct {
		metadata string // The application's; current when empty.
		change   func(in *check.CheckInput, ch *check.Chain)
		want     []want
	}
	tests := map[string]testCase{
		"healthy": {},
		"application missing": {
			change: func(_ *check.CheckInput, ch *check.Chain) { *ch = check.Chain{} },
			want:   []want{{"error", appObject, `^It does not exist in IDaaS instance idaas_test\.$`, `application_id`}},
		},
		"application and its SSO disabled": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.Application.Status = client.ApplicationDisabled
				ch.SSOConfig.SSOStatus = client.ApplicationDisabled
			},
			want: []want{
				{"error", appObject, `^It is disabled, so no user can sign in`, `enabled = true`},
				{"error", appObject, `^Its SSO is disabled`, `enabled = true`},
			},
		},
		"application of the other site": {
			change: func(in *check.CheckInput, _ *check.Chain) { in.Site = rolesso.China },
			want: []want{
				{"error", appObject, `ACS URL https://signin\.alibabacloud\.com/saml-role/sso \(that of site international\), but site china`, `site = "china"`},
				{"error", appObject, `service provider urn:alibaba:cloudcomputing:international \(that of site international\)`, `site = "china"`},
				{"error", admin, `only with saml:recipient https://signin\.alibabacloud\.com/saml-role/sso \(site international\).*users user_a, user_b`, `site = "china"`},
				{"error", readonly, `only with saml:recipient .*user user_a`, `trust_policy\("1234567890123456", \["idaas"\], "china"\)`},
			},
		},
		"no metadata URL": {
			change: func(_ *check.CheckInput, ch *check.Chain) { ch.SSOConfig.SAMLMetaEndpoint, ch.IdPMetadata = "", "" },
			want:   []want{{"error", appObject, `no IdP metadata URL`, `SAML SSO`}},
		},
		"SAML provider missing": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SAMLProvider, ch.SAMLProviderNames = nil, []string{"okta", "idaas-prod"}
			},
			want: []want{{"error", provider, `^It does not exist in account 1234567890123456`, `name = "idaas".*must equal the IdP name.*\(okta, idaas-prod\), set its idp_name`}},
		},
		"certificate rotated in IDaaS, not uploaded to RAM": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SAMLProvider.EncodedSAMLMetadataDocument = encode(rotatedAway)
			},
			want: []want{{"error", provider, `lacks the application's signing certificate SHA-256 ` + fingerprint(current) + `: the certificate was rotated in IDaaS but not uploaded`, upload}},
		},
		"entity ID differs": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SAMLProvider.EncodedSAMLMetadataDocument = encode(otherEntity)
			},
			want: []want{
				{"error", provider, `entity ID "https://other\.example\.com/meta"`, upload},
				{"error", provider, `lacks the application's signing certificate`, upload},
			},
		},
		"RAM copy has a certificate more": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SAMLProvider.EncodedSAMLMetadataDocument = encode(twoCerts)
			},
			want: []want{{"warning", provider, `differs from the application's current IdP metadata`, upload}},
		},
		"RAM copy unreadable": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SAMLProvider.EncodedSAMLMetadataDocument = "PGh0bWwvPg=="
			},
			want: []want{{"error", provider, `^Its metadata cannot be read: invalid SAML IdP metadata`, upload}},
		},
		"application metadata unreadable": {
			change: func(_ *check.CheckInput, ch *check.Chain) { ch.IdPMetadata = "<html/>" },
			want:   []want{{"error", "IdP metadata of IDaaS application app_test", `serves metadata that cannot be read`, `SAML SSO configuration`}},
		},
		"account without a role": {
			change: func(_ *check.CheckInput, ch *check.Chain) { ch.Roles["sso-readonly"] = nil },
			want:   []want{{"error", readonly, `^It does not exist in account 1234567890123456, but the application account "sso-readonly" of user user_a signs in to it`, `name = "sso-readonly".*must equal a RAM role name`}},
		},
		"account name no role can have": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.Accounts = append(ch.Accounts, client.ApplicationAccount{ApplicationUsername: "sso_dev", UserID: "user_c"})
			},
			want: []want{{"error", `IDaaS application account "sso_dev"`, `contains '_'.*no RAM role can have this name.*\(user user_c\)\. An application account name must equal`, `"sso-dev"`}},
		},
		"role trusting another provider": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.Roles["sso-admin"] = role("sso-admin", trustPolicy(t, rolesso.International, "okta"))
			},
			want: []want{{"error", admin, `does not trust SAML provider acs:ram::1234567890123456:saml-provider/idaas, so the sign-in of users user_a, user_b fails`, `saml_provider_names`}},
		},
		"role trusting the provider of another case": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.Roles["sso-admin"] = role("sso-admin", trustPolicy(t, rolesso.International, "IDaaS"))
			},
		},
		"role denying the provider": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				deny := strings.Replace(trustPolicy(t, rolesso.International, idpName), `"Statement":[`,
					`"Statement":[{"Effect":"Deny","Principal":{"Federated":["acs:ram::1234567890123456:saml-provider/idaas"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"saml:recipient":["https://signin.alibabacloud.com/saml-role/sso"]}}},`, 1)
				ch.Roles["sso-admin"] = role("sso-admin", deny)
			},
			want: []want{{"error", admin, `names SAML provider idaas but does not allow it with saml:recipient`, `saml_provider_names`}},
		},
		"role trust policy unreadable": {
			change: func(_ *check.CheckInput, ch *check.Chain) { ch.Roles["sso-admin"].AssumeRolePolicyDocument = "{" },
			want:   []want{{"error", admin, `^Its trust policy cannot be read: invalid trust policy`, `saml_provider_names`}},
		},
		"short max session duration": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SSOConfig.SAML.AttributeStatements[1].ValueExpression = rolesso.SessionDurationExpression(7200)
			},
			want: []want{
				{"warning", admin, `max_session_duration is 3600 seconds, shorter than the application's session duration of 7200 seconds`, `at least 7200`},
				{"warning", readonly, `max_session_duration is 3600 seconds`, `at least 7200`},
			},
		},
		"session duration not a constant": {
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SSOConfig.SAML.AttributeStatements[1].ValueExpression = "user.sessionDuration"
			},
		},
		"certificate expiring, uploaded": {
			metadata: expiring,
			want:     []want{{"warning", "IdP metadata of IDaaS application app_test", `newest signing certificate \(SHA-256 ` + fingerprint(expiring) + `\) expires at .*, in 10 days`, `^Rotate it in IDaaS`}},
		},
		"certificate expiring, RAM copy expiring sooner": {
			metadata: expiring,
			change: func(_ *check.CheckInput, ch *check.Chain) {
				ch.SAMLProvider.EncodedSAMLMetadataDocument = encode(expiringOld)
			},
			want: []want{
				{"error", provider, `lacks the application's signing certificate`, upload},
				{"warning", "IdP metadata of IDaaS application app_test", `in 10 days`, `^Rotate it in IDaaS`},
				{"warning", provider, `newest signing certificate \(SHA-256 ` + fingerprint(expiringOld) + `\) expires at .*, in 5 days`, `^Rotate it in IDaaS`},
			},
		},
		"certificate expiring, window of 0 days": {
			metadata: expiring,
			change:   func(in *check.CheckInput, _ *check.Chain) { in.CertExpiryWarning = 0 },
		},
		"every certificate expired": {
			change: func(in *check.CheckInput, _ *check.Chain) { in.Now = t0.AddDate(2, 0, 0) },
			want:   []want{{"error", "IdP metadata of IDaaS application app_test", `^Every signing certificate has expired`, `^Rotate the application's signing certificate in IDaaS, then upload`}},
		},
		"no application accounts": {
			change: func(_ *check.CheckInput, ch *check.Chain) { ch.Accounts = nil },
			want:   []want{{"warning", appObject, `no application accounts`, `idaas_application_account`}},
		},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		in, ch := healthy(t, cmpOr(tc.metadata, current))
		if tc.change != nil {
			tc.change(&in, &ch)
		}
		got := check.Findings(in, ch)
		if len(got) != len(tc.want) {
			t.Fatalf("%d findings, want %d:\n%s", len(got), len(tc.want), dump(got))
		}
		for i, w := range tc.want {
			g := got[i]
			if g.Severity != w.severity || g.Object != w.object || !regexp.MustCompile(w.problem).MatchString(g.Problem) || !regexp.MustCompile(w.fix).MatchString(g.Fix) {
				t.Errorf("finding %d:\n%s\nwant %s | %s | /%s/ | /%s/", i, dump(got[i:i+1]), w.severity, w.object, w.problem, w.fix)
			}
			if !strings.HasSuffix(g.Problem, ".") || !strings.HasSuffix(g.Fix, ".") {
				t.Errorf("finding %d is not in sentences: %q %q", i, g.Problem, g.Fix)
			}
		}
		wantOK := true
		for _, w := range tc.want {
			wantOK = wantOK && w.severity != check.SeverityError
		}
		if check.OK(got) != wantOK {
			t.Errorf("OK is %t, want %t", check.OK(got), wantOK)
		}
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func dump(fs []check.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Severity + " | " + f.Object + " | " + f.Problem + " | " + f.Fix + "\n")
	}
	return b.String()
}

// TestFindingsOrder checks that findings come errors first, then by object,
// whatever the order of the accounts.
func TestFindingsOrder(t *testing.T) {
	t.Parallel()
	in, ch := healthy(t, testMetadata(t, "https://idaas.example.com/meta", 365*24*time.Hour))
	ch.SSOConfig.SAML.AttributeStatements[1].ValueExpression = rolesso.SessionDurationExpression(7200)
	ch.Roles["sso-readonly"] = nil
	ch.Accounts = append(ch.Accounts, client.ApplicationAccount{ApplicationUsername: "a_b", UserID: "user_z"})
	first := dump(check.Findings(in, ch))
	ch.Accounts[0], ch.Accounts[3] = ch.Accounts[3], ch.Accounts[0]
	if again := dump(check.Findings(in, ch)); again != first {
		t.Errorf("the order depends on the accounts' order:\n%s\nthen\n%s", first, again)
	}
	var objects []string
	for _, line := range strings.Split(strings.TrimSpace(first), "\n") {
		parts := strings.Split(line, " | ")
		objects = append(objects, parts[0]+" "+parts[1])
	}
	want := []string{`error IDaaS application account "a_b"`, "error RAM role sso-readonly", "warning RAM role sso-admin"}
	if strings.Join(objects, "\n") != strings.Join(want, "\n") {
		t.Errorf("order:\n%s\nwant\n%s", strings.Join(objects, "\n"), strings.Join(want, "\n"))
	}
}
