# A role can be imported by its name:
terraform import idaas_ram_role.admin sso-admin

# or by its ARN, which must be of the account the provider works in:
terraform import idaas_ram_role.admin acs:ram::1234567890123456:role/sso-admin
