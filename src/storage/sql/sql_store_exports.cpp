// SqlStore members for documents and exports: streaming every report of a subtree (the data
// export and the consolidated report's annex) and replacing a campaign's plan fields.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "domain/error.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"
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
};

// Rows per page: large enough that the per-statement cost vanishes, small enough that a page's
// values (a few KB each) stay a few MB even where the driver buffers a whole result
// (PostgreSQL's libpq does).
constexpr int kPageSize = 2000;

}  // namespace

void SqlStore::for_each_report_in_subtree(
    std::int64_t campaign_id, std::string_view path,
    const std::function<void(const OrgUnit&, UnitReport&)>& visit) {
  with_session([&](soci::session& sql) {
    // One read snapshot across the pages: SQLite's deferred transaction takes it at the first
    // read; PostgreSQL needs REPEATABLE READ for the same.
    Transaction transaction(sql, "BEGIN");
    if (std::strcmp(dialect_.name, "postgresql") == 0) {
      sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
    }
    long long cid = campaign_id;
    const std::string high = path_upper_bound(std::string(path));
    std::string low(path);
    int limit = kPageSize;
    // The first page includes `path` itself (>=); later pages start after the last path seen
    // (>); paths are unique within a campaign, so no row is read twice or skipped.
    for (bool first = true;; first = false) {
      int count = 0;
      std::string last;
      for_each_row<ExportRow>(
          sql,
          std::string("SELECT ") + kUnitColumns + ", " + kReportColumnList + kReportFrom +
              "LEFT JOIN units p ON p.id = u.parent_id WHERE r.campaign_id = :c AND r.path " +
              (first ? ">=" : ">") + " :low AND r.path < :high ORDER BY r.path LIMIT :n",
          [&](const ExportRow& row) {
            ++count;
            last = row.unit.path;
            const OrgUnit unit = row.unit.to_unit();
            UnitReport report = row.report.to_report();
            visit(unit, report);
          },
          soci::use(cid), soci::use(low), soci::use(high), soci::use(limit));
      if (count < limit) break;
      low = last;
    }
    transaction.commit();
  });
}

void SqlStore::update_campaign_plan(std::int64_t campaign_id, const nlohmann::json& plan) {
  const std::string text = plan.dump(-1, ' ', false, json::error_handler_t::strict);
  with_write_session([&](soci::session& sql) {
    long long cid = campaign_id;
    long long found = 0;
    sql << "SELECT COUNT(*) FROM campaigns WHERE id = :id", soci::into(found), soci::use(cid);
    if (found == 0) {
      throw Error(ErrorKind::not_found,
                  "Không tìm thấy đợt báo cáo số " + std::to_string(campaign_id) +
                      ". Hãy kiểm tra lại đường dẫn.",
                  "campaign");
    }
    // The plan shows in the summary's documents: bump the revision like every campaign edit.
    sql << "UPDATE campaigns SET plan_json = :plan, revision = revision + 1 WHERE id = :id",
        soci::use(text), soci::use(cid);
  });
}

}  // namespace llw::sql
