# The service provider of the provider's site.
data "idaas_ram_service_provider" "this" {}

# The China site's, for an account signed in at aliyun.com.
data "idaas_ram_service_provider" "china" {
  site = "china"
}

# What an IdP other than IDaaS needs to trust Alibaba Cloud.
output "sp" {
  value = {
    entity_id    = data.idaas_ram_service_provider.this.sp_entity_id
    acs_url      = data.idaas_ram_service_provider.this.acs_url
    metadata_url = data.idaas_ram_service_provider.this.sp_metadata_url
  }
}
