#pragma once
// The storage port that lists the reports of a subtree a page at a time, for the coordinator's
// dashboard: in tree order (a unit after its parent, siblings by id), filtered by state and by a
// search without diacritics. Every page is one bounded range of an index, whatever the size of
// the subtree; the totals of each filter come from the node's aggregate (report_counts.h), so
// only a search counts its matches. Implemented by the SQL store
// (src/storage/sql/sql_report_listing.cpp), on both backends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"
#include "org_unit.h"
#include "report.h"

namespace llw {

// Which reports of the subtree a list shows.
enum class ReportFilter {
  all,
  missing,   // not in a state the campaign counts
  counted,   // in a counted state ("đã nộp")
  late,      // counted and submitted after the deadline
  draft,     // status draft
  awaiting,  // status submitted: waiting for the coordinator's decision
  returned,  // status returned
};

std::string_view to_string(ReportFilter filter);
std::optional<ReportFilter> report_filter_from_string(std::string_view text);

struct ReportListQuery {
  std::int64_t campaign_id = 0;
  std::string path;  // the node's materialized path ("/1/17/")
  ReportFilter filter = ReportFilter::all;
  std::string
      search;  // a search_key (domain/text.h) the unit's name or code must contain; "" for all
  std::int64_t offset = 0;
  int limit = 50;
};

struct ReportListRow {
  std::string code;
  std::string name;
  UnitKind kind = UnitKind::school;
  std::string parent_name;  // "" for the node itself
  std::string email;
  std::string phone;
  // The unit's latest deadline reminder (is_reminder_slot): when it was sent, or asked for while
  // it is still queued; nullopt when it was never reminded.
  std::optional<Timestamp> reminded_at;
  bool reminder_queued = false;
  ReportStatus status = ReportStatus::not_started;
  bool counted = false;
  bool late = false;
  Timestamp updated_at = 0;
  std::int64_t version = 0;
  nlohmann::json values = nlohmann::json::object();  // the report's values (its completeness)
};

struct ReportListPage {
  std::vector<ReportListRow> rows;
  // The number of matches of a search (the store counts them); nullopt without a search, when
  // the caller has the total from the aggregate.
  std::optional<std::int64_t> matches;
};

class ReportListing {
 public:
  virtual ~ReportListing() = default;
  virtual ReportListPage list_reports(const ReportListQuery& query) = 0;
};

}  // namespace llw
