// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package check

// Exports for the tests of package check_test.
type (
	Finding    = finding
	CheckInput = checkInput
	Chain      = chain
	// InventoryObject is an object of the inventory before it is named.
	InventoryObject = inventoryObject
)

// NewInventoryObject makes an InventoryObject.
func NewInventoryObject(resourceType, label, importID string) InventoryObject {
	return inventoryObject{resourceType, label, importID}
}

// NameInventory is nameInventory with plain results: "type.name=id" per
// object, and the import blocks.
func NameInventory(found []InventoryObject) ([]string, string) {
	objects, blocks := nameInventory(found)
	out := make([]string, len(objects))
	for i, o := range objects {
		out[i] = o.Type.ValueString() + "." + o.Name.ValueString() + "=" + o.ImportID.ValueString()
	}
	return out, blocks.ValueString()
}

var (
	Findings = findings
	OK       = ok
)
