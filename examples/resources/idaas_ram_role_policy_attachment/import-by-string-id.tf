import {
  to = idaas_ram_role_policy_attachment.admin
  id = "sso-admin:System:AdministratorAccess"
}
