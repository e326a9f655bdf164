data "idaas_instance" "this" {}

data "idaas_users" "ops" {
  instance_id     = data.idaas_instance.this.id
  username_prefix = "ops."
}

# Only the ops users, and the members of one group, may use the application.
# The sets are exclusive: a grant made in the console shows in the next plan
# and is revoked.
resource "idaas_application_authorization" "console" {
  instance_id    = idaas_role_sso_application.console.instance_id
  application_id = idaas_role_sso_application.console.id
  user_ids       = data.idaas_users.ops.ids
  group_ids      = ["group_kxh4pgvm3qbyjzdbxuyg7axxxx"]
}
