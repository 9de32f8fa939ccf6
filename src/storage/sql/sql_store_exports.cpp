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
#include "storage/sql/sql_store.h"

namespace llw::sql {
namespace {

using nlohmann::json;

// Every path that starts with `prefix` lies in [prefix, upper) (see path_upper_bound in
// sql_store.cpp; paths are ASCII digits and '/').
std::string upper_bound_of(std::string prefix) {
  if (prefix.empty()) return "\x7f";
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// One unit and its report as read by the export query.
struct ExportRow {
  long long unit_id = 0;
  std::string code, name, kind, level;
  long long parent_id = 0;
  soci::indicator parent_ind = soci::i_ok;
  std::string parent_code;
  soci::indicator parent_code_ind = soci::i_ok;
  std::string path, population_json, email;
  std::string status;
  long long version = 0;
  std::string values_json;
  long long submitted_at = 0;
  soci::indicator submitted_ind = soci::i_ok;
  int late = 0;
  long long updated_at = 0;
  long long updated_by = 0;
  soci::indicator updated_by_ind = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(level));
    st.exchange(soci::into(parent_id, parent_ind));
    st.exchange(soci::into(parent_code, parent_code_ind));
    st.exchange(soci::into(path));
    st.exchange(soci::into(population_json));
    st.exchange(soci::into(email));
    st.exchange(soci::into(status));
    st.exchange(soci::into(version));
    st.exchange(soci::into(values_json));
    st.exchange(soci::into(submitted_at, submitted_ind));
    st.exchange(soci::into(late));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(updated_by, updated_by_ind));
  }

  OrgUnit unit() const {
    OrgUnit u;
    u.id = unit_id;
    u.code = code;
    u.name = name;
    u.kind = unit_kind_from_string(kind).value_or(UnitKind::school);
    u.level = school_level_from_string(level).value_or(SchoolLevel::none);
    if (parent_ind == soci::i_ok) u.parent_id = parent_id;
    if (parent_code_ind == soci::i_ok) u.parent_code = parent_code;
    u.path = path;
    u.population = json::parse(population_json).get<Population>();
    u.email = email;
    return u;
  }

  UnitReport report(long long campaign_id) const {
    UnitReport r;
    r.campaign_id = campaign_id;
    r.unit_id = unit_id;
    r.unit_code = code;
    r.status = report_status_from_string(status).value_or(ReportStatus::not_started);
    r.version = version;
    r.values = json::parse(values_json);
    if (submitted_ind == soci::i_ok) r.submitted_at = submitted_at;
    r.late = late != 0;
    r.updated_at = updated_at;
    if (updated_by_ind == soci::i_ok) r.updated_by = updated_by;
    return r;
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
    sql << "BEGIN";
    if (std::strcmp(dialect_.name, "postgresql") == 0) {
      sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
    }
    try {
      long long cid = campaign_id;
      const std::string high = upper_bound_of(std::string(path));
      std::string low(path);
      int limit = kPageSize;
      ExportRow row;
      // The first page includes `path` itself (>=); later pages start after the last path seen
      // (>); paths are unique within a campaign, so no row is read twice or skipped.
      for (bool first = true;; first = false) {
        soci::statement st(sql);
        row.bind(st);
        st.exchange(soci::use(cid));
        st.exchange(soci::use(low));
        st.exchange(soci::use(high));
        st.exchange(soci::use(limit));
        st.alloc();
        st.prepare(std::string(
                       "SELECT u.id, u.code, u.name, u.kind, u.level, u.parent_id, p.code, u.path, "
                       "u.population_json, u.email, r.status, r.version, r.values_json, "
                       "r.submitted_at, r.late, r.updated_at, r.updated_by "
                       "FROM reports r JOIN units u ON u.id = r.unit_id "
                       "LEFT JOIN units p ON p.id = u.parent_id "
                       "WHERE r.campaign_id = :c AND r.path ") +
                   (first ? ">=" : ">") + " :low AND r.path < :high ORDER BY r.path LIMIT :n");
        st.define_and_bind();
        st.execute(false);
        int count = 0;
        std::string last;
        while (st.fetch()) {
          ++count;
          last = row.path;
          const OrgUnit unit = row.unit();
          UnitReport report = row.report(cid);
          visit(unit, report);
        }
        if (count < limit) break;
        low = last;
      }
      sql << "COMMIT";
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
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
