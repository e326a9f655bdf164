data "idaas_instance" "this" {}

# Every role-based SSO object of the instance and of the provider's account.
data "idaas_role_sso_inventory" "this" {
  instance_id = data.idaas_instance.this.id
}

# Write these blocks to imports.tf, then run `terraform plan
# -generate-config-out=generated.tf`.
output "import_blocks" {
  value = data.idaas_role_sso_inventory.this.import_blocks
}
