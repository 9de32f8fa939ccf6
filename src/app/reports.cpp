// Unit reports: reading, saving a draft, submitting. Every write is a compare-and-swap on the
// report's version, and carries the change it makes to the consolidated aggregates, so a summary
// never has to re-read the subtree.
#include "app/reports.h"

#include <algorithm>
#include <iostream>

#include "app/application.h"
#include "app/audited.h"
#include "app/level_plans.h"
#include "app/reminders.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/report_flags.h"
#include "domain/store.h"

namespace llw {
namespace {

void require_version(const UnitReport& current, std::int64_t expected) {
  if (expected == current.version) return;
  throw Error(
      ErrorKind::conflict,
      "Báo cáo vừa được người khác lưu (phiên bản hiện tại: " + std::to_string(current.version) +
          "). Vui lòng tải lại trang để xem thay đổi rồi nhập lại.",
      "version");
}

}  // namespace

UnitReport Reports::with_flags(const Campaign& campaign, const OrgUnit& unit,
                               UnitReport report) const {
  // A submitted report speaks for the day it was first submitted; a draft for today.
  const Timestamp as_of = report.submitted_at.value_or(clock_());
  report.flags = report_flags(campaign, unit, report.values, date_in_vietnam(as_of));
  return report;
}

UnitReport Reports::require_report(const Campaign& campaign, const OrgUnit& unit) {
  auto report = store_->reports().find_report(campaign.id, unit.id);
  if (!report) {
    throw Error(ErrorKind::not_found, "Đơn vị này không phải báo cáo trong đợt này.", "unit");
  }
  return *report;
}

UnitReport Reports::write_transition(const User& actor, const Campaign& campaign,
                                     const OrgUnit& unit, const UnitReport& before,
                                     UnitReport after, ReportEvent event, Timestamp now) {
  after.version = before.version + 1;
  after.updated_at = now;
  after.updated_by = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
  // The delta replaces what the unit contributed before (a resubmission after a return adds the
  // new figures once; a return takes them out), from the campaign's own counted states.
  ReportWrite write;
  write.report = after;
  write.expected_version = before.version;
  write.delta =
      difference(contribution_of(campaign, unit, after), contribution_of(campaign, unit, before));
  if (!write.delta.empty()) write.ancestor_ids = store_->units().ancestor_ids(unit.id);
  write.action = std::string(to_string(event));
  write.notify_reviewers = event == ReportEvent::submit;
  write.notify_unit = event == ReportEvent::return_report || event == ReportEvent::accept ||
                      event == ReportEvent::reopen;
  // Only a save that changes nothing the aggregates hold (a draft saved again) skips them; a
  // change of state counts in the dashboard's counters even between uncounted states.
  write.uncounted_before_and_after =
      !campaign.counts(before.status) && !campaign.counts(after.status) && write.delta.empty();
  std::map<std::string, std::string> narratives;
  if (campaign.counts(after.status)) narratives = narrative_texts(*campaign.form, after.values);
  store_->reports().write_report(write, narratives);
  if (write.notify_unit && is_plain_email_address(unit.email)) {
    // The unit learns of the decision by e-mail too: queued for `llw serve`'s mail schedule, so a
    // mail server that is down never fails the review. The decision is made; a queue that cannot
    // be written loses only the e-mail (the in-app notice was written with the decision).
    try {
      store_->reminder_log().claim_reminder(
          {campaign.id, unit.id, review_mail_slot(after.version), unit.email, now, true});
    } catch (const std::exception& e) {
      std::cerr << "llw: the e-mail of " << write.action << " for " << unit.code
                << " was not queued: " << e.what() << '\n';
    }
  }
  return with_flags(campaign, unit, std::move(after));
}

void Reports::require_open_for(const Campaign& campaign, const OrgUnit& unit, Timestamp now) {
  // A plan below the issuer may close its units earlier than the campaign: the nearest plan's.
  const EffectiveDates dates = app_.plans().effective_dates(campaign, unit);
  if (now <= dates.lock_end()) return;
  std::chrono::year_month_day closed_on = dates.lock_date;
  if (auto extension = store_->reports().find_extension(campaign.id, unit.id)) {
    if (now <= end_of_day_in_vietnam(extension->until)) return;
    closed_on = extension->until;
  }
  // The coordinator of the unit above grants extensions: name that unit, and the issuer of the
  // plan when it is another one.
  std::string issuer = campaign.issuer_code;
  if (auto unit_found = store_->units().find_unit_by_id(campaign.issuer_unit_id))
    issuer = unit_found->name;
  std::string whom = issuer;
  if (unit.parent_id && *unit.parent_id != campaign.issuer_unit_id) {
    if (auto parent = store_->units().find_unit_by_id(*unit.parent_id)) {
      whom = parent->name + " (đơn vị cấp trên) hoặc " + issuer + " (đơn vị ban hành kế hoạch)";
    }
  }
  throw Error(ErrorKind::conflict,
              "Đã hết hạn nhập báo cáo (khóa sổ ngày " + format_vietnamese_date(closed_on) +
                  "). Hãy liên hệ điều phối viên của " + whom +
                  " để được gia hạn, rồi lưu hoặc nộp lại.",
              "lock_date");
}

ReportInContext Reports::open_report(const User& actor, Action action, std::int64_t campaign_id,
                                     const std::string& unit_code,
                                     std::optional<ReportInContext> found) {
  if (!found) {
    // Something is missing: find out what, in the order the user should hear it (the campaign,
    // the unit, whether it may be seen at all, then its report).
    Campaign campaign = core_.load_campaign(campaign_id);
    OrgUnit unit = core_.load_unit(unit_code);
    require_allowed(actor, action, unit);
    UnitReport report = require_report(campaign, unit);  // created since the first read
    return ReportInContext{std::move(campaign), std::move(unit), std::move(report)};
  }
  require_allowed(actor, action, found->unit);
  found->campaign.form = core_.form(found->campaign.form_id);
  return std::move(*found);
}

UnitReport Reports::get_report(const User& actor, std::int64_t campaign_id,
                               const std::string& unit_code) {
  ReportInContext found =
      open_report(actor, Action::read_report, campaign_id, unit_code,
                  store_->reports().find_report_in_context(campaign_id, unit_code));
  return with_flags(found.campaign, found.unit, std::move(found.report));
}

std::vector<ReportVersion> Reports::report_history(const User& actor, std::int64_t campaign_id,
                                                   const std::string& unit_code, int limit) {
  const ReportInContext current =
      open_report(actor, Action::read_report, campaign_id, unit_code,
                  store_->reports().find_report_in_context(campaign_id, unit_code));
  return store_->reports().report_history(campaign_id, current.unit.id, std::clamp(limit, 1, 500));
}

UnitReport Reports::change_report(const User& actor, std::int64_t campaign_id,
                                  const std::string& unit_code, ReportEvent event,
                                  const RequestContext& context, const std::string& audit_detail,
                                  const ReportChange& change) {
  // One read for the campaign, the unit and the report (a save's hot path); the audit entry is
  // about the unit read there.
  std::optional<ReportInContext> found =
      store_->reports().find_report_in_context(campaign_id, unit_code);
  const std::string action = "report." + std::string(to_string(event));
  auto transition = [&] {
    // Moved, not copied (the campaign's plan and the report's values are the bulk of it): the
    // audit entry took what it needs of the unit before this runs.
    const ReportInContext current =
        open_report(actor, required_action(event), campaign_id, unit_code, std::move(found));
    const UnitReport& before = current.report;
    const Timestamp now = clock_();
    if (event == ReportEvent::save || event == ReportEvent::submit) {
      require_open_for(current.campaign, current.unit, now);
    }
    UnitReport after = before;
    after.status = require_transition(before.status, event);
    change(current, after, now);
    return write_transition(actor, current.campaign, current.unit, before, std::move(after), event,
                            now);
  };
  const std::string target = report_target(campaign_id, unit_code);
  if (found) {
    return audited_at(app_, actor, context, action, &found->unit, target, audit_detail, transition);
  }
  return audited(app_, actor, context, action, unit_code, target, audit_detail, transition);
}

UnitReport Reports::save_draft(const User& actor, std::int64_t campaign_id,
                               const std::string& unit_code, std::int64_t expected_version,
                               const nlohmann::json& values, const RequestContext& context) {
  return change_report(
      actor, campaign_id, unit_code, ReportEvent::save, context, "",
      [&](const ReportInContext& current, UnitReport& after, Timestamp) {
        if (!values.is_object()) {
          throw Error(ErrorKind::bad_input,
                      "Dữ liệu báo cáo phải là một đối tượng JSON dạng {mã mục: giá trị}.",
                      "values");
        }
        require_version(current.report, expected_version);
        auto problems =
            validate_values(*current.campaign.form, current.unit, values, /*for_submit=*/false);
        if (!problems.empty()) {
          throw Error(
              ErrorKind::validation_failed,
              "Dữ liệu chưa hợp lệ. Vui lòng sửa các mục được đánh dấu rồi lưu lại; chưa có gì "
              "được lưu.",
              "", std::move(problems));
        }
        after.values = values;
      });
}

UnitReport Reports::submit(const User& actor, std::int64_t campaign_id,
                           const std::string& unit_code,
                           std::optional<std::int64_t> expected_version,
                           const RequestContext& context) {
  return change_report(
      actor, campaign_id, unit_code, ReportEvent::submit, context, "",
      [&](const ReportInContext& current, UnitReport& after, Timestamp now) {
        if (expected_version) require_version(current.report, *expected_version);
        auto problems = validate_values(*current.campaign.form, current.unit, current.report.values,
                                        /*for_submit=*/true);
        if (!problems.empty()) {
          throw Error(
              ErrorKind::validation_failed,
              "Báo cáo chưa đủ thông tin hoặc còn mục chưa hợp lệ. Vui lòng hoàn thiện các mục "
              "được đánh dấu rồi nộp lại.",
              "", std::move(problems));
        }
        const Timeliness timeliness = timeliness_of_submission(
            current.report.submitted_at, current.report.late, now,
            app_.plans().effective_dates(current.campaign, current.unit).deadline_end());
        after.submitted_at = timeliness.submitted_at;
        after.late = timeliness.late;
      });
}

}  // namespace llw
