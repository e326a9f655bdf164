# Per application account: the user, the role, the SAML Role attribute value
# IDaaS sends for it (here the account name itself, which RAM matches against
# the role and the SAML provider), and where the user signs in. `make demo` signs each user in from this output.
output "accounts" {
  description = "The application accounts, keyed \"user/role\"."
  value = {
    for key, account in idaas_application_account.this : key => {
      username       = local.accounts[key].username
      role_name      = idaas_ram_role.this[local.accounts[key].role].name
      role_attribute = account.account_name
      sign_in_url    = idaas_role_sso_application.this.idp_sso_url
    }
  }
}

output "sign_in_url" {
  description = "The IdP-initiated sign-in URL of the application: where the IDaaS portal sends users to pick a role."
  value       = idaas_role_sso_application.this.idp_sso_url
}

output "saml_provider_arn" {
  description = "The ARN of the RAM SAML provider the roles trust."
  value       = idaas_ram_saml_provider.idaas.arn
}

output "role_arns" {
  description = "The ARNs of the roles, by key."
  value       = { for key, role in idaas_ram_role.this : key => role.arn }
}
