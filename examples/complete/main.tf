# Role-based SSO from IDaaS to Alibaba Cloud RAM, end to end: the five steps of
# the console procedure as one configuration. `make demo` applies it to the local
# emulator; README.md says how to apply it to a real account.
#
# Provider functions need OpenTofu 1.7 or Terraform 1.8 or later.

terraform {
  required_providers {
    idaas = {
      source = "idaas-rolesso/idaas"
    }
  }
}

# Credentials come from the environment, as for the Alibaba Cloud CLI:
#   export ALIBABA_CLOUD_ACCESS_KEY_ID=...
#   export ALIBABA_CLOUD_ACCESS_KEY_SECRET=...
# `make demo` sets them to the emulator's documented default key.
provider "idaas" {
  site   = var.site
  region = var.region

  # With emulator_url set, every API call goes to the emulator. Left null, the
  # provider calls Alibaba Cloud's public endpoints.
  endpoints = var.emulator_url == null ? null : {
    ram  = var.emulator_url
    ims  = var.emulator_url
    sts  = var.emulator_url
    eiam = var.emulator_url
  }
}

locals {
  # The RAM roles people sign in as (step 4), each with one system policy.
  roles = {
    admin = {
      name        = "sso-admin"
      description = "Administrators, signed in through IDaaS."
      policy      = "AdministratorAccess"
    }
    read-only = {
      name        = "sso-read-only"
      description = "Read-only access, signed in through IDaaS."
      policy      = "ReadOnlyAccess"
    }
    billing = {
      name        = "sso-billing"
      description = "Billing and cost management, signed in through IDaaS."
      policy      = "AliyunBSSFullAccess"
    }
  }

  # Who may sign in as which role: IDaaS username => keys of local.roles. A user
  # with several roles picks one at sign-in.
  assignments = {
    alice = ["admin", "read-only", "billing"]
    bob   = ["read-only"]
    carol = ["billing", "read-only"]
    dave  = ["admin", "read-only"]
    erin  = ["read-only"]
  }

  # One application account per (user, role), keyed "user/role".
  accounts = merge([
    for username, roles in local.assignments : {
      for role in roles : "${username}/${role}" => { username = username, role = role }
    }
  ]...)
}

# The IDaaS instance is bought in the console, so it is looked up, not created.
# Without an ID this is the only instance in the region.
data "idaas_instance" "this" {}

# Steps 1 and 2: the "Alibaba Cloud Role-based SSO" application, its SSO
# configuration and who may use it (every user of the instance, by default).
resource "idaas_role_sso_application" "this" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud"
  description = "Sign in to Alibaba Cloud with a RAM role."
  site        = var.site

  # The IdP name must equal the RAM SAML provider's name, or sign-in fails. The
  # provider checks it at plan; here the SAML provider takes its name from it.
  idp_name = var.idp_name

  # The marketplace template and the name of its IdP-name form parameter: no
  # public source gives them, so they come from you (see the variables).
  template_id             = var.template_id
  template_idp_name_param = var.template_idp_name_param
}

# Step 3: the RAM SAML provider. Linked to the application, it takes its name
# from the application's IdP name and its metadata from the application's
# `idp_metadata`, so it is named and loaded as sign-in needs.
resource "idaas_ram_saml_provider" "idaas" {
  application = idaas_role_sso_application.this
  description = "IDaaS role-based SSO (${idaas_role_sso_application.this.name})"
}

# Step 4: the roles, trusting that SAML provider, and their policies.
resource "idaas_ram_role" "this" {
  for_each = local.roles

  name                = each.value.name
  description         = each.value.description
  saml_provider_names = [idaas_ram_saml_provider.idaas.name]

  # Plans check that the role trusts the application's IdP name, in the
  # application's account and site.
  applications = [idaas_role_sso_application.this]
}

resource "idaas_ram_role_policy_attachment" "this" {
  for_each = local.roles

  role_name   = idaas_ram_role.this[each.key].name
  policy_type = "System"
  policy_name = each.value.policy
}

# The users arrive in IDaaS by directory sync (the emulator loads them from
# users.json), so they are looked up by username.
data "idaas_user" "this" {
  for_each = local.assignments

  instance_id = data.idaas_instance.this.id
  username    = each.key
}

# Step 2, continued: one application account per role a user may pick. The
# account name must equal the RAM role name, or sign-in fails. Linked to the
# application and the role, the account takes its instance, application and
# name from them, and plans check that the role trusts the application.
resource "idaas_application_account" "this" {
  for_each = local.accounts

  application = idaas_role_sso_application.this
  role        = idaas_ram_role.this[each.value.role]
  user_id     = data.idaas_user.this[each.value.username].id

  # Sign-in needs the role's permissions in place too.
  depends_on = [idaas_ram_role_policy_attachment.this]
}
