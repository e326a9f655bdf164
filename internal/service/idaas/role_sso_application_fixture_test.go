// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package idaas_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/idaas"
)

// applicationResourceAddress is the address of the application in the
// test configurations.
const applicationResourceAddress = "idaas_role_sso_application.test"

// applicationFixture is an emulator for one application test, the
// provider's client to look at it, the SDK to change it out of band, and
// its control API.
type applicationFixture struct {
	t          *testing.T
	srv        *emulator.Server
	ctl        *emulatortest.Control
	conn       client.EIAM
	instanceID string
}

func newApplicationFixture(t *testing.T, opts ...emulatortest.Option) *applicationFixture {
	t.Helper()
	srv := acctest.Emulator(t, opts...)
	c := acctest.EmulatorClient(t, srv)
	f := &applicationFixture{t: t, srv: srv, ctl: emulatortest.ControlOf(t, srv), conn: c.EIAM()}
	instances, err := f.conn.ListInstances(context.Background(), client.ListInstancesInput{})
	if err != nil || len(instances) != 1 {
		t.Fatalf("ListInstances = %v, %v; want the emulator's one instance", instances, err)
	}
	f.instanceID = instances[0].InstanceID
	return f
}

// requiredProviders names the provider's source. Steps that start with an
// import block need it: the test harness adds it only to other steps.
const requiredProviders = `
terraform {
  required_providers {
    idaas = {
      source = "registry.terraform.io/idaas-rolesso/idaas"
    }
  }
}
`

// config is the provider block, the instance data source and the HCL.
func (f *applicationFixture) config(hcl string, providerExtra ...string) string {
	return requiredProviders + acctest.EmulatorProviderConfig(f.srv, providerExtra...) + `
data "idaas_instance" "this" {}
` + hcl
}

// wrappedPattern is an ExpectError pattern that matches pattern whatever the
// line breaks Terraform puts in the message: each space matches any white
// space.
func wrappedPattern(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// applicationHCL is an application resource "test" with the given name and
// IdP name and extra arguments.
func applicationHCL(name, idpName, extra string) string {
	return fmt.Sprintf(`
resource "idaas_role_sso_application" "test" {
  instance_id = data.idaas_instance.this.id
  name        = %q
  idp_name    = %q
%s
%s}
`, name, idpName, extra, acctest.RoleSSOTemplate(extra))
}

// sdkCall sends an Eiam action with the SDK's CommonRequest, as another
// tool or the console would, outside the provider.
func (f *applicationFixture) sdkCall(action string, params map[string]string) {
	f.t.Helper()
	u, err := url.Parse(f.srv.URL())
	if err != nil {
		f.t.Fatal(err)
	}
	c, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(),
		credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret))
	if err != nil {
		f.t.Fatal(err)
	}
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Scheme = u.Scheme
	req.Domain = u.Host
	req.Product = "Eiam"
	req.Version = "2021-12-01"
	req.ApiName = action
	req.QueryParams["InstanceId"] = f.instanceID
	for k, v := range params {
		req.QueryParams[k] = v
	}
	if _, err := c.ProcessCommonRequest(req); err != nil {
		f.t.Fatalf("%s: %v", action, err)
	}
}

// applicationIDsNamed returns the IDs of the instance's applications named
// name, through ListApplications.
func (f *applicationFixture) applicationIDsNamed(name string) []string {
	f.t.Helper()
	apps, err := f.conn.ListApplications(context.Background(), client.ListApplicationsInput{InstanceID: f.instanceID, ApplicationName: name})
	if err != nil {
		f.t.Fatalf("ListApplications: %v", err)
	}
	var ids []string
	for _, a := range apps {
		if a.ApplicationName == name {
			ids = append(ids, a.ApplicationID)
		}
	}
	return ids
}

// emulatedApplication is an application as the emulator's state holds it,
// with what no API returns (the SSO form parameters).
type emulatedApplication struct {
	ApplicationID     string            `json:"ApplicationId"`
	ApplicationName   string            `json:"ApplicationName"`
	Description       string            `json:"Description"`
	Status            string            `json:"Status"`
	SsoStatus         string            `json:"SsoStatus"`
	AuthorizationType string            `json:"AuthorizationType"`
	TemplateParams    map[string]string `json:"TemplateParams"`
	SigningKeyPEM     string            `json:"SigningKeyPEM"`
	SsoConfig         struct {
		SpEntityID          string `json:"SpEntityId"`
		SpSsoAcsURL         string `json:"SpSsoAcsUrl"`
		AssertionSigned     bool   `json:"AssertionSigned"`
		AttributeStatements []struct {
			AttributeName            string `json:"AttributeName"`
			AttributeValueExpression string `json:"AttributeValueExpression"`
		} `json:"AttributeStatements"`
	} `json:"SsoConfig"`
}

// emulatedApplications returns the emulator's applications.
func (f *applicationFixture) emulatedApplications() []emulatedApplication {
	f.t.Helper()
	var st struct {
		Eiam struct{ Applications []emulatedApplication }
	}
	f.ctl.State(&st)
	return st.Eiam.Applications
}

// writeCalls returns the logged calls that change something: every
// action but reads and the metadata download.
func (f *applicationFixture) writeCalls() []string {
	f.t.Helper()
	var writes []string
	for _, r := range f.ctl.Requests(0) {
		if r.Product == "Sts" && r.Action == "GetCallerIdentity" || r.Action == "IdPMetadata" {
			continue
		}
		if !slices.ContainsFunc([]string{"Get", "List"}, func(p string) bool { return strings.HasPrefix(r.Action, p) }) {
			writes = append(writes, r.Product+"."+r.Action)
		}
	}
	return writes
}

// stateCheck is a statecheck.StateCheck from a function.
type stateCheck func(state *tfjson.State) error

func (c stateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c(req.State)
}

// applicationValues returns the attribute values of the test resource.
func applicationValues(state *tfjson.State) (map[string]any, error) {
	if state == nil || state.Values == nil || state.Values.RootModule == nil {
		return nil, errors.New("no state")
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == applicationResourceAddress {
			return r.AttributeValues, nil
		}
	}
	return nil, fmt.Errorf("%s is not in the state", applicationResourceAddress)
}

// checkEmulatedApplication runs check on the emulated application of the
// test resource.
func (f *applicationFixture) checkEmulatedApplication(check func(emulatedApplication) error) statecheck.StateCheck {
	return stateCheck(func(state *tfjson.State) error {
		values, err := applicationValues(state)
		if err != nil {
			return err
		}
		id, _ := values["id"].(string)
		for _, a := range f.emulatedApplications() {
			if a.ApplicationID == id {
				return check(a)
			}
		}
		return fmt.Errorf("the emulator has no application %q", id)
	})
}

// checkMetadataMatchesURL checks that the idp_metadata of the test
// resource parses with rolesso.ParseMetadata, the parser of
// idaas_ram_saml_provider, and means the same as the document served at
// idp_metadata_url, and that the certificate facts and entity ID are those
// of the document.
func checkMetadataMatchesURL() statecheck.StateCheck {
	return stateCheck(func(state *tfjson.State) error {
		values, err := applicationValues(state)
		if err != nil {
			return err
		}
		str := func(name string) string { s, _ := values[name].(string); return s }
		md, err := rolesso.ParseMetadata(str("idp_metadata"))
		if err != nil {
			return fmt.Errorf("idp_metadata does not parse: %w", err)
		}
		if err := md.Validate(md.NewestCertificate().NotBefore); err != nil {
			return fmt.Errorf("idp_metadata cannot sign users in: %w", err)
		}
		served, err := httpGet(str("idp_metadata_url"))
		if err != nil {
			return err
		}
		if same, err := rolesso.SameMetadata(str("idp_metadata"), served); err != nil || !same {
			return fmt.Errorf("idp_metadata differs from the document at %s (%v)", str("idp_metadata_url"), err)
		}
		newest := md.NewestCertificate()
		switch {
		case md.EntityID != str("idp_entity_id"):
			return fmt.Errorf("metadata entityID %q, idp_entity_id %q", md.EntityID, str("idp_entity_id"))
		case newest.SHA256Fingerprint != str("signing_certificate_sha256"):
			return fmt.Errorf("certificate %s, signing_certificate_sha256 %s", newest.SHA256Fingerprint, str("signing_certificate_sha256"))
		case newest.NotAfter.Format("2006-01-02T15:04:05Z07:00") != str("signing_certificate_not_after"):
			return fmt.Errorf("certificate expires %s, signing_certificate_not_after %s", newest.NotAfter, str("signing_certificate_not_after"))
		}
		return nil
	})
}

func httpGet(u string) (string, error) {
	resp, err := http.Get(u) //nolint:noctx // A test helper against the local emulator.
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: HTTP %d", u, resp.StatusCode)
	}
	return string(body), nil
}

// checkDestroyed checks that no application of the state exists any more,
// through the resource's finder.
func (f *applicationFixture) checkDestroyed(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "idaas_role_sso_application" {
			continue
		}
		_, err := idaas.FindRoleSSOApplicationByID(context.Background(), f.conn, rs.Primary.Attributes["instance_id"], rs.Primary.ID)
		switch {
		case err == nil:
			return fmt.Errorf("application %s still exists", rs.Primary.ID)
		case !client.IsNotFound(err):
			return err
		}
	}
	return nil
}

// loadApplications is an emulator load file with the given applications.
func loadApplications(t *testing.T, apps ...map[string]any) emulatortest.Option {
	t.Helper()
	b, err := json.Marshal(map[string]any{"Eiam": map[string]any{"Applications": apps}})
	if err != nil {
		t.Fatal(err)
	}
	return emulatortest.WithLoad(string(b))
}
