// The dashboard's "Nhắc": one unit that has not submitted reminded by hand, through the mail
// schedule's queue (reminders.h), at most once a day.
#include "app/application.h"
#include "app/audited.h"
#include "app/reminders.h"
#include "app/reports.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

ReminderRecord Reports::remind_unit(const User& actor, std::int64_t campaign_id,
                                    const std::string& unit_code, const RequestContext& context) {
  return audited(
      app_, actor, context, "reminder.request", unit_code, report_target(campaign_id, unit_code),
      "", [&] {
        const Campaign campaign = core_.load_campaign(campaign_id);
        const OrgUnit unit = core_.load_unit(unit_code);
        // Who may decide on the unit's report may remind it: the level above, not the unit.
        require_allowed(actor, Action::review_report, unit);
        const UnitReport report = require_report(campaign, unit);
        if (report.status != ReportStatus::not_started && report.status != ReportStatus::draft &&
            report.status != ReportStatus::returned) {
          throw Error(ErrorKind::conflict,
                      "Đơn vị " + unit.name + " đã nộp báo cáo (trạng thái \"" +
                          std::string(vietnamese_status(report.status)) + "\"); không cần nhắc.",
                      "unit");
        }
        if (!is_plain_email_address(unit.email)) {
          throw Error(ErrorKind::validation_failed,
                      "Đơn vị " + unit.name +
                          " chưa có địa chỉ e-mail hợp lệ nên không gửi thư nhắc được. Hãy gọi "
                          "điện cho đơn vị hoặc thêm địa chỉ e-mail ở trang đơn vị.",
                      "email");
        }
        const Timestamp now = clock_();
        ReminderRecord record{campaign.id, unit.id, manual_reminder_slot(now),
                              unit.email,  now,     true};
        if (!store_->reminder_log().claim_reminder(record)) {
          throw Error(ErrorKind::conflict,
                      "Đơn vị " + unit.name +
                          " đã được nhắc hôm nay; mỗi đơn vị chỉ được nhắc bằng tay một lần mỗi "
                          "ngày.",
                      "reminded");
        }
        return record;
      });
}

}  // namespace llw
