#!/usr/bin/env bash
# Drives the real `llw` binary: init, demo, summary (table and JSON), user add, import-units,
# export, and the exit codes (0 ok, 1 user error, 2 usage). Usage: cli_test.sh PATH/TO/llw SOURCE_DIR
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
contains demo-again-says-why "already holds data"
# A production database with only an account: no demo rows mixed in, nothing written.
prod="$tmp/prod.sqlite"
check prod-init 0 "$llw" init --db "$prod"
check prod-admin 0 sh -c "echo 'mat-khau-quan-tri-9' | '$llw' user add --db '$prod' --username quantri --role admin"
check demo-into-prod-refused 1 "$llw" demo --db "$prod"
check demo-into-prod-wrote-nothing 0 sh -c "test \"\$(sqlite3 '$prod' 'SELECT (SELECT COUNT(*) FROM units) || \"/\" || (SELECT COUNT(*) FROM users)')\" = 0/1"
# --reset replaces it only with a complete demo: a demo that fails half-way leaves it as it was.
mkdir -p "$tmp/no-forms"
check demo-reset-failing 1 "$llw" demo --db "$prod" --reset --forms "$tmp/no-forms"
check demo-reset-failing-kept-the-db 0 sh -c "test \"\$(sqlite3 '$prod' 'SELECT username FROM users')\" = quantri"
check demo-reset-failing-left-no-file 1 test -e "$prod.demo-building"
check demo-reset 0 "$llw" demo --db "$prod" --reset
check demo-reset-replaced 0 sh -c "test \"\$(sqlite3 '$prod' 'SELECT COUNT(*) FROM users WHERE username = \"quantri\"')\" = 0"
check summary 0 "$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG
contains summary-table "Xã An Hưng (HP-ANHUNG)"
check summary-json 0 "$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG --json
contains summary-json-expected '"expected": 25'
check summary-unknown-unit 1 "$llw" summary --db "$db" --campaign 1 --unit NOPE
# The figures, without the cut-off (figures_at: the moment each summary was read).
"$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG --json | jq -S 'del(.figures_at)' \
  >"$tmp/before-recount.json"
check recount 0 "$llw" recount --db "$db"
contains recount-says-how-many "Đã tính lại số liệu tổng hợp của 2 đợt báo cáo."
check recount-keeps-the-figures 0 sh -c "'$llw' summary --db '$db' --campaign 1 --unit HP-ANHUNG --json | jq -S 'del(.figures_at)' | cmp - '$tmp/before-recount.json'"
check user-add 0 sh -c "echo 'mat-khau-123' | '$llw' user add --db '$db' --username th.moi --unit HP-ANHUNG-TH1 --role reporter"
check user-add-needs-unit 1 sh -c "echo 'mat-khau-123' | '$llw' user add --db '$db' --username th.khac --role reporter"
contains user-add-english-message "needs --unit"
check user-add-unknown-unit 1 sh -c "echo 'mat-khau-123' | '$llw' user add --db '$db' --username th.khac --unit NOPE --role reporter"
contains user-add-names-the-unit "Không tìm thấy đơn vị có mã NOPE"
check remind-dry-run 0 "$llw" remind --db "$db" --campaign 1 --dry-run
contains remind-names-the-campaign "Nhắc nộp báo cáo: đợt 1 ("
check remind-unknown-campaign 1 "$llw" remind --db "$db" --campaign 99 --dry-run
contains remind-says-which-campaign "Không tìm thấy đợt báo cáo số 99"
printf 'code,name,kind,parent\nHP-ANHUNG-N1,Thôn Mới,village,HP-ANHUNG\nHP-ANHUNG-N2,,village,HP-ANHUNG\n' >"$tmp/bad.csv"
check import-bad 1 "$llw" import-units --db "$db" "$tmp/bad.csv"
contains import-bad-row "row 3"
printf 'code,name,kind,parent,pop_residents\nHP-ANHUNG-N1,Thôn Mới,village,HP-ANHUNG,900\n' >"$tmp/good.csv"
check import-good 0 "$llw" import-units --db "$db" "$tmp/good.csv"
contains import-good-count "1 created"
check summary-after-import 0 "$llw" summary --db "$db" --campaign 1 --unit HP-ANHUNG --json
contains summary-counts-new-unit '"expected": 26'

# export: documents and data to files, read back by real consumers.
check export-summary-pdf 0 "$llw" export --db "$db" --campaign 1 --unit HP-ANHUNG --format pdf -o "$tmp/summary.pdf"
contains export-suggests-name "bao-cao-tong-hop-xa-an-hung-2025.pdf"
check export-summary-pdf-text 0 sh -c "pdftotext '$tmp/summary.pdf' - | grep -q 'BÁO CÁO'"
check export-plan-docx 0 "$llw" export --db "$db" --campaign 1 --kind plan --format docx -o "$tmp/plan.docx"
check export-plan-docx-is-zip 0 sh -c "unzip -p '$tmp/plan.docx' word/document.xml | grep -q 'KẾ HOẠCH'"
check export-report-pdf 0 "$llw" export --db "$db" --campaign 1 --unit HP-ANHUNG-TH1 --kind report --format pdf -o "$tmp/report.pdf"
check export-report-pdf-a4 0 sh -c "pdfinfo '$tmp/report.pdf' | grep -q 'A4'"
check export-xlsx 0 "$llw" export --db "$db" --campaign 1 --unit HP-ANHUNG --format xlsx -o "$tmp/data.xlsx"
check export-xlsx-has-totals-sheet 0 sh -c "unzip -p '$tmp/data.xlsx' xl/workbook.xml | grep -q 'Tổng hợp'"
check export-csv 0 "$llw" export --db "$db" --campaign 1 --unit HP-ANHUNG --format csv -o "$tmp/data.csv"
check export-csv-one-line-per-unit 0 sh -c "[ \$(tail -n +2 '$tmp/data.csv' | wc -l) -eq 26 ]"
check export-csv-bom 0 sh -c "head -c 3 '$tmp/data.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check export-needs-unit 1 "$llw" export --db "$db" --campaign 1 --format csv -o "$tmp/x.csv"
contains export-needs-unit-message "--unit CODE is required"
check export-bad-format 2 "$llw" export --db "$db" --campaign 1 --unit HP-ANHUNG --format odt -o "$tmp/x.odt"
check export-unknown-unit 1 "$llw" export --db "$db" --campaign 1 --unit NOPE --format pdf -o "$tmp/x.pdf"
check export-unknown-unit-writes-nothing 1 test -e "$tmp/x.pdf"
check export-unwritable 1 "$llw" export --db "$db" --campaign 1 --unit HP-ANHUNG --format pdf -o "$tmp/no/such/dir/x.pdf"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
