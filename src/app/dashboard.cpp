// The coordinator's dashboard of a node: the figures of its summary, its reports counted from the
// node's live aggregate, and one page of its reports from one index range.
#include <algorithm>
#include <chrono>

#include "app/application.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {

Dashboard Summaries::dashboard(const User& actor, std::int64_t campaign_id,
                               const std::string& unit_code, const DashboardQuery& query,
                               std::optional<std::int64_t> known_revision) {
  Dashboard result;
  // The figures and counts change only with the campaign's revision (as summary_json): read
  // first, so an entry is never staler than the revision it is filed under.
  const std::optional<std::int64_t> revision =
      known_revision ? known_revision : store_->campaigns().campaign_revision(campaign_id);
  if (!revision) core_.load_campaign(campaign_id);  // throws the usual not_found
  // Last year's figures beside this year's, as the summary has them (previous_year.cpp).
  const PreviousYearView previous = previous_year_view(actor, campaign_id);
  const auto key = std::make_tuple(campaign_id, unit_code, previous.visible);
  {
    std::lock_guard lock(dashboards_mutex_);
    const auto it = dashboards_.find(key);
    if (it != dashboards_.end() && it->second.revision == *revision &&
        it->second.previous_revision == previous.revision()) {
      result.figures = it->second.figures;
    }
  }
  if (result.figures) {
    require_allowed(actor, Action::read_summary, result.node());
  } else {
    auto figures = std::make_shared<DashboardFigures>();
    figures->campaign = core_.load_campaign(campaign_id);
    figures->node = core_.load_unit(unit_code);
    require_allowed(actor, Action::read_summary, figures->node);
    SummaryOptions figures_only;
    figures_only.missing_limit = 0;
    figures_only.narrative_limit = 0;
    const Contribution aggregate = store_->aggregates().aggregate(campaign_id, figures->node.id);
    figures->summary = summary_of(figures->campaign, figures->node, figures_only, aggregate);
    if (previous.visible) {
      figures->summary.previous_year = compare_with_previous_year(figures->campaign, figures->node,
                                                                  figures->summary, *previous.link);
    }
    figures->counts = subtree_counts(aggregate);
    result.figures = figures;
    std::lock_guard lock(dashboards_mutex_);
    constexpr std::size_t kMaxCachedDashboards = 1024;  // dropped whole now and then, as summaries
    if (dashboards_.size() >= kMaxCachedDashboards) dashboards_.clear();
    dashboards_[key] = CachedDashboard{*revision, previous.revision(), std::move(figures)};
  }

  const int page_size = std::clamp(query.page_size, 1, 200);
  ReportListQuery list;
  list.campaign_id = campaign_id;
  list.path = result.node().path;
  list.filter = query.filter;
  list.search = search_key(query.search.substr(0, 200));
  list.limit = page_size;
  const std::int64_t known_total = selected_by(result.counts(), query.filter);
  // Without a search the total is known before reading: a page past the end shows the last one.
  std::int64_t page_number = std::max<std::int64_t>(query.page, 1);
  if (list.search.empty()) {
    const std::int64_t last = std::max<std::int64_t>((known_total + page_size - 1) / page_size, 1);
    page_number = std::min(page_number, last);
  }
  list.offset = (page_number - 1) * page_size;
  result.listed = dashboard_page(list, *revision);
  result.matching = result.page().matches.value_or(known_total);
  result.page_count = std::max<std::int64_t>((result.matching + page_size - 1) / page_size, 1);
  if (page_number > result.page_count) {
    // A search past its last page: show the last one.
    page_number = result.page_count;
    list.offset = (page_number - 1) * page_size;
    result.listed = dashboard_page(list, *revision);
  }
  result.page_number = page_number;
  result.filter = query.filter;
  result.revision = *revision;
  result.previous_year_revision = previous.shown_revision();
  return result;
}

std::shared_ptr<const ReportListPage> Summaries::dashboard_page(const ReportListQuery& query,
                                                                std::int64_t revision) {
  // A list changes with the revision (states, units and their names all bump it), except for a
  // draft's time of its last save: a page is read again after a few seconds.
  constexpr auto kMaxAge = std::chrono::seconds(5);
  const auto now = std::chrono::steady_clock::now();
  const auto key = std::make_tuple(query.campaign_id, query.path, static_cast<int>(query.filter),
                                   query.search, query.offset, query.limit);
  {
    std::lock_guard lock(dashboards_mutex_);
    const auto it = dashboard_pages_.find(key);
    if (it != dashboard_pages_.end() && it->second.revision == revision &&
        now - it->second.read_at <= kMaxAge) {
      return it->second.page;
    }
  }
  auto page = std::make_shared<const ReportListPage>(store_->report_listing().list_reports(query));
  std::lock_guard lock(dashboards_mutex_);
  constexpr std::size_t kMaxCachedPages = 4096;  // of 50 rows each; dropped whole now and then
  if (dashboard_pages_.size() >= kMaxCachedPages) dashboard_pages_.clear();
  dashboard_pages_[key] = CachedReportPage{revision, now, page};
  return page;
}

}  // namespace llw
