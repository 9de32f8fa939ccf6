#!/usr/bin/env bash
# Runs one browser test (tests/browser/*.mjs) against a real server: builds a demo database in a
# temporary directory, starts `llw serve` on a free port, runs the test with Node and Playwright
# (driving Debian's /usr/bin/chromium), and stops the server afterwards, also when the test fails.
# Usage: run_browser_test.sh LLW_BINARY TEST.mjs ARTIFACT_DIR
# LLW_DEMO_SCALE (commune by default) picks the demo data: "city" has the city's coordinator.
set -euo pipefail

llw=$1
test_file=$2
artifacts=$3
repo=$(cd "$(dirname "$0")/../.." && pwd)

if [ ! -x /usr/bin/chromium ]; then
  echo "browser test: /usr/bin/chromium is missing; run scripts/setup.sh" >&2
  exit 1
fi
if [ ! -d "$repo/node_modules/playwright-core" ]; then
  (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$llw" demo --db "$work/demo.sqlite" --forms "$repo/forms" --scale "${LLW_DEMO_SCALE:-commune}" \
  > "$work/demo.log"
# A journey that signs PDFs gets a test certification authority, trusted by the server; it signs
# with the CA's key in LLW_SIGNING_DIR (signed_copy_journey.mjs).
roots=()
if grep -q 'needs: a trusted test CA' "$repo/tests/browser/$test_file"; then
  mkdir -p "$work/roots"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/roots/ca.pem" \
    -days 30 -subj '/CN=LLW Test CA' -addext basicConstraints=critical,CA:TRUE 2> /dev/null
  roots=(--trusted-roots "$work/roots")
  export LLW_SIGNING_DIR=$work
fi
"$llw" serve --db "$work/demo.sqlite" --forms "$repo/forms" --port 0 "${roots[@]}" \
  > "$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "browser test: the server did not start" >&2
  cat "$work/serve.log" >&2
  exit 1
fi

mkdir -p "$artifacts"
LLW_URL=$url LLW_ARTIFACTS=$artifacts NODE_PATH="$repo/node_modules" \
  node "$repo/tests/browser/$test_file"
