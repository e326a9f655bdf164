# Role-based SSO from IDaaS to Alibaba Cloud RAM on the documented path: a
# standard SAML 2.0 application instead of the marketplace template, so that no
# template ID or form-parameter name is needed. `make test` applies it to the
# local emulator and signs every user in (TestAccExampleStandardSAML).

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

# Steps 1 and 2: a standard SAML 2.0 application signing in to the site's RAM
# service provider, and who may use it (every user of the instance, by default).
# Its Role attribute statement is appUser.username: each application account's
# name is the whole Role value, "<role ARN>,<SAML provider ARN>".
resource "idaas_role_sso_application" "this" {
  instance_id = data.idaas_instance.this.id
  name        = "Alibaba Cloud (SAML)"
  description = "Sign in to Alibaba Cloud with a RAM role."
  site        = var.site
  sso_form    = "standard_saml"

  # The IdP name must equal the RAM SAML provider's name, or sign-in fails. The
  # provider checks it at plan; here the SAML provider takes its name from it.
  idp_name = var.idp_name

  # Sent besides the Role, RoleSessionName and SessionDuration attributes.
  extra_attribute_statements = [
    { name = "email", value_expression = "user.email" },
  ]
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

# Everyone who may sign in, as an IDaaS group: the group's members are exactly
# these users (a member added in the console shows in the next plan).
resource "idaas_group" "sso_users" {
  instance_id = data.idaas_instance.this.id
  name        = "alibaba-cloud-sso"
  description = "Users who sign in to Alibaba Cloud through IDaaS."
  user_ids    = [for user in data.idaas_user.this : user.id]
}

# Step 2, continued: one application account per role a user may pick. In a
# standard SAML application the account name is the Role value naming the role
# and the SAML provider, or sign-in fails. Linked to the application and the
# role, the account takes its instance, application and name from them, and
# plans check that the role trusts the application.
resource "idaas_application_account" "this" {
  for_each = local.accounts

  application = idaas_role_sso_application.this
  role        = idaas_ram_role.this[each.value.role]
  user_id     = data.idaas_user.this[each.value.username].id

  # Sign-in needs the role's permissions in place too.
  depends_on = [idaas_ram_role_policy_attachment.this]
}
