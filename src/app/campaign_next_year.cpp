// Next year from this year (issue 18): a campaign started from last year's — its settings, its
// stored form and every level's plan as a draft, the dates one year later (domain/next_year.h) —
// in one store transaction, once per campaign.
#include <string>
#include <vector>

#include "app/application.h"
#include "app/audited.h"
#include "app/campaigns.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/next_year.h"
#include "domain/store.h"

namespace llw {

std::shared_ptr<const ReportForm> Campaigns::next_year_form(const std::string& form_id) {
  try {
    return core_.form(form_id);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::not_found && error.kind() != ErrorKind::bad_input) throw;
    throw Error(ErrorKind::bad_input,
                "Không có mẫu báo cáo \"" + form_id +
                    "\". Hãy chọn một mẫu trong danh sách (quản trị hệ thống thêm phiên bản mới "
                    "ở trang Mẫu báo cáo).",
                "form_id");
  }
}

Campaign Campaigns::start_next_year(const User& actor, std::int64_t campaign_id,
                                    const std::string& form_id, const RequestContext& context) {
  const Campaign previous = core_.load_campaign(campaign_id);
  const std::string next_form_id = form_id.empty() ? previous.form_id : form_id;
  return audited(
      app_, actor, context, "campaign.next_year", previous.issuer_code,
      "campaign " + std::to_string(campaign_id),
      "year " + std::to_string(previous.year + 1) + ", form " + next_form_id, [&] {
        const OrgUnit issuer = core_.load_unit(previous.issuer_code, "issuer");
        if (!is_allowed(actor, Action::manage_campaign, issuer)) {
          throw Error(ErrorKind::forbidden,
                      "Chỉ điều phối viên của " + issuer.name +
                          " (đơn vị ban hành đợt) hoặc quản trị viên mới tạo được Tuần lễ năm " +
                          std::to_string(previous.year + 1) + " từ đợt này.",
                      "campaign");
        }
        Campaign next = next_year_campaign(previous);
        // Last year's stored form, whatever forms_dir holds now, or the version chosen.
        next.form_id = next_form_id;
        next.form = next_year_form(next_form_id);
        next.issuer_path = issuer.path;
        validate_campaign(next);

        std::vector<OrgUnit> reporting =
            store_->units().units_in_subtree(issuer.path, next.reporting_kinds);
        std::erase_if(reporting, [&](const OrgUnit& unit) { return !next.must_report(unit); });
        std::vector<LevelPlan> drafts;
        const Timestamp now = clock_();
        for (const LevelPlan& plan : store_->plans().latest_level_plans(previous.id)) {
          LevelPlan draft = next_year_plan(plan, 0);
          draft.updated_at = now;
          draft.updated_by = actor.display_name;
          drafts.push_back(std::move(draft));
        }
        // Started twice is refused by the store, inside the transaction that would start it.
        next.id =
            store_->campaigns().insert_next_year_campaign(previous.id, next, reporting, drafts);
        return core_.load_campaign(next.id);
      });
}

std::optional<std::int64_t> Campaigns::next_year_campaign_id(const User& actor,
                                                             std::int64_t campaign_id) {
  get_campaign(actor, campaign_id);  // not_found, forbidden
  return store_->campaigns().next_year_campaign_id(campaign_id);
}

}  // namespace llw
