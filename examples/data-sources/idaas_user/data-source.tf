data "idaas_instance" "this" {}

# By exact username (with its case); a username that matches no user is an
# error that lists close ones.
data "idaas_user" "alice" {
  instance_id = data.idaas_instance.this.id
  username    = "alice"
}

# Or by ID.
data "idaas_user" "bob" {
  instance_id = data.idaas_instance.this.id
  user_id     = "user_d6sbsuumeta4h66ec3il7yxxxx"
}

output "alice" {
  value = {
    id           = data.idaas_user.alice.id
    display_name = data.idaas_user.alice.display_name
    email        = data.idaas_user.alice.email
  }
}
