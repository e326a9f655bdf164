# The only IDaaS instance of the provider's region. With several instances,
# name one with `id`.
data "idaas_instance" "this" {}

output "instance" {
  value = {
    id     = data.idaas_instance.this.id
    portal = data.idaas_instance.this.default_endpoint
  }
}
