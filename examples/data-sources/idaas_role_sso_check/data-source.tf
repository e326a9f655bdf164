# Check the whole chain on every plan and apply, e.g. in CI: a failed check
# is reported as a warning with the findings, and does not stop the run.
check "role_sso" {
  data "idaas_role_sso_check" "console" {
    instance_id    = idaas_role_sso_application.console.instance_id
    application_id = idaas_role_sso_application.console.id
    # IDaaS cannot read the IdP name back, so the check is told it.
    idp_name = idaas_role_sso_application.console.idp_name
    # account_id and site default to the provider's.
    cert_expiry_warning_days = 30
  }

  assert {
    condition = data.idaas_role_sso_check.console.ok
    error_message = join("\n", [
      for f in data.idaas_role_sso_check.console.findings : "${f.severity}: ${f.object}: ${f.problem} ${f.fix}"
    ])
  }

  # Warnings, such as a certificate expiring soon, fail this one.
  assert {
    condition = length(data.idaas_role_sso_check.console.findings) == 0
    error_message = join("\n", [
      for f in data.idaas_role_sso_check.console.findings : "${f.severity}: ${f.object}: ${f.problem} ${f.fix}"
    ])
  }
}
