# Full access for the administrators' role.
resource "idaas_ram_role_policy_attachment" "admin" {
  role_name   = idaas_ram_role.admin.name
  policy_type = "System"
  policy_name = "AdministratorAccess"
}

# A policy created in the account.
resource "idaas_ram_role_policy_attachment" "admin_ecs_read" {
  role_name   = idaas_ram_role.admin.name
  policy_type = "Custom"
  policy_name = "ecs-read"
}
