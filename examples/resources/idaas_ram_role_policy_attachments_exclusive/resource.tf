# The auditors' role has exactly these policies: any other policy attached
# to it, also in the console, is detached by the next apply.
resource "idaas_ram_role_policy_attachments_exclusive" "auditor" {
  role_name = idaas_ram_role.auditor.name
  policies = [
    { policy_type = "System", policy_name = "ReadOnlyAccess" },
    { policy_type = "System", policy_name = "AliyunActionTrailFullAccess" },
  ]
}
