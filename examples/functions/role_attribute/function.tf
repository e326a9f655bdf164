# What IDaaS sends for each application account: the SAML Role attribute
# value that signs the user in to the role of the account's name.
output "role_attribute" {
  value = provider::idaas::role_attribute("1234567890123456", "sso-admin", "idaas")
  # "acs:ram::1234567890123456:role/sso-admin,acs:ram::1234567890123456:saml-provider/idaas"
}

# The values of every account of an application, to configure another IdP
# the same way or to compare with a captured assertion.
output "role_attributes" {
  value = [
    for account in idaas_application_account.all :
    provider::idaas::role_attribute(idaas_role_sso_application.console.account_id, account.account_name, idaas_role_sso_application.console.idp_name)
  ]
}
