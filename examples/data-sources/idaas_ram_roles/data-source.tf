# Every SSO role that users of the IDaaS application can sign in to.
data "idaas_ram_roles" "sso" {
  name_regex           = "^sso-"
  trusts_saml_provider = "idaas"
}

output "sso_role_names" {
  value = data.idaas_ram_roles.sso.names
}

output "sso_roles_max_session" {
  value = { for r in data.idaas_ram_roles.sso.roles : r.name => r.max_session_duration }
}
