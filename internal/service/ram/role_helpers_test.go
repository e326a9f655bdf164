// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/samlsso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/acctest"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/service/ram"
)

// Names of the SAML providers every role test's emulator starts with.
const (
	testAccIdPName      = "idaas"
	testAccOtherIdPName = "okta"
)

// testAccRoleNamePrefix starts the name of every role the tests create, so
// that a sweeper can find them.
const testAccRoleNamePrefix = "tf-acc-"

func testAccRoleName() string {
	return fmt.Sprintf("%s%d", testAccRoleNamePrefix, rand.IntN(1e9))
}

var (
	testAccMetadataOnce sync.Once
	testAccMetadata     string
	testAccMetadataErr  error
)

// testAccEncodedMetadata is Base64 IdP metadata with a valid signing
// certificate, made once: RSA keys are slow to generate.
func testAccEncodedMetadata(t *testing.T) string {
	t.Helper()
	testAccMetadataOnce.Do(func() {
		key, err := samlsso.NewSigningKey("idaas-test", time.Now().Add(-time.Hour), 365*24*time.Hour)
		if err != nil {
			testAccMetadataErr = err
			return
		}
		xml, err := samlsso.IdPMetadata("https://idaas.example.com/saml/metadata", "https://idaas.example.com/saml/sso", key)
		if err != nil {
			testAccMetadataErr = err
			return
		}
		testAccMetadata = base64.StdEncoding.EncodeToString(xml)
	})
	if testAccMetadataErr != nil {
		t.Fatal(testAccMetadataErr)
	}
	return testAccMetadata
}

// testAccCustomPolicyName is the Custom policy every role test's emulator
// starts with.
const testAccCustomPolicyName = "ecs-read"

// testAccRoleState is emulator state with the SAML providers "idaas" and
// "okta", the Custom policy "ecs-read", plus the given roles (state.go's
// schema).
func testAccRoleState(t *testing.T, roles ...map[string]any) string {
	t.Helper()
	metadata := testAccEncodedMetadata(t)
	state := map[string]any{
		"Ims": map[string]any{"SAMLProviders": []map[string]any{
			{"SAMLProviderName": testAccIdPName, "EncodedSAMLMetadataDocument": metadata},
			{"SAMLProviderName": testAccOtherIdPName, "EncodedSAMLMetadataDocument": metadata},
		}},
	}
	ramState := map[string]any{"Policies": []map[string]any{{
		"PolicyName":     testAccCustomPolicyName,
		"PolicyDocument": `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:Describe*"],"Resource":"*"}]}`,
		"Description":    "Read ECS instances",
	}}}
	if len(roles) > 0 {
		ramState["Roles"] = roles
	}
	state["Ram"] = ramState
	b, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testAccRoleEmulator starts an emulator with the SAML providers of
// testAccRoleState.
func testAccRoleEmulator(t *testing.T, opts ...emulatortest.Option) *emulator.Server {
	t.Helper()
	return acctest.Emulator(t, append([]emulatortest.Option{emulatortest.WithLoad(testAccRoleState(t))}, opts...)...)
}

// newRoleTest starts a role acceptance test: the emulator of
// testAccRoleEmulator and a fresh role name.
func newRoleTest(t *testing.T) (*emulator.Server, string) {
	t.Helper()
	return testAccRoleEmulator(t), testAccRoleName()
}

// testAccDataSourceConfig is the provider of srv and a data source
// "test" of type typ with the arguments args.
func testAccDataSourceConfig(srv *emulator.Server, typ, args string) string {
	return acctest.EmulatorProviderConfig(srv) + fmt.Sprintf("data %q \"test\" {\n  %s\n}\n", typ, args)
}

// testAccClient is a client of the emulator, for changes out of band.
func testAccClient(t *testing.T, srv *emulator.Server) *client.Client {
	t.Helper()
	return acctest.EmulatorClientOfSite(t, srv, rolesso.SiteInternational)
}

// testAccTrustPolicy is the policy saml_provider_names builds.
func testAccTrustPolicy(t *testing.T, account string, site rolesso.Site, names ...string) string {
	t.Helper()
	doc, err := rolesso.BuildTrustPolicy(account, names, site)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// testAccCheckRoleDestroy checks through the finder that no role of the
// names is left.
func testAccCheckRoleDestroy(t *testing.T, srv *emulator.Server, names ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		c := testAccClient(t, srv)
		for _, name := range names {
			_, err := ram.FindRoleByName(context.Background(), c.RAM(), name)
			if err == nil {
				return fmt.Errorf("RAM role %q still exists", name)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// ramWriteActions are the RAM and IMS actions that change something.
var ramWriteActions = []string{
	"CreateRole", "UpdateRole", "DeleteRole", "AttachPolicyToRole", "DetachPolicyFromRole",
	"CreateSAMLProvider", "UpdateSAMLProvider", "DeleteSAMLProvider",
}

// testAccExpectNoWrites fails the test if the emulator's request log holds
// a write.
func testAccExpectNoWrites(t *testing.T, srv *emulator.Server) {
	t.Helper()
	for _, r := range emulatortest.ControlOf(t, srv).Requests(0) {
		if slices.Contains(ramWriteActions, r.Action) {
			t.Errorf("the emulator received the write %s.%s; validation errors must stop before any write", r.Product, r.Action)
		}
	}
}

// testAccCalls returns the logged calls of an action.
func testAccCalls(t *testing.T, srv *emulator.Server, action string) []emulator.CallRecord {
	t.Helper()
	return emulatortest.ControlOf(t, srv).Calls(action)
}

// liftConsistencyDelay watches the request log and, once a call of action
// has answered with code, removes the consistency delay of kind: the test
// sees the delay at least once, and then the retry succeeds, however slow
// the machine is.
func liftConsistencyDelay(t *testing.T, srv *emulator.Server, action, code, kind string) {
	t.Helper()
	ctl := emulatortest.ControlOf(t, srv)
	done := make(chan struct{})
	stopped := make(chan struct{})
	t.Cleanup(func() { close(done); <-stopped })
	go func() {
		defer close(stopped)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			seen := slices.ContainsFunc(ctl.Calls(action), func(r emulator.CallRecord) bool { return r.Code == code })
			if seen {
				knobs := ctl.Knobs()
				delete(knobs.Consistency, kind)
				ctl.SetKnobs(knobs)
				return
			}
		}
	}()
}

// errorPattern matches an error that contains the phrases in order. The
// CLI wraps long lines, so a space in a phrase matches any whitespace.
func errorPattern(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(strings.Join(parts, `[\s\S]*`))
}
