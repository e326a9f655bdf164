# Credentials come from the environment, as for the Alibaba Cloud CLI:
#   export ALIBABA_CLOUD_ACCESS_KEY_ID="..."
#   export ALIBABA_CLOUD_ACCESS_KEY_SECRET="..."
provider "idaas" {
  # The site of the Alibaba Cloud account: "international" (alibabacloud.com, the default)
  # or "china" (aliyun.com).
  site = "international"

  # The region of the IDaaS instance.
  region = "ap-southeast-1"

  # Other API endpoints, for example a local emulator in tests. A bare host means https://.
  # endpoints = {
  #   ram  = "http://127.0.0.1:18080"
  #   ims  = "http://127.0.0.1:18080"
  #   sts  = "http://127.0.0.1:18080"
  #   eiam = "http://127.0.0.1:18080"
  # }
}
