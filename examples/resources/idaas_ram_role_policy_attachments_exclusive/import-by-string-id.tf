import {
  to = idaas_ram_role_policy_attachments_exclusive.auditor
  id = "sso-auditor"
}
