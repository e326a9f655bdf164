variable "site" {
  description = "The Alibaba Cloud site users sign in to: \"international\" (alibabacloud.com) or \"china\" (aliyun.com)."
  type        = string
  default     = "international"
}

variable "region" {
  description = "The region of the IDaaS instance."
  type        = string
  default     = "ap-southeast-1"
}

variable "idp_name" {
  description = "The IdP name of the IDaaS application, which is also the name of the RAM SAML provider."
  type        = string
  default     = "idaas"
}

variable "template_id" {
  description = "The ID of the IDaaS marketplace template \"Alibaba Cloud Role-based SSO\" of the site. No public source gives it: add the application once in the IDaaS console and read its template_id with the idaas_role_sso_application data source (`make demo` passes the emulator's)."
  type        = string
}

variable "template_idp_name_param" {
  description = "The name of the template's SSO form parameter that holds the IdP name. No public source gives it: see the template_idp_name_param argument of idaas_role_sso_application for how to find it (`make demo` passes the emulator's)."
  type        = string
}

variable "emulator_url" {
  description = "The URL of a local Alibaba Cloud API emulator, such as http://127.0.0.1:8787 (`make demo` sets it). Leave it null to use Alibaba Cloud."
  type        = string
  default     = null
}
