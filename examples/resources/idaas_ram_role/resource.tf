# A role that users of the IDaaS application sign in to. Its name is the
# name every IDaaS application account for this role must have.
resource "idaas_ram_role" "admin" {
  name                 = "sso-admin"
  description          = "Administrators signing in from IDaaS"
  max_session_duration = 14400

  # Trust the SAML provider by reference, so that Terraform creates it first.
  # The provider builds the documented trust policy, with the saml:recipient
  # of the provider's site (set `site` to override it).
  saml_provider_names = [idaas_ram_saml_provider.idaas.name]

  # The applications whose users sign in to the role. Optional: plans then
  # check that the role trusts each one's SAML provider and is in its account
  # and site.
  applications = [idaas_role_sso_application.console]
}

# A role whose trust policy is written as JSON. Formatting, key order and a
# string versus a one-element array never show as a change.
resource "idaas_ram_role" "auditor" {
  name = "sso-auditor"
  assume_role_policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Federated = [idaas_ram_saml_provider.idaas.arn] }
      Condition = { StringEquals = { "saml:recipient" = "https://signin.alibabacloud.com/saml-role/sso" } }
    }]
  })

  # Destroying the role detaches its policies first.
  force_detach_policies = true
}

output "admin_role" {
  value = {
    arn                 = idaas_ram_role.admin.arn
    account_id          = idaas_ram_role.admin.account_id
    saml_provider_names = idaas_ram_role.admin.saml_provider_names
  }
}
