# The ID is <role_name>:<policy_type>:<policy_name>.
terraform import idaas_ram_role_policy_attachment.admin sso-admin:System:AdministratorAccess
