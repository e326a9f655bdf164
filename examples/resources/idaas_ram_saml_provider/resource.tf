# The SAML IdP metadata of the IDaaS role-based SSO application, downloaded to a
# file. XML or Base64 both work; a URL does not: pass the document itself.
resource "idaas_ram_saml_provider" "idaas" {
  # Must equal the IdP name of the IDaaS application, or sign-in fails.
  name        = "idaas"
  description = "IDaaS role-based SSO"
  metadata    = file("${path.module}/idp-metadata.xml")

  # Plans warn 45 days before the newest signing certificate expires.
  cert_expiry_warning_days = 45
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
