// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package ram

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/idaas-rolesso/terraform-provider-idaas/internal/client"
	"github.com/idaas-rolesso/terraform-provider-idaas/internal/rolesso"
)

// The state of the alicloud provider's RAM resources, which `moved {}`
// blocks bring here (alicloud_ram_role, alicloud_ram_saml_provider and
// alicloud_ram_role_policy_attachment). Each mover sets what an import
// would and what the alicloud state knows of the arguments; the refresh
// that follows every move reads the rest. The attribute names are those of
// the alicloud provider's schemas.

var (
	_ resource.ResourceWithMoveState = (*roleResource)(nil)
	_ resource.ResourceWithMoveState = (*samlProviderResource)(nil)
	_ resource.ResourceWithMoveState = (*rolePolicyAttachmentResource)(nil)
)

// alicloudProviderSuffix ends the alicloud provider's source address,
// whatever registry host it is installed from.
const alicloudProviderSuffix = "aliyun/alicloud"

// alicloudState returns the attributes of a state of the alicloud resource
// typeName, and whether req holds one.
func alicloudState(req resource.MoveStateRequest, typeName string) (map[string]any, bool) {
	if req.SourceTypeName != typeName || !strings.HasSuffix(req.SourceProviderAddress, alicloudProviderSuffix) ||
		req.SourceRawState == nil {
		return nil, false
	}
	var attrs map[string]any
	if err := json.Unmarshal(req.SourceRawState.JSON, &attrs); err != nil {
		return nil, false
	}
	return attrs, true
}

// alicloudString is attribute name of an alicloud state, or the first of
// the older names that is set, or "".
func alicloudString(attrs map[string]any, names ...string) string {
	for _, n := range names {
		if s, ok := attrs[n].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// moveFromAlicloud is a state mover from the alicloud resource typeName:
// move sets the target state from its attributes.
func moveFromAlicloud(typeName string, move func(context.Context, map[string]any, *resource.MoveStateResponse)) resource.StateMover {
	return resource.StateMover{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		if attrs, ok := alicloudState(req, typeName); ok {
			move(ctx, attrs, resp)
		}
	}}
}

// MoveState moves an alicloud_ram_role: role_name (or the older name),
// assume_role_policy_document (or document), description,
// max_session_duration and force.
func (r *roleResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveFromAlicloud("alicloud_ram_role", func(ctx context.Context, attrs map[string]any, resp *resource.MoveStateResponse) {
		name := alicloudString(attrs, "role_name", "name")
		if name == "" {
			resp.Diagnostics.AddError("Cannot move alicloud_ram_role", "The alicloud_ram_role state has no role_name.")
			return
		}
		force, _ := attrs["force"].(bool)
		set := resp.TargetState.SetAttribute
		resp.Diagnostics.Append(set(ctx, path.Root("id"), name)...)
		resp.Diagnostics.Append(set(ctx, path.Root("name"), name)...)
		resp.Diagnostics.Append(set(ctx, path.Root("force_detach_policies"), force)...)
		if doc := alicloudString(attrs, "assume_role_policy_document", "document"); doc != "" {
			resp.Diagnostics.Append(set(ctx, path.Root("assume_role_policy"), newTrustPolicyValue(doc))...)
		}
		if d := alicloudString(attrs, "description"); d != "" {
			resp.Diagnostics.Append(set(ctx, path.Root("description"), d)...)
		}
		if n, ok := attrs["max_session_duration"].(float64); ok && n > 0 {
			resp.Diagnostics.Append(set(ctx, path.Root("max_session_duration"), int64(n))...)
		}
	})}
}

// MoveState moves an alicloud_ram_saml_provider: saml_provider_name,
// description and encodedsaml_metadata_document (Base64), whose XML becomes
// metadata.
func (r *samlProviderResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveFromAlicloud("alicloud_ram_saml_provider", func(ctx context.Context, attrs map[string]any, resp *resource.MoveStateResponse) {
		name := alicloudString(attrs, "saml_provider_name")
		xml, err := rolesso.DecodeMetadata(alicloudString(attrs, "encodedsaml_metadata_document"))
		if name == "" || err != nil {
			resp.Diagnostics.AddError("Cannot move alicloud_ram_saml_provider", fmt.Sprintf(
				"The alicloud_ram_saml_provider state needs saml_provider_name and a Base64 encodedsaml_metadata_document (%v).", err))
			return
		}
		set := resp.TargetState.SetAttribute
		resp.Diagnostics.Append(set(ctx, path.Root("id"), name)...)
		resp.Diagnostics.Append(set(ctx, path.Root("name"), name)...)
		resp.Diagnostics.Append(set(ctx, path.Root("metadata"), newSAMLMetadataValue(string(xml)))...)
		resp.Diagnostics.Append(set(ctx, path.Root("cert_expiry_warning_days"), int64(defaultCertExpiryWarningDays))...)
		if d := alicloudString(attrs, "description"); d != "" {
			resp.Diagnostics.Append(set(ctx, path.Root("description"), d)...)
		}
	})}
}

// MoveState moves an alicloud_ram_role_policy_attachment: role_name,
// policy_type and policy_name.
func (r *rolePolicyAttachmentResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveFromAlicloud("alicloud_ram_role_policy_attachment", func(ctx context.Context, attrs map[string]any, resp *resource.MoveStateResponse) {
		id := rolePolicyAttachmentID{
			RoleName: alicloudString(attrs, "role_name"), PolicyType: alicloudString(attrs, "policy_type"), PolicyName: alicloudString(attrs, "policy_name"),
		}
		if id.RoleName == "" || id.PolicyName == "" || (id.PolicyType != client.PolicyTypeSystem && id.PolicyType != client.PolicyTypeCustom) {
			resp.Diagnostics.AddError("Cannot move alicloud_ram_role_policy_attachment",
				"The alicloud_ram_role_policy_attachment state needs role_name, policy_name and a policy_type of System or Custom.")
			return
		}
		set := resp.TargetState.SetAttribute
		resp.Diagnostics.Append(set(ctx, path.Root("id"), id.String())...)
		resp.Diagnostics.Append(set(ctx, path.Root("role_name"), id.RoleName)...)
		resp.Diagnostics.Append(set(ctx, path.Root("policy_type"), id.PolicyType)...)
		resp.Diagnostics.Append(set(ctx, path.Root("policy_name"), id.PolicyName)...)
	})}
}

// alicloudAttachmentID turns an alicloud_ram_role_policy_attachment ID,
// role:<policy_name>:<policy_type>:<role_name>, into this provider's, and
// reports whether id is one.
func alicloudAttachmentID(id string) (string, bool) {
	parts := strings.Split(id, ":")
	if len(parts) != 4 || parts[0] != "role" || (parts[2] != client.PolicyTypeSystem && parts[2] != client.PolicyTypeCustom) {
		return "", false
	}
	return RolePolicyAttachmentImportID(parts[3], parts[2], parts[1]), true
}
