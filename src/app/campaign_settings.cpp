// The campaign settings page's use case: a campaign's name and dates, checked like a new
// campaign's. Which units report is fixed at creation (see CampaignSettings in application.h).
#include "app/application.h"
#include "app/audited.h"
#include "domain/access.h"
#include "domain/error.h"

namespace llw {

Campaign Application::update_campaign_settings(const User& actor, std::int64_t campaign_id,
                                               const CampaignSettings& settings,
                                               const RequestContext& context) {
  Campaign campaign = load_campaign(campaign_id);
  const std::string detail = format_iso_date(settings.period_start) + ".." +
                             format_iso_date(settings.period_end) + " deadline " +
                             format_iso_date(settings.deadline) + " lock " +
                             format_iso_date(settings.lock_date) +
                             (settings.summary_source
                                  ? " source " + std::string(to_string(*settings.summary_source))
                                  : std::string{});
  return audited(
      *this, actor, context, "campaign.settings", campaign.issuer_code,
      "campaign " + std::to_string(campaign_id), detail, [&] {
        require_allowed(actor, Action::manage_campaign, load_unit(campaign.issuer_code, "issuer"));
        campaign.name = settings.name;
        campaign.period_start = settings.period_start;
        campaign.period_end = settings.period_end;
        campaign.deadline = settings.deadline;
        campaign.lock_date = settings.lock_date;
        try {
          validate_campaign(campaign);
        } catch (const Error& error) {
          // The year is not on the page: its message belongs to the start date.
          auto fields = error.fields();
          if (auto it = fields.find("year"); it != fields.end()) {
            fields.emplace("period_start",
                           "Ngày bắt đầu phải thuộc năm " + std::to_string(campaign.year) +
                               " của kế hoạch.");
            fields.erase(it);
          }
          throw Error(error.kind(), error.message(),
                      fields.empty() ? error.field() : fields.begin()->first, fields);
        }
        store_->update_campaign_settings(campaign);
        if (settings.summary_source && *settings.summary_source != campaign.summary_source) {
          store_->set_summary_source(campaign.id, *settings.summary_source);
        }
        return load_campaign(campaign_id);
      });
}

}  // namespace llw
