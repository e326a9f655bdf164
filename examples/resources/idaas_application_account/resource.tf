data "idaas_instance" "this" {}

# The user, as a directory sync brought them into IDaaS.
data "idaas_user" "ops" {
  instance_id = data.idaas_instance.this.id
  username    = "ops.lead"
}

# The user may sign in to the Alibaba Cloud console as the RAM role
# "sso-admin". The account links the application and the role: the account
# name defaults to the role's name (it must equal it for sign-in to work),
# the instance and application IDs come from the application, and plans
# check, before anything is written, that the role trusts the application's
# SAML provider and is in the application's account and site.
resource "idaas_application_account" "ops_admin" {
  application = idaas_role_sso_application.console
  role        = idaas_ram_role.admin
  user_id     = data.idaas_user.ops.id
}

# A second account gives the same user a second role to pick at sign-in.
resource "idaas_application_account" "ops_readonly" {
  application = idaas_role_sso_application.console
  role        = idaas_ram_role.readonly
  user_id     = data.idaas_user.ops.id
}

# A role managed by another configuration links through its data source.
data "idaas_ram_role" "auditor" {
  name = "sso-auditor"
}

resource "idaas_application_account" "ops_auditor" {
  application = idaas_role_sso_application.console
  role        = data.idaas_ram_role.auditor
  user_id     = data.idaas_user.ops.id
}

# Without links, give the IDs and the name; plans then look the role up in
# RAM and warn when it does not exist.
resource "idaas_application_account" "ops_billing" {
  instance_id    = data.idaas_instance.this.id
  application_id = idaas_role_sso_application.console.id
  user_id        = data.idaas_user.ops.id
  account_name   = "sso-billing"
}
