// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Attributes that several data sources declare alike. An argument that is
// set must not be empty: IDaaS and RAM take "" for "not given".

// ComputedString is a computed string attribute of a data source.
func ComputedString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true}
}

// ComputedBool is a computed bool attribute of a data source.
func ComputedBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
}

// ComputedInt64 is a computed number attribute of a data source.
func ComputedInt64(description string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: description, Computed: true}
}

// ComputedStringList is a computed list of strings of a data source, such
// as the IDs of what it lists.
func ComputedStringList(description string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
}

// ComputedList is a computed list of objects of a data source, such as
// the objects it lists, each with attrs.
func ComputedList(description string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
	}
}

// RequiredString is a required string argument of a data source.
func RequiredString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Required: true, Validators: nonEmpty()}
}

// OptionalString is an optional string argument of a data source, such as
// a filter.
func OptionalString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: nonEmpty()}
}

// LookupString is an optional string argument that the data source sets
// when it is left out: one of the keys it may find its object by.
func LookupString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Optional: true, Computed: true, Validators: nonEmpty()}
}

// InstanceIDAttribute is the required `instance_id` of the data sources
// that read an IDaaS instance.
func InstanceIDAttribute() schema.StringAttribute {
	return RequiredString("The ID of the IDaaS instance.")
}

func nonEmpty() []validator.String { return []validator.String{stringvalidator.LengthAtLeast(1)} }
