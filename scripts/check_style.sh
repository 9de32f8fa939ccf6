#!/usr/bin/env bash
# The style check of the test command (issue 16): every C++ file the repository tracks (src,
# tests, bench, fuzz) is as clang-format (Debian's clang-format 14, .clang-format) would write it.
# Lists the files that are not and fails; `scripts/check_style.sh --fix` rewrites them.
#
# Usage: scripts/check_style.sh [--fix]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v clang-format >/dev/null ||
  { echo "check_style: clang-format is missing (apt-get install clang-format)" >&2; exit 1; }

# The *.cpp.in files are CMake templates with substitution markers; they are not checked.
mapfile -t files < <(git ls-files -- '*.cpp' '*.h' '*.hpp')
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
  echo "check_style: formatted ${#files[@]} files"
  exit 0
fi

# One run over every file; each difference is reported as "FILE:LINE:COL: error: …".
status=0
report="$(clang-format --dry-run --Werror "${files[@]}" 2>&1 >/dev/null)" || status=$?
mapfile -t unformatted < <(printf '%s\n' "$report" |
  sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if ((status != 0 && ${#unformatted[@]} == 0)); then
  echo "check_style: clang-format failed: $report" >&2
  exit 1
fi
if ((${#unformatted[@]} > 0)); then
  echo "check_style: ${#unformatted[@]} of ${#files[@]} files are not formatted as clang-format" \
    "would write them:" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  echo "Fix with: scripts/check_style.sh --fix" >&2
  exit 1
fi
echo "check_style: ${#files[@]} C++ files formatted as .clang-format says"
