// SqlReportStore members for the reporting workflow: one stored version of a report and the
// lock-date extensions. Not on a hot path, except find_extension (prepared once per connection).
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_report_store.h"

namespace llw::sql {

using nlohmann::json;

namespace {

struct VersionValuesRow {
  std::string status, action, by_name, comment, values;
  long long at = 0, by = 0;
  soci::indicator by_indicator = soci::i_ok, name_indicator = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(status));
    st.exchange(soci::into(action));
    st.exchange(soci::into(at));
    st.exchange(soci::into(by, by_indicator));
    st.exchange(soci::into(by_name, name_indicator));
    st.exchange(soci::into(comment));
    st.exchange(soci::into(values));
  }
};

}  // namespace

std::optional<std::pair<ReportVersion, nlohmann::json>> SqlReportStore::report_version(
    std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) {
  // A version's page and its comparison with another: prepared once per connection.
  auto connection = context_.pool().acquire();
  const auto row =
      connection
          ->prepared<VersionValuesRow, long long, long long, long long>(
              "SELECT v.status, v.action, v.at, v.by, us.display_name, v.comment, v.values_json "
              "FROM report_versions v LEFT JOIN users us ON us.id = v.by "
              "WHERE v.campaign_id = :c AND v.unit_id = :u AND v.version = :n")
          .one(campaign_id, unit_id, version);
  if (!row) return std::nullopt;
  ReportVersion entry;
  entry.version = version;
  auto parsed = report_status_from_string(row->status);
  if (!parsed) corrupt_column("report_versions.status", row->status);
  entry.status = *parsed;
  entry.action = row->action;
  entry.at = row->at;
  if (row->by_indicator == soci::i_ok) entry.by = row->by;
  if (row->name_indicator == soci::i_ok) entry.by_name = row->by_name;
  entry.comment = row->comment;
  return std::make_pair(std::move(entry), json::parse(row->values));
}

void SqlReportStore::put_extension(const ReportExtension& extension) {
  context_.with_write_connection([&](Connection& connection) {
    std::optional<long long> by;
    if (extension.granted_by) by = *extension.granted_by;
    connection
        .write<long long, long long, std::string, Nullable<long long>, long long>(
            "INSERT INTO report_extensions (campaign_id, unit_id, until_date, granted_by, "
            "granted_at) VALUES (:c, :u, :until, :by, :at) ON CONFLICT (campaign_id, unit_id) DO "
            "UPDATE SET until_date = excluded.until_date, granted_by = excluded.granted_by, "
            "granted_at = excluded.granted_at")
        .run(extension.campaign_id, extension.unit_id, format_iso_date(extension.until), by,
             extension.granted_at);
  });
}

namespace {

struct ExtensionRow {
  std::string until;
  long long by = 0, at = 0;
  soci::indicator by_indicator = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(until));
    st.exchange(soci::into(by, by_indicator));
    st.exchange(soci::into(at));
  }
};

}  // namespace

std::optional<ReportExtension> SqlReportStore::find_extension(std::int64_t campaign_id,
                                                              std::int64_t unit_id) {
  // Read with every report page and save (the lock date): prepared once per connection.
  auto connection = context_.pool().acquire();
  const auto row = connection
                       ->prepared<ExtensionRow, long long, long long>(
                           "SELECT until_date, granted_by, granted_at FROM report_extensions "
                           "WHERE campaign_id = :c AND unit_id = :u")
                       .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  auto date = parse_iso_date(row->until);
  if (!date) corrupt_column("report_extensions.until_date", row->until);
  ReportExtension extension;
  extension.campaign_id = campaign_id;
  extension.unit_id = unit_id;
  extension.until = *date;
  if (row->by_indicator == soci::i_ok) extension.granted_by = row->by;
  extension.granted_at = row->at;
  return extension;
}

}  // namespace llw::sql
