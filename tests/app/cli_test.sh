#!/usr/bin/env bash
# Drives the real `llw` binary: init, demo, summary (table and JSON), user add, import-units, and
# the exit codes (0 ok, 1 user error, 2 usage). Usage: cli_test.sh PATH/TO/llw SOURCE_DIR
set -u
llw="$1"
source_dir="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$source_dir" || exit 1
passed=0
failed=0

check() {  # check NAME EXPECTED_RC COMMAND...
  local name="$1" expected="$2"
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$expected" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $rc, expected $expected"
    cat "$tmp/out" "$tmp/err"
  fi
}
contains() {  # contains NAME TEXT (in the last command's stdout+stderr)
  if grep -qF -- "$2" "$tmp/out" "$tmp/err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: output lacks '$2'"
    cat "$tmp/out" "$tmp/err"
  fi
}

db="$tmp/llw.sqlite"
check help 0 "$llw" --help
contains help-lists-commands "import-units"
check no-command 2 "$llw"
check bad-option 2 "$llw" demo --db "$db" --scale planet
check init 0 "$llw" init --db "$db"
contains init-loads-form "loaded from"
check demo 0 "$llw" demo --db "$db"
contains demo-prints-accounts "xa.anhung"
check demo-again-refused 1 "$llw" demo --db "$db"
check summary 0 "$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG
contains summary-table "Xã An Hưng (HP-ANHUNG)"
check summary-json 0 "$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG --json
contains summary-json-expected '"expected": 25'
check summary-unknown-unit 1 "$llw" summary --db "$db" --campaign 1 --unit NOPE
check user-add 0 sh -c "echo 'mat-khau-123' | '$llw' user add --db '$db' --username th.moi --unit HP-ANHUNG-TH1 --role reporter"
check user-add-needs-unit 1 sh -c "echo 'mat-khau-123' | '$llw' user add --db '$db' --username th.khac --role reporter"
contains user-add-english-message "needs --unit"
printf 'code,name,kind,parent\nHP-ANHUNG-N1,Thôn Mới,village,HP-ANHUNG\nHP-ANHUNG-N2,,village,HP-ANHUNG\n' >"$tmp/bad.csv"
check import-bad 1 "$llw" import-units --db "$db" "$tmp/bad.csv"
contains import-bad-row "row 3"
printf 'code,name,kind,parent,pop_residents\nHP-ANHUNG-N1,Thôn Mới,village,HP-ANHUNG,900\n' >"$tmp/good.csv"
check import-good 0 "$llw" import-units --db "$db" "$tmp/good.csv"
contains import-good-count "1 created"
check summary-after-import 0 "$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG --json
contains summary-counts-new-unit '"expected": 26'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
