import {
  to = idaas_application_account.ops_admin
  id = "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx/user_d6sbsuumeta4h66ec3il7yxxxx/sso-admin"
}
