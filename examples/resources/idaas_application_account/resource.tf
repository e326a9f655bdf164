data "idaas_instance" "this" {}

# The user, as a directory sync brought them into IDaaS.
data "idaas_user" "ops" {
  instance_id = data.idaas_instance.this.id
  username    = "ops.lead"
}

# The user may sign in to the Alibaba Cloud console as the RAM role
# "sso-admin". The account name must equal the role name, so take it from
# the role: a configuration wired by reference cannot get it wrong.
resource "idaas_application_account" "ops_admin" {
  instance_id    = idaas_role_sso_application.console.instance_id
  application_id = idaas_role_sso_application.console.id
  user_id        = data.idaas_user.ops.id
  account_name   = idaas_ram_role.admin.name
}

# A second account gives the same user a second role to pick at sign-in.
resource "idaas_application_account" "ops_readonly" {
  instance_id    = idaas_role_sso_application.console.instance_id
  application_id = idaas_role_sso_application.console.id
  user_id        = data.idaas_user.ops.id
  account_name   = "sso-readonly"
}
