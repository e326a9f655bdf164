// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

const samlProviderResourceName = "idaas_ram_saml_provider.test"

func TestAccSAMLProvider_basic(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	idp := newValidSAMLTestIdP(t)
	// Import reads the document RAM holds, which is the one sent: the XML
	// without surrounding whitespace. Written so here, the imported state
	// equals the created one byte for byte; other spellings of the same
	// document are TestAccSAMLProvider_metadataForms.
	metadata := strings.TrimSpace(idp.XML)
	arn := rolesso.SAMLProviderARN(srv.AccountID(), name)
	config := testAccSAMLProviderConfig(srv, name, "IDaaS role-based SSO", metadata)
	cert := idp.Key.Certificate()
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionCreate),
				// The facts of the metadata are known at plan.
				plancheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("entity_id"), knownvalue.StringExact(samlTestEntityID)),
				plancheck.ExpectKnownValue(samlProviderResourceName, samlNewestFingerprintPath, knownvalue.StringExact(idp.Fingerprint)),
				plancheck.ExpectUnknownValue(samlProviderResourceName, tfjsonpath.New("arn")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("arn"), knownvalue.StringExact(arn)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("description"), knownvalue.StringExact("IDaaS role-based SSO")),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("metadata"), knownvalue.StringExact(metadata)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("cert_expiry_warning_days"), knownvalue.Int64Exact(30)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("entity_id"), knownvalue.StringExact(samlTestEntityID)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("sso_urls"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(samlTestSSOURL)})),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("certificates"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"sha256_fingerprint": knownvalue.StringExact(idp.Fingerprint),
					"not_before":         knownvalue.StringExact(cert.NotBefore.UTC().Format(time.RFC3339)),
					"not_after":          knownvalue.StringExact(cert.NotAfter.UTC().Format(time.RFC3339)),
					"subject":            knownvalue.StringExact("CN=idaas-test"),
				})})),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("valid_until"), knownvalue.Null()),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("create_date"), knownvalue.StringRegexp(samlISOTime)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("update_date"), knownvalue.StringRegexp(samlISOTime)),
			},
		},
		{
			ResourceName:      samlProviderResourceName,
			ImportState:       true,
			ImportStateId:     name,
			ImportStateVerify: true,
		},
		{
			ResourceName:      samlProviderResourceName,
			ImportState:       true,
			ImportStateId:     arn,
			ImportStateVerify: true,
		},
		{
			// Import steps without a Config use the last applied one.
			ResourceName:    samlProviderResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   name,
		},
		{
			ResourceName:    samlProviderResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   arn,
		},
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
	})
}

func TestAccSAMLProvider_update(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	control := emulatortest.ControlOf(t, srv)
	idp := newValidSAMLTestIdP(t)
	rotated := newValidSAMLTestIdP(t)
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: testAccSAMLProviderConfig(srv, name, "first", idp.XML),
		},
		{
			Config: testAccSAMLProviderConfig(srv, name, "second", idp.XML),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(samlProviderResourceName, samlNewestFingerprintPath, knownvalue.StringExact(idp.Fingerprint)),
				plancheck.ExpectUnknownValue(samlProviderResourceName, tfjsonpath.New("update_date")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("description"), knownvalue.StringExact("second")),
			},
			Check: func(*terraform.State) error {
				return samlExpectUpdateCalls(control, map[string]string{"NewDescription": "second"}, "NewEncodedSAMLMetadataDocument")
			},
		},
		{
			// A certificate rotation: new metadata, updated in place, and
			// the plan shows the new certificate.
			PreConfig: control.ClearRequests,
			Config:    testAccSAMLProviderConfig(srv, name, "second", rotated.XML),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(samlProviderResourceName, samlNewestFingerprintPath, knownvalue.StringExact(rotated.Fingerprint)),
				plancheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("certificates"), knownvalue.ListSizeExact(1)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("metadata"), knownvalue.StringExact(rotated.XML)),
				statecheck.ExpectKnownValue(samlProviderResourceName, samlNewestFingerprintPath, knownvalue.StringExact(rotated.Fingerprint)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error {
					return samlExpectUpdateCalls(control, nil, "NewDescription")
				},
				testAccCheckSAMLProviderMetadata(conn, name, rotated.XML),
			),
		},
		{
			// Without a description in the configuration, RAM's is kept.
			PreConfig: control.ClearRequests,
			Config:    testAccSAMLProviderConfigNoDescription(srv, name, rotated.XML, ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			// A setting of this provider alone changes no API object.
			Config: testAccSAMLProviderConfigNoDescription(srv, name, rotated.XML, "cert_expiry_warning_days = 60"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("update_date"), knownvalue.NotNull()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("cert_expiry_warning_days"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("description"), knownvalue.StringExact("second")),
			},
			Check: func(*terraform.State) error {
				if calls := control.Calls("UpdateSAMLProvider"); len(calls) != 0 {
					return fmt.Errorf("UpdateSAMLProvider called %d times, want never", len(calls))
				}
				return nil
			},
		},
	})
}

func TestAccSAMLProvider_rename(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	idp := newValidSAMLTestIdP(t)
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: testAccSAMLProviderConfig(srv, name, "d", idp.XML),
		},
		{
			// Names compare without regard to case, as RAM compares them.
			Config: testAccSAMLProviderConfig(srv, strings.ToUpper(name), "d", idp.XML),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{
			Config: testAccSAMLProviderConfig(srv, name+"-2", "d", idp.XML),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("arn"), knownvalue.StringExact(rolesso.SAMLProviderARN(srv.AccountID(), name+"-2"))),
			},
			Check: func(*terraform.State) error {
				if _, err := ram.FindSAMLProviderByName(context.Background(), conn, name); !client.IsNotFound(err) {
					return fmt.Errorf("the old SAML provider %s: got %v, want not found", name, err)
				}
				return nil
			},
		},
	})
}

// TestAccSAMLProvider_metadataForms writes one document as a file, as
// Base64 and samlReindented: none of the forms shows a change.
func TestAccSAMLProvider_metadataForms(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	control := emulatortest.ControlOf(t, srv)
	idp := newValidSAMLTestIdP(t)
	file := filepath.Join(t.TempDir(), "idp-metadata.xml")
	if err := os.WriteFile(file, []byte(idp.XML), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile := acctest.EmulatorProviderConfig(srv) + fmt.Sprintf(`
resource "idaas_ram_saml_provider" "test" {
  name     = %s
  metadata = file(%s)
}
`, samlHCLQuote(name), samlHCLQuote(file))
	asBase64 := testAccSAMLProviderConfigNoDescription(srv, name, samlWrappedBase64(idp.XML), "")
	emptyPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: fromFile,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("metadata"), knownvalue.StringExact(idp.XML)),
			},
		},
		{
			Config:           asBase64,
			ConfigPlanChecks: emptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				// The state keeps the form first written.
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("metadata"), knownvalue.StringExact(idp.XML)),
			},
		},
		{
			// Imported, the state holds RAM's XML: with the Base64 of the
			// last step in the configuration, the plan is still empty.
			ResourceName:    samlProviderResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   name,
		},
		{
			Config:           testAccSAMLProviderConfigNoDescription(srv, name, samlReindented(idp.XML), ""),
			ConfigPlanChecks: emptyPlan,
		},
		{
			Config:           testAccSAMLProviderConfigNoDescription(srv, name, samlBase64NoPadding(idp.XML), ""),
			ConfigPlanChecks: emptyPlan,
		},
		{
			Config:           fromFile,
			ConfigPlanChecks: emptyPlan,
			Check: func(*terraform.State) error {
				if n := len(control.Calls("CreateSAMLProvider")); n != 1 {
					return fmt.Errorf("CreateSAMLProvider called %d times, want once", n)
				}
				if n := len(control.Calls("UpdateSAMLProvider")); n != 0 {
					return fmt.Errorf("UpdateSAMLProvider called %d times, want never", n)
				}
				return nil
			},
		},
	})
}

func TestAccSAMLProvider_disappears(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	config := testAccSAMLProviderConfig(srv, name, "d", newValidSAMLTestIdP(t).XML)
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: config,
		},
		{
			PreConfig: func() {
				if err := conn.DeleteSAMLProvider(context.Background(), name); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionCreate),
			}},
			Check: testAccCheckSAMLProviderExists(conn, name),
		},
	})
}

func TestAccSAMLProvider_changedOutOfBand(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	idp := newValidSAMLTestIdP(t)
	other := newValidSAMLTestIdP(t)
	config := testAccSAMLProviderConfig(srv, name, "managed", idp.XML)
	update := func(in client.UpdateSAMLProviderInput) func() {
		return func() {
			in.Name = name
			if _, err := conn.UpdateSAMLProvider(context.Background(), in); err != nil {
				t.Fatal(err)
			}
		}
	}
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: config,
		},
		{
			PreConfig: update(client.UpdateSAMLProviderInput{NewDescription: "changed by hand"}),
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("description"), knownvalue.StringExact("managed")),
			},
		},
		{
			PreConfig: update(client.UpdateSAMLProviderInput{NewEncodedSAMLMetadataDocument: samlWrappedBase64(other.XML)}),
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(samlProviderResourceName, samlNewestFingerprintPath, knownvalue.StringExact(idp.Fingerprint)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(samlProviderResourceName, tfjsonpath.New("metadata"), knownvalue.StringExact(idp.XML)),
			},
			Check: testAccCheckSAMLProviderMetadata(conn, name, idp.XML),
		},
	})
}

// TestAccSAMLProvider_validation checks that each broken rule fails at plan,
// before any write.
func TestAccSAMLProvider_validation(t *testing.T) {
	srv := acctest.Emulator(t)
	control := emulatortest.ControlOf(t, srv)
	now := time.Now()
	valid := newValidSAMLTestIdP(t)
	expired := newSAMLTestIdP(t, now.Add(-2*365*24*time.Hour), 365*24*time.Hour)
	step := func(name, metadata string, wantErr *regexp.Regexp) resource.TestStep {
		return resource.TestStep{
			Config:      testAccSAMLProviderConfig(srv, name, "d", metadata),
			PlanOnly:    true,
			ExpectError: wantErr,
		}
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{
		step("-idaas", valid.XML, samlErrorRegexp("Invalid SAML provider name", "starts or ends with a special character", rolesso.IdPNameMatchRule)),
		step("idaas", "https://idaas-test.aliyunidaas.com/api/v2/app_test/saml2/meta",
			samlErrorRegexp("Invalid SAML IdP metadata", "It is a URL", `file("idp-metadata.xml")`)),
		step("idaas", expired.XML, samlErrorRegexp("Invalid SAML IdP metadata", "Every signing certificate has expired")),
		step("idaas", strings.Replace(valid.XML, "</md:IDPSSODescriptor>", "", 1), samlErrorRegexp("Invalid SAML IdP metadata", "The XML is not well-formed")),
		step("idaas", `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:alibaba:cloudcomputing"><md:SPSSODescriptor/></md:EntityDescriptor>`,
			samlErrorRegexp("Invalid SAML IdP metadata", "describes a service provider")),
	})
	for _, call := range control.Requests(0) {
		if samlIsWrite(call.Action) {
			t.Errorf("a failed validation made the write call %s.%s", call.Product, call.Action)
		}
	}
}

// TestAccSAMLProvider_ambiguousCreate: the create call takes effect but its
// answer is lost; the provider looks, finds its own, and adopts it.
func TestAccSAMLProvider_ambiguousCreate(t *testing.T) {
	srv := acctest.Emulator(t, emulatortest.WithKnobs(emulator.Knobs{Faults: []emulator.Fault{
		{Action: "CreateSAMLProvider", Kind: emulator.FaultAmbiguous, Count: 1},
	}}))
	conn := samlTestConn(t, srv)
	control := emulatortest.ControlOf(t, srv)
	name := sdkacctest.RandomWithPrefix("tf-acc-idp")
	config := testAccSAMLProviderConfig(srv, name, "d", newValidSAMLTestIdP(t).XML)
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				testAccCheckSAMLProviderExists(conn, name),
				func(*terraform.State) error {
					creates := control.Calls("CreateSAMLProvider")
					if len(creates) != 1 || creates[0].Fault != string(emulator.FaultAmbiguous) {
						return fmt.Errorf("CreateSAMLProvider calls = %+v, want one, with the ambiguous fault", creates)
					}
					return nil
				},
			),
		},
		{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	})
}

func TestAccSAMLProvider_importErrors(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	importStep := func(id string, wantErr *regexp.Regexp) resource.TestStep {
		return resource.TestStep{
			ResourceName:  samlProviderResourceName,
			ImportState:   true,
			ImportStateId: id,
			ExpectError:   wantErr,
		}
	}
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{
		{Config: testAccSAMLProviderConfig(srv, name, "d", newValidSAMLTestIdP(t).XML)},
		importStep("acs:ram::9999999999999999:saml-provider/"+name,
			samlErrorRegexp("Invalid import ID", "is of account 9999999999999999, but the provider works in account "+srv.AccountID())),
		importStep("idaas/prod", samlErrorRegexp(`"idaas/prod" is not a SAML provider name`, samlProviderImportExamples)),
		importStep("acs:ram::"+srv.AccountID()+":role/admin", samlErrorRegexp("is not a SAML provider ARN", samlProviderImportExamples)),
		importStep("no-such-idp", samlErrorRegexp("non-existent remote object")),
	})
}

func testAccSAMLProviderConfig(srv *emulator.Server, name, description, metadata string) string {
	return acctest.EmulatorProviderConfig(srv) + fmt.Sprintf(`
resource "idaas_ram_saml_provider" "test" {
  name        = %s
  description = %s
  metadata    = %s
}
`, samlHCLQuote(name), samlHCLQuote(description), samlHCLQuote(metadata))
}

// testAccSAMLProviderConfigNoDescription has no description and the extra
// lines given.
func testAccSAMLProviderConfigNoDescription(srv *emulator.Server, name, metadata, extra string) string {
	return acctest.EmulatorProviderConfig(srv) + fmt.Sprintf(`
resource "idaas_ram_saml_provider" "test" {
  name     = %s
  metadata = %s
  %s
}
`, samlHCLQuote(name), samlHCLQuote(metadata), extra)
}

// samlHCLQuote quotes s as an HCL string, with template sequences escaped.
func samlHCLQuote(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// samlErrorRegexp matches an error holding the parts in order, however the
// CLI wraps their lines.
func samlErrorRegexp(parts ...string) *regexp.Regexp {
	quoted := make([]string, 0, len(parts))
	for _, p := range parts {
		quoted = append(quoted, strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`))
	}
	return regexp.MustCompile(strings.Join(quoted, `[\s\S]*`))
}

var samlISOTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// samlNewestFingerprintPath is the path of the fingerprint of the newest
// certificate, the first.
var samlNewestFingerprintPath = tfjsonpath.New("certificates").AtSliceIndex(0).AtMapKey("sha256_fingerprint")

// samlBase64NoPadding is the Base64 of s without "=" padding.
func samlBase64NoPadding(s string) string {
	return base64.RawStdEncoding.EncodeToString([]byte(s))
}

func samlIsWrite(action string) bool {
	for _, prefix := range []string{"Create", "Update", "Delete", "Attach", "Detach", "Set", "Add", "Remove"} {
		if strings.HasPrefix(action, prefix) {
			return true
		}
	}
	return false
}

// samlExpectUpdateCalls checks that UpdateSAMLProvider was called once, with the
// given parameters and without the absent ones.
func samlExpectUpdateCalls(control *emulatortest.Control, params map[string]string, absent ...string) error {
	calls := control.Calls("UpdateSAMLProvider")
	if len(calls) != 1 {
		return fmt.Errorf("UpdateSAMLProvider called %d times, want once", len(calls))
	}
	for k, want := range params {
		if got := calls[0].Params[k]; got != want {
			return fmt.Errorf("UpdateSAMLProvider %s = %q, want %q", k, got, want)
		}
	}
	for _, k := range absent {
		if v, ok := calls[0].Params[k]; ok {
			return fmt.Errorf("UpdateSAMLProvider sent %s = %q, want it absent", k, v)
		}
	}
	return nil
}

func testAccCheckSAMLProviderExists(conn client.IMS, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, err := ram.FindSAMLProviderByName(context.Background(), conn, name)
		return err
	}
}

// testAccCheckSAMLProviderMetadata checks that RAM holds metadata equal in
// meaning to want.
func testAccCheckSAMLProviderMetadata(conn client.IMS, name, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, err := ram.FindSAMLProviderByName(context.Background(), conn, name)
		if err != nil {
			return err
		}
		same, err := rolesso.SameMetadata(p.EncodedSAMLMetadataDocument, want)
		if err != nil {
			return err
		}
		if !same {
			return fmt.Errorf("RAM SAML provider %s holds other metadata than expected", name)
		}
		return nil
	}
}

func testAccCheckSAMLProviderDestroy(conn client.IMS) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "idaas_ram_saml_provider" {
				continue
			}
			_, err := ram.FindSAMLProviderByName(context.Background(), conn, rs.Primary.ID)
			if client.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("RAM SAML provider %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

// TestAccSAMLProvider_exists refuses to create a SAML provider whose name
// is taken, with the import block that adopts it, and writes nothing.
func TestAccSAMLProvider_exists(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	metadata := strings.TrimSpace(newValidSAMLTestIdP(t).XML)
	encoded, err := rolesso.EncodeMetadata(metadata)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.CreateSAMLProvider(context.Background(), client.CreateSAMLProviderInput{Name: name, EncodedSAMLMetadataDocument: encoded}); err != nil {
		t.Fatal(err)
	}
	acctest.ParallelTest(t, nil, []resource.TestStep{{
		Config: testAccSAMLProviderConfig(srv, name, "IDaaS", metadata),
		ExpectError: samlErrorRegexp("SAML provider already exists", "Nothing was written", "import {",
			"to = idaas_ram_saml_provider.<name>", `id = "`+name+`"`),
	}})
	got, err := conn.GetSAMLProvider(context.Background(), name)
	if err != nil || got.Description != "" {
		t.Errorf("the existing SAML provider changed: %+v, %v", got, err)
	}
}

// TestAccSAMLProvider_importAnyCase imports a SAML provider by its name in
// another case: Read takes the name as RAM holds it, so the plan is empty
// for a configuration that names it so.
func TestAccSAMLProvider_importAnyCase(t *testing.T) {
	srv, conn, name := newSAMLProviderTest(t)
	metadata := strings.TrimSpace(newValidSAMLTestIdP(t).XML)
	encoded, err := rolesso.EncodeMetadata(metadata)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.CreateSAMLProvider(context.Background(), client.CreateSAMLProviderInput{Name: name, Description: "IDaaS", EncodedSAMLMetadataDocument: encoded}); err != nil {
		t.Fatal(err)
	}
	acctest.ParallelTest(t, testAccCheckSAMLProviderDestroy(conn), []resource.TestStep{{
		// An import block in the first step needs the provider's source.
		Config: `terraform {
  required_providers {
    idaas = { source = "registry.terraform.io/idaas-rolesso/idaas" }
  }
}
` + testAccSAMLProviderConfig(srv, name, "IDaaS", metadata),
		ResourceName:    samlProviderResourceName,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithID,
		ImportStateId:   strings.ToUpper(name),
		ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(samlProviderResourceName, plancheck.ResourceActionNoop),
		}},
	}})
}
