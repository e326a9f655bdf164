// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

// Package conformance checks the wire facts of FACTS.md with the SDK the
// provider uses, against the emulator (always, so that the suite is kept
// honest by `make test`) and, with IDAAS_CONFORMANCE_LIVE=1 and
// credentials, against a real account. Each fact is a probe that observes
// one answer; against the emulator the observation must be the one
// FACTS.md states, against the cloud it is recorded, and `make
// conformance` prints the table fact | emulator | live. A probe of a fact
// under "Not known" in FACTS.md only records: the emulator's answer there
// is its assumption, and the live column is what settles it.
//
// Live mode only reads, except for one RAM role it creates with a unique
// prefix and deletes.
package conformance_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

// Environment of live mode.
const (
	envLive       = "IDAAS_CONFORMANCE_LIVE"
	envKeyID      = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	envKeySecret  = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	envRegion     = "IDAAS_CONFORMANCE_REGION"      // the IDaaS instance's region, e.g. ap-southeast-1
	envInstanceID = "IDAAS_CONFORMANCE_INSTANCE_ID" // the IDaaS instance
	// envApplicationID names an application made in the console from the
	// "Alibaba Cloud Role-based SSO" template, to read its template ID.
	envApplicationID = "IDAAS_CONFORMANCE_APPLICATION_ID"
)

// livePrefix starts the name of everything live mode creates.
const livePrefix = "idaas-conformance-"

// target is where the probes are sent.
type target struct {
	name                string
	client              *sdk.Client
	badKey              *sdk.Client // same key ID, wrong secret
	scheme              string
	ram, ims, sts, eiam string // endpoint hosts
	instanceID          string
	applicationID       string
	// roleName and created are the role the probes share, made by role.
	roleName string
	created  *answer
}

// role creates, once per target, a RAM role with a unique name and the
// conformance prefix, deleted when the test ends.
func (tg *target) role(t *testing.T) answer {
	t.Helper()
	if tg.created == nil {
		tg.roleName = fmt.Sprintf("%s%d", livePrefix, time.Now().UnixNano()%1e9)
		a := tg.ramCall(t, "CreateRole", map[string]string{"RoleName": tg.roleName, "AssumeRolePolicyDocument": trustOwnAccount(t, tg)})
		if a.code == "" {
			name := tg.roleName
			t.Cleanup(func() { tg.ramCall(t, "DeleteRole", map[string]string{"RoleName": name}) })
		}
		tg.created = &a
	}
	return *tg.created
}

// answer is one call's outcome: the JSON body, or the server error.
type answer struct {
	body   map[string]any
	status int
	code   string
}

func (a answer) String() string {
	if a.code != "" {
		return fmt.Sprintf("HTTP %d %s", a.status, a.code)
	}
	return "ok"
}

func (tg *target) call(t *testing.T, client *sdk.Client, host, product, version, action string, params map[string]string) answer {
	t.Helper()
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Scheme = tg.scheme
	req.Domain = host
	req.Product, req.Version, req.ApiName = product, version, action
	for k, v := range params {
		req.QueryParams[k] = v
	}
	resp, err := client.ProcessCommonRequest(req)
	if err != nil {
		var se *sdkerrors.ServerError
		if errors.As(err, &se) {
			return answer{status: se.HttpStatus(), code: se.ErrorCode()}
		}
		t.Fatalf("%s %s: %v", product, action, err)
	}
	var body map[string]any
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &body); err != nil {
		t.Fatalf("%s %s: the answer is not JSON: %v", product, action, err)
	}
	return answer{body: body, status: resp.GetHttpStatus()}
}

func (tg *target) ramCall(t *testing.T, action string, p map[string]string) answer {
	return tg.call(t, tg.client, tg.ram, "Ram", "2015-05-01", action, p)
}

func (tg *target) imsCall(t *testing.T, action string, p map[string]string) answer {
	return tg.call(t, tg.client, tg.ims, "Ims", "2019-08-15", action, p)
}

func (tg *target) eiamCall(t *testing.T, action string, p map[string]string) answer {
	if p == nil {
		p = map[string]string{}
	}
	p["InstanceId"] = tg.instanceID
	return tg.call(t, tg.client, tg.eiam, "Eiam", "2021-12-01", action, p)
}

// probe observes one fact. want is what FACTS.md states, checked against
// the emulator; "" marks a fact under "Not known", only recorded.
type probe struct {
	fact, want string
	observe    func(t *testing.T, tg *target) string
}

var (
	isoSeconds  = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	epochMillis = regexp.MustCompile(`^\d{13}$`)
)

func probes() []probe {
	missing := livePrefix + "missing"
	return []probe{
		{"RPC v1 signature accepted (ListRoles)", "ok", func(t *testing.T, tg *target) string {
			return tg.ramCall(t, "ListRoles", map[string]string{"MaxItems": "1"}).String()
		}},
		{"wrong secret refused", "HTTP 400 SignatureDoesNotMatch", func(t *testing.T, tg *target) string {
			return tg.call(t, tg.badKey, tg.ram, "Ram", "2015-05-01", "ListRoles", nil).String()
		}},
		{"RAM missing role", "HTTP 404 EntityNotExist.Role", func(t *testing.T, tg *target) string {
			return tg.ramCall(t, "GetRole", map[string]string{"RoleName": missing}).String()
		}},
		{"IMS missing SAML provider", "HTTP 404 EntityNotExist.SAMLProvider", func(t *testing.T, tg *target) string {
			return tg.imsCall(t, "GetSAMLProvider", map[string]string{"SAMLProviderName": missing}).String()
		}},
		{"RAM list shape (Roles.Role, IsTruncated)", "Roles.Role list true, IsTruncated bool true", func(t *testing.T, tg *target) string {
			a := tg.ramCall(t, "ListRoles", map[string]string{"MaxItems": "1"})
			roles, _ := a.body["Roles"].(map[string]any)
			_, list := roles["Role"].([]any)
			_, truncated := a.body["IsTruncated"].(bool)
			return fmt.Sprintf("Roles.Role list %t, IsTruncated bool %t", list, truncated)
		}},
		{"RAM CreateDate format", "ISO 8601 UTC seconds", func(t *testing.T, tg *target) string {
			role := tg.role(t)
			if role.code != "" {
				return "CreateRole: " + role.String()
			}
			date, _ := role.body["Role"].(map[string]any)["CreateDate"].(string)
			if isoSeconds.MatchString(date) {
				return "ISO 8601 UTC seconds"
			}
			return "CreateDate " + date
		}},
		{"RAM role name in another case (GetRole)", "", func(t *testing.T, tg *target) string {
			if role := tg.role(t); role.code != "" {
				return "CreateRole: " + role.String()
			}
			return tg.ramCall(t, "GetRole", map[string]string{"RoleName": strings.ToUpper(tg.roleName)}).String()
		}},
		{"policy name case (GetPolicy aliyunossfullaccess)", "ok, PolicyName AliyunOSSFullAccess", func(t *testing.T, tg *target) string {
			a := tg.ramCall(t, "GetPolicy", map[string]string{"PolicyType": "System", "PolicyName": "aliyunossfullaccess"})
			if a.code != "" {
				return a.String()
			}
			policy, _ := a.body["Policy"].(map[string]any)
			return fmt.Sprintf("ok, PolicyName %v", policy["PolicyName"])
		}},
		{"STS session Policy length (AssumeRole)", "2048 characters: ok; 2049: HTTP 400", func(t *testing.T, tg *target) string {
			if role := tg.role(t); role.code != "" {
				return "CreateRole: " + role.String()
			}
			arn, _ := tg.created.body["Role"].(map[string]any)["Arn"].(string)
			assume := func(n int) answer {
				return tg.call(t, tg.client, tg.sts, "Sts", "2015-04-01", "AssumeRole",
					map[string]string{"RoleArn": arn, "RoleSessionName": "conformance", "Policy": policyOfLength(n)})
			}
			// A new role may take a moment to be assumable.
			ok := assume(2048)
			for i := 0; ok.code != "" && i < 5 && tg.name == "live"; i++ {
				time.Sleep(2 * time.Second)
				ok = assume(2048)
			}
			over := assume(2049)
			return fmt.Sprintf("2048 characters: %s; 2049: HTTP %d", ok, over.status)
		}},
		{"EIAM instance CreateTime", "epoch milliseconds", func(t *testing.T, tg *target) string {
			a := tg.eiamCall(t, "GetInstance", nil)
			if a.code != "" {
				return a.String()
			}
			instance, _ := a.body["Instance"].(map[string]any)
			if v, ok := instance["CreateTime"].(float64); ok && epochMillis.MatchString(fmt.Sprintf("%.0f", v)) {
				return "epoch milliseconds"
			}
			return fmt.Sprintf("CreateTime %v", instance["CreateTime"])
		}},
		{"EIAM missing application (error code)", "", func(t *testing.T, tg *target) string {
			return tg.eiamCall(t, "GetApplication", map[string]string{"ApplicationId": "app_" + strings.Repeat("0", 26)}).String()
		}},
		{"EIAM role-based SSO template ID", "", func(t *testing.T, tg *target) string {
			if tg.applicationID == "" {
				return "not probed: set " + envApplicationID
			}
			a := tg.eiamCall(t, "GetApplication", map[string]string{"ApplicationId": tg.applicationID})
			if a.code != "" {
				return a.String()
			}
			app, _ := a.body["Application"].(map[string]any)
			return fmt.Sprintf("ApplicationTemplateId %v", app["ApplicationTemplateId"])
		}},
	}
}

// policyOfLength is a valid session policy of exactly n characters (n of
// at least 100), padded with spaces, which JSON ignores.
func policyOfLength(n int) string {
	p := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetRole","Resource":"*"}]}`
	return p[:len(p)-1] + strings.Repeat(" ", n-len(p)) + "}"
}

// trustOwnAccount is a trust policy that lets the account's own RAM users
// assume the role: harmless, and valid on every account.
func trustOwnAccount(t *testing.T, tg *target) string {
	t.Helper()
	account := emulator.DefaultAccountID
	if tg.name == "live" {
		a := tg.call(t, tg.client, tg.sts, "Sts", "2015-04-01", "GetCallerIdentity", nil)
		account, _ = a.body["AccountId"].(string)
	}
	return `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::` + account + `:root"]}}]}`
}

func emulatorTarget(t *testing.T) *target {
	srv := emulatortest.Start(t, emulatortest.WithLoad(`{"Eiam":{"Applications":[{"ApplicationId":"app_conformanceroleapp0000000","ApplicationName":"Alibaba Cloud","ApplicationTemplateId":"`+emulator.RoleSSOTemplateIDInternational+`"}]}}`))
	tg := &target{
		name: "emulator", scheme: "http", ram: srv.Addr(), ims: srv.Addr(), sts: srv.Addr(), eiam: srv.Addr(),
		client:        newClient(t, emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
		badKey:        newClient(t, emulator.DefaultAccessKeyID, "not-the-secret"),
		applicationID: "app_conformanceroleapp0000000",
	}
	list := tg.call(t, tg.client, tg.eiam, "Eiam", "2021-12-01", "ListInstances", nil)
	instances, _ := list.body["Instances"].([]any)
	if len(instances) != 1 {
		t.Fatalf("ListInstances: %v", list)
	}
	tg.instanceID, _ = instances[0].(map[string]any)["InstanceId"].(string)
	return tg
}

// liveTarget is the real account, or false without IDAAS_CONFORMANCE_LIVE.
func liveTarget(t *testing.T) (*target, bool) {
	if os.Getenv(envLive) != "1" {
		return nil, false
	}
	var unset []string
	for _, name := range []string{envKeyID, envKeySecret, envRegion, envInstanceID} {
		if os.Getenv(name) == "" {
			unset = append(unset, name)
		}
	}
	if len(unset) > 0 {
		t.Fatalf("%s=1 needs %s", envLive, strings.Join(unset, ", "))
	}
	keyID := os.Getenv(envKeyID)
	return &target{
		name: "live", scheme: "https", ram: "ram.aliyuncs.com", ims: "ims.aliyuncs.com", sts: "sts.aliyuncs.com",
		eiam:          "eiam." + os.Getenv(envRegion) + ".aliyuncs.com",
		client:        newClient(t, keyID, os.Getenv(envKeySecret)),
		badKey:        newClient(t, keyID, "not-the-secret"),
		instanceID:    os.Getenv(envInstanceID),
		applicationID: os.Getenv(envApplicationID),
	}, true
}

func newClient(t *testing.T, keyID, secret string) *sdk.Client {
	t.Helper()
	c, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), credentials.NewAccessKeyCredential(keyID, secret))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestConformance runs every probe on each target and prints the table.
func TestConformance(t *testing.T) {
	targets := []*target{emulatorTarget(t)}
	if live, ok := liveTarget(t); ok {
		targets = append(targets, live)
	}
	var rows [][]string
	for _, p := range probes() {
		row := []string{p.fact}
		for _, tg := range targets {
			got := p.observe(t, tg)
			row = append(row, got)
			if tg.name == "emulator" && p.want != "" && got != p.want {
				t.Errorf("%s: the emulator answers %q; FACTS.md states %q", p.fact, got, p.want)
			}
		}
		rows = append(rows, row)
	}
	header := []string{"fact", "emulator"}
	if len(targets) > 1 {
		header = append(header, "live")
	} else {
		header = append(header, "live (set "+envLive+"=1)")
	}
	var b strings.Builder
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|" + strings.Repeat("---|", len(header)) + "\n")
	for _, row := range rows {
		for len(row) < len(header) {
			row = append(row, "")
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	t.Log("\n" + b.String())
}
