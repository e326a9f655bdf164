import {
  to = idaas_role_sso_application.console
  id = "idaas_ue2jvisn35ea5lmthk267xxxxx/app_mkv7rgt4d7i4u7zqtzev2mxxxx"
}
