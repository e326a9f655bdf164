# A SAML provider can be imported by its name:
terraform import idaas_ram_saml_provider.idaas idaas

# or by its ARN, which must be of the account the provider works in:
terraform import idaas_ram_saml_provider.idaas acs:ram::1234567890123456:saml-provider/idaas
