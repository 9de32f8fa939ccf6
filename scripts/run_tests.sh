#!/usr/bin/env bash
# Runs every test of a built tree: the GoogleTest suites through CTest, then the command-line
# tests. Exits non-zero when anything fails.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
for t in tests/cli/*.sh; do
  [ -e "$t" ] || continue
  echo "== $t"
  LLW="$build_dir/src/cli/llw" bash "$t"
done
