#!/usr/bin/env bash
# Validate the Kubernetes manifests in deploy/k8s against the Kubernetes JSON schemas, strict
# (unknown fields are errors), for each version in KUBERNETES_VERSIONS; then check that the
# shard job and the merge job agree (completions = SHARDS, same RUN). See docs/scale-out.md.
#
#   bash deploy/k8s/validate.sh
#   KUBERNETES_VERSIONS="1.33.0" bash deploy/k8s/validate.sh
#
# The validator is PyPI's kubernetes-validate (pinned below), which ships the schemas: no
# network beyond PyPI, no cluster. It is installed into a venv under /tmp when missing
# (KUBERNETES_VALIDATE_VENV to put it elsewhere).
set -euo pipefail
cd "$(dirname "$0")"

validator_version=1.37.0
versions=${KUBERNETES_VERSIONS:-1.30.0 1.37.0}
venv=${KUBERNETES_VALIDATE_VENV:-/tmp/relaunch-kubernetes-validate-$validator_version}
kv=$venv/bin/kubernetes-validate

if ! "$kv" --version 2>/dev/null | grep -qx "$validator_version"; then
  echo "validate: installing kubernetes-validate==$validator_version into $venv"
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -m venv --help >/dev/null 2>&1 \
    || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "kubernetes-validate==$validator_version"
fi

manifests=(*.yaml)
[ -f "${manifests[0]}" ] || { echo "validate: no manifests in $PWD" >&2; exit 1; }
for v in $versions; do
  echo "validate: kubernetes-validate $("$kv" --version) --strict -k $v ${manifests[*]}"
  "$kv" --strict --kubernetes-version "$v" "${manifests[@]}"
done

# The shard pods' shell script: sh -n, and shellcheck when it is installed.
script=$(mktemp /tmp/relaunch-k8s-shard.XXXXXX.sh)
trap 'rm -f "$script"' EXIT
"$venv/bin/python" -c 'import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
print(job["spec"]["template"]["spec"]["containers"][0]["command"][2])' job-shards.yaml >"$script"
sh -n "$script"
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck -s sh "$script"
fi
echo "validate: the shard pods' script passes sh -n$(command -v shellcheck >/dev/null && echo ' and shellcheck')"

"$venv/bin/python" - job-shards.yaml job-merge.yaml <<'PY'
import sys, yaml

def env(job):
    c = job["spec"]["template"]["spec"]["containers"][0]
    return {e["name"]: e.get("value") for e in c.get("env", [])}

shards, merge = (yaml.safe_load(open(f)) for f in sys.argv[1:3])
errors = []
spec = shards["spec"]
if spec.get("completionMode") != "Indexed":
    errors.append("job-shards.yaml: completionMode is not Indexed")
if str(spec.get("completions")) != env(shards).get("SHARDS"):
    errors.append(f"job-shards.yaml: completions {spec.get('completions')} but SHARDS {env(shards).get('SHARDS')}")
if env(shards).get("RUN") != env(merge).get("RUN"):
    errors.append(f"RUN differs: {env(shards).get('RUN')} (shards) vs {env(merge).get('RUN')} (merge)")
if env(shards).get("SHARDS_DIR") != env(merge).get("SHARDS_DIR"):
    errors.append("SHARDS_DIR differs between the shard and the merge job")
for e in errors:
    print("validate: " + e, file=sys.stderr)
if errors:
    sys.exit(1)
print(f"validate: shard job and merge job agree ({spec['completions']} shards, run {env(shards)['RUN']})")
PY
