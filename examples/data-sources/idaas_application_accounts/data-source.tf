# Who may sign in to the application as which RAM role.
data "idaas_application_accounts" "console" {
  instance_id    = idaas_role_sso_application.console.instance_id
  application_id = idaas_role_sso_application.console.id
}

output "roles_by_user" {
  value = {
    for account in data.idaas_application_accounts.console.accounts :
    account.user_id => account.account_name...
  }
}
