import {
  to = idaas_ram_saml_provider.idaas
  id = "idaas"
}
