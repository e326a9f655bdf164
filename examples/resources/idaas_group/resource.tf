data "idaas_instance" "this" {}

data "idaas_user" "alice" {
  instance_id = data.idaas_instance.this.id
  username    = "alice"
}

# A group that maps to a RAM role: its external ID defaults to the role's name,
# and plans refuse an external ID that differs. The members are exclusive: a
# member added in the console shows in the next plan and is removed.
resource "idaas_group" "admins" {
  instance_id = data.idaas_instance.this.id
  name        = "admins"
  description = "Console administrators"
  role        = idaas_ram_role.admin
  user_ids    = [data.idaas_user.alice.id]
}
