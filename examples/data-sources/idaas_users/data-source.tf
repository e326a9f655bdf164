data "idaas_instance" "this" {}

# Every user whose username starts with "ops.".
data "idaas_users" "ops" {
  instance_id     = data.idaas_instance.this.id
  username_prefix = "ops."
}

output "ops_usernames" {
  value = data.idaas_users.ops.users[*].username
}
