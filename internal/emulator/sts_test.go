// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/emulator/emulatortest"
)

func TestGetCallerIdentityRoot(t *testing.T) {
	srv := emulatortest.Start(t)
	client, err := sts.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	req := sts.CreateGetCallerIdentityRequest()
	req.Domain = srv.Addr()
	req.Scheme = "http"
	resp, err := client.GetCallerIdentity(req)
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	if resp.AccountId != emulator.DefaultAccountID || resp.IdentityType != "Account" || resp.Arn != "acs:ram::"+emulator.DefaultAccountID+":root" {
		t.Errorf("identity = %+v", resp)
	}
	if len(resp.RequestId) != 36 {
		t.Errorf("RequestId = %q, want a UUID", resp.RequestId)
	}
}
