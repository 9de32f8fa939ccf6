// The coordinator's dashboard of a node: the figures of its summary, its reports counted from the
// node's live aggregate, and one page of its reports from one index range.
#include <algorithm>

#include "app/application.h"
#include "domain/access.h"
#include "domain/text.h"

namespace llw {

Dashboard Application::dashboard(const User& actor, std::int64_t campaign_id,
                                 const std::string& unit_code, const DashboardQuery& query) {
  Dashboard result;
  // The figures and counts change only with the campaign's revision (as summary_json): read
  // first, so an entry is never staler than the revision it is filed under.
  const std::optional<std::int64_t> revision = store_->campaign_revision(campaign_id);
  if (!revision) load_campaign(campaign_id);  // throws the usual not_found
  const auto key = std::make_pair(campaign_id, unit_code);
  bool cached = false;
  {
    std::lock_guard lock(dashboards_mutex_);
    const auto it = dashboards_.find(key);
    if (it != dashboards_.end() && it->second.revision == *revision) {
      require_allowed(actor, Action::read_summary, it->second.figures.node);
      result = it->second.figures;
      cached = true;
    }
  }
  if (!cached) {
    result.campaign = load_campaign(campaign_id);
    result.node = load_unit(unit_code);
    require_allowed(actor, Action::read_summary, result.node);
    SummaryOptions figures_only;
    figures_only.missing_limit = 0;
    figures_only.narrative_limit = 0;
    const Contribution aggregate = store_->aggregate(campaign_id, result.node.id);
    result.summary = summary_of(result.campaign, result.node, figures_only, aggregate);
    result.counts = subtree_counts(aggregate);
    std::lock_guard lock(dashboards_mutex_);
    constexpr std::size_t kMaxCachedDashboards = 1024;  // dropped whole now and then, as summaries
    if (dashboards_.size() >= kMaxCachedDashboards) dashboards_.clear();
    dashboards_[key] = CachedDashboard{*revision, result};
  }

  const int page_size = std::clamp(query.page_size, 1, 200);
  ReportListQuery list;
  list.campaign_id = campaign_id;
  list.path = result.node.path;
  list.filter = query.filter;
  list.search = search_key(query.search.substr(0, 200));
  list.limit = page_size;
  const std::int64_t known_total = selected_by(result.counts, query.filter);
  // Without a search the total is known before reading: a page past the end shows the last one.
  std::int64_t page_number = std::max<std::int64_t>(query.page, 1);
  if (list.search.empty()) {
    const std::int64_t last = std::max<std::int64_t>((known_total + page_size - 1) / page_size, 1);
    page_number = std::min(page_number, last);
  }
  list.offset = (page_number - 1) * page_size;
  result.page = store_->report_listing().list_reports(list);
  result.matching = result.page.matches.value_or(known_total);
  result.page_count = std::max<std::int64_t>((result.matching + page_size - 1) / page_size, 1);
  if (page_number > result.page_count) {
    // A search past its last page: show the last one.
    page_number = result.page_count;
    list.offset = (page_number - 1) * page_size;
    result.page = store_->report_listing().list_reports(list);
  }
  result.page_number = page_number;
  result.filter = query.filter;
  return result;
}

}  // namespace llw
