# A role set up outside this configuration.
data "idaas_ram_role" "admin" {
  name = "sso-admin"
}

# Which SAML providers the role trusts, at which site, and what it may do.
output "admin_role" {
  value = {
    saml_provider_names = data.idaas_ram_role.admin.saml_provider_names
    site                = data.idaas_ram_role.admin.site
    policies            = [for p in data.idaas_ram_role.admin.attached_policies : "${p.policy_type}:${p.policy_name}"]
  }
}
