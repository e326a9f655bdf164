# An application account can be imported by its ID:
# <instance_id>/<application_id>/<application_account_id>
terraform import idaas_application_account.ops_admin idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/aac_m6z7awz5kresi2ezgajsbkxxxx

# or by its user and name, when the user has one account of that name:
# <instance_id>/<application_id>/<user_id>/<account_name>
terraform import idaas_application_account.ops_admin idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/user_d6sbsuumeta4h66ec3il7yxxxx/sso-admin
