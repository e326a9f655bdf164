// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

// Sts 2015-04-01: caller identity and temporary credentials
// (alibaba-api.md §7). Temporary credentials live in memory only, beside
// the configured keys: they are not part of the state JSON (they are
// secrets), so a restart or reset revokes them.

const productSts = "Sts"

func init() {
	registerProduct(productSpec{
		Name:    productSts,
		Version: "2015-04-01",
		HostID:  "sts.aliyuncs.com",
		Install: func(s *Server) {
			s.register(productSts, "GetCallerIdentity", readAction, s.stsGetCallerIdentity)
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
