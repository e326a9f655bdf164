#!/usr/bin/env bash
# The demo (`make demo`, which builds OpenTofu first and sets TOFU): applies examples/complete to a
# local emulator of the Alibaba Cloud APIs, checks that a second plan is empty, signs in as each
# user through the emulated IDaaS sign-in, destroys everything and stops the emulator. No cloud
# account is needed. Scratch files and logs go to .tmp/demo (git-ignored).
set -euo pipefail

: "${TOFU:?set TOFU to the OpenTofu CLI (make demo does)}"

cd "$(dirname "$0")/.."
root=$PWD
work=$root/.tmp/demo
example=$root/examples/complete
steps=9
started=$SECONDS
emulator_pid=
current_step=

step() {
	current_step="$1/$steps $2"
	printf '\n==> %s\n' "$current_step"
}

# note prints an indented line of explanation under a step.
note() { printf '    %s\n' "$@"; }

# run_logged runs a command with its output in a log file; on failure it shows the log's end.
run_logged() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		printf '\n    %s failed. The end of %s:\n\n' "$1" "${log#"$root"/}"
		tail -n 40 "$log" | sed 's/^/    | /'
		return 1
	fi
}

finish() {
	local status=$?
	if [[ -n $emulator_pid ]] && kill -0 "$emulator_pid" 2>/dev/null; then
		kill -TERM "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
	fi
	if ((status != 0)); then
		printf '\nThe demo failed at step %s. Logs: %s/\n' "$current_step" "${work#"$root"/}" >&2
	fi
}
trap finish EXIT

# Only the demo's settings reach OpenTofu and the provider: no credentials, profiles or endpoints
# from the caller's environment.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(ALIBABA_CLOUD_|ALICLOUD_|IDAAS_|TF_VAR_)' || true)

rm -rf "$work"
mkdir -p "$work/bin" "$work/plugins" "$work/config"

step 1 "Building the provider, the emulator and the sign-in tool"
# Two builds: the provider, then the emulator module with its sign-in tool.
run_logged "$work/build.log" go build -o "$work/bin/" .
run_logged "$work/build.log" go build -C emulator -o "$work/bin/" ./cmd/alibabacloud-emulator ./cmd/idaas-signin
mv "$work/bin/terraform-provider-idaas" "$work/plugins/"
note "OpenTofu: ${TOFU#"$root"/}; the rest: ${work#"$root"/}/bin and ${work#"$root"/}/plugins"

step 2 "Starting the Alibaba Cloud emulator (RAM, IMS, STS and IDaaS on one local port)"
"$work/bin/alibabacloud-emulator" -listen 127.0.0.1:0 -load "$example/users.json" \
	>"$work/emulator.out" 2>"$work/emulator.log" &
emulator_pid=$!
url=
for _ in $(seq 100); do
	url=$(sed -n 's/^listening on //p' "$work/emulator.out")
	[[ -n $url ]] && break
	if ! kill -0 "$emulator_pid" 2>/dev/null; then
		note "The emulator stopped:" && sed 's/^/    | /' "$work/emulator.log"
		exit 1
	fi
	sleep 0.1
done
if [[ -z $url ]]; then
	note "The emulator did not print its address within 10 seconds."
	exit 1
fi
note "Listening on $url, account 1234567890123456, one IDaaS instance."
note "Five IDaaS users loaded from examples/complete/users.json, as a directory sync brings them:"
note "$(sed -n 's/.*"Username": "\([^"]*\)".*/\1/p' "$example/users.json" | paste -sd ' ')"

# The provider is the one just built: a development override runs it in place, so `init` has
# nothing to install (the configuration uses no other provider) and is not run. The address is
# written as in the configuration, so that either CLI resolves both to its own default registry.
cat >"$work/cli.tfrc" <<EOF
disable_checkpoint = true
provider_installation {
  dev_overrides {
    "idaas-rolesso/idaas" = "$work/plugins"
  }
  direct {}
}
EOF
cp "$example"/*.tf "$work/config/"
export TF_CLI_CONFIG_FILE=$work/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TF_VAR_emulator_url=$url
# The emulator's stand-ins for the template and its IdP-name parameter, which no
# public source gives (emulator.RoleSSOTemplateIDInternational and
# emulator.RoleSSOIdPNameParam; internal/demo checks that they agree).
export TF_VAR_template_id=apt_ramintlrole_emulator TF_VAR_template_idp_name_param=emulatorIdpName
# The emulator's documented default key; it opens nothing but the emulator.
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorDefaultKey
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=EmulatorDefaultSecret0123456789ab
tofu() { "$TOFU" -chdir="$work/config" "$@"; }

step 3 "Planning examples/complete: the five steps of the console procedure"
run_logged "$work/plan.log" tofu plan -input=false -no-color -compact-warnings -out=demo.tfplan
sed -n 's/^  # \(.*\) will be created$/\1/p' "$work/plan.log" | sed 's/^/    + /'
note "$(grep -E '^Plan: ' "$work/plan.log")"

step 4 "Applying the plan"
run_logged "$work/apply.log" tofu apply -input=false -no-color -compact-warnings -auto-approve demo.tfplan
note "$(grep -E '^Apply complete!' "$work/apply.log")"
note "Sign-in URL: $(tofu output -raw sign_in_url)"
note "SAML provider: $(tofu output -raw saml_provider_arn)"

step 5 "Planning again: the applied setup must show no changes"
plan_status=0
tofu plan -input=false -no-color -compact-warnings -detailed-exitcode >"$work/replan.log" 2>&1 || plan_status=$?
case $plan_status in
0) note "No changes: what was applied reads back exactly as configured." ;;
2)
	note "The second plan has changes, which is a bug (a perpetual diff):"
	sed 's/^/    | /' "$work/replan.log"
	exit 1
	;;
*)
	note "The second plan failed:"
	tail -n 40 "$work/replan.log" | sed 's/^/    | /'
	exit 1
	;;
esac

step 6 "Making the two naming mistakes on purpose: the plan must refuse both"
note "An account named \"sso-admins\" for the role sso-admin, and a SAML provider named \"idaas-sso\""
note "for the IdP name \"idaas\" (tools/demo-naming-mistakes.tf). In the consoles both are accepted"
note "and sign-in fails later. Here, before anything is written:"
cp tools/demo-naming-mistakes.tf "$work/config/"
tofu plan -input=false -no-color -compact-warnings >"$work/mistakes.log" 2>&1 && mistakes_status=0 || mistakes_status=$?
rm "$work/config/demo-naming-mistakes.tf"
if ((mistakes_status == 0)) ||
	! grep -q 'with idaas_application_account.naming_mistake,' "$work/mistakes.log" ||
	! grep -q 'with idaas_ram_saml_provider.naming_mistake,' "$work/mistakes.log"; then
	note "The plan did not refuse both mistakes, which is a bug:"
	sed 's/^/    | /' "$work/mistakes.log"
	exit 1
fi
echo
grep -E '^Error: ' "$work/mistakes.log" | sed 's/^/    /'

step 7 "Signing in as each user: IDaaS sign-in, then STS AssumeRoleWithSAML for each role offered"
note "Each row is a SAML sign-in at the application, then temporary credentials for the role,"
note "checked with STS GetCallerIdentity."
echo
tofu output -json >"$work/outputs.json"
if ! "$work/bin/idaas-signin" -endpoint "$url" -outputs "$work/outputs.json" | sed 's/^./    &/'; then
	exit 1
fi

step 8 "Destroying everything the demo created"
run_logged "$work/destroy.log" tofu destroy -input=false -no-color -compact-warnings -auto-approve
note "$(grep -E '^Destroy complete!' "$work/destroy.log")"

step 9 "Stopping the emulator"
kill -TERM "$emulator_pid"
wait "$emulator_pid" || {
	note "The emulator did not stop cleanly; see ${work#"$root"/}/emulator.log."
	exit 1
}
emulator_pid=
note "Stopped."

printf '\nDemo complete in %ds. Logs and the state are in %s/.\n' "$((SECONDS - started))" "${work#"$root"/}"
