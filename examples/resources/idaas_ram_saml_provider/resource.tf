# The SAML provider of an IDaaS role-based SSO application: its name is the
# application's IdP name and its metadata the application's IdP metadata,
# both taken from the application, so sign-in works by construction. After a
# certificate rotation in IDaaS, the next plan shows the new metadata.
resource "idaas_ram_saml_provider" "idaas" {
  application = idaas_role_sso_application.console
  description = "IDaaS role-based SSO"

  # Plans warn 45 days before the newest signing certificate expires.
  cert_expiry_warning_days = 45
}

# Without the application in this configuration, give the name and the
# metadata, downloaded to a file (XML or Base64; not a URL). The name must
# equal the IdP name of the IDaaS application, or sign-in fails. Linking the
# application by ID makes plans compare the metadata with the application's
# current one, so that a rotated certificate not uploaded here fails the plan.
resource "idaas_ram_saml_provider" "partner" {
  name     = "idaas-partner"
  metadata = file("${path.module}/idp-metadata.xml")
  application = {
    instance_id = "idaas_ue2jvisn35ea5lmthk267xxxxx"
    id          = "app_mkv7rgt4d7i4u7zqtzev2mxxxx"
  }
}

# The SAML provider's ARN, as raw trust policies name it.
output "saml_provider_arn" {
  value = idaas_ram_saml_provider.idaas.arn
}

# The certificate RAM checks assertions with; after a rotation the plan
# already shows the new fingerprint.
output "signing_certificate_sha256" {
  value = idaas_ram_saml_provider.idaas.certificates[0].sha256_fingerprint
}
