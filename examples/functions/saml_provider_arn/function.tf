# The ARN of the RAM SAML provider named as the application's IdP.
output "saml_provider_arn" {
  value = provider::idaas::saml_provider_arn("1234567890123456", "idaas")
  # "acs:ram::1234567890123456:saml-provider/idaas"
}
