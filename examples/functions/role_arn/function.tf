# The ARN of a RAM role, e.g. for a policy or an output. A name RAM would
# refuse (such as one with "_") fails at plan, offline.
output "admin_role_arn" {
  value = provider::idaas::role_arn("1234567890123456", "sso-admin")
  # "acs:ram::1234567890123456:role/sso-admin"
}
