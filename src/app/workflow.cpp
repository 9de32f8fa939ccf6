// The review of unit reports by the level above (return, accept, reopen), lock-date extensions,
// and reading stored versions of a report and the difference between two. Every transition is
// checked by the domain's state machine (domain/workflow.h) and the access policy, and written as
// a compare-and-swap on the report's version with its change to the consolidated figures.
#include <algorithm>
#include <set>

#include "app/application.h"
#include "app/audited.h"
#include "app/level_plans.h"
#include "app/reports.h"
#include "app/signed_copies.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {
namespace {

// return, accept and reopen: the version check (with the state the report is in now) and the
// comment a return or reopen must carry.
auto review_change(ReportEvent event, const std::string& comment,
                   std::optional<std::int64_t> expected_version) {
  return [=](const ReportInContext& current, UnitReport& after, Timestamp) {
    const UnitReport& before = current.report;
    if (expected_version && *expected_version != before.version) {
      throw Error(ErrorKind::conflict,
                  "Báo cáo vừa được người khác thay đổi (phiên bản hiện tại: " +
                      std::to_string(before.version) + ", trạng thái \"" +
                      std::string(vietnamese_status(before.status)) +
                      "\"). Hãy tải lại trang rồi thực hiện lại.",
                  "version");
    }
    // A return or reopen takes the unit's figures out of the summary (returned is not a counted
    // state unless the campaign says so); an accept keeps them when submitted was counted, or
    // adds them when only accepted reports count: write_transition's delta says exactly that.
    if (needs_comment(event)) after.comment = checked_comment(event, comment);
  };
}

}  // namespace

UnitReport Reports::decide_report(const User& actor, std::int64_t campaign_id,
                                  const std::string& unit_code, ReportEvent event,
                                  const std::string& comment,
                                  std::optional<std::int64_t> expected_version,
                                  const RequestContext& context) {
  switch (event) {
    case ReportEvent::return_report:
      return return_report(actor, campaign_id, unit_code, comment, expected_version, context);
    case ReportEvent::accept:
      return accept_report(actor, campaign_id, unit_code, expected_version, context);
    case ReportEvent::reopen:
      return reopen_report(actor, campaign_id, unit_code, comment, expected_version, context);
    case ReportEvent::save:
    case ReportEvent::submit:
      break;
  }
  throw Error(ErrorKind::bad_input, "Không rõ thao tác cần làm. Hãy bấm một nút trên trang.",
              "action");
}

UnitReport Reports::return_report(const User& actor, std::int64_t campaign_id,
                                  const std::string& unit_code, const std::string& comment,
                                  std::optional<std::int64_t> expected_version,
                                  const RequestContext& context) {
  const ReportEvent event = ReportEvent::return_report;
  return change_report(actor, campaign_id, unit_code, event, context, comment.substr(0, 200),
                       review_change(event, comment, expected_version));
}

UnitReport Reports::accept_report(const User& actor, std::int64_t campaign_id,
                                  const std::string& unit_code,
                                  std::optional<std::int64_t> expected_version,
                                  const RequestContext& context) {
  const ReportEvent event = ReportEvent::accept;
  // A campaign may require a valid signed copy of the version being accepted (signed_copies.h);
  // checked after the access check, so only a reviewer hears about it.
  if (auto current = store_->reports().find_report_in_context(campaign_id, unit_code);
      current && is_allowed(actor, Action::review_report, current->unit)) {
    app_.signed_copies().require_for_accept(SignedCopyKind::report, current->campaign.id,
                                            current->unit.id, current->unit.name,
                                            current->report.version);
  }
  return change_report(actor, campaign_id, unit_code, event, context, "",
                       review_change(event, {}, expected_version));
}

UnitReport Reports::reopen_report(const User& actor, std::int64_t campaign_id,
                                  const std::string& unit_code, const std::string& reason,
                                  std::optional<std::int64_t> expected_version,
                                  const RequestContext& context) {
  const ReportEvent event = ReportEvent::reopen;
  return change_report(actor, campaign_id, unit_code, event, context, reason.substr(0, 200),
                       review_change(event, reason, expected_version));
}

ReportExtension Reports::grant_extension(const User& actor, std::int64_t campaign_id,
                                         const std::string& unit_code,
                                         std::chrono::year_month_day until,
                                         const RequestContext& context) {
  return audited(
      app_, actor, context, "report.extension", unit_code, report_target(campaign_id, unit_code),
      until.ok() ? format_iso_date(until) : std::string(), [&] {
        Campaign campaign = core_.load_campaign(campaign_id);
        OrgUnit unit = core_.load_unit(unit_code);
        require_allowed(actor, Action::review_report, unit);
        require_report(campaign, unit);
        const auto lock_date = app_.plans().effective_dates(campaign, unit).lock_date;
        if (!until.ok() || until <= lock_date) {
          throw Error(ErrorKind::validation_failed,
                      "Ngày gia hạn phải sau ngày khóa sổ " + format_vietnamese_date(lock_date) +
                          " (dạng YYYY-MM-DD).",
                      "until");
        }
        if (until > std::chrono::year_month_day{std::chrono::sys_days{lock_date} +
                                                std::chrono::days{366}}) {
          throw Error(ErrorKind::validation_failed,
                      "Chỉ gia hạn được tối đa một năm sau ngày khóa sổ; hãy chọn ngày sớm hơn.",
                      "until");
        }
        ReportExtension extension;
        extension.campaign_id = campaign.id;
        extension.unit_id = unit.id;
        extension.until = until;
        if (actor.id > 0) extension.granted_by = actor.id;
        extension.granted_at = clock_();
        store_->reports().put_extension(extension);
        return extension;
      });
}

std::optional<ReportExtension> Reports::extension(const User& actor, std::int64_t campaign_id,
                                                  const std::string& unit_code) {
  Campaign campaign = core_.load_campaign(campaign_id);
  OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_report, unit);
  return store_->reports().find_extension(campaign.id, unit.id);
}

std::optional<std::string> Reports::closed_message(const User& actor, std::int64_t campaign_id,
                                                   const std::string& unit_code) {
  Campaign campaign = core_.load_campaign(campaign_id);
  OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_report, unit);
  try {
    require_open_for(campaign, unit, clock_());
  } catch (const Error& closed) {
    return closed.message();
  }
  return std::nullopt;
}

std::pair<ReportVersion, nlohmann::json> Reports::report_version(const User& actor,
                                                                 std::int64_t campaign_id,
                                                                 const std::string& unit_code,
                                                                 std::int64_t version) {
  Campaign campaign = core_.load_campaign(campaign_id);
  OrgUnit unit = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_report, unit);
  require_report(campaign, unit);
  auto found = store_->reports().report_version(campaign.id, unit.id, version);
  if (!found) {
    throw Error(ErrorKind::not_found,
                "Báo cáo không có phiên bản " + std::to_string(version) +
                    ". Hãy chọn một phiên bản trong lịch sử thay đổi.",
                "version");
  }
  return *found;
}

std::vector<ItemChange> Reports::report_diff(const User& actor, std::int64_t campaign_id,
                                             const std::string& unit_code,
                                             std::int64_t from_version, std::int64_t to_version) {
  // Version 0 is the empty report every unit starts with.
  auto values_at = [&](std::int64_t version) {
    if (version == 0) {
      Campaign campaign = core_.load_campaign(campaign_id);
      OrgUnit unit = core_.load_unit(unit_code);
      require_allowed(actor, Action::read_report, unit);
      require_report(campaign, unit);
      return nlohmann::json::object();
    }
    return report_version(actor, campaign_id, unit_code, version).second;
  };
  const nlohmann::json before = values_at(from_version);
  const nlohmann::json after = values_at(to_version);
  const Campaign campaign = core_.load_campaign(campaign_id);

  std::vector<ItemChange> changes;
  std::set<std::string> seen;
  auto compare = [&](const std::string& key, const std::string& label) {
    seen.insert(key);
    const auto b = before.find(key);
    const auto a = after.find(key);
    nlohmann::json old_value = b == before.end() ? nlohmann::json(nullptr) : *b;
    nlohmann::json new_value = a == after.end() ? nlohmann::json(nullptr) : *a;
    if (old_value == new_value) return;
    changes.push_back({key, label, std::move(old_value), std::move(new_value)});
  };
  // Form order first, so the difference reads like the form; then keys the form no longer has.
  if (campaign.form) {
    for (const FormItem* item : campaign.form->items()) compare(item->key, item->label);
  }
  for (const auto* values : {&before, &after}) {
    for (const auto& [key, value] : values->items()) {
      if (!seen.count(key)) compare(key, key);
    }
  }
  return changes;
}

}  // namespace llw
