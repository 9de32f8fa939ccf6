#!/usr/bin/env bash
# Backup and restore, tested the way docs/deploy.md tells an operator to do them:
#
#   SQLite:      `llw backup` of a live database (a server is running on it and writing),
#                restore = copy the backup file into place, then compare every table's row count
#                and the consolidated summary with the original.
#   PostgreSQL:  (when a server URL is given) `llw copy-db` the SQLite database into a database,
#                `pg_dump -Fc` it, `pg_restore` into a fresh database, compare counts and the
#                summary again.
#
# Usage: scripts/restore_test.sh PATH/TO/llw SOURCE_DIR [POSTGRESQL_URL_FILE]
# Exit 0 when everything matches; prints what differs otherwise. Run by ctest (llw_restore).
set -euo pipefail
# psql's and libpq's "does not exist, skipping" notices are not news here.
export PGOPTIONS="-c client_min_messages=warning"
llw="$1"
source_dir="$2"
pg_url_file="${3:-}"
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
cd "$source_dir"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Row counts of every table, "table count" per line, sorted; from a SQLite file or a PG URL.
sqlite_counts() {
  local file="$1"
  for table in $(sqlite3 "$file" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
    echo "$table $(sqlite3 "$file" "SELECT COUNT(*) FROM \"$table\"")"
  done
}
pg_counts() {
  local url="$1"
  for table in $(psql "$url" -tAc "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"); do
    echo "$table $(psql "$url" -tAc "SELECT COUNT(*) FROM \"$table\"")"
  done
}
# The figures only: "figures_at" is the moment the summary was read (the cut-off it states).
summary_of() {
  "$llw" summary --db "$1" --campaign 1 --unit HP-ANHUNG --json | jq -S 'del(.figures_at)'
}

live="$tmp/live.db"
"$llw" demo --db "$live" --scale commune >"$tmp/demo.log"
password="$(grep -m1 -E '^  admin ' "$tmp/demo.log" | awk '{print $2}')"

# A server keeps running (and writing sign-ins) on the file while it is backed up.
"$llw" serve --db "$live" --port 0 >"$tmp/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
port="$(grep -oE ':[0-9]+/' "$tmp/serve.log" | tr -d ':/')"
[[ -n "$port" ]] || { cat "$tmp/serve.log"; fail "the server did not start"; exit 1; }
for _ in $(seq 1 20); do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$port/api/v1/auth/token" || true
done &
writer=$!

"$llw" backup --db "$live" -o "$tmp/backup.db" >"$tmp/backup.log"
wait "$writer"
kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
server_pid=""

# A second backup to an existing file is refused (a backup never overwrites).
if "$llw" backup --db "$live" -o "$tmp/backup.db" 2>/dev/null; then fail "backup overwrote a file"; fi

[[ "$(sqlite3 "$tmp/backup.db" 'PRAGMA integrity_check')" == ok ]] || fail "backup is not intact"
# Restore: the backup file becomes the database.
cp "$tmp/backup.db" "$tmp/restored.db"
sqlite_counts "$tmp/restored.db" >"$tmp/restored.counts"
sqlite_counts "$live" >"$tmp/live.counts"
# Sign-ins that landed after the backup's snapshot may be missing from it; every other table
# must match exactly.
grep -vE '^(sessions|login_attempts|audit_log) ' "$tmp/live.counts" >"$tmp/live.stable"
grep -vE '^(sessions|login_attempts|audit_log) ' "$tmp/restored.counts" >"$tmp/restored.stable"
diff -u "$tmp/live.stable" "$tmp/restored.stable" || fail "restored SQLite counts differ"
[[ "$(grep -c . "$tmp/live.stable")" -ge 10 ]] || fail "too few tables compared"
[[ "$(summary_of "$live")" == "$(summary_of "$tmp/restored.db")" ]] || fail "SQLite summary differs"
echo "SQLite backup and restore: $(wc -l <"$tmp/live.counts") tables compared"

if [[ -n "$pg_url_file" && -s "$pg_url_file" ]]; then
  server="$(cat "$pg_url_file")"
  base="${server%/*}"
  suffix="$$_$RANDOM"
  for name in llw_restore_a_$suffix llw_restore_b_$suffix; do
    psql "$server" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
  done
  a="$base/llw_restore_a_$suffix"
  b="$base/llw_restore_b_$suffix"
  "$llw" copy-db --from "$tmp/restored.db" --to "$a" >"$tmp/copy.log"
  pg_dump -Fc -f "$tmp/llw.dump" "$a"
  pg_restore --no-owner -d "$b" "$tmp/llw.dump"
  pg_counts "$a" >"$tmp/a.counts"
  pg_counts "$b" >"$tmp/b.counts"
  diff -u "$tmp/a.counts" "$tmp/b.counts" || fail "restored PostgreSQL counts differ"
  diff -u <(grep -v '^schema_migrations ' "$tmp/restored.counts") \
    <(grep -v '^schema_migrations ' "$tmp/b.counts") || fail "PostgreSQL counts differ from SQLite"
  [[ "$(summary_of "$tmp/restored.db")" == "$(summary_of "$b")" ]] ||
    fail "PostgreSQL summary differs"
  # The restored database takes new rows (its sequences came back with it).
  printf 'mat-khau-khoi-phuc\n' | "$llw" user add --db "$b" --username sau.khoi.phuc \
    --role viewer --unit HP-ANHUNG >/dev/null || fail "the restored database refused a new account"
  for name in llw_restore_a_$suffix llw_restore_b_$suffix; do
    psql "$server" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"
  done
  echo "PostgreSQL pg_dump and pg_restore: $(wc -l <"$tmp/b.counts") tables compared"
else
  echo "PostgreSQL part skipped (no server URL file given)"
fi

[[ "$failures" == 0 ]] || exit 1
echo "restore test passed"
