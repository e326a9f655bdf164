# The authorization of an application is imported by
# <instance_id>/<application_id>:
terraform import idaas_application_authorization.console idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx
