#!/usr/bin/env bash
# Starts and stops a throw-away local PostgreSQL 15 server for tests.
#
#   scripts/pg_test_server.sh start DIR   initdb (first time) + start on 127.0.0.1:<free port>,
#                                         create the database "llw_test", print its URL and write
#                                         it to DIR/url
#   scripts/pg_test_server.sh url DIR     print the URL of the server started in DIR
#   scripts/pg_test_server.sh stop DIR [fast|immediate]
#                                         pg_ctl stop (no-op when not running); immediate is a
#                                         crash: no shutdown checkpoint, recovery at the next start
#
# A server started again in the same DIR listens on the port it had, when that is still free
# (clients that kept the URL reconnect to it: the PostgreSQL restart test).
#
# Every command is idempotent: start on a running server prints its URL again, stop on a stopped
# (or never initialised) one succeeds. Runs as root (the PostgreSQL processes run as the
# "postgres" user through runuser) or as an ordinary user (then the server runs as that user).
set -euo pipefail

command="${1:-}"
dir="${2:-}"
stop_mode="${3:-fast}"
if [[ -z "$command" || -z "$dir" ]]; then
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
fi

pg_bin=""
for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [[ -x "$candidate/pg_ctl" ]]; then
    pg_bin="$candidate"
    break
  fi
done
if [[ -z "$pg_bin" ]]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
data="$dir/data"
password="llw-test-password"

# Runs a PostgreSQL program as the server's owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f "$data/PG_VERSION" ]] && as_owner "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# A port nobody listens on, picked at random from a high range (bash only: no python needed).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

case "$command" in
  start)
    if [[ "$(id -u)" == 0 ]]; then
      # The server refuses to run as root; its folder belongs to the postgres user.
      install -d -o postgres -g postgres -m 700 "$dir/sock"
      chown postgres:postgres "$dir"
      chmod 755 "$dir"
    else
      install -d -m 700 "$dir/sock"
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
      rm -rf "$data"
      pwfile="$dir/sock/pwfile"
      printf '%s\n' "$password" > "$pwfile"
      [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$pwfile"
      as_owner "$pg_bin/initdb" -D "$data" -U postgres --auth-local=peer \
        --auth-host=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      rm -f "$pwfile"
    fi
    if ! is_running; then
      port=""
      if [[ -f "$dir/port" ]]; then
        port="$(cat "$dir/port")"
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=""; fi
      fi
      # A port found free may be taken by another test before the server binds it: then the
      # server is started again on another port (a few times), any other failure stops here.
      for attempt in 1 2 3 4 5 6; do
        [[ -n "$port" ]] || port="$(free_port)"
        echo "$port" > "$dir/port"
        [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$dir/port"
        log_size=$(stat -c %s "$dir/log" 2>/dev/null || echo 0)
        # Tests create and drop many databases; fsync off makes that fast and is harmless for a
        # throw-away server. LLW_PG_FSYNC=on keeps it (for benchmarks that must count the syncs).
        if as_owner "$pg_bin/pg_ctl" -D "$data" -l "$dir/log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/sock -c fsync=${LLW_PG_FSYNC:-off} -c max_connections=200" \
            start >/dev/null; then
          break
        fi
        if [[ $attempt -lt 6 ]] && tail -c +$((log_size + 1)) "$dir/log" | grep -q "Address already in use"; then
          echo "port $port was taken meanwhile; trying another one" >&2
          port=""
          continue
        fi
        tail -n 20 "$dir/log" >&2
        exit 1
      done
    fi
    port="$(cat "$dir/port")"
    user_arg=()
    [[ "$(id -u)" != 0 ]] && user_arg=(-U postgres)
    if ! as_owner "$pg_bin/psql" -h "$dir/sock" -p "$port" "${user_arg[@]}" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'llw_test'" 2>/dev/null | grep -q 1; then
      as_owner "$pg_bin/createdb" -h "$dir/sock" -p "$port" "${user_arg[@]}" llw_test
    fi
    url="postgresql://postgres:$password@127.0.0.1:$port/llw_test"
    echo "$url" > "$dir/url"
    echo "$url"
    ;;
  url)
    if ! is_running; then
      echo "no PostgreSQL server is running in $dir" >&2
      exit 1
    fi
    cat "$dir/url"
    ;;
  stop)
    if is_running; then
      [[ "$stop_mode" == fast || "$stop_mode" == immediate ]] ||
        { echo "stop mode must be fast or immediate" >&2; exit 2; }
      as_owner "$pg_bin/pg_ctl" -D "$data" -m "$stop_mode" -w stop >/dev/null
    fi
    rm -f "$dir/url"
    ;;
  *)
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
    ;;
esac
