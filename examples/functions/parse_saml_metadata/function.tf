locals {
  # Metadata as XML or Base64, e.g. an application's idp_metadata, a file or
  # the metadata of an existing RAM SAML provider.
  idp = provider::idaas::parse_saml_metadata(file("idp-metadata.xml"))
}

output "idp_entity_id" {
  value = local.idp.entity_id
}

# Warn at every plan and apply when every signing certificate of the IdP
# expires within 30 days.
check "idp_certificate" {
  assert {
    condition = anytrue([
      for c in local.idp.certificates : timecmp(c.not_after, timeadd(plantimestamp(), "720h")) > 0
    ])
    error_message = "Every signing certificate of the IdP expires within 30 days: ${join(", ", [for c in local.idp.certificates : "${c.sha256_fingerprint} (${c.not_after})"])}."
  }
}
