#!/usr/bin/env bash
# The LLW load benchmark (issue 2, "Performance"): builds `llw`, creates the national demo
# database (timing it), starts `llw serve`, signs in demo accounts and runs wrk against
#   1. GET /api/v1/me                      — the trivial authenticated GET (the baseline),
#   2. GET …/summary/VN, …/summary/HP, …/summary/HP-ANHUNG — the country, a province, a commune,
#   3. PUT …/reports/{unit}                — draft saves, 64 connections each on its own unit,
# printing req/s, p50/p99 latency, errors and the server's memory (VmRSS, VmHWM).
#
# Usage: bench/run_bench.sh [--llw PATH] [--build-dir DIR] [--work DIR] [--reuse-db]
#                           [--port N] [--duration 10s] [--connections 64]
#                           [--server-threads N]   (llw serve --threads; 0, the default, is llw's
#                               own default: 4 with SQLite, 8 with PostgreSQL)
#                           [--durability full|normal]   (SQLite commit mode of llw serve; default full, as llw serve)
#                           [--scale national|city|commune]   (smaller scales: quick smoke runs)
#                           [--db-url postgresql://user:pass@host:port/db]   (PostgreSQL instead
#                               of a SQLite file; the database is dropped and created again
#                               unless --reuse-db; the user needs CREATEDB)
#                           [--postgresql]   (start a throw-away local PostgreSQL 15 with fsync on,
#                               scripts/pg_test_server.sh, and use it as --db-url)
#                           [--servers 1|2]   (llw serve processes on ports PORT, PORT+1; every
#                               wrk scenario is split over them, half the connections each, and
#                               the figures are summed: req/s added, p50 averaged, p99/max the
#                               worse of the two)
#                           [--only saves|reads|pages|exports]   (only the draft saves, only the
#                               API GETs, only the pages of issue 15: each page's median and p99
#                               over one connection as a ratio to the sign-in page's, by
#                               bench/pages_latency.py, then each page under wrk — or only the
#                               country's XLSX and CSV data exports, EXPORT_ROUNDS times each)
#                           [--synchronous-commit on|off]   (PostgreSQL: ALTER DATABASE … SET
#                               synchronous_commit for the servers' sessions; default on. off is
#                               the named durability trade-off of docs/deploy.md, section 4)
# Needs: cmake, g++, wrk, curl, jq (and psql for --db-url). Results go to stdout and to
# $WORK/results.txt.
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
SERVER_THREADS=0
SCALE=national
DURABILITY=full
DB_URL=""
START_PG=0
SERVERS=1
ONLY=""
SYNC_COMMIT=on

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
    --db-url) DB_URL="$2"; shift 2 ;;
    --postgresql) START_PG=1; shift ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --synchronous-commit) SYNC_COMMIT="$2"; shift 2 ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (apt-get install $tool)" >&2; exit 1; }
done

[[ "$SERVERS" == 1 || "$SERVERS" == 2 ]] || { echo "bench: --servers must be 1 or 2" >&2; exit 2; }
mkdir -p "$WORK"
DB="$WORK/$SCALE.db"
if [[ $START_PG -eq 1 ]]; then
  # Durable commits, as in production: fsync on (the test server turns it off).
  LLW_PG_FSYNC=on "$ROOT/scripts/pg_test_server.sh" start "$WORK/pg" >/dev/null
  PG_SERVER_URL="$(cat "$WORK/pg/url")"
  DB_URL="${PG_SERVER_URL%/*}/llw_bench_$SCALE"
fi
[[ -n "$DB_URL" ]] && DB="$DB_URL"
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
# The database named by a PostgreSQL URL, dropped and created again through the server's
# "postgres" database.
pg_recreate() {
  local name="${DB_URL##*/}"
  name="${name%%\?*}"
  psql "${DB_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" \
    -c "CREATE DATABASE \"$name\" ENCODING 'UTF8' TEMPLATE template0" >/dev/null
}
db_exists() {
  if [[ -n "$DB_URL" ]]; then
    [[ "$(psql "$DB_URL" -tAc 'SELECT COUNT(*) FROM units' 2>/dev/null || echo 0)" -gt 0 ]]
  else
    [[ -s "$DB" ]]
  fi
}
if [[ $REUSE_DB -eq 1 ]] && db_exists; then
  say "demo database: reusing ${DB%%:*}…${DB##*@}"
else
  if [[ -n "$DB_URL" ]]; then pg_recreate; else rm -f "$DB" "$DB-wal" "$DB-shm"; fi
  start=$(date +%s.%N)
  "$LLW" demo --db "$DB" --scale "$SCALE" >"$WORK/demo.log" 2>&1
  end=$(date +%s.%N)
  say "$(printf 'llw demo --scale %s: %.1f s (target for national: under 120 s)' "$SCALE" \
    "$(calc "$end - $start")")"
fi
if [[ -n "$DB_URL" ]]; then
  [[ "$SYNC_COMMIT" == on || "$SYNC_COMMIT" == off ]] ||
    { echo "bench: --synchronous-commit must be on or off" >&2; exit 2; }
  # For the sessions of the servers started below (the demo load above ran with the default).
  pg_name="${DB_URL##*/}"
  psql "$DB_URL" -qc "ALTER DATABASE \"${pg_name%%\?*}\" SET synchronous_commit = $SYNC_COMMIT" >/dev/null
  say "database: PostgreSQL $(psql "$DB_URL" -tAc 'SHOW server_version'), size $(psql "$DB_URL" \
    -tAc 'SELECT pg_size_pretty(pg_database_size(current_database()))'), fsync=$(psql "$DB_URL" \
    -tAc 'SHOW fsync'), synchronous_commit=$(psql "$DB_URL" -tAc 'SHOW synchronous_commit')"
else
  say "$(printf 'database size: %s MiB' "$(( $(stat -c %s "$DB") / 1048576 ))")"
fi

# --- 3. The server ------------------------------------------------------------------------------
SERVER_PIDS=()
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  if [[ $START_PG -eq 1 ]]; then "$ROOT/scripts/pg_test_server.sh" stop "$WORK/pg" || true; fi
}
trap cleanup EXIT
SERVE_START=$(date +%s.%N)
for ((i = 0; i < SERVERS; i++)); do
  "$LLW" serve --db "$DB" --port "$((PORT + i))" --threads "$SERVER_THREADS" \
    --durability "$DURABILITY" >"$WORK/server$i.log" 2>&1 &
  SERVER_PIDS+=($!)
done
SERVER_PID=${SERVER_PIDS[0]}
for ((i = 0; i < SERVERS; i++)); do
  for _ in $(seq 1 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((PORT + i))/api/v1/me" || true)
    [[ "$code" == "401" ]] && break
    kill -0 "${SERVER_PIDS[$i]}" 2>/dev/null || { echo "bench: server exited"; cat "$WORK/server$i.log"; exit 1; }
    sleep 0.1
  done
  [[ "$code" == "401" ]] || { echo "bench: server did not answer on port $((PORT + i))" >&2; exit 1; }
done
STARTED_IN=$(calc "$(date +%s.%N) - $SERVE_START")
THREADS_LABEL=$SERVER_THREADS
if [[ $SERVER_THREADS == 0 ]]; then THREADS_LABEL="${DB_URL:+8}"; THREADS_LABEL="${THREADS_LABEL:-16} (default)"; fi
say "servers: ${SERVERS} × llw serve (pids ${SERVER_PIDS[*]}), $THREADS_LABEL threads each, ports $PORT..$((PORT + SERVERS - 1))"
say "database: ${DB_URL:+PostgreSQL }${DB_URL:-SQLite $DB}" | sed 's/:[^:@/]*@/:***@/' 

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
# The demo's campaign issued by the country (earlier runs leave draft-save campaigns of HP behind).
# The demo has last year's campaign too (issue 18): the latest of the country's is this year's,
# whose summaries read last year's figures beside their own.
CAMPAIGN=$(api "$ADMIN" /api/v1/campaigns |
  jq '[.campaigns[] | select(.issuer == "VN")] as $vn
      | (if ($vn | length) > 0 then ($vn | sort_by(.period_start) | last) else .campaigns[0] end) | .id')
say "demo campaign: $CAMPAIGN — country: $(api "$COUNTRY" "/api/v1/campaigns/$CAMPAIGN/summary/VN?missing_limit=0&narrative_limit=0" \
  | jq -r '"\(.expected) units expected, \(.submitted) submitted; previous year: \(.previous.year // "none") (\(.previous.figures // [] | length) figures compared)"')"

rss() {
  for pid in "${SERVER_PIDS[@]}"; do
    awk '/^VmRSS|^VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$pid/status"
  done
}
# Start-up (issue 15: answering within 2 s on the national demo): from starting the servers to
# every one answering, polled every 0.1 s.
say "$(printf 'start-up: %.2f s until every server answered (target: at most 2 s); memory now: %s' \
  "$STARTED_IN" "$(rss)")"

# CPU time (user + system, ms) of the given processes: what a request or a save costs, whatever else the
# machine is doing (the throughput of a shared machine is not).
cpu_ms() {
  local ticks=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# run_wrk LABEL TOKEN PATH WRK_ARGS… — one wrk run, one row of the table.
declare -A P50 RPS CPU_US
# With two servers, one wrk per server runs at once with half the connections (and threads), and
# LLW_BENCH_UNITS_<i> (when set) gives each its own units; the RESULT lines are combined.
run_wrk() {
  local label="$1" token="$2" path="$3"; shift 3
  local out="$WORK/wrk-${label//[^a-zA-Z0-9]/_}.txt"
  local args=("$@") i pids=()
  if [[ $SERVERS -gt 1 ]]; then
    args=()
    for arg in "$@"; do
      case "$arg" in
        -t*) args+=("-t$(( (${arg#-t} + SERVERS - 1) / SERVERS ))") ;;
        -c*) args+=("-c$(( (${arg#-c} + SERVERS - 1) / SERVERS ))") ;;
        *) args+=("$arg") ;;
      esac
    done
  fi
  for ((i = 0; i < SERVERS; i++)); do
    local units_var="LLW_BENCH_UNITS_$i"
    LLW_BENCH_UNITS="${!units_var:-${LLW_BENCH_UNITS:-}}" LLW_BENCH_DIR="$BENCH_DIR" \
      wrk --latency -d "$DURATION" -H "${AUTH_HEADER:-Authorization: Bearer }$token" \
      "${args[@]}" "http://127.0.0.1:$((PORT + i))$path" >"$out.$i" 2>&1 &
    pids+=($!)
  done
  local cpu_before
  cpu_before=$(cpu_ms "${SERVER_PIDS[@]}")
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  local cpu_used=$(( $(cpu_ms "${SERVER_PIDS[@]}") - cpu_before ))
  cat "$out".* >"$out"
  local lines
  lines=$(grep -h '^RESULT' "$out".* || true)
  if [[ $(grep -c . <<<"$lines") -ne $SERVERS || -z "$lines" ]]; then
    echo "bench: wrk failed for $label:"; cat "$out"; return
  fi
  # Sum the rates and error counts, average p50, keep the worst p99 and max.
  local line
  line=$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); k = kv[1]; v = kv[2] + 0
                  if (k == "rps" || k ~ /^errors_/ || k == "requests") s[k] += v
                  else if (k == "p50_ms") s[k] += v / n
                  else if (!(k in s) || v > s[k]) s[k] = v
                  keys[k] = 1 } }
              END { printf "RESULT"; for (k in keys) printf " %s=%s", k, s[k]; print "" }' \
         n="$SERVERS" <<<"$lines")
  # shellcheck disable=SC2046
  eval $(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/local /')
  local errors=$((errors_connect + errors_read + errors_write + errors_status + errors_timeout))
  P50[$label]=$p50_ms
  RPS[$label]=$rps
  [[ "$requests" -gt 0 ]] && CPU_US[$label]=$(calc "$cpu_used * 1000 / $requests")
  say "$(printf '%-25s %9.0f %9.2f %9.2f %9.2f %8d   %s' "$label" "$rps" "$p50_ms" "$p99_ms" \
    "$max_ms" "$errors" "$(rss)")"
}

say ""
say "$(printf '%-25s %9s %9s %9s %9s %8s   %s' scenario 'req/s' 'p50 ms' 'p99 ms' 'max ms' errors 'server memory after the run')"
GET_ARGS=(-t2 -c"$CONNECTIONS" -s "$BENCH_DIR/report.lua")
# The country's data exports through the server (issue 15: XLSX <= 5 s, CSV <= 3 s, streamed).
run_exports() {
  say "The country's data exports, streamed (bench/export_latency.py; XLSX <= 5 s, CSV <= 3 s,"
  say "the server's memory growing by less than 100 MB):"
  # "--" first: a token may start with "-", which argparse would take for an option.
  python3 "$BENCH_DIR/export_latency.py" --rounds "${EXPORT_ROUNDS:-3}" -- "$BASE" "$COUNTRY" "$SERVER_PID" \
    "xlsx=/api/v1/campaigns/$CAMPAIGN/summary/VN/data.xlsx" \
    "csv=/api/v1/campaigns/$CAMPAIGN/summary/VN/data.csv" | tee -a "$RESULTS"
  say "server memory after the benchmark: $(rss)"
}
if [[ "$ONLY" == exports ]]; then
  run_exports
  exit 0
fi
if [[ "$ONLY" == pages ]]; then
  # The pages of issue 15 at the country, a province and a commune, as the country's viewer (who
  # may read every node) sees them; the sign-in page is the baseline of every ratio.
  D="/dot/$CAMPAIGN/tong-quan"
  H="/dot/$CAMPAIGN/tong-hop"
  PAGES=("dashboard country=$D/VN" "dashboard province=$D/HP" "dashboard commune=$D/HP-ANHUNG"
         "review queue country=$D/VN?trang-thai=awaiting" "missing country=$D/VN?trang-thai=missing"
         "late country page 3=$D/VN?trang-thai=late&trang=3"
         "consolidated country=$H/VN" "consolidated province=$H/HP" "consolidated commune=$H/HP-ANHUNG"
         "audit=/nhat-ky" "unit tree country=/quan-tri/don-vi/VN"
         "unit texts country=$H/VN/y-kien/advantages")
  say ""
  say "One connection, requests in turns (bench/pages_latency.py):"
  python3 "$BENCH_DIR/pages_latency.py" "$BASE" "$COUNTRY" --rounds "${PAGE_ROUNDS:-100}" "${PAGES[@]}" |
    tee -a "$RESULTS"
  say ""
  say "$(printf '%-25s %9s %9s %9s %9s %8s   %s' scenario 'req/s' 'p50 ms' 'p99 ms' 'max ms' errors 'server memory after the run')"
  AUTH_HEADER="Cookie: llw_session="
  run_wrk "sign-in page" "$COUNTRY" /dang-nhap "${GET_ARGS[@]}"
  for entry in "${PAGES[@]}"; do run_wrk "${entry%%=*}" "$COUNTRY" "${entry#*=}" "${GET_ARGS[@]}"; done
  unset AUTH_HEADER
  say ""
  say "Throughput under $CONNECTIONS connections as a fraction of the sign-in page's (target: at least"
  say "1/3), and the servers' CPU time per request (what the throughput of an idle machine follows):"
  say "$(printf '  %-25s %10s %12s %10s' page throughput 'CPU us/req' 'CPU ratio')"
  for entry in "sign-in page=" "${PAGES[@]}"; do
    label="${entry%%=*}"
    [[ -n "${RPS[$label]:-}" && -n "${RPS[sign-in page]:-}" ]] || continue
    say "$(printf '  %-25s %10s %12.1f %10.2f' "$label" \
      "1/$(calc "${RPS[sign-in page]} / ${RPS[$label]}" | cut -c1-4)" "${CPU_US[$label]:-0}" \
      "$(calc "${CPU_US[$label]:-0} / ${CPU_US[sign-in page]:-1}")")"
  done
  say ""
  say "The country's consolidated report through the server (PDF <= 100 ms, DOCX <= 50 ms):"
  python3 "$BENCH_DIR/export_latency.py" --rounds 20 -- "$BASE" "$COUNTRY" "$SERVER_PID" \
    "pdf=/api/v1/campaigns/$CAMPAIGN/summary/VN/report.pdf" \
    "docx=/api/v1/campaigns/$CAMPAIGN/summary/VN/report.docx" | tee -a "$RESULTS"
  say ""
  run_exports
  exit 0
fi
if [[ "$ONLY" != saves ]]; then
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
fi

# --- 4. Draft saves -------------------------------------------------------------------------------
if [[ "$ONLY" != reads ]]; then
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
if [[ $SERVERS -gt 1 ]]; then
  # Each server's wrk writes its own units (the connections of one wrk share nothing with the
  # other's, as two groups of users behind a load balancer).
  for ((i = 0; i < SERVERS; i++)); do
    awk -v i="$i" -v n="$SERVERS" '(NR - 1) % n == i' "$UNITS_FILE" >"$UNITS_FILE.$i"
    export "LLW_BENCH_UNITS_$i=$UNITS_FILE.$i"
  done
fi
PG_PIDS=()
if [[ -n "$DB_URL" ]]; then
  # The backends serving this database (their process titles name it).
  pg_db="${DB_URL##*/}"
  mapfile -t PG_PIDS < <(pgrep -f "^postgres: .* ${pg_db%%\?*} " || true)
fi
cpu_servers_before=$(cpu_ms "${SERVER_PIDS[@]}")
cpu_pg_before=$(cpu_ms "${PG_PIDS[@]}")
run_wrk "PUT draft" "$CITY" / -t"$CONNECTIONS" -c"$CONNECTIONS" -s "$BENCH_DIR/save_draft.lua"
cpu_servers=$(( $(cpu_ms "${SERVER_PIDS[@]}") - cpu_servers_before ))
cpu_pg=$(( $(cpu_ms "${PG_PIDS[@]}") - cpu_pg_before ))

# Every stored save bumped its report's version by one: their sum is the number of durable saves.
stored=0
while read -r unit; do
  v=$(api "$ADMIN" "/api/v1/campaigns/$SAVE_CAMPAIGN/reports/$unit" | jq .version)
  stored=$((stored + v))
done <"$UNITS_FILE"
say ""
say "draft saves stored (sum of report versions over $(wc -l <"$UNITS_FILE") units): $stored" \
  "in $DURATION = $(calc "$stored / ${DURATION%s}") saves/s"
if [[ $stored -gt 0 ]]; then
  say "CPU per stored save: llw serve $(calc "$cpu_servers / $stored") ms${DB_URL:+, PostgreSQL backends (${#PG_PIDS[@]}) $(calc "$cpu_pg / $stored") ms}"
fi
if [[ -n "$DB_URL" ]]; then
  say "durability: PostgreSQL fsync=$(psql "$DB_URL" -tAc 'SHOW fsync'), synchronous_commit=$(psql "$DB_URL" -tAc 'SHOW synchronous_commit') (every save is a committed transaction)"
else
  say "durability: llw serve --durability $DURABILITY (SQLite WAL, synchronous=${DURABILITY^^}; see src/storage/open_store.h)"
fi
fi
if [[ -n "${P50[GET /me]:-}" ]]; then
  for label in "summary country" "summary country figures" "summary province" \
      "summary province figures" "summary commune" "summary commune figures"; do
    [[ -n "${P50[$label]:-}" ]] || continue
    say "$(printf '%-25s p50 / GET /me p50 = %.2f (target: at most 3)' "$label" \
      "$(calc "${P50[$label]} / ${P50[GET /me]}")")"
  done
fi

# --- 5. Clean shutdown on SIGTERM ------------------------------------------------------------------
for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid"; done
start=$(date +%s.%N)
status=0
for pid in "${SERVER_PIDS[@]}"; do wait "$pid" || status=$?; done
say "$(printf 'server stopped on SIGTERM with exit status %d after %.2f s' "$status" \
  "$(calc "$(date +%s.%N) - $start")")"
say "results: $RESULTS"
