// The consolidated narrative of a node: what the coordinator writes in the báo cáo tổng hợp
// (thuận lợi, khó khăn, kế hoạch tiếp theo, kiến nghị), next to the units' own texts.

#include <algorithm>

#include "app/application.h"
#include "app/campaigns.h"
#include "app/reporting_up.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {

namespace {

constexpr std::size_t kMaxNarrativeCharacters = 20000;

const std::vector<std::string>& narrative_parts() {
  // "direction": the node's own direction work (its plan, its directives), section I.
  static const std::vector<std::string> parts{"direction", "advantages", "difficulties",
                                              "next_plan", "recommendations"};
  return parts;
}

}  // namespace

std::vector<ConsolidatedNarrative> ReportingUp::consolidated_narrative_history(
    const User& actor, std::int64_t campaign_id, const std::string& unit_code, int limit) {
  const Campaign campaign = app_.campaigns().get_campaign(actor, campaign_id);
  const OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, unit);
  return store_->reporting_up().consolidated_narrative_history(campaign.id, unit.id, limit);
}

ConsolidatedNarrative ReportingUp::consolidated_narrative(const User& actor,
                                                          std::int64_t campaign_id,
                                                          const std::string& unit_code) {
  const Campaign campaign = app_.campaigns().get_campaign(actor, campaign_id);
  const OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, unit);
  if (auto found = store_->reporting_up().find_consolidated_narrative(campaign.id, unit.id))
    return *found;
  ConsolidatedNarrative empty;
  empty.campaign_id = campaign.id;
  empty.unit_id = unit.id;
  return empty;
}

ReportingUp::ConsolidatedVersions ReportingUp::consolidated_versions(
    const User& actor, std::int64_t campaign_id, const std::string& unit_code,
    std::optional<std::int64_t> known_revision) {
  // The revision first: the campaign and the node are then at least as new as the key they
  // are filed under. A page view is one version read (and one revision read unless the page's
  // session view brought it).
  const std::int64_t revision =
      known_revision ? *known_revision : app_.campaigns().campaign_revision(campaign_id);
  bool visible = false;
  core_.with_campaign_at(campaign_id, revision, [&](const Campaign& campaign) {
    visible = core_.may_see_campaign(actor, campaign);
  });
  if (!visible) app_.campaigns().get_campaign(actor, campaign_id);  // throws the usual forbidden
  const OrgUnit unit = core_.load_unit_at(campaign_id, revision, unit_code);
  require_allowed(actor, Action::read_summary, unit);
  // Last year's figures beside this year's (the summary's comparison) change with last year's
  // revision: a late change to last year's reports shows at once.
  const std::int64_t previous =
      app_.summaries().previous_year_view(actor, campaign_id).shown_revision();
  return {revision, store_->reporting_up().consolidated_narrative_version(campaign_id, unit.id),
          previous};
}

ConsolidatedNarrative ReportingUp::save_consolidated_narrative(
    const User& actor, std::int64_t campaign_id, const std::string& unit_code,
    std::int64_t expected_version, const std::map<std::string, std::string>& texts) {
  const Campaign campaign = app_.campaigns().get_campaign(actor, campaign_id);
  const OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::write_summary, unit);

  std::map<std::string, std::string> problems;
  ConsolidatedNarrative narrative;
  for (const auto& [part, text] : texts) {
    const auto& parts = narrative_parts();
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) {
      problems[part] = "Phần này không có trong báo cáo tổng hợp.";
    } else if (!is_clean_text(text, TextShape::paragraphs)) {
      problems[part] = unclean_text_message("Nội dung", TextShape::paragraphs);
    } else if (utf8_length(text) > kMaxNarrativeCharacters) {
      problems[part] = "Nội dung quá dài (tối đa " +
                       format_vietnamese_number(static_cast<double>(kMaxNarrativeCharacters)) +
                       " ký tự); hãy rút gọn.";
    } else if (!text.empty()) {
      narrative.texts[part] = text;
    }
  }
  if (!problems.empty()) {
    throw Error(ErrorKind::validation_failed,
                "Báo cáo tổng hợp chưa lưu được; hãy sửa các phần được đánh dấu.", "texts",
                problems);
  }
  narrative.campaign_id = campaign.id;
  narrative.unit_id = unit.id;
  narrative.version = expected_version + 1;
  narrative.updated_at = clock_();
  narrative.updated_by = actor.id;
  narrative.updated_by_name = actor.display_name;
  store_->reporting_up().save_consolidated_narrative(narrative, expected_version);
  return narrative;
}

}  // namespace llw
