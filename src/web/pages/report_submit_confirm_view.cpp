#include "web/pages/report_submit_confirm_view.h"

#include "domain/report_completeness.h"
#include "web/pages/report_form_view.h"

namespace llw::pages {

using nlohmann::json;

json report_submit_confirm_view(const Campaign& campaign, const OrgUnit& unit,
                                const UnitReport& saved, const std::string& form_href) {
  const ReportCompleteness completeness = report_completeness(*campaign.form, saved.values);
  const std::vector<std::string> empty_required =
      empty_required_items(*campaign.form, saved.values);
  const bool anything_missing = !completeness.complete() || !empty_required.empty();
  return {{"title", "Xác nhận nộp báo cáo"},
          {"campaign_name", campaign.name},
          {"unit_name", unit.name},
          {"action", form_href},
          {"version", std::to_string(saved.version)},
          {"completeness", completeness.text()},
          {"has_unanswered", !completeness.unanswered.empty()},
          {"unanswered", completeness.unanswered},
          {"unanswered_count", std::to_string(completeness.unanswered.size())},
          {"has_empty_required", !empty_required.empty()},
          {"empty_required", empty_required},
          {"anything_missing", anything_missing},
          {"button", anything_missing ? "Vẫn nộp" : "Xác nhận nộp"}};
}

}  // namespace llw::pages
