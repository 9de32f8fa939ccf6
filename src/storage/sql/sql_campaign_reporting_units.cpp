// SqlCampaignStore members that change which units report in a campaign: one unit joining (a unit
// created or moved in) or leaving, and the campaign settings save that changes the reporting
// kinds. A report joins or leaves through one function each, run inside the caller's write
// transaction, so the single-unit changes and the settings save share one SQL path.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/aggregate_shift.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_campaign_store.h"
#include "storage/sql/store_queries.h"

namespace llw::sql {
namespace {

// A report row as the rule for removing it reads it.
struct ReportState {
  std::string status;
  long long version = 0;
  int counted = 0;
  std::string path;

  // Never saved: removing it takes off exactly what adding it put on the aggregates.
  bool untouched() const { return status == "not_started" && version == 0; }

  void bind(soci::statement& st) {
    st.exchange(soci::into(status));
    st.exchange(soci::into(version));
    st.exchange(soci::into(counted));
    st.exchange(soci::into(path));
  }
};

// The unit's report in the campaign, row-locked until the transaction ends (PostgreSQL; SQLite's
// writers hold the file's write lock), so a save cannot slip in between the check and the delete.
std::optional<ReportState> lock_report(Connection& connection, long long cid, long long uid) {
  return connection
      .prepared<ReportState, long long, long long>(
          std::string("SELECT status, version, counted, "
                      "path FROM reports WHERE "
                      "campaign_id = :c AND unit_id = :u") +
          connection.dialect->lock_for_update)
      .one(cid, uid);
}

Error campaign_not_found(long long cid) {
  return Error(
      ErrorKind::not_found,
      "Không tìm thấy đợt báo cáo số " + std::to_string(cid) + ". Hãy kiểm tra lại đường dẫn.",
      "campaign");
}

// 1 when the campaign counts not-started reports in its figures (its counted states), else 0.
// Error{not_found} when there is no such campaign.
int not_started_counted(Connection& connection, long long cid) {
  const auto states =
      connection.prepared<TextRow, long long>("SELECT counted_states FROM campaigns WHERE id = :id")
          .one(cid);
  if (!states) throw campaign_not_found(cid);
  for (const auto& state : nlohmann::json::parse(states->value)) {
    if (state == "not_started") return 1;
  }
  return 0;
}

const std::vector<std::int64_t>& ancestors_or(const std::vector<std::int64_t>& given,
                                              const std::string& path,
                                              std::vector<std::int64_t>& from_path) {
  if (!given.empty()) return given;
  from_path = ancestor_ids_of_path(path);
  return from_path;
}

// Deletes an untouched report (with any history and texts) and takes exactly its contribution
// off the aggregates of the unit's ancestors.
void delete_report(Connection& connection, AggregateAdder& aggregates, long long cid,
                   const ReportingUnitChange& change, const ReportState& row) {
  const long long uid = change.unit.id;
  for (const char* table : {"report_narratives", "report_versions", "reports"}) {
    connection
        .write<long long, long long>(std::string("DELETE FROM ") + table +
                                     " WHERE campaign_id = :c AND unit_id = :u")
        .run(cid, uid);
  }
  Contribution minus;
  for (const auto& [slot, value] : change.contribution) minus[slot] = -value;
  std::vector<std::int64_t> from_path;
  aggregates.add(cid, ancestors_or(change.ancestor_ids, row.path, from_path), minus, -1,
                 -row.counted);
}

// Creates the unit's not-started report and adds its contribution to the aggregates of its
// ancestors. Error{conflict} when the unit reports already, Error{not_found} when it is gone.
void insert_report(Connection& connection, AggregateAdder& aggregates, long long cid,
                   const ReportingUnitChange& change, int counted) {
  const long long uid = change.unit.id;
  const auto exists =
      connection
          .prepared<CountRow, long long, long long>(
              "SELECT COUNT(*) FROM reports WHERE campaign_id = :c AND unit_id = :u")
          .one(cid, uid);
  if (exists && exists->value != 0) {
    throw Error(ErrorKind::conflict,
                "Đơn vị '" + change.unit.code + "' đã có trong danh sách báo cáo của đợt này.",
                "unit");
  }
  const auto stored_path =
      connection.prepared<TextRow, long long>("SELECT path FROM units WHERE id = :id").one(uid);
  if (!stored_path) {
    throw Error(
        ErrorKind::not_found,
        "Không tìm thấy đơn vị có mã '" + change.unit.code + "'. Hãy kiểm tra lại mã đơn vị.",
        "unit");
  }
  const std::string& path = stored_path->value;
  connection
      .write<long long, long long, std::string, int>(
          "INSERT INTO reports (campaign_id, unit_id, path, status, version, values_json, late, "
          "updated_at, counted) VALUES (:c, :u, :path, 'not_started', 0, '{}', 0, 0, :counted)")
      .run(cid, uid, path, counted);
  std::vector<std::int64_t> from_path;
  aggregates.add(cid, ancestors_or(change.ancestor_ids, path, from_path), change.contribution, 1,
                 counted);
}

// The refusal of a change of kinds that would throw saved reports away: per kind, how many
// units have data.
Error kinds_with_data(const std::map<UnitKind, int>& with_data) {
  std::string message;
  for (const auto& [kind, count] : with_data) {
    message += "Không bỏ được loại " + std::string(vietnamese_label(kind)) + ": " +
               std::to_string(count) + " đơn vị đã lưu hoặc gửi báo cáo. ";
  }
  message += with_data.size() == 1 ? "Hãy giữ loại này trong danh sách."
                                   : "Hãy giữ các loại này trong danh sách.";
  return Error(ErrorKind::conflict, message, "reporting_kinds", {{"reporting_kinds", message}});
}

// Stores the settings a campaign settings save replaces and bumps the revision (dates and name
// show in summaries and their documents, so cached summaries are rebuilt).
void store_settings(Connection& connection, const Campaign& campaign,
                    const std::optional<SummarySource>& summary_source) {
  long long id = campaign.id;
  std::string start = format_iso_date(campaign.period_start);
  std::string end = format_iso_date(campaign.period_end);
  std::string deadline = format_iso_date(campaign.deadline);
  std::string lock = format_iso_date(campaign.lock_date);
  nlohmann::json kind_list = nlohmann::json::array();
  for (auto kind : campaign.reporting_kinds) kind_list.push_back(std::string(to_string(kind)));
  std::string kinds = kind_list.dump();
  std::string plan = campaign.plan.dump();  // the theme of the year lives in the top plan
  const long long changed =
      connection
          .write<std::string, std::string, std::string, std::string, std::string, std::string,
                 std::string, long long>(
              "UPDATE campaigns SET name = :name, period_start = :start, "
              "period_end = :end, deadline = :deadline, lock_date = :lock, "
              "reporting_kinds = :kinds, plan_json = :plan, revision = revision + 1 "
              "WHERE id = :id")
          .run(campaign.name, start, end, deadline, lock, kinds, plan, id);
  if (changed == 0) throw campaign_not_found(id);
  if (summary_source) {
    connection
        .write<std::string, long long>("UPDATE campaigns SET summary_source = :s WHERE id = :id")
        .run(std::string(to_string(*summary_source)), id);
  }
}

}  // namespace

void SqlCampaignStore::add_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                                          const Contribution& contribution,
                                          const std::vector<std::int64_t>& ancestor_ids) {
  context_.with_write_connection([&](Connection& connection) {
    const int counted = not_started_counted(connection, campaign_id);
    AggregateAdder aggregates(connection);
    insert_report(connection, aggregates, campaign_id, {unit, contribution, ancestor_ids}, counted);
    bump_revision(connection, campaign_id);
  });
}

void SqlCampaignStore::remove_reporting_unit(std::int64_t campaign_id, const OrgUnit& unit,
                                             const Contribution& contribution,
                                             const std::vector<std::int64_t>& ancestor_ids) {
  context_.with_write_connection([&](Connection& connection) {
    const auto row = lock_report(connection, campaign_id, unit.id);
    if (!row) {
      throw Error(ErrorKind::not_found,
                  "Đơn vị '" + unit.code + "' không có trong danh sách báo cáo của đợt này.",
                  "unit");
    }
    if (!row->untouched()) {
      throw Error(ErrorKind::conflict,
                  "Đơn vị '" + unit.code + "' đã lưu hoặc gửi báo cáo nên không bỏ khỏi đợt được.",
                  "reporting_kinds");
    }
    AggregateAdder aggregates(connection);
    delete_report(connection, aggregates, campaign_id, {unit, contribution, ancestor_ids}, *row);
    bump_revision(connection, campaign_id);
  });
}

void SqlCampaignStore::change_campaign_settings(const CampaignSettingsChange& change) {
  context_.with_write_connection([&](Connection& connection) {
    const long long cid = change.campaign.id;
    const int counted = not_started_counted(connection, cid);
    // Every removal is checked, and its report locked, before anything is written: a report
    // saved after the caller read it refuses the whole change instead of being thrown away.
    std::vector<ReportState> rows;
    rows.reserve(change.removed.size());
    std::map<UnitKind, int> with_data;
    for (const ReportingUnitChange& removed : change.removed) {
      auto row = lock_report(connection, cid, removed.unit.id);
      if (!row) {
        throw Error(ErrorKind::conflict,
                    "Danh sách đơn vị phải báo cáo của đợt vừa được thay đổi ở nơi khác. Hãy "
                    "tải lại trang, kiểm tra rồi lưu lại.",
                    "reporting_kinds");
      }
      if (!row->untouched()) ++with_data[removed.unit.kind];
      rows.push_back(std::move(*row));
    }
    if (!with_data.empty()) throw kinds_with_data(with_data);
    AggregateAdder aggregates(connection);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      delete_report(connection, aggregates, cid, change.removed[i], rows[i]);
    }
    for (const ReportingUnitChange& added : change.added) {
      insert_report(connection, aggregates, cid, added, counted);
    }
    store_settings(connection, change.campaign, change.summary_source);
  });
}

}  // namespace llw::sql
