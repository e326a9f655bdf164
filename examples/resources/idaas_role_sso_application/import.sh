# An application is imported by its instance ID and application ID. IDaaS
# cannot read the account ID and IdP name back, so the first apply after the
# import sets them from the configuration.
terraform import idaas_role_sso_application.console idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx
