// The consolidated summary of any node: one stored aggregate row plus bounded lists.
#include <set>

#include "app/application.h"
#include "domain/access.h"
#include "domain/error.h"

namespace llw {
namespace {

// Narrative parts of a form ("advantages", …): the part names of its texts_by_unit items.
std::set<std::string> narrative_parts(const ReportForm& form) {
  std::set<std::string> parts;
  for (const FormItem* item : form.items()) {
    if (item->aggregate != AggregateRule::texts_by_unit) continue;
    const auto dot = item->summary.find('.');
    parts.insert(dot == std::string::npos ? item->key : item->summary.substr(dot + 1));
  }
  return parts;
}

}  // namespace

Summary Application::summary(const User& actor, std::int64_t campaign_id,
                             const std::string& unit_code, const SummaryOptions& options) {
  Campaign campaign = load_campaign(campaign_id);
  OrgUnit node = load_unit(unit_code);
  require_allowed(actor, Action::read_summary, node);

  Summary result = summary_from_aggregate(campaign, node, store_->aggregate(campaign.id, node.id));
  auto [missing, missing_count] =
      store_->missing_units(campaign.id, node.path, std::max(0, options.missing_limit));
  result.missing = std::move(missing);
  result.missing_count = missing_count;
  for (const std::string& part : narrative_parts(*campaign.form)) {
    auto [texts, count] =
        store_->narratives(campaign.id, node.path, part, std::max(0, options.narrative_limit));
    result.narratives[part] = std::move(texts);
    result.narrative_counts[part] = count;
  }
  return result;
}

}  // namespace llw
