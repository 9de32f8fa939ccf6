#pragma once
// Consolidated figures (summaries.cpp, dashboard.cpp, unit_texts.cpp): a node's summary, its
// dashboard, the texts of the units below, and recounting the aggregates.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "app/dashboard.h"
#include "app/unit_texts.h"
#include "app/use_case_area.h"
#include "domain/campaign.h"
#include "domain/campaign_store.h"
#include "domain/summary.h"
#include "domain/user.h"

namespace llw {

// How long the summary's lists may be. The defaults keep a national summary's body small (the
// figures are complete at any size); pages and exports ask for more, page by page.
struct SummaryOptions {
  int missing_limit = 100;
  int narrative_limit = 20;
};

class Summaries : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Recomputes every campaign's aggregates from its reports with this version's arithmetic
  // (after an upgrade that changed what a report contributes, e.g. the participation rate per
  // population group); an administrator's operation (`llw recount`). Returns the campaigns done.
  int recount_aggregates(const User& actor);
  // Aggregates an upgrade left to recompute (Store::campaigns_pending_recount), recomputed; run
  // when the application starts, before anything reads a summary. Returns the campaigns done.
  int recount_pending();
  // The coordinator's dashboard of a node (read_summary on it): figures, counts and one page of
  // its reports (dashboard.h).
  // `known_revision`: the campaign's revision the page's session view read, if it did.
  Dashboard dashboard(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                      const DashboardQuery& query, std::optional<std::int64_t> known_revision = {});
  // One page of the texts the units below a node wrote for a narrative part of the form
  // (read_summary on the node), from the summary's source (unit_texts.h). Error{not_found} for an
  // unknown part.
  UnitTextsPage unit_texts(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, const std::string& part, std::int64_t page,
                           int page_size = 50);
  // The campaign's revision the texts below a node follow (every submit, return and acceptance
  // bumps it), after the checks unit_texts makes: a page rendered from unit_texts is as fresh
  // as a new read while the revision stands. `known_revision` as for dashboard.
  std::int64_t unit_texts_revision(const User& actor, std::int64_t campaign_id,
                                   const std::string& unit_code, const std::string& part,
                                   std::optional<std::int64_t> known_revision = {});
  // Consolidated summary of any node the actor may read.
  Summary summary(const User& actor, std::int64_t campaign_id, const std::string& unit_code,
                  const SummaryOptions& options = {});
  // The same summary as API JSON text (api_json's shape), served from a cache keyed by the
  // campaign's revision: a repeated request costs one revision read and one unit read, about as
  // little as a trivial authenticated GET. Access is checked on every call.
  std::shared_ptr<const std::string> summary_json(const User& actor, std::int64_t campaign_id,
                                                  const std::string& unit_code,
                                                  const SummaryOptions& options = {});

  // Last year's campaign as one summary request sees it (previous_year.cpp): the link and its
  // revision (none when the campaign has no previous year), and whether the actor may see that
  // campaign (it may have been issued by a unit outside the actor's view). One small read; no
  // access check of the campaign itself (the caller reads it with its own).
  struct PreviousYearView {
    std::optional<CampaignStore::PreviousYear> link;
    bool visible = false;
    std::int64_t revision() const { return link ? link->revision : -1; }
    // What a page showing the comparison is keyed on: last year's revision when the reader sees
    // last year's figures, else -1 (no comparison shown, whatever last year does).
    std::int64_t shown_revision() const { return visible ? revision() : -1; }
  };
  PreviousYearView previous_year_view(const User& actor, std::int64_t campaign_id);

 private:
  // The comparison of `current` (this year's figures of `node`) with last year's figures of the
  // node and of the units it replaced (previous_year.cpp); null when no report of theirs
  // counted last year.
  std::shared_ptr<const YearComparison> compare_with_previous_year(
      const Campaign& campaign, const OrgUnit& node, const Summary& current,
      const CampaignStore::PreviousYear& previous);

  // The summary of a campaign in "accepted" mode (reporting_up.cpp): like summary(), with every
  // consolidating child counted by its accepted snapshot only; nullopt when no child of the node
  // consolidates (the live summary is the same then).
  std::optional<Summary> accepted_summary(const Campaign& campaign, const OrgUnit& node,
                                          const SummaryOptions& options);
  // The summary of a node whose campaign, unit and live aggregate are loaded (summaries.cpp).
  Summary summary_of(const Campaign& campaign, const OrgUnit& node, const SummaryOptions& options,
                     const Contribution& aggregate);
  std::shared_ptr<const ReportListPage> dashboard_page(const ReportListQuery& query,
                                                       std::int64_t revision);

  // (campaign id, unit code, missing limit, narrative limit, last year visible): the summaries'
  // caches' key. An entry also stands for last year's revision (-1 for none).
  using SummaryKey = std::tuple<std::int64_t, std::string, int, int, bool>;
  struct CachedSummary {
    std::int64_t revision = 0;
    std::int64_t previous_revision = -1;
    // The node as loaded for this revision: every change of a unit bumps the revision of every
    // campaign, so a hit needs no unit read for its access check.
    OrgUnit node;
    std::shared_ptr<const std::string> json;
  };
  std::mutex summaries_mutex_;
  // SummaryKey → the summary's JSON at a revision.
  std::map<SummaryKey, CachedSummary> summaries_;
  // The same key → the summary itself (for pages), under summaries_mutex_.
  struct CachedSummaryValue {
    std::int64_t revision = 0;
    std::int64_t previous_revision = -1;
    OrgUnit node;  // as CachedSummary's
    std::shared_ptr<const Summary> summary;
  };
  std::map<SummaryKey, CachedSummaryValue> summary_values_;

  // (campaign id, node code, last year visible) → a dashboard's figures and counts (no page) at a
  // revision and last year's revision (-1 for none).
  struct CachedDashboard {
    std::int64_t revision = 0;
    std::int64_t previous_revision = -1;
    std::shared_ptr<const DashboardFigures> figures;
  };
  std::mutex dashboards_mutex_;
  std::map<std::tuple<std::int64_t, std::string, bool>, CachedDashboard> dashboards_;
  // (campaign id, node path, filter, search key, offset, limit) → a page of a dashboard's list at
  // a revision, read at most 5 seconds ago (a draft saved again changes its row's time without
  // bumping the revision); under dashboards_mutex_.
  struct CachedReportPage {
    std::int64_t revision = 0;
    std::chrono::steady_clock::time_point read_at;
    std::shared_ptr<const ReportListPage> page;
  };
  std::map<std::tuple<std::int64_t, std::string, int, std::string, std::int64_t, int>,
           CachedReportPage>
      dashboard_pages_;
};

}  // namespace llw
