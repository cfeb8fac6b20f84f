#!/usr/bin/env bash
# Installs and builds the two Grafana host set-ups of the panel harness (e2e/grafana/hosts/r18 and r19):
# each has its own package.json and lockfile (React 18 + @grafana/* 12.4.10, React 19 + @grafana/* 13.2.2,
# about 500-650 MB each), kept out of the root workspace so the app's install stays lean. An install is
# skipped when node_modules already matches the lockfile (a local re-run); a clean clone installs both.
set -euo pipefail
cd "$(dirname "$0")/../e2e/grafana/hosts"
for setup in r18 r19; do
  (
    cd "$setup"
    if [ -f node_modules/.package-lock.json ] && [ package-lock.json -ot node_modules/.package-lock.json ]; then
      echo "grafana host $setup: node_modules up to date"
    else
      started=$SECONDS
      # a just-published transitive version can be missing from the registry mirror for a moment: retry once
      npm ci --no-audit --no-fund || npm ci --no-audit --no-fund --prefer-online
      echo "grafana host $setup: installed in $((SECONDS - started)) s"
    fi
    node ../build-host.mjs .
  )
done
