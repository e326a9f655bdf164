# A SAML provider set up outside this configuration.
data "idaas_ram_saml_provider" "idaas" {
  name = "idaas"
}

# Which signing certificate RAM trusts, and until when.
output "trusted_certificate" {
  value = {
    sha256_fingerprint = data.idaas_ram_saml_provider.idaas.certificates[0].sha256_fingerprint
    not_after          = data.idaas_ram_saml_provider.idaas.certificates[0].not_after
  }
}
