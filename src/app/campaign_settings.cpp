// The campaign settings use case (the settings page and PATCH /api/v1/campaigns/{id}): a
// campaign's name and dates, checked like a new campaign's, its summary source, and which kinds
// of units report, all saved in one store transaction. The form is fixed at creation.
#include <algorithm>

#include "app/application.h"
#include "app/audited.h"
#include "app/campaigns.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/summary.h"

namespace llw {

namespace {

// The kinds a campaign may ask to report: the units below a commune.
bool may_report(UnitKind kind) {
  return kind == UnitKind::department || kind == UnitKind::organization ||
         kind == UnitKind::village || kind == UnitKind::school;
}

bool contains(const std::vector<UnitKind>& kinds, UnitKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string kinds_detail(const std::vector<UnitKind>& kinds) {
  std::string text;
  for (UnitKind kind : kinds) text += (text.empty() ? "" : ",") + std::string(to_string(kind));
  return text;
}

}  // namespace

Campaign Campaigns::update_campaign_settings(const User& actor, std::int64_t campaign_id,
                                             const CampaignSettings& settings,
                                             const RequestContext& context) {
  Campaign campaign = core_.load_campaign(campaign_id);
  const std::string detail =
      format_iso_date(settings.period_start) + ".." + format_iso_date(settings.period_end) +
      " deadline " + format_iso_date(settings.deadline) + " lock " +
      format_iso_date(settings.lock_date) +
      (settings.summary_source ? " source " + std::string(to_string(*settings.summary_source))
                               : std::string{}) +
      (settings.reporting_kinds ? " kinds " + kinds_detail(*settings.reporting_kinds)
                                : std::string{});
  return audited(
      app_, actor, context, "campaign.settings", campaign.issuer_code,
      "campaign " + std::to_string(campaign_id), detail, [&] {
        require_allowed(actor, Action::manage_campaign,
                        core_.load_unit(campaign.issuer_code, "issuer"));
        const std::vector<UnitKind> old_kinds = campaign.reporting_kinds;
        std::vector<UnitKind> new_kinds;
        std::map<std::string, std::string> kind_errors;
        if (settings.reporting_kinds) {
          // Kept in the canonical order, without repeats, whatever order the form sent.
          for (UnitKind kind : {UnitKind::department, UnitKind::organization, UnitKind::village,
                                UnitKind::school}) {
            if (contains(*settings.reporting_kinds, kind)) new_kinds.push_back(kind);
          }
          for (UnitKind kind : *settings.reporting_kinds) {
            if (!may_report(kind)) {
              kind_errors["reporting_kinds"] =
                  "Chỉ chọn được phòng ban, tổ chức, thôn và trường học làm đơn vị phải báo cáo.";
            }
          }
          if (new_kinds.empty() && kind_errors.empty()) {
            kind_errors["reporting_kinds"] = "Hãy chọn ít nhất một loại đơn vị phải báo cáo.";
          }
        } else {
          new_kinds = old_kinds;
        }
        campaign.name = settings.name;
        campaign.period_start = settings.period_start;
        campaign.period_end = settings.period_end;
        campaign.deadline = settings.deadline;
        campaign.lock_date = settings.lock_date;
        if (!new_kinds.empty()) campaign.reporting_kinds = new_kinds;
        if (settings.theme) campaign.plan["theme"] = *settings.theme;
        try {
          validate_campaign(campaign);
        } catch (const Error& error) {
          // The year is not on the page: its message belongs to the start date.
          auto fields = error.fields();
          if (auto it = fields.find("year"); it != fields.end()) {
            fields.emplace("period_start", "Ngày bắt đầu phải thuộc năm " +
                                               std::to_string(campaign.year) + " của kế hoạch.");
            fields.erase(it);
          }
          if (auto it = fields.find("plan.theme"); it != fields.end()) {
            fields.emplace("theme", it->second);  // a member of the settings, not of the plan
            fields.erase(it);
          }
          fields.insert(kind_errors.begin(), kind_errors.end());
          throw Error(error.kind(), error.message(),
                      fields.empty() ? error.field() : fields.begin()->first, fields);
        }
        if (!kind_errors.empty()) {
          throw Error(ErrorKind::validation_failed, kind_errors.begin()->second, "reporting_kinds",
                      kind_errors);
        }

        // The reports the change of kinds implies, with what each untouched one contributes.
        // Whether the removed ones are still untouched is the store's to check, inside the
        // one transaction that also adds the new ones and saves the settings: a clerk's save
        // between this read and that write then refuses the change instead of being lost.
        campaign.form = form(campaign.form_id);
        CampaignSettingsChange change{campaign, std::nullopt, {}, {}};
        if (settings.summary_source && *settings.summary_source != campaign.summary_source) {
          change.summary_source = settings.summary_source;
        }
        auto untouched = [&](const OrgUnit& unit) {
          UnitReport report;
          report.campaign_id = campaign.id;
          report.unit_id = unit.id;
          report.unit_code = unit.code;
          report.status = ReportStatus::not_started;
          return ReportingUnitChange{unit, contribution_of(campaign, unit, report),
                                     store_->units().ancestor_ids(unit.id)};
        };
        for (UnitKind kind : old_kinds) {
          if (contains(new_kinds, kind)) continue;
          for (const OrgUnit& unit :
               store_->units().units_in_subtree(campaign.issuer_path, {kind})) {
            if (!store_->reports().find_report(campaign.id, unit.id)) continue;
            change.removed.push_back(untouched(unit));
          }
        }
        for (UnitKind kind : new_kinds) {
          if (contains(old_kinds, kind)) continue;
          for (const OrgUnit& unit :
               store_->units().units_in_subtree(campaign.issuer_path, {kind})) {
            if (!campaign.must_report(unit) || store_->reports().find_report(campaign.id, unit.id))
              continue;
            change.added.push_back(untouched(unit));
          }
        }
        store_->campaigns().change_campaign_settings(change);
        return core_.load_campaign(campaign_id);
      });
}

Campaign Campaigns::update_campaign_plan(const User& actor, std::int64_t campaign_id,
                                         const nlohmann::json& plan) {
  Campaign campaign = core_.load_campaign(campaign_id);
  auto issuer = store_->units().find_unit_by_id(campaign.issuer_unit_id);
  if (!issuer) core_.load_unit(campaign.issuer_code, "issuer");  // throws the usual not_found
  require_allowed(actor, Action::manage_campaign, *issuer);
  if (!plan.is_object()) {
    throw Error(ErrorKind::bad_input,
                "Nội dung kế hoạch phải là một đối tượng JSON gồm các trường của kế hoạch (số, "
                "ngày ban hành, mục đích, chủ đề, …).",
                "plan");
  }
  reject_unknown_plan_members(plan);
  // The theme is the campaign's: a plan's first save may set it, later ones quote it as it is
  // (the issuer changes it in the campaign's settings).
  const std::string theme = campaign.theme();
  nlohmann::json replaced = plan;
  if (!theme.empty()) {
    if (replaced.contains("theme") && replaced.at("theme") != theme) {
      const std::string message =
          "Chủ đề là của Tuần lễ (“" + theme +
          "”) và được trích nguyên văn; kế hoạch không thay được. Người ban hành đợt sửa chủ đề "
          "trong phần cài đặt đợt báo cáo.";
      throw Error(ErrorKind::validation_failed, message, "plan.theme", {{"plan.theme", message}});
    }
    replaced["theme"] = theme;
  }
  campaign.plan = std::move(replaced);
  validate_campaign(campaign);  // the plan's checks, and the rest still holds
  store_->campaigns().update_campaign_plan(campaign.id, campaign.plan);
  return campaign;
}

}  // namespace llw
