// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Attributes that several data sources declare alike.

// ComputedString is a computed string attribute of a data source.
func ComputedString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true}
}

// InstanceIDAttribute is the required `instance_id` of the data sources
// that read an IDaaS instance.
func InstanceIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The ID of the IDaaS instance.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}
