import {
  to = idaas_ram_role.admin
  id = "sso-admin"
}
