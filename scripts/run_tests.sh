#!/usr/bin/env bash
# Runs every test of a built tree through CTest: the GoogleTest suites of each layer, the
# command-line script, and (as CTest fixtures) the throw-away PostgreSQL server they need, which
# is stopped again also when tests fail. Exits non-zero when anything fails.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
