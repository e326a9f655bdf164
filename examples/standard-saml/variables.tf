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

variable "emulator_url" {
  description = "The URL of a local Alibaba Cloud API emulator, such as http://127.0.0.1:8787 (`make demo` sets it). Leave it null to use Alibaba Cloud."
  type        = string
  default     = null
}
