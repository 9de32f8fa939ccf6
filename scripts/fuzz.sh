#!/usr/bin/env bash
# The libFuzzer targets of fuzz/ (issue 14, point 9): builds them with Debian's clang (ASan and
# UBSan) in build-fuzz/ and runs each for SECONDS (default 20) from its committed seed corpus,
# writing new inputs to a scratch directory (the committed corpus is not changed). Exits non-zero
# when a target finds a crash, a leak or undefined behaviour; the input is kept in build-fuzz/.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: report_values form_file unit_import
#                                                  posted_form client_address request_target pdf_signature)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(report_values form_file unit_import posted_form client_address request_target pdf_signature)
fi
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
CXX=clang++ cmake -S fuzz -B build-fuzz -DCMAKE_BUILD_TYPE=None "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target"
  log="build-fuzz/fuzz_$target.log"
  if build-fuzz/fuzz_"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="build-fuzz/crash-$target-" "$scratch/$target" "fuzz/corpus/$target" \
      >"$log" 2>&1; then
    echo "fuzz_$target: $(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 || echo done) in ${seconds} s, no failure"
  else
    echo "FAIL fuzz_$target: see $log"
    tail -40 "$log"
    failed=1
  fi
done
exit "$failed"
