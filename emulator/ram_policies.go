// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"strings"
	"sync"
	"time"
)

// The built-in System policies: a realistic subset of the policies every
// Alibaba Cloud account has. Names and descriptions are those of the RAM
// console's policy list; the documents are the usual "<service>:*" (full
// access) and "<service>:Describe*/List*/Get*" (read-only) forms, simplified.
// The creation date is the one the RAM console shows for the oldest
// System policies (UNCONFIRMED; only its format matters).

var systemPolicyCreated = time.Date(2015, 4, 28, 16, 12, 50, 0, time.UTC)

type systemPolicyDef struct {
	name, description, document string
}

const (
	fullDoc     = `{"Version":"1","Statement":[{"Action":"%s:*","Resource":"*","Effect":"Allow"}]}`
	readOnlyDoc = `{"Version":"1","Statement":[{"Action":["%[1]s:Describe*","%[1]s:List*","%[1]s:Get*"],"Resource":"*","Effect":"Allow"}]}`
)

func full(service string) string     { return sprintf(fullDoc, service) }
func readOnly(service string) string { return sprintf(readOnlyDoc, service) }

var systemPolicyDefs = []systemPolicyDef{
	{"AdministratorAccess", "Provides full access to Alibaba Cloud services and resources.", `{"Version":"1","Statement":[{"Action":"*","Resource":"*","Effect":"Allow"}]}`},
	{"ReadOnlyAccess", "Provides read-only access to Alibaba Cloud services and resources.", `{"Version":"1","Statement":[{"Action":["*:Describe*","*:List*","*:Get*","*:BatchGet*","*:Query*","*:BatchQuery*"],"Resource":"*","Effect":"Allow"}]}`},
	{"AliyunECSFullAccess", "Provides full access to Elastic Compute Service (ECS).", full("ecs")},
	{"AliyunECSReadOnlyAccess", "Provides read-only access to Elastic Compute Service (ECS).", readOnly("ecs")},
	{"AliyunOSSFullAccess", "Provides full access to Object Storage Service (OSS).", full("oss")},
	{"AliyunOSSReadOnlyAccess", "Provides read-only access to Object Storage Service (OSS).", `{"Version":"1","Statement":[{"Action":["oss:Get*","oss:List*"],"Resource":"*","Effect":"Allow"}]}`},
	{"AliyunBSSFullAccess", "Provides full access to Billing Management.", full("bss")},
	{"AliyunBSSReadOnlyAccess", "Provides read-only access to Billing Management.", readOnly("bss")},
	{"AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM).", full("ram")},
	{"AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM).", readOnly("ram")},
	{"AliyunSTSAssumeRoleAccess", "Provides access to call the AssumeRole operation of Security Token Service (STS).", `{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Resource":"*","Effect":"Allow"}]}`},
	{"AliyunVPCFullAccess", "Provides full access to Virtual Private Cloud (VPC).", full("vpc")},
	{"AliyunVPCReadOnlyAccess", "Provides read-only access to Virtual Private Cloud (VPC).", readOnly("vpc")},
	{"AliyunSLBFullAccess", "Provides full access to Server Load Balancer (SLB).", full("slb")},
	{"AliyunRDSFullAccess", "Provides full access to ApsaraDB RDS.", full("rds")},
	{"AliyunRDSReadOnlyAccess", "Provides read-only access to ApsaraDB RDS.", readOnly("rds")},
	{"AliyunLogFullAccess", "Provides full access to Simple Log Service.", full("log")},
	{"AliyunCloudMonitorFullAccess", "Provides full access to CloudMonitor.", full("cms")},
	{"AliyunKMSFullAccess", "Provides full access to Key Management Service (KMS).", full("kms")},
	{"AliyunActionTrailFullAccess", "Provides full access to ActionTrail.", full("actiontrail")},
	{"AliyunContainerServiceFullAccess", "Provides full access to Container Service for Kubernetes (ACK).", full("cs")},
}

var (
	systemPoliciesOnce sync.Once
	systemPolicyList   []*ramPolicy
	systemPolicyByName map[string]*ramPolicy
)

func loadSystemPolicies() {
	systemPolicyByName = map[string]*ramPolicy{}
	for _, d := range systemPolicyDefs {
		p := &ramPolicy{
			PolicyName:     d.name,
			PolicyType:     policyTypeSystem,
			Description:    d.description,
			PolicyDocument: d.document,
			DefaultVersion: "v1",
			CreateDate:     systemPolicyCreated,
			UpdateDate:     systemPolicyCreated,
		}
		systemPolicyList = append(systemPolicyList, p)
		systemPolicyByName[strings.ToLower(p.PolicyName)] = p
	}
}

// systemPolicies returns the built-in System policies. They are shared and
// must not be changed.
func systemPolicies() []*ramPolicy {
	systemPoliciesOnce.Do(loadSystemPolicies)
	return systemPolicyList
}

// systemPolicy returns the System policy of that name, nil when there is
// none.
func systemPolicy(name string) *ramPolicy {
	systemPoliciesOnce.Do(loadSystemPolicies)
	return systemPolicyByName[strings.ToLower(name)]
}
