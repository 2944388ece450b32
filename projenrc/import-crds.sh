#!/usr/bin/env bash
# Regenerates imports/ from the pinned CRDs in ../shared/crds (see ../shared/crds/README.md).
# `cdk8s import` writes one file per API group and a later import of the same group replaces it,
# so each group's CRDs are given as one multi-document input.
set -euo pipefail
shared="${SHARED_DIR:-../shared}/crds"
if [ ! -d "$shared" ]; then
  echo "import: $shared is missing (clone ../shared beside this project)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$shared/starrocks.com_starrocksclusters.yaml" > "$tmp/starrocks.com.yaml"
printf '\n---\n' >> "$tmp/starrocks.com.yaml"
cat "$shared/starrocks.com_starrockswarehouses.yaml" >> "$tmp/starrocks.com.yaml"
cat "$shared/monitoring.coreos.com_servicemonitors.yaml" > "$tmp/monitoring.coreos.com.yaml"
printf '\n---\n' >> "$tmp/monitoring.coreos.com.yaml"
cat "$shared/monitoring.coreos.com_prometheusrules.yaml" >> "$tmp/monitoring.coreos.com.yaml"
out="${1:-imports}"
rm -rf "$out"
export CDK8S_CHECK_UPGRADE=false
cdk8s import "$tmp/starrocks.com.yaml" --language typescript --output "$out"
cdk8s import "$tmp/monitoring.coreos.com.yaml" --language typescript --output "$out"
