// SqlReportStore and SqlAggregateStore: loading many reports at once and recomputing a campaign's
// aggregates from its reports (ReportStore::bulk_put_reports, AggregateStore::rebuild_aggregates).
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/error.h"
#include "storage/sql/aggregate_shift.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/report_writers.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_aggregate_store.h"
#include "storage/sql/sql_report_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

namespace {

// The path, code and name of units by id, for the rows that copy them. Array dialects fetch a
// chunk of ids per statement (prefetch); SQLite looks each id up when asked.
class UnitInfoLookup {
 public:
  struct Info {
    std::string path, code, name;
  };

  UnitInfoLookup(soci::session& sql, const Dialect& dialect)
      : sql_(sql),
        arrays_(dialect.array_batches),
        select_((sql.prepare << "SELECT path, code, name FROM units WHERE id = :id",
                 soci::into(info_.path), soci::into(info_.code), soci::into(info_.name),
                 soci::use(id_))) {}

  void prefetch(const std::vector<long long>& ids) {
    if (!arrays_ || ids.empty()) return;
    std::string array = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i) array += ',';
      array += std::to_string(ids[i]);
    }
    array += '}';
    long long id = 0;
    Info info;
    soci::statement st = (sql_.prepare << "SELECT id, path, code, name FROM units "
                                          "WHERE id = ANY(:ids::bigint[])",
                          soci::into(id), soci::into(info.path), soci::into(info.code),
                          soci::into(info.name), soci::use(array));
    st.execute(false);
    while (st.fetch()) known_[id] = info;
  }

  std::optional<Info> find(long long id) {
    if (arrays_) {
      auto it = known_.find(id);
      if (it == known_.end()) return std::nullopt;
      return it->second;
    }
    id_ = id;
    if (!select_.execute(true)) return std::nullopt;
    return info_;
  }

  void clear() { known_.clear(); }

 private:
  soci::session& sql_;
  bool arrays_;
  std::unordered_map<long long, Info> known_;
  long long id_ = 0;
  Info info_;
  soci::statement select_;
};

}  // namespace

void SqlReportStore::bulk_put_reports(
    const std::vector<UnitReport>& reports,
    const std::vector<std::map<std::string, std::string>>& narratives_if_counted) {
  context_.write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        std::map<long long, std::set<std::string>> counted_by_campaign;
        UnitInfoLookup units(sql, context_.dialect());
        BatchStatement upsert(
            sql, context_.dialect(),
            {{"campaign_id", ColumnType::integer},
             {"unit_id", ColumnType::integer},
             {"path", ColumnType::text},
             {"status", ColumnType::text},
             {"version", ColumnType::integer},
             {"values_json", ColumnType::text},
             {"submitted_at", ColumnType::integer},
             {"late", ColumnType::integer},
             {"updated_at", ColumnType::integer},
             {"updated_by", ColumnType::integer},
             {"counted", ColumnType::integer}},
            "INSERT INTO reports (campaign_id, unit_id, path, status, version, values_json, "
            "submitted_at, late, updated_at, updated_by, counted) SELECT v.campaign_id, v.unit_id, "
            "v.path, v.status, v.version, v.values_json, v.submitted_at, v.late, v.updated_at, "
            "v.updated_by, v.counted FROM {rows} WHERE true "
            "ON CONFLICT (campaign_id, unit_id) DO UPDATE SET path = excluded.path, "
            "status = excluded.status, version = excluded.version, "
            "values_json = excluded.values_json, submitted_at = excluded.submitted_at, "
            "late = excluded.late, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by, counted = excluded.counted");
        BatchStatement delete_texts(
            sql, context_.dialect(),
            {{"campaign_id", ColumnType::integer}, {"unit_id", ColumnType::integer}},
            "DELETE FROM report_narratives WHERE (campaign_id, unit_id) IN "
            "(SELECT v.campaign_id, v.unit_id FROM {rows})");
        BulkInsert insert_texts(sql, context_.dialect(), "report_narratives",
                                NarrativeWriter::columns(), NarrativeWriter::insert_sql());
        // Local writers, not the connection's kept ones: a failure half-way must leave no batch
        // behind in a statement that outlives this transaction.
        VersionWriter versions(sql, context_.dialect());
        static const std::map<std::string, std::string> none;

        // Chunks of reports: rows of one chunk are flushed table by table, in the order the foreign
        // keys need (reports before their history and texts, old texts deleted before new ones).
        constexpr std::size_t kChunk = 5000;
        for (std::size_t from = 0; from < reports.size(); from += kChunk) {
          std::size_t to = std::min(reports.size(), from + kChunk);
          std::vector<long long> ids;
          ids.reserve(to - from);
          for (std::size_t i = from; i < to; ++i) ids.push_back(reports[i].unit_id);
          units.clear();
          units.prefetch(ids);
          for (std::size_t i = from; i < to; ++i) {
            const UnitReport& report = reports[i];
            long long cid = report.campaign_id;
            long long uid = report.unit_id;
            auto known = counted_by_campaign.find(cid);
            if (known == counted_by_campaign.end()) {
              known = counted_by_campaign.emplace(cid, counted_states_of(connection, cid)).first;
            }
            auto unit = units.find(uid);
            if (!unit) {
              throw Error(ErrorKind::not_found,
                          "Không tìm thấy đơn vị số " + std::to_string(uid) + " của báo cáo thứ " +
                              std::to_string(i + 1) + ". Hãy kiểm tra lại dữ liệu nhập.",
                          "unit");
            }
            std::string status(to_string(report.status));
            long long counted = known->second.count(status) ? 1 : 0;
            std::string values_text = report.values.dump();
            std::optional<long long> submitted_at, updated_by;
            if (report.submitted_at) submitted_at = *report.submitted_at;
            if (report.updated_by) updated_by = *report.updated_by;
            upsert.add(cid, uid, unit->path, status, static_cast<long long>(report.version),
                       values_text, submitted_at, static_cast<long long>(report.late ? 1 : 0),
                       static_cast<long long>(report.updated_at), updated_by, counted);
            if (report.version > 0) versions.append(report, values_text, "import");
            delete_texts.add(cid, uid);
            const auto& texts =
                counted && i < narratives_if_counted.size() ? narratives_if_counted[i] : none;
            for (const auto& [part, text] : texts) {
              if (text.empty()) continue;
              insert_texts.add(cid, uid, part, unit->path, unit->code, unit->name, text);
            }
          }
          upsert.flush();
          versions.flush();
          delete_texts.flush();
          insert_texts.flush();
        }
        for (const auto& [campaign_id, states] : counted_by_campaign) {
          bump_revision(connection, campaign_id);
        }
      },
      WriteSize::large);
}

void SqlAggregateStore::rebuild_aggregates(
    std::int64_t campaign_id,
    const std::function<Contribution(const OrgUnit&, const UnitReport&)>& contribution) {
  context_.write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        long long cid = campaign_id;
        auto counted_states = counted_states_of(connection, cid);
        // Units may have moved since the rows were written: refresh the copied paths first, only
        // where they differ (rewriting every row would rewrite every report's values too).
        sql << "UPDATE reports SET path = u.path FROM units u "
               "WHERE u.id = reports.unit_id AND reports.campaign_id = :c AND reports.path <> "
               "u.path",
            soci::use(cid);
        sql << "UPDATE report_narratives SET path = u.path FROM units u "
               "WHERE u.id = report_narratives.unit_id AND report_narratives.campaign_id = :c "
               "AND report_narratives.path <> u.path",
            soci::use(cid);

        std::unordered_map<long long, PartCounts> texts_by_unit;
        {
          long long uid = 0;
          std::string part;
          soci::statement st = (sql.prepare << "SELECT unit_id, part FROM report_narratives "
                                               "WHERE campaign_id = :c",
                                soci::into(uid), soci::into(part), soci::use(cid));
          st.execute(false);
          while (st.fetch()) texts_by_unit[uid][part] += 1;
        }

        // Reports in path order visit the tree depth-first, so the open nodes form a stack from the
        // root to the current unit: a node's sums are complete when the walk leaves its subtree,
        // then they are written and added into its parent. Memory stays proportional to the depth.
        struct OpenNode {
          long long id = 0;
          std::string path;
          Contribution slots;
          long long reporting = 0;
          long long counted = 0;
          PartCounts texts;
        };
        std::vector<OpenNode> open;
        sql << "DELETE FROM aggregates WHERE campaign_id = :c", soci::use(cid);
        AggregatePutter aggregates(sql, context_.dialect());
        auto close_top = [&] {
          OpenNode node = std::move(open.back());
          open.pop_back();
          aggregates.put(cid, node.id, node.slots, node.reporting, node.counted, node.texts);
          if (!open.empty()) {
            OpenNode& parent = open.back();
            add_slots(parent.slots, node.slots);
            parent.reporting += node.reporting;
            parent.counted += node.counted;
            add_counts(parent.texts, node.texts);
          }
        };

        std::vector<std::pair<long long, int>> counted_fixes;
        UnitRow unit_row;
        ReportRow report_row;
        int stored_counted = 0;
        soci::statement st(sql);
        unit_row.bind(st);
        report_row.bind(st);
        st.exchange(soci::into(stored_counted));
        st.exchange(soci::use(cid));
        st.alloc();
        st.prepare(
            std::string("SELECT ") + kUnitColumns + ", " + kReportColumnList + ", r.counted" +
            kReportFrom +
            "LEFT JOIN units p ON p.id = u.parent_id WHERE r.campaign_id = :c ORDER BY r.path");
        st.define_and_bind();
        st.execute(false);
        while (st.fetch()) {
          OrgUnit unit = unit_row.to_unit();
          UnitReport report = report_row.to_report();
          while (!open.empty() && unit.path.rfind(open.back().path, 0) != 0) close_top();
          auto ids = path_ids(unit.path);
          std::string prefix = open.empty() ? "/" : open.back().path;
          for (std::size_t depth = open.size(); depth < ids.size(); ++depth) {
            prefix += std::to_string(ids[depth]) + "/";
            open.push_back(OpenNode{ids[depth], prefix, {}, 0, 0, {}});
          }
          OpenNode& self = open.back();
          int counted = counted_states.count(report_row.status) ? 1 : 0;
          if (counted != stored_counted) counted_fixes.emplace_back(report_row.unit_id, counted);
          add_slots(self.slots, contribution(unit, report));
          self.reporting += 1;
          self.counted += counted;
          if (counted) {
            if (auto it = texts_by_unit.find(report_row.unit_id); it != texts_by_unit.end()) {
              add_counts(self.texts, it->second);
            }
          }
        }
        while (!open.empty()) close_top();

        aggregates.flush();

        BatchStatement fix(
            sql, context_.dialect(),
            {{"campaign_id", ColumnType::integer},
             {"unit_id", ColumnType::integer},
             {"counted", ColumnType::integer}},
            "UPDATE reports SET counted = v.counted FROM {rows} "
            "WHERE reports.campaign_id = v.campaign_id AND reports.unit_id = v.unit_id");
        for (const auto& [unit_id, value] : counted_fixes) {
          fix.add(cid, unit_id, static_cast<long long>(value));
          fix.flush_if_full(20000);
        }
        fix.flush();
        sql << "DELETE FROM pending_recounts WHERE campaign_id = :c", soci::use(cid);
        bump_revision(connection, cid);
      },
      WriteSize::large);
}

}  // namespace llw::sql
