// Year over year (issue 18): a summary's comparison with last year's figures of the same node.
// Last year's campaign is found through campaign_successors; a node's last year is its own
// figures plus those of the units it replaced (unit_lineage_store.h), so a merged commune is
// compared with the sum of the old ones. The comparison is
// computed with the summary and cached with it, so a cached summary stays one cached read.
#include "app/previous_year_slots.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "domain/store.h"
#include "domain/year_comparison.h"

namespace llw {

std::optional<Contribution> previous_year_slots(Store& store, std::int64_t previous_campaign_id,
                                                const OrgUnit& unit) {
  AggregateStore& aggregates = store.aggregates();
  Contribution slots = aggregates.aggregate(previous_campaign_id, unit.id);
  for (const OrgUnit& predecessor : store.unit_lineage().predecessors(unit.id)) {
    if (predecessor.is_in_subtree_of(unit)) continue;
    add_into(slots, aggregates.aggregate(previous_campaign_id, predecessor.id));
  }
  const auto submitted = slots.find("submitted");
  if (submitted == slots.end() || submitted->second <= 0) return std::nullopt;
  return slots;
}

Summaries::PreviousYearView Summaries::previous_year_view(const User& actor,
                                                          std::int64_t campaign_id) {
  PreviousYearView view;
  view.link = store_->campaigns().previous_year_campaign(campaign_id);
  if (!view.link) return view;
  // Parsed once per revision of last year's campaign (the core's cache), so this reads nothing.
  core_.with_campaign_at(
      view.link->campaign_id, view.link->revision,
      [&](const Campaign& previous) { view.visible = core_.may_see_campaign(actor, previous); });
  return view;
}

std::shared_ptr<const YearComparison> Summaries::compare_with_previous_year(
    const Campaign& campaign, const OrgUnit& node, const Summary& current,
    const CampaignStore::PreviousYear& previous) {
  const std::optional<Contribution> slots =
      previous_year_slots(*store_, previous.campaign_id, node);
  if (!slots) return nullptr;
  std::shared_ptr<const ReportForm> previous_form;
  int previous_year = 0;
  core_.with_campaign_at(previous.campaign_id, previous.revision, [&](const Campaign& last) {
    previous_form = last.form;
    previous_year = last.year;
  });
  // Last year's figures in this year's shape: its slots renamed to this year's keys.
  const Summary before =
      summary_from_aggregate(campaign, node, renamed_to_form(*slots, *campaign.form));
  auto comparison = std::make_shared<YearComparison>(compare_years(
      *campaign.form, current, before, keys_carried_over(*campaign.form, *previous_form)));
  comparison->campaign_id = previous.campaign_id;
  comparison->year = previous_year;
  return comparison;
}

}  // namespace llw
