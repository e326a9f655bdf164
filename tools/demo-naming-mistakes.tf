# The two naming mistakes that break role-based SSO silently in the consoles, made on purpose. The
# demo (tools/demo.sh) and TestAccExampleComplete add this file to a copy of examples/complete and
# expect `plan` to refuse both, before anything is written.

# An application account whose name is not its role's name (a typo: "sso-admins").
resource "idaas_application_account" "naming_mistake" {
  application  = idaas_role_sso_application.this
  role         = idaas_ram_role.this["admin"]
  user_id      = data.idaas_user.this["bob"].id
  account_name = "sso-admins"
}

# A SAML provider whose name is not the application's IdP name.
resource "idaas_ram_saml_provider" "naming_mistake" {
  application = idaas_role_sso_application.this
  name        = "idaas-sso"
}
