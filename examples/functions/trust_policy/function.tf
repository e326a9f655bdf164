# The trust policy that lets users of the IdP "idaas" assume a role through
# the international site's sign-in, for a role managed outside this provider.
resource "alicloud_ram_role" "admin" {
  role_name                   = "sso-admin"
  assume_role_policy_document = provider::idaas::trust_policy("1234567890123456", ["idaas"], "international")
}

# The document (formatted here; the function returns it compact):
# {
#   "Version": "1",
#   "Statement": [{
#     "Effect": "Allow",
#     "Principal": {"Federated": ["acs:ram::1234567890123456:saml-provider/idaas"]},
#     "Action": "sts:AssumeRole",
#     "Condition": {"StringEquals": {"saml:recipient": ["https://signin.alibabacloud.com/saml-role/sso"]}}
#   }]
# }
