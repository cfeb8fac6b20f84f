#!/usr/bin/env bash
# Installs what the tests need and runs every test: type check, builds (the Storybook build is a test),
# unit (vitest, Node), browser (vitest, real Chromium), e2e (Playwright on the built app and Storybook),
# and the Grafana panel harness (its two host set-ups are installed in the background meanwhile).
# Ends with the plain line "N passed, N failed". Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 STORYBOOK_DISABLE_TELEMETRY=1 \
  npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
T0=$SECONDS
step() { echo; echo "=== [$((SECONDS - T0))s] $*"; }
mkdir -p reports
rm -f reports/*.json reports/steps.tsv
# A build or check step: its pass/fail is counted like a test, and a failure does not stop the run.
check() {
  local name=$1; shift
  step "$name"
  if "$@"; then printf '%s\tpassed\n' "$name" >> reports/steps.tsv
  else printf '%s\tfailed\n' "$name" >> reports/steps.tsv; fi
}

step "chromium"
if ! [ -x "$CHROMIUM_PATH" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium fonts-dejavu-core fonts-liberation >/dev/null
fi
"$CHROMIUM_PATH" --version 2>/dev/null | head -1

step "npm ci (also builds the CLI through the prepare script)"
npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }

# The Grafana harness hosts (two separate ~600 MB installs) install and build in the background while the
# other suites run; the harness step below waits for them.
step "grafana harness hosts: install + build (background, log in reports/grafana-hosts.log)"
bash scripts/grafana-hosts.sh > reports/grafana-hosts.log 2>&1 &
HOSTS_PID=$!

check "typecheck" npx tsc -b
check "build web app" npm run build -w @flamelens/web
check "build storybook" npm run build-storybook -w @flamelens/stories
check "build grafana panel (and check dist/ as Grafana's validator would)" npm run build -w @flamelens/grafana-panel

step "unit (vitest, node)"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=reports/vitest-unit.json
step "browser (vitest browser mode, chromium; the React component also under React 18)"
npx vitest run --project "browser*" --reporter=default --reporter=json --outputFile.json=reports/vitest-browser.json
step "e2e (playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/reports/playwright.json" npx playwright test -c e2e --reporter=list,json

step "grafana panel harness (SystemJS hosts: React 18 + Grafana 12.4, React 19 + Grafana 13.2)"
if wait "$HOSTS_PID"; then
  printf '%s\tpassed\n' "grafana harness hosts install + build" >> reports/steps.tsv
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/reports/playwright-grafana.json" npx playwright test -c e2e/grafana/playwright.config.ts --reporter=list,json
else
  tail -n 40 reports/grafana-hosts.log
  printf '%s\tfailed\n' "grafana harness hosts install + build" >> reports/steps.tsv
fi

step "summary (took $((SECONDS - T0))s)"
node scripts/ci-summary.mjs reports/steps.tsv reports/vitest-unit.json reports/vitest-browser.json reports/playwright.json reports/playwright-grafana.json
