#!/usr/bin/env bash
# The static check of the test command (issue 16): clang-tidy (Debian's clang-tidy 14) with the
# checks of .clang-tidy over every source file of src/, through the build directory's
# compile_commands.json. Prints each finding and fails when there is any: the set is kept at zero.
#
# Usage: scripts/check_tidy.sh [BUILD_DIR]   (default: build; `make test` has just built it)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build="${1:-build}"
runner="$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)"
[[ -n "$runner" ]] ||
  { echo "check_tidy: clang-tidy is missing (apt-get install clang-tidy)" >&2; exit 1; }
[[ -f "$build/compile_commands.json" ]] ||
  { echo "check_tidy: no $build/compile_commands.json (configure the build first)" >&2; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
start=$SECONDS
# Only the files of src/ (tests, bench and fuzz follow gtest's and libFuzzer's own conventions).
"$runner" -p "$build" -j "$(nproc)" -quiet "$PWD/src/" >"$log" 2>&1 || true
sed -i 's/\x1b\[[0-9;]*m//g' "$log"  # run-clang-tidy colours its output
mapfile -t findings < <(grep -E '^/.*: (warning|error): ' "$log" | sort -u)
if ((${#findings[@]} > 0)); then
  echo "check_tidy: ${#findings[@]} findings of .clang-tidy's checks:" >&2
  printf '  %s\n' "${findings[@]}" >&2
  exit 1
fi
if grep -qE 'error: |Error while processing' "$log"; then
  echo "check_tidy: clang-tidy failed:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
echo "check_tidy: no findings in src/ ($((SECONDS - start)) s)"
