// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package rolesso_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest/table"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

func TestLookupSite(t *testing.T) {
	type testCase struct {
		name    string
		want    string // ACS URL of the site found.
		wantErr string
	}
	tests := map[string]testCase{
		"international": {name: "international", want: "https://signin.alibabacloud.com/saml-role/sso"},
		"china":         {name: "china", want: "https://signin.aliyun.com/saml-role/sso"},
		"upper case": {
			name:    "China",
			wantErr: `invalid site "China": it is not a known site. A site is one of "international" (alibabacloud.com) or "china" (aliyun.com). Write it as "china": site names are lower case.`,
		},
		"unknown": {
			name:    "intl",
			wantErr: `invalid site "intl": it is not a known site. A site is one of "international" (alibabacloud.com) or "china" (aliyun.com). Use "international" for accounts signed in at alibabacloud.com, "china" for aliyun.com.`,
		},
		"empty": {name: "", wantErr: `invalid site "": it is not a known site.`},
	}
	table.Run(t, tests, func(t *testing.T, tc testCase) {
		site, err := rolesso.LookupSite(tc.name)
		if tc.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
				t.Fatalf("LookupSite(%q) error = %v, want prefix %q", tc.name, err, tc.wantErr)
			}
			if rolesso.ValidateSiteName(tc.name) == nil {
				t.Errorf("ValidateSiteName(%q) = nil, want an error", tc.name)
			}
			return
		}
		if err != nil {
			t.Fatalf("LookupSite(%q) error = %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, site.ACSURL); diff != "" {
			t.Errorf("ACS URL (-want +got):\n%s", diff)
		}
	})
}

func TestSiteFacts(t *testing.T) {
	t.Parallel()
	want := []rolesso.Site{
		{
			Name:          "international",
			SPEntityID:    "urn:alibaba:cloudcomputing:international",
			ACSURL:        "https://signin.alibabacloud.com/saml-role/sso",
			SPMetadataURL: "https://signin.alibabacloud.com/saml-role/sp-metadata.xml",
			SignInURL:     "https://signin.alibabacloud.com/",
			ConsoleURL:    "https://home.console.alibabacloud.com/",
		},
		{
			Name:          "china",
			SPEntityID:    "urn:alibaba:cloudcomputing",
			ACSURL:        "https://signin.aliyun.com/saml-role/sso",
			SPMetadataURL: "https://signin.aliyun.com/saml-role/sp-metadata.xml",
			SignInURL:     "https://signin.aliyun.com/",
			ConsoleURL:    "https://home.console.aliyun.com/",
		},
	}
	if diff := cmp.Diff(want, rolesso.Sites()); diff != "" {
		t.Errorf("Sites() (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"international", "china"}, rolesso.SiteNames()); diff != "" {
		t.Errorf("SiteNames() (-want +got):\n%s", diff)
	}
}

func TestSiteByRecipient(t *testing.T) {
	t.Parallel()
	for _, site := range rolesso.Sites() {
		got, ok := rolesso.SiteByRecipient(site.ACSURL)
		if !ok || got.Name != site.Name {
			t.Errorf("SiteByRecipient(%q) = %q, %v; want %q", site.ACSURL, got.Name, ok, site.Name)
		}
	}
	for _, recipient := range []string{"", "https://signin.aliyun.com/saml-role/sso/", "urn:alibaba:cloudcomputing", "https://signin.alibabacloud.com/saml/sso"} {
		if got, ok := rolesso.SiteByRecipient(recipient); ok {
			t.Errorf("SiteByRecipient(%q) = %q, want no site", recipient, got.Name)
		}
	}
}
