// SqlReportListing, the ReportListing port (domain/report_listing.h): a page of a subtree's
// reports in path order. The subtree is one range of reports.path; each state filter has an index
// that starts with the campaign and ends with the path (reports_counted_path, reports_status_path,
// reports_late_path), so a page reads about offset + limit index entries. A search reads the
// subtree's range of units_path_search (LIKE on the stored key) and counts its matches.
#include "storage/sql/sql_report_listing.h"

#include <algorithm>
#include <string>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"

namespace llw::sql {

namespace {

struct ListRow {
  std::string code, name, kind, parent_name, email, phone, status, values;
  int counted = 0, late = 0;
  long long updated_at = 0, version = 0, reminded_at = 0, queued_at = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(parent_name));
    st.exchange(soci::into(email));
    st.exchange(soci::into(phone));
    st.exchange(soci::into(reminded_at));
    st.exchange(soci::into(queued_at));
    st.exchange(soci::into(status));
    st.exchange(soci::into(counted));
    st.exchange(soci::into(late));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(version));
    st.exchange(soci::into(values));
  }

  ReportListRow to_row() const {
    ReportListRow row;
    row.code = code;
    row.name = name;
    row.kind = kind_column(kind);
    row.parent_name = parent_name;
    row.email = email;
    row.phone = phone;
    // A reminder still queued is the latest when it was asked for after the last one sent.
    if (queued_at > 0 && queued_at >= reminded_at) {
      row.reminded_at = queued_at;
      row.reminder_queued = true;
    } else if (reminded_at > 0) {
      row.reminded_at = reminded_at;
    }
    row.status = status_column(status);
    row.counted = counted != 0;
    row.late = late != 0;
    row.updated_at = updated_at;
    row.version = version;
    row.values = nlohmann::json::parse(values, nullptr, /*allow_exceptions=*/false);
    if (!row.values.is_object()) row.values = nlohmann::json::object();
    return row;
  }
};

struct Count {
  long long value = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(value)); }
};

// The condition of a filter, on reports r. Constants only: the texts are prepared once each.
const char* filter_condition(ReportFilter filter) {
  switch (filter) {
    case ReportFilter::all:
      return "";
    case ReportFilter::missing:
      return " AND r.counted = 0";
    case ReportFilter::counted:
      return " AND r.counted = 1";
    case ReportFilter::late:
      return " AND r.late = 1 AND r.counted = 1";
    case ReportFilter::draft:
      return " AND r.status = 'draft'";
    case ReportFilter::awaiting:
      return " AND r.status = 'submitted'";
    case ReportFilter::returned:
      return " AND r.status = 'returned'";
  }
  return "";
}

// The time of the unit's latest deadline reminder (is_reminder_slot) sent (queued 0) or still
// queued (1), 0 when there is none: a range of the reminders' primary key per row of the page.
std::string latest_reminder(int queued) {
  return "(SELECT COALESCE(MAX(rs.sent_at), 0) FROM reminders_sent rs "
         "WHERE rs.campaign_id = r.campaign_id AND rs.unit_id = r.unit_id "
         "AND (rs.slot LIKE 'd-%' OR rs.slot LIKE 'manual-%') AND rs.queued = " +
         std::to_string(queued) + ")";
}

}  // namespace

ReportListPage SqlReportListing::list_reports(const ReportListQuery& query) {
  const std::string columns =
      "SELECT u.code, u.name, u.kind, COALESCE(p.name, ''), u.email, u.phone, " +
      latest_reminder(0) + ", " + latest_reminder(1) +
      ", r.status, r.counted, r.late, r.updated_at, r.version, r.values_json";
  const std::string filter = filter_condition(query.filter);
  const long long campaign = query.campaign_id;
  const std::string low = query.path, high = path_upper_bound(query.path);
  const long long limit = std::clamp(query.limit, 0, 500);
  const long long offset = std::max<std::int64_t>(query.offset, 0);

  ReportListPage page;
  auto connection = context_.pool().acquire();
  auto add = [&](const ListRow& row) { page.rows.push_back(row.to_row()); };
  if (query.search.empty()) {
    connection
        ->prepared<ListRow, long long, std::string, std::string, long long, long long>(
            columns +
            " FROM reports r JOIN units u ON u.id = r.unit_id "
            "LEFT JOIN units p ON p.id = u.parent_id "
            "WHERE r.campaign_id = :c AND r.path >= :low AND r.path < :high" +
            filter + " ORDER BY r.path LIMIT :n OFFSET :o")
        .each(add, campaign, low, high, limit, offset);
    return page;
  }
  // The units of the subtree whose key matches first (units_path_search), then their reports:
  // CROSS JOIN keeps that order on SQLite; PostgreSQL plans it from its statistics.
  const std::string pattern = contains_pattern(query.search);
  const std::string matches =
      " FROM units u CROSS JOIN reports r "
      "WHERE u.path >= :low AND u.path < :high AND u.search_key LIKE :pattern ESCAPE '\\' "
      "AND r.campaign_id = :c AND r.unit_id = u.id" +
      filter;
  connection
      ->prepared<ListRow, std::string, std::string, std::string, long long, long long, long long>(
          columns + matches.substr(0, matches.find(" WHERE")) +
          " LEFT JOIN units p ON p.id = u.parent_id" + matches.substr(matches.find(" WHERE")) +
          " ORDER BY u.path LIMIT :n OFFSET :o")
      .each(add, low, high, pattern, campaign, limit, offset);
  auto count = connection
                   ->prepared<Count, std::string, std::string, std::string, long long>(
                       "SELECT COUNT(*)" + matches)
                   .one(low, high, pattern, campaign);
  page.matches = count ? count->value : 0;
  return page;
}

}  // namespace llw::sql
