// SqlReportStore::for_each_report_in_subtree for documents and exports: streaming every report
// of a subtree (the data export and the consolidated report's annex).
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "domain/error.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_report_store.h"
#include "storage/sql/text_rows.h"
#include "storage/sql/transaction.h"

namespace llw::sql {
namespace {

using nlohmann::json;

// One unit and its report as read by the export query.
struct ExportRow {
  UnitRow unit;
  ReportRow report;

  void bind(soci::statement& st) {
    unit.bind(st);
    report.bind(st);
  }

  // The same columns from a streamed batch's row (Dialect::stream_rows).
  void read(const TextRows& rows, int r) {
    int c = 0;
    const auto text = [&] { return std::string(rows.field(r, c++).value_or("")); };
    const auto optional_integer = [&](long long& value, soci::indicator& indicator,
                                      const char* what) {
      const auto field = rows.field(r, c++);
      indicator = field ? soci::i_ok : soci::i_null;
      if (field) value = integer_field(field, what);
    };
    unit.id = integer_field(rows.field(r, c++), "units.id");
    unit.code = text();
    unit.name = text();
    unit.kind = text();
    unit.level = text();
    optional_integer(unit.parent_id, unit.parent_ind, "units.parent_id");
    unit.parent_code_ind = rows.field(r, c) ? soci::i_ok : soci::i_null;
    unit.parent_code = text();
    unit.path = text();
    unit.population_json = text();
    unit.email = text();
    unit.signer.authority = text();
    unit.signer.deputy = text();
    unit.signer.position = text();
    unit.signer.name = text();
    unit.phone = text();
    report.campaign_id = integer_field(rows.field(r, c++), "reports.campaign_id");
    report.unit_id = integer_field(rows.field(r, c++), "reports.unit_id");
    report.unit_code = text();
    report.status = text();
    report.version = integer_field(rows.field(r, c++), "reports.version");
    report.values_json = text();
    optional_integer(report.submitted_at, report.submitted_ind, "reports.submitted_at");
    report.late = static_cast<int>(integer_field(rows.field(r, c++), "reports.late"));
    report.updated_at = integer_field(rows.field(r, c++), "reports.updated_at");
    optional_integer(report.updated_by, report.updated_by_ind, "reports.updated_by");
    report.comment = text();
  }
};

// The export's query: the subtree's reports from `low` (itself included when `from` is ">=")
// to `high`, in path order; `campaign`, `low` and `high` are the driver's placeholders.
std::string export_query(const char* from, const char* campaign, const char* low,
                         const char* high) {
  return std::string("SELECT ") + kUnitColumns + ", " + kReportColumnList + kReportFrom +
         "LEFT JOIN units p ON p.id = u.parent_id WHERE r.campaign_id = " + campaign +
         " AND r.path " + from + " " + low + " AND r.path < " + high + " ORDER BY r.path";
}

// Rows per page: large enough that the per-statement cost vanishes, small enough that a page's
// values (a few KB each) stay a few MB even where the driver buffers a whole result
// (PostgreSQL's libpq does).
constexpr int kPageSize = 2000;
// Rows per streamed batch (Dialect::stream_rows): about 2.5 MB of text, which the server sends
// while the previous batch is handled.
constexpr int kStreamBatchRows = 1000;

}  // namespace

void SqlReportStore::for_each_report_in_subtree(
    std::int64_t campaign_id, std::string_view path, const ReportValueKeys& keys,
    const std::function<void(const OrgUnit&, UnitReport&)>& visit) {
  context_.with_session([&](soci::session& sql) {
    // One read snapshot across the pages: SQLite's deferred transaction takes it at the first
    // read; PostgreSQL needs REPEATABLE READ for the same.
    Transaction transaction(sql, "BEGIN");
    if (std::strcmp(context_.dialect().name, "postgresql") == 0) {
      sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
    }
    long long cid = campaign_id;
    const std::string high = path_upper_bound(std::string(path));
    std::string low(path);
    const auto visit_row = [&](const ExportRow& row) {
      const OrgUnit unit = row.unit.to_unit();
      UnitReport report = row.report.to_report(keys);
      visit(unit, report);
    };
    if (context_.dialect().stream_rows != nullptr) {
      // One query whose rows the server produces while the previous batch is handled.
      ExportRow row;
      context_.dialect().stream_rows(sql, export_query(">=", "$1", "$2", "$3"),
                                     {std::to_string(cid), low, high}, kStreamBatchRows,
                                     [&](const TextRows& rows) {
                                       for (int r = 0; r < rows.size(); ++r) {
                                         row.read(rows, r);
                                         visit_row(row);
                                       }
                                     });
      transaction.commit();
      return;
    }
    int limit = kPageSize;
    // The first page includes `path` itself (>=); later pages start after the last path seen
    // (>); paths are unique within a campaign, so no row is read twice or skipped.
    for (bool first = true;; first = false) {
      int count = 0;
      std::string last;
      for_each_row<ExportRow>(
          sql, export_query(first ? ">=" : ">", ":c", ":low", ":high") + " LIMIT :n",
          [&](const ExportRow& row) {
            ++count;
            last = row.unit.path;
            visit_row(row);
          },
          soci::use(cid), soci::use(low), soci::use(high), soci::use(limit));
      if (count < limit) break;
      low = last;
    }
    transaction.commit();
  });
}

}  // namespace llw::sql
