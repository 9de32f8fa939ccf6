#pragma once
// The consolidated summary (báo cáo tổng hợp) of a node over its subtree, and the arithmetic
// that keeps it cheap: every report contributes a sparse vector of slots, every node stores the
// sum of its subtree's contributions, and a save applies (new − old) to the node and its
// ancestors. A summary then reads one stored row instead of every value of the subtree.

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "campaign.h"
#include "org_unit.h"
#include "report.h"

namespace llw {

// Counting conventions: "directions.<d>.units" counts a unit once per direction however many of
// its activities answer that direction (an activity's direction is the report's `<act>_direction`
// or the activity's default); a summed item whose summary path is not "totals.<key>" also keeps
// "totals.<key>" (participants by group, commendations).
//
// The participation rate (tỷ lệ người tham gia) is defined per population group: a group's rate
// is the participants of that group over the population of that group, summed over the counted
// reports that filled the group's participant count; the overall rate is the same sum over every
// group. A group a unit left empty adds neither participants nor population (it is "không có số
// liệu", not 0 of its population), and a report that is not counted adds nothing, so neither
// missing reports nor unanswered groups pull the rate down. 250 students of 400 is 62,5%.
//
// Slot name → amount. Slots: "expected", "submitted", "on_time", "late",
// "kinds.<unit kind>.expected|submitted|late", "statuses.<report status>", "totals.<key>",
// "activities.<activity>.units|held|sessions|participants", "directions.<d>.units|held|
// sessions|participants" (held: activities held, see ActivityFigures),
// "participation.participants", "participation.population",
// "participation.<group>.participants|population|units" (units: counted reports that filled the
// group),
// "commendations.<key>", "rates.<key>.num|den" (weighted rates), "quantities.<table>.<unit of
// measure>" (a table of quantities, summed per unit of measure: "quantities.other_results.cuốn").
// Amounts are integers kept in doubles (exact below 2^53); a weighted rate's numerator may be
// fractional.
using Contribution = std::map<std::string, double>;

// What one report adds to every node above it, given the campaign's counted states and the
// unit's population. A report not in a counted state contributes only "expected" = 1.
Contribution contribution_of(const Campaign& campaign, const OrgUnit& unit,
                             const UnitReport& report);

// The report a unit starts a campaign with (not started, version 0, no values).
UnitReport not_started_report(const Campaign& campaign, const OrgUnit& unit);

// One population group's figures in one report: the participant count the unit filled and the
// unit's population of that group. Groups left empty are absent.
struct GroupParticipation {
  std::string group;
  double participants = 0;
  double population = 0;
};
std::vector<GroupParticipation> participation_by_group(const ReportForm& form, const OrgUnit& unit,
                                                       const nlohmann::json& values);

// The "participation.participants" and "participation.population" slots of contribution_of
// alone, without building the whole contribution: exports need them for every one of 110,000
// rows. Zero for a report that is not counted.
struct Participation {
  double participants = 0;
  double population = 0;
};
Participation participation_of(const Campaign& campaign, const OrgUnit& unit,
                               const UnitReport& report);

// after − before, without zero entries.
Contribution difference(const Contribution& after, const Contribution& before);
void add_into(Contribution& total, const Contribution& delta);

struct YearComparison;  // year_comparison.h

struct UnitText {
  std::string unit_code;
  std::string unit_name;
  std::string text;
};

struct ActivityFigures {
  std::int64_t units = 0;  // units that held it
  std::int64_t sessions = 0;
  std::int64_t participants = 0;
  // Số hoạt động: activities held. A held activity of the form counts 1 for its unit; each row of
  // an activity table ("Các hoạt động học tập khác") is one activity of its own. A unit's report,
  // the annex and the consolidated report all count this way.
  std::int64_t held = 0;
};

// A population group's participation over a subtree.
struct GroupFigures {
  std::string group;       // "students"
  std::string label;       // "Học sinh"
  std::int64_t units = 0;  // counted reports that filled this group's participant count
  std::int64_t participants = 0;
  std::int64_t population = 0;
  double rate = 0;  // participants / population, 0 when population is 0
};

struct Summary {
  std::string unit_code;
  std::string unit_name;
  std::int64_t expected = 0;
  std::int64_t submitted = 0;
  std::int64_t on_time = 0;
  std::int64_t late = 0;
  std::int64_t missing_count = 0;
  std::vector<std::string> missing;                   // codes, at most the requested limit
  std::map<std::string, double> totals;               // every sum / count_yes item of the form
  std::map<std::string, ActivityFigures> activities;  // every activity of the form (+ "other")
  std::map<std::string, ActivityFigures> directions;  // "a".."e" (đ included)
  std::int64_t participants = 0;
  std::int64_t population = 0;
  double participation_rate = 0;  // participants / population, 0 when population is 0
  std::vector<GroupFigures> participation_groups;  // the form's groups, in form order
  std::map<std::string, std::int64_t> commendations;
  std::map<std::string, double> rates;  // weighted_rate items
  // Tables of quantities: table key → unit of measure ("cuốn", "suất", "đồng") → total.
  std::map<std::string, std::map<std::string, double>> quantities;
  std::map<std::string, std::vector<UnitText>> narratives;  // advantages, difficulties, …
  std::map<std::string, std::int64_t> narrative_counts;     // total texts per part
  // How the figures were summed (the campaign's setting). In "accepted" mode a child that
  // consolidates units of its own counts only through its accepted consolidated report:
  // `not_accepted` lists such children whose report is not accepted (their units are in
  // missing_count), and `missing` lists only the direct reporting units not counted.
  SummarySource source = SummarySource::live;
  std::vector<std::string> not_accepted;
  // The cut-off (thời điểm chốt số liệu): the moment these figures were read from the store, by
  // the application's clock. A summary served from a cache is stamped with the moment the cache
  // was checked against the campaign's revision (read after the clock), so the figures include
  // every counted change up to this moment. 0 when unknown (a summary built by hand).
  Timestamp figures_at = 0;
  // Last year's figures of the same node beside this year's (year_comparison.h); null when the
  // campaign has no previous year, or the reader may not see it.
  std::shared_ptr<const YearComparison> previous_year;
};

// "Số liệu tính đến 17 giờ 00 ngày 12/10/2025": what every consolidated report (page and
// document) says about its cut-off; empty when `summary.figures_at` is unknown.
std::string figures_cutoff_text(const Summary& summary);

// Builds the summary from a node's stored aggregate (every form item appears, zero when no
// report counted it). Missing units and narratives are filled by the caller from storage.
Summary summary_from_aggregate(const Campaign& campaign, const OrgUnit& node,
                               const Contribution& aggregate);

// The narrative parts of a form ("advantages", …): each texts_by_unit item feeds the part its
// summary path names ("narratives.advantages" → "advantages").
std::string narrative_part_of(const FormItem& item);
std::set<std::string> narrative_parts(const ReportForm& form);

// Texts of a report that go to the summary's narratives: part ("advantages") → text.
std::map<std::string, std::string> narrative_texts(const ReportForm& form,
                                                   const nlohmann::json& values);

}  // namespace llw
