data "idaas_instance" "this" {}

# A role-based SSO application set up in the IDaaS console.
data "idaas_role_sso_application" "console" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud console"
}

# Feed RAM the application's current IdP metadata. The IdP name cannot be
# read from IDaaS: write the one the console shows.
resource "idaas_ram_saml_provider" "idaas" {
  name     = "idaas"
  metadata = data.idaas_role_sso_application.console.idp_metadata
}

output "certificate_expires" {
  value = data.idaas_role_sso_application.console.signing_certificate_not_after
}
