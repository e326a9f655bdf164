#!/usr/bin/env bash
# Generates docs/ with tfplugindocs, offline (run through `make docs`, which builds the tools).
#
# tfplugindocs would otherwise fetch a Terraform CLI to export the provider schema, so the schema is
# exported here with the OpenTofu CLI from .tools and handed over with --providers-schema.
# tfplugindocs looks the schema up as registry.terraform.io/hashicorp/<name>, so the throwaway
# configuration below uses that address; the real address, idaas-rolesso/idaas, does not matter
# to the schema.
set -euo pipefail

: "${TOFU:?set TOFU to the OpenTofu CLI (make docs does)}"
: "${TFPLUGINDOCS:?set TFPLUGINDOCS to the tfplugindocs binary (make docs does)}"

cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/plugins/terraform-provider-idaas" .

# A development override runs the provider binary in place, with no init and no installation.
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/hashicorp/idaas" = "$work/plugins"
  }
  direct {}
}
EOF

mkdir "$work/config"
cat >"$work/config/main.tf" <<'EOF'
terraform {
  required_providers {
    idaas = {
      source = "registry.terraform.io/hashicorp/idaas"
    }
  }
}
EOF

(cd "$work/config" && TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$TOFU" providers schema -json) >"$work/schema.json"

"$TFPLUGINDOCS" generate \
  --provider-name idaas \
  --providers-schema "$work/schema.json" \
  --examples-dir examples \
  --website-source-dir templates \
  --rendered-website-dir docs
