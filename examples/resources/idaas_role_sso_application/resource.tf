variable "role_sso_template_id" {
  description = "The ID of the marketplace template \"Alibaba Cloud Role-based SSO\" of your site."
  type        = string
}

variable "role_sso_template_idp_name_param" {
  description = "The name of that template's IdP-name form parameter."
  type        = string
}

# The IDaaS instance of the provider's region (the only one there is).
data "idaas_instance" "this" {}

# The "Alibaba Cloud Role-based SSO" application. Its IdP name must equal the
# name of the RAM SAML provider, so the SAML provider takes it from here.
resource "idaas_role_sso_application" "console" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud console"
  description = "Sign in to Alibaba Cloud with a RAM role"
  idp_name    = "idaas"

  # The site's marketplace template and its IdP-name form parameter. No public
  # source gives them; the argument reference says how to find yours.
  template_id             = var.role_sso_template_id
  template_idp_name_param = var.role_sso_template_idp_name_param

  # Defaults: the provider's site and the account of its credentials.
  # site       = "international"
  # account_id = "1234567890123456"

  # Only users and groups authorized with idaas_application_authorization.
  authorize_all_users = false

  # Console sessions of two hours (the role's maximum session duration caps it).
  session_duration = 7200

  # RoleSessionName, shown in ActionTrail: the user's email address.
  role_session_name_expression = "user.email"
}

# RAM trusts the application's IdP: same name, the application's metadata.
resource "idaas_ram_saml_provider" "idaas" {
  name     = idaas_role_sso_application.console.idp_name
  metadata = idaas_role_sso_application.console.idp_metadata
}

output "idp" {
  value = {
    saml_provider_arn   = idaas_role_sso_application.console.saml_provider_arn
    sign_in_url         = idaas_role_sso_application.console.idp_sso_url
    certificate_expires = idaas_role_sso_application.console.signing_certificate_not_after
  }
}
