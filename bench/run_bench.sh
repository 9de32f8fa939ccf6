#!/usr/bin/env bash
# The LLW load benchmark (issue 2, "Performance"): builds `llw`, creates the national demo
# database (timing it), starts `llw serve`, signs in demo accounts and runs wrk against
#   1. GET /api/v1/me                      — the trivial authenticated GET (the baseline),
#   2. GET …/summary/VN, …/summary/HP, …/summary/HP-ANHUNG — the country, a province, a commune,
#   3. PUT …/reports/{unit}                — draft saves, 64 connections each on its own unit,
# printing req/s, p50/p99 latency, errors and the server's memory (VmRSS, VmHWM).
#
# Usage: bench/run_bench.sh [--llw PATH] [--build-dir DIR] [--work DIR] [--reuse-db]
#                           [--port N] [--duration 10s] [--connections 64] [--server-threads 4]
#                           [--durability normal|full]   (SQLite commit mode of llw serve)
#                           [--scale national|city|commune]   (smaller scales: quick smoke runs)
# Needs: cmake, g++, wrk, curl, jq. Results go to stdout and to $WORK/results.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
LLW=""
BUILD_DIR="$ROOT/build-bench"
WORK="${TMPDIR:-/tmp}/llw-bench"
REUSE_DB=0
PORT=18080
DURATION=10s
CONNECTIONS=64
SERVER_THREADS=4
SCALE=national
DURABILITY=normal

while [[ $# -gt 0 ]]; do
  case "$1" in
    --llw) LLW="$2"; shift 2 ;;
    --build-dir) BUILD_DIR="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --reuse-db) REUSE_DB=1; shift ;;
    --port) PORT="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --server-threads) SERVER_THREADS="$2"; shift 2 ;;
    --durability) DURABILITY="$2"; shift 2 ;;
    --scale) SCALE="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (apt-get install $tool)" >&2; exit 1; }
done

mkdir -p "$WORK"
DB="$WORK/$SCALE.db"
RESULTS="$WORK/results.txt"
BASE="http://127.0.0.1:$PORT"
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }

# --- 1. Build -----------------------------------------------------------------------------------
if [[ -z "$LLW" ]]; then
  echo "bench: building llw (Release) in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" --target llw -j"$(nproc)" >/dev/null
  LLW="$BUILD_DIR/src/cli/llw"
fi
[[ -x "$LLW" ]] || { echo "bench: no llw executable at $LLW" >&2; exit 1; }
cd "$ROOT"  # the form definitions are read from ./forms

# --- 2. The national demo database ---------------------------------------------------------------
say "LLW benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -sr)"
say "llw: $LLW"
if [[ $REUSE_DB -eq 1 && -s "$DB" ]]; then
  say "demo database: reusing $DB"
else
  rm -f "$DB" "$DB-wal" "$DB-shm"
  start=$(date +%s.%N)
  "$LLW" demo --db "$DB" --scale "$SCALE" >"$WORK/demo.log" 2>&1
  end=$(date +%s.%N)
  say "$(printf 'llw demo --scale %s: %.1f s (target for national: under 120 s)' "$SCALE" \
    "$(calc "$end - $start")")"
fi
say "$(printf 'database size: %s MiB' "$(( $(stat -c %s "$DB") / 1048576 ))")"

# --- 3. The server ------------------------------------------------------------------------------
"$LLW" serve --db "$DB" --port "$PORT" --threads "$SERVER_THREADS" --durability "$DURABILITY" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
cleanup() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/me" || true)
  [[ "$code" == "401" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: server exited"; cat "$WORK/server.log"; exit 1; }
  sleep 0.1
done
[[ "$code" == "401" ]] || { echo "bench: server did not answer on $BASE" >&2; exit 1; }
say "server: pid $SERVER_PID, $SERVER_THREADS threads, $BASE"

login() {
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$BASE/api/v1/auth/token" | jq -r .token
}
api() { curl -sf -H "Authorization: Bearer $1" "$BASE$2"; }

ADMIN=$(login admin admin)
COMMUNE=$(login xa.anhung hoctap2025)
# The country's and the city's coordinators exist only at the larger scales; the admin reads
# the same summaries otherwise.
COUNTRY=$(login bo.gddt hoctap2025 || echo "$ADMIN")
CITY=$(login tp.haiphong hoctap2025 || echo "$ADMIN")
CAMPAIGN=$(api "$ADMIN" /api/v1/campaigns | jq '.campaigns[0].id')
say "demo campaign: $CAMPAIGN — country: $(api "$COUNTRY" "/api/v1/campaigns/$CAMPAIGN/summary/VN?missing_limit=0&narrative_limit=0" \
  | jq -r '"\(.expected) units expected, \(.submitted) submitted"')"

rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$SERVER_PID/status"; }

# run_wrk LABEL TOKEN PATH WRK_ARGS… — one wrk run, one row of the table.
declare -A P50
run_wrk() {
  local label="$1" token="$2" path="$3"; shift 3
  local out="$WORK/wrk-${label//[^a-zA-Z0-9]/_}.txt"
  LLW_BENCH_DIR="$BENCH_DIR" wrk --latency -d "$DURATION" -H "Authorization: Bearer $token" \
    "$@" "$BASE$path" >"$out" 2>&1 || true
  local line
  line=$(grep '^RESULT' "$out" || true)
  if [[ -z "$line" ]]; then echo "bench: wrk failed for $label:"; cat "$out"; return; fi
  # shellcheck disable=SC2046
  eval $(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/local /')
  local errors=$((errors_connect + errors_read + errors_write + errors_status + errors_timeout))
  P50[$label]=$p50_ms
  say "$(printf '%-25s %9.0f %9.2f %9.2f %9.2f %8d   %s' "$label" "$rps" "$p50_ms" "$p99_ms" \
    "$max_ms" "$errors" "$(rss)")"
}

say ""
say "$(printf '%-25s %9s %9s %9s %9s %8s   %s' scenario 'req/s' 'p50 ms' 'p99 ms' 'max ms' errors 'server memory after the run')"
GET_ARGS=(-t2 -c"$CONNECTIONS" -s "$BENCH_DIR/report.lua")
run_wrk "GET /me" "$COMMUNE" /api/v1/me "${GET_ARGS[@]}"
# Each summary twice: as api.md serves it by default (with up to 200 missing codes and 50 texts
# per narrative part, i.e. tens of KB), and the figures alone (missing_limit=0&narrative_limit=0).
SUMMARY="/api/v1/campaigns/$CAMPAIGN/summary"
FIGURES="missing_limit=0&narrative_limit=0"
run_wrk "summary country" "$COUNTRY" "$SUMMARY/VN" "${GET_ARGS[@]}"
run_wrk "summary country figures" "$COUNTRY" "$SUMMARY/VN?$FIGURES" "${GET_ARGS[@]}"
run_wrk "summary province" "$CITY" "$SUMMARY/HP" "${GET_ARGS[@]}"
run_wrk "summary province figures" "$CITY" "$SUMMARY/HP?$FIGURES" "${GET_ARGS[@]}"
run_wrk "summary commune" "$COMMUNE" "$SUMMARY/HP-ANHUNG" "${GET_ARGS[@]}"
run_wrk "summary commune figures" "$COMMUNE" "$SUMMARY/HP-ANHUNG?$FIGURES" "${GET_ARGS[@]}"

# --- 4. Draft saves -------------------------------------------------------------------------------
# The demo campaign is past its lock date (October 2025), so saves go to a fresh campaign of
# Hải Phòng open today, whose reports all start at version 0.
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
YEAR=${TODAY:0:4}
SAVE_CAMPAIGN=$(curl -sf -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Đo hiệu năng lưu nháp $TODAY\",\"issuer\":\"HP\",\"period_start\":\"$TODAY\",
       \"period_end\":\"$TODAY\",\"deadline\":\"$YEAR-12-31\",\"lock_date\":\"$YEAR-12-31\",
       \"form_id\":\"llw-2025\",\"plan\":{}}" "$BASE/api/v1/campaigns" | jq .id)
UNITS_FILE="$WORK/save-units.txt"
: > "$UNITS_FILE"
for commune in $(api "$ADMIN" "/api/v1/units?parent=HP" | jq -r '.units[].code'); do
  api "$ADMIN" "/api/v1/units?parent=$commune" |
    jq -r '.units[] | select(.kind != "commune") | .code' >>"$UNITS_FILE"
  [[ $(wc -l <"$UNITS_FILE") -ge $CONNECTIONS ]] && break
done
sed -i "$((CONNECTIONS + 1)),\$d" "$UNITS_FILE"
export LLW_BENCH_UNITS="$UNITS_FILE" LLW_BENCH_TOKEN="$CITY" LLW_BENCH_CAMPAIGN="$SAVE_CAMPAIGN"
run_wrk "PUT draft" "$CITY" / -t"$CONNECTIONS" -c"$CONNECTIONS" -s "$BENCH_DIR/save_draft.lua"

# Every stored save bumped its report's version by one: their sum is the number of durable saves.
stored=0
while read -r unit; do
  v=$(api "$ADMIN" "/api/v1/campaigns/$SAVE_CAMPAIGN/reports/$unit" | jq .version)
  stored=$((stored + v))
done <"$UNITS_FILE"
say ""
say "draft saves stored (sum of report versions over $(wc -l <"$UNITS_FILE") units): $stored" \
  "in $DURATION = $(calc "$stored / ${DURATION%s}") saves/s"
say "durability: llw serve --durability $DURABILITY (SQLite WAL, synchronous=${DURABILITY^^}; see src/storage/open_store.h)"
if [[ -n "${P50[GET /me]:-}" ]]; then
  for label in "summary country" "summary country figures" "summary province" \
      "summary province figures" "summary commune" "summary commune figures"; do
    [[ -n "${P50[$label]:-}" ]] || continue
    say "$(printf '%-25s p50 / GET /me p50 = %.2f (target: at most 3)' "$label" \
      "$(calc "${P50[$label]} / ${P50[GET /me]}")")"
  done
fi

# --- 5. Clean shutdown on SIGTERM ------------------------------------------------------------------
kill -TERM "$SERVER_PID"
start=$(date +%s.%N)
status=0
wait "$SERVER_PID" || status=$?
say "$(printf 'server stopped on SIGTERM with exit status %d after %.2f s' "$status" \
  "$(calc "$(date +%s.%N) - $start")")"
say "results: $RESULTS"
