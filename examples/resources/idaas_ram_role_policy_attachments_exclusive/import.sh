# The ID is the role name.
terraform import idaas_ram_role_policy_attachments_exclusive.auditor sso-auditor
