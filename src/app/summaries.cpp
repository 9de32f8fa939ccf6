// The consolidated summary of any node: one stored aggregate row plus bounded lists.
#include "app/summaries.h"

#include <set>

#include "app/api_json.h"
#include "app/application.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {
int Summaries::recount_aggregates(const User& actor) {
  if (actor.role != Role::admin || actor.disabled) {
    throw Error(ErrorKind::forbidden, "Chỉ quản trị hệ thống được tính lại số liệu tổng hợp.", "");
  }
  int done = 0;
  for (Campaign campaign : store_->campaigns().list_campaigns()) {
    campaign.form = core_.form(campaign.form_id);
    store_->aggregates().rebuild_aggregates(campaign.id,
                                            [&](const OrgUnit& unit, const UnitReport& report) {
                                              return contribution_of(campaign, unit, report);
                                            });
    ++done;
  }
  return done;
}

int Summaries::recount_pending() {
  int done = 0;
  for (const std::int64_t id : store_->aggregates().campaigns_pending_recount()) {
    Campaign campaign = core_.load_campaign(id);
    store_->aggregates().rebuild_aggregates(campaign.id,
                                            [&](const OrgUnit& unit, const UnitReport& report) {
                                              return contribution_of(campaign, unit, report);
                                            });
    ++done;
  }
  return done;
}

Summary Summaries::summary(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code, const SummaryOptions& options) {
  // Cached by revision as summary_json is: the revision is read first, so an entry is never
  // staler than the revision it is filed under. The clock is read before the revision: every
  // change counted up to that moment is in the revision, hence in the figures (the cut-off).
  // Last year's figures stand while last year's revision does (read with its link, one read).
  const Timestamp read_at = clock_();
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(campaign_id);
  if (!revision) core_.load_campaign(campaign_id);  // throws the usual not_found
  const PreviousYearView previous = previous_year_view(actor, campaign_id);
  const SummaryKey key{campaign_id, unit_code, std::max(0, options.missing_limit),
                       std::max(0, options.narrative_limit), previous.visible};
  {
    std::lock_guard lock(summaries_mutex_);
    const auto it = summary_values_.find(key);
    if (it != summary_values_.end() && it->second.revision == *revision &&
        it->second.previous_revision == previous.revision()) {
      require_allowed(actor, Action::read_summary, it->second.node);
      Summary cached = *it->second.summary;
      cached.figures_at = read_at;
      return cached;
    }
  }
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, node);
  Summary fresh =
      summary_of(campaign, node, options, store_->aggregates().aggregate(campaign.id, node.id));
  if (previous.visible) {
    fresh.previous_year = compare_with_previous_year(campaign, node, fresh, *previous.link);
  }
  auto computed = std::make_shared<const Summary>(std::move(fresh));
  std::lock_guard lock(summaries_mutex_);
  constexpr std::size_t kMaxCached = 1024;  // dropped whole now and then, as summary_json's
  if (summary_values_.size() >= kMaxCached) summary_values_.clear();
  summary_values_[key] = CachedSummaryValue{*revision, previous.revision(), node, computed};
  Summary result = *computed;
  result.figures_at = read_at;
  return result;
}

Summary Summaries::summary_of(const Campaign& campaign, const OrgUnit& node,
                              const SummaryOptions& options, const Contribution& aggregate) {
  if (campaign.summary_source == SummarySource::accepted) {
    // Nullopt when no child consolidates: then both modes sum the same live reports.
    if (auto accepted = accepted_summary(campaign, node, options)) return std::move(*accepted);
  }

  Summary result = summary_from_aggregate(campaign, node, aggregate);
  result.source = campaign.summary_source;
  if (options.missing_limit <= 0 && options.narrative_limit <= 0) {
    // Figures only: every count is on the node's row, read once.
    if (auto counters = store_->aggregates().aggregate_counters(campaign.id, node.id)) {
      result.missing_count = counters->reporting_units - counters->counted_units;
      for (const std::string& part : narrative_parts(*campaign.form)) {
        const auto it = counters->narrative_counts.find(part);
        result.narratives[part] = {};
        result.narrative_counts[part] = it == counters->narrative_counts.end() ? 0 : it->second;
      }
      return result;
    }
  }
  auto [missing, missing_count] = store_->aggregates().missing_units(
      campaign.id, node.path, std::max(0, options.missing_limit));
  result.missing = std::move(missing);
  result.missing_count = missing_count;
  for (const std::string& part : narrative_parts(*campaign.form)) {
    auto [texts, count] = store_->aggregates().narratives(campaign.id, node.path, part,
                                                          std::max(0, options.narrative_limit));
    result.narratives[part] = std::move(texts);
    result.narrative_counts[part] = count;
  }
  return result;
}

std::shared_ptr<const std::string> Summaries::summary_json(const User& actor,
                                                           std::int64_t campaign_id,
                                                           const std::string& unit_code,
                                                           const SummaryOptions& options) {
  // The revision is read before anything else: whatever is computed below is at least as new as
  // it, so an entry is never staler than the revision it is filed under.
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(campaign_id);
  if (!revision) core_.load_campaign(campaign_id);  // throws the usual not_found
  const PreviousYearView previous = previous_year_view(actor, campaign_id);

  const SummaryKey key{campaign_id, unit_code, std::max(0, options.missing_limit),
                       std::max(0, options.narrative_limit), previous.visible};
  {
    std::lock_guard lock(summaries_mutex_);
    auto it = summaries_.find(key);
    if (it != summaries_.end() && it->second.revision == *revision &&
        it->second.previous_revision == previous.revision()) {
      require_allowed(actor, Action::read_summary, it->second.node);  // pure: no I/O held
      return it->second.json;
    }
  }
  const OrgUnit node = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, node);
  auto json = std::make_shared<const std::string>(
      to_json(summary(actor, campaign_id, unit_code, options))
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::lock_guard lock(summaries_mutex_);
  // Bounded memory: a national tree has over 100,000 nodes; dropping everything now and then is
  // simpler than an LRU and costs one recomputation per node.
  constexpr std::size_t kMaxCachedSummaries = 4096;
  if (summaries_.size() >= kMaxCachedSummaries) summaries_.clear();
  summaries_[key] = CachedSummary{*revision, previous.revision(), node, json};
  return json;
}

}  // namespace llw
