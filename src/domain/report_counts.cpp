#include "domain/report_counts.h"

#include <cmath>
#include <string>

namespace llw {

namespace {

std::int64_t slot(const Contribution& aggregate, const std::string& name) {
  const auto it = aggregate.find(name);
  return it == aggregate.end() ? 0 : static_cast<std::int64_t>(std::llround(it->second));
}

ReportCounts counts(std::int64_t expected, std::int64_t submitted, std::int64_t late) {
  return {expected, submitted, submitted - late, late, expected - submitted};
}

}  // namespace

SubtreeCounts subtree_counts(const Contribution& aggregate) {
  SubtreeCounts result;
  result.all =
      counts(slot(aggregate, "expected"), slot(aggregate, "submitted"), slot(aggregate, "late"));
  for (const UnitKind kind :
       {UnitKind::country, UnitKind::province, UnitKind::commune, UnitKind::department,
        UnitKind::organization, UnitKind::village, UnitKind::school}) {
    const std::string prefix = "kinds." + std::string(to_string(kind)) + ".";
    const std::int64_t expected = slot(aggregate, prefix + "expected");
    if (expected == 0) continue;
    result.by_kind[kind] =
        counts(expected, slot(aggregate, prefix + "submitted"), slot(aggregate, prefix + "late"));
  }
  for (const ReportStatus status :
       {ReportStatus::not_started, ReportStatus::draft, ReportStatus::submitted,
        ReportStatus::returned, ReportStatus::accepted}) {
    result.by_status[status] = slot(aggregate, "statuses." + std::string(to_string(status)));
  }
  return result;
}

std::int64_t selected_by(const SubtreeCounts& counts, ReportFilter filter) {
  const auto state = [&](ReportStatus status) {
    const auto it = counts.by_status.find(status);
    return it == counts.by_status.end() ? 0 : it->second;
  };
  switch (filter) {
    case ReportFilter::all:
      return counts.all.expected;
    case ReportFilter::missing:
      return counts.all.missing;
    case ReportFilter::counted:
      return counts.all.submitted;
    case ReportFilter::late:
      return counts.all.late;
    case ReportFilter::draft:
      return state(ReportStatus::draft);
    case ReportFilter::awaiting:
      return state(ReportStatus::submitted);
    case ReportFilter::returned:
      return state(ReportStatus::returned);
  }
  return 0;
}

}  // namespace llw
