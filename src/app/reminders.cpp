#include "app/reminders.h"

#include <algorithm>
#include <iostream>
#include <set>

#include "app/audit_trail.h"
#include "app/level_plans.h"
#include "app/store_access.h"
#include "domain/error.h"
#include "domain/text.h"
#include "domain/workflow.h"

namespace llw {
namespace {

constexpr Timestamp kDay = 86400;

}  // namespace

bool is_plain_email_address(const std::string& address) {
  if (address.size() < 3 || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string::npos) return false;
  if (address.find('.', at) == std::string::npos) return false;
  for (unsigned char c : address) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::vector<int> parse_reminder_days(const std::string& text) {
  std::vector<int> days;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string part = text.substr(start, comma - start);
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    const bool digits = !part.empty() && part.size() <= 2 &&
                        part.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(part) > 60) {
      throw Error(ErrorKind::bad_input,
                  "Lịch nhắc phải là các số ngày trước hạn, cách nhau bởi dấu phẩy, mỗi số từ 0 "
                  "đến 60 (ví dụ \"3,1,0\").",
                  "remind_days");
    }
    days.push_back(std::stoi(part));
    start = comma + 1;
  }
  std::sort(days.begin(), days.end(), std::greater<>());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

std::optional<std::string> due_reminder_slot(const Campaign& campaign,
                                             const ReminderSchedule& schedule, Timestamp now) {
  const Timestamp deadline_end = campaign.deadline_end();
  if (now > deadline_end) return std::nullopt;
  const Timestamp deadline_day_start = deadline_end - (kDay - 1);
  std::optional<std::string> due;
  Timestamp latest = 0;
  for (int days : schedule.days_before) {
    const Timestamp at = deadline_day_start - days * kDay + schedule.hour * 3600;
    if (now >= at && (!due || at > latest)) {
      latest = at;
      due = "d-" + std::to_string(days);
    }
  }
  return due;
}

int ReminderRun::count(const std::string& result) const {
  return static_cast<int>(
      std::count_if(outcomes.begin(), outcomes.end(),
                    [&](const ReminderOutcome& o) { return o.result == result; }));
}

EmailMessage reminder_message(const Campaign& campaign, const std::string& issuer_name,
                              const OrgUnit& unit, const std::string& base_url) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string deadline = format_vietnamese_date(campaign.deadline);
  const std::string link =
      base + "/dot/" + std::to_string(campaign.id) + "/bao-cao/" + percent_encode(unit.code);
  const std::string number = campaign.plan.value("number", std::string());

  EmailMessage message;
  message.to = unit.email;
  message.subject = "Nhắc nộp báo cáo " + campaign.name + " – hạn " + deadline;
  message.body = "Kính gửi: " + unit.name + ",\n\n" + "Đơn vị chưa nộp báo cáo " + campaign.name +
                 (number.empty() ? std::string() : " (theo Kế hoạch số " + number + ")") + ".\n" +
                 "Hạn nộp báo cáo: hết ngày " + deadline + ".\n\n" +
                 "Đề nghị đơn vị đăng nhập, hoàn thiện và nộp báo cáo tại:\n" + link + "\n\n" +
                 "Nếu đơn vị đã nộp báo cáo, xin bỏ qua thư này.\n\n" + "Trân trọng,\n" +
                 issuer_name + "\n\n" +
                 "(Thư gửi tự động từ hệ thống báo cáo Tuần lễ học tập suốt đời; vui lòng không "
                 "trả lời thư này.)\n";
  return message;
}

std::string manual_reminder_slot(Timestamp now) {
  return "manual-" + format_iso_date(date_in_vietnam(now));
}

std::string review_mail_slot(std::int64_t version) { return "review-" + std::to_string(version); }

EmailMessage review_message(const Campaign& campaign, const OrgUnit& unit,
                            const std::string& action, const std::string& comment,
                            const std::string& base_url) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string link =
      base + "/dot/" + std::to_string(campaign.id) + "/bao-cao/" + percent_encode(unit.code);
  std::string what;
  std::string next;
  if (action == "return") {
    what = "đã được cấp trên trả lại để sửa";
    next = "Đề nghị đơn vị xem ý kiến, sửa báo cáo và nộp lại tại:\n";
  } else if (action == "accept") {
    what = "đã được cấp trên tiếp nhận";
    next = "Đơn vị không cần làm gì thêm. Xem báo cáo tại:\n";
  } else {
    what = "đã được cấp trên mở lại để bổ sung";
    next = "Đề nghị đơn vị xem ý kiến, bổ sung báo cáo và nộp lại tại:\n";
  }
  EmailMessage message;
  message.to = unit.email;
  message.subject = "Báo cáo " + campaign.name + " " + what;
  message.body = "Kính gửi: " + unit.name + ",\n\n" + "Báo cáo " + campaign.name + " của đơn vị " +
                 what + ".\n\n" +
                 (comment.empty() ? std::string() : "Ý kiến của cấp trên:\n" + comment + "\n\n") +
                 next + link + "\n\n" +
                 "(Thư gửi tự động từ hệ thống báo cáo Tuần lễ học tập suốt đời; vui lòng không "
                 "trả lời thư này.)\n";
  return message;
}

ReminderRun send_queued_mail(Application& app, Mailer* mailer, const ReminderOptions& options,
                             int limit) {
  Store& store = StoreAccess::of(app);
  if (!mailer && !options.dry_run) {
    throw Error(ErrorKind::bad_input, "Chưa cấu hình máy chủ thư (--smtp).", "smtp");
  }
  ReminderRun run;
  run.slot = "queued";
  const RequestContext system{};
  for (const ReminderRecord& record : store.reminder_log().queued_reminders(limit)) {
    const auto campaign = store.campaigns().find_campaign(record.campaign_id);
    auto unit = store.units().find_unit_by_id(record.unit_id);
    if (!campaign || !unit) continue;
    unit->email = record.email;  // the address it was asked for
    ReminderOutcome outcome;
    outcome.unit_code = unit->code;
    outcome.email = record.email;
    const bool review = record.slot.rfind("review-", 0) == 0;
    std::optional<EmailMessage> message;
    if (review) {
      const std::int64_t version = std::strtoll(record.slot.c_str() + 7, nullptr, 10);
      if (const auto found = store.reports().report_version(campaign->id, unit->id, version)) {
        message = review_message(*campaign, *unit, found->first.action, found->first.comment,
                                 options.base_url);
      }
    } else if (const auto report = store.reports().find_report(campaign->id, unit->id);
               report && (report->status == ReportStatus::not_started ||
                          report->status == ReportStatus::draft ||
                          report->status == ReportStatus::returned)) {
      // A reminder to a unit that submitted meanwhile is not sent.
      std::string issuer_name = campaign->issuer_code;
      if (auto issuer = store.units().find_unit_by_id(campaign->issuer_unit_id))
        issuer_name = issuer->name;
      message = reminder_message(*campaign, issuer_name, *unit, options.base_url);
    }
    if (!message || !is_plain_email_address(record.email)) {
      // Nothing that could be sent: not asked again.
      store.reminder_log().release_reminder(record.campaign_id, record.unit_id, record.slot);
      outcome.result = "no_email";
      outcome.reason =
          "Không gửi: đơn vị đã nộp báo cáo, không có địa chỉ e-mail hợp lệ hoặc "
          "không còn phiên bản báo cáo.";
    } else if (options.dry_run) {
      outcome.result = "would_send";
    } else {
      try {
        mailer->send(*message);
        store.reminder_log().mark_reminder_sent(record.campaign_id, record.unit_id, record.slot,
                                                app.now());
        outcome.result = "sent";
      } catch (const std::exception& e) {
        // Stays queued: the next check tries again.
        outcome.result = "failed";
        outcome.reason = e.what();
      }
      app.audit().record_audit(
          nullptr, system, review ? "review.mail" : "reminder.send", &*unit,
          "campaign " + std::to_string(record.campaign_id) + " / " + unit->code,
          record.slot + " → " + record.email +
              (outcome.reason.empty() ? "" : ": " + outcome.reason),
          outcome.result == "sent" ? "ok" : "failed");
    }
    run.outcomes.push_back(std::move(outcome));
  }
  return run;
}

ReminderRun send_reminders(Application& app, std::int64_t campaign_id, const std::string& slot,
                           Mailer* mailer, const ReminderOptions& options) {
  Store& store = StoreAccess::of(app);
  auto campaign = store.campaigns().find_campaign(campaign_id);
  if (!campaign) {
    throw Error(ErrorKind::not_found,
                "Không tìm thấy đợt báo cáo số " + std::to_string(campaign_id) + ".", "campaign");
  }
  if (!mailer && !options.dry_run) {
    throw Error(ErrorKind::bad_input, "Chưa cấu hình máy chủ thư (--smtp).", "smtp");
  }
  std::string issuer_name = campaign->issuer_code;
  if (auto issuer = store.units().find_unit_by_id(campaign->issuer_unit_id))
    issuer_name = issuer->name;

  std::set<std::int64_t> already;
  for (const ReminderRecord& record : store.reminder_log().reminders(campaign_id)) {
    if (record.slot == slot) already.insert(record.unit_id);
  }

  ReminderRun run;
  run.campaign_id = campaign_id;
  run.slot = slot;
  const RequestContext system{};
  for (const OrgUnit& unit : store.reminder_log().units_not_submitted(campaign_id)) {
    ReminderOutcome outcome;
    outcome.unit_code = unit.code;
    outcome.email = unit.email;
    if (unit.email.empty()) {
      outcome.result = "no_email";
      outcome.reason = "Đơn vị chưa có địa chỉ e-mail.";
    } else if (!is_plain_email_address(unit.email)) {
      outcome.result = "no_email";
      outcome.reason = "Địa chỉ e-mail không hợp lệ: " + unit.email;
    } else if (already.count(unit.id)) {
      outcome.result = "already_sent";
    } else if (options.dry_run) {
      outcome.result = "would_send";
    } else {
      ReminderRecord record{campaign_id, unit.id, slot, unit.email, app.now()};
      if (!store.reminder_log().claim_reminder(record)) {
        outcome.result = "already_sent";  // another server got there first
      } else {
        try {
          mailer->send(reminder_message(*campaign, issuer_name, unit, options.base_url));
          outcome.result = "sent";
        } catch (const std::exception& e) {
          // Not sent, so not recorded: the next run tries again.
          store.reminder_log().release_reminder(campaign_id, unit.id, slot);
          outcome.result = "failed";
          outcome.reason = e.what();
        }
        app.audit().record_audit(
            nullptr, system, "reminder.send", &unit,
            "campaign " + std::to_string(campaign_id) + " / " + unit.code,
            slot + " → " + unit.email + (outcome.reason.empty() ? "" : ": " + outcome.reason),
            outcome.result == "sent" ? "ok" : "failed");
      }
    }
    run.outcomes.push_back(std::move(outcome));
  }
  return run;
}

ReminderScheduler::ReminderScheduler(Application& app, std::shared_ptr<Mailer> mailer,
                                     ReminderSchedule schedule, ReminderOptions options,
                                     std::chrono::milliseconds interval)
    : app_(app),
      mailer_(std::move(mailer)),
      schedule_(std::move(schedule)),
      options_(std::move(options)),
      interval_(interval) {
  options_.dry_run = false;
}

ReminderScheduler::~ReminderScheduler() { stop(); }

void ReminderScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ReminderScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

EmailMessage plan_message(const Campaign& campaign, const OrgUnit& issuer, const LevelPlan& plan,
                          const OrgUnit& unit, const EffectiveDates& dates,
                          const std::string& base_url) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string campaign_link = base + "/dot/" + std::to_string(campaign.id);
  const std::string what =
      plan.edition > 1 ? "Kế hoạch điều chỉnh số " + plan.number : "Kế hoạch số " + plan.number;
  std::string tasks;
  for (const nlohmann::json& assignment : assignments_for(plan.content, unit)) {
    if (!assignment.contains("tasks") || !assignment.at("tasks").is_array()) continue;
    for (const nlohmann::json& task : assignment.at("tasks")) {
      if (task.is_string()) tasks += "- " + task.get<std::string>() + "\n";
    }
  }
  EmailMessage message;
  message.to = unit.email;
  message.subject = what + " của " + issuer.name + ": " + campaign.name;
  message.body =
      "Kính gửi: " + unit.name + ",\n\n" + issuer.name + " đã ban hành " + what +
      (plan.issued_on ? " ngày " + format_vietnamese_date(*plan.issued_on) : std::string()) +
      " về tổ chức " + campaign.name + ".\n\n" +
      (tasks.empty() ? std::string() : "Nhiệm vụ của đơn vị:\n" + tasks + "\n") +
      "Hạn nộp báo cáo của đơn vị: hết ngày " + format_vietnamese_date(dates.deadline) + ".\n\n" +
      "Xem và tải kế hoạch:\n" + campaign_link + "/ke-hoach/" + percent_encode(issuer.code) +
      "\n\nBáo cáo của đơn vị:\n" + campaign_link + "/bao-cao/" + percent_encode(unit.code) +
      "\n\nTrân trọng,\n" + issuer.name + "\n\n" +
      "(Thư gửi tự động từ hệ thống báo cáo Tuần lễ học tập suốt đời; vui lòng không trả lời "
      "thư này.)\n";
  return message;
}

ReminderRun send_plan_emails(Application& app, std::int64_t campaign_id, Mailer* mailer,
                             const ReminderOptions& options) {
  Store& store = StoreAccess::of(app);
  const auto campaign = store.campaigns().find_campaign(campaign_id);
  if (!campaign) {
    throw Error(ErrorKind::not_found,
                "Không tìm thấy đợt báo cáo số " + std::to_string(campaign_id) + ".", "campaign");
  }
  if (!mailer && !options.dry_run) {
    throw Error(ErrorKind::bad_input, "Chưa cấu hình máy chủ thư (--smtp).", "smtp");
  }
  ReminderRun run;
  run.campaign_id = campaign_id;
  run.slot = "plan";
  for (const IssuedPlanDates& issued : store.plans().issued_plans(campaign_id)) {
    // A node's edition whose mails all went out is marked on the node itself: one lookup per
    // issued plan and check, never a walk of its subtree again.
    const std::string edition = std::to_string(issued.edition);
    const std::string done = "plan-" + edition;
    if (!options.dry_run &&
        !store.reminder_log().claim_reminder({campaign_id, issued.unit_id, done, "", app.now()})) {
      continue;
    }
    const auto issuer = store.units().find_unit_by_id(issued.unit_id);
    std::optional<LevelPlan> plan;
    for (LevelPlan& p : store.plans().level_plans(campaign_id, issued.unit_id)) {
      if (p.edition == issued.edition) plan = std::move(p);
    }
    if (!issuer || !plan) continue;
    const std::string slot = "plan-" + std::to_string(issued.unit_id) + "-" + edition;
    bool failed = false;
    for (const OrgUnit& unit :
         store.units().units_in_subtree(issued.unit_path, campaign->reporting_kinds)) {
      if (unit.id == issued.unit_id || !campaign->must_report(unit)) continue;
      ReminderOutcome outcome;
      outcome.unit_code = unit.code;
      outcome.email = unit.email;
      if (!is_plain_email_address(unit.email)) {
        outcome.result = "no_email";
        outcome.reason = unit.email.empty() ? "Đơn vị chưa có địa chỉ e-mail."
                                            : "Địa chỉ e-mail không hợp lệ: " + unit.email;
      } else if (options.dry_run) {
        outcome.result = "would_send";
      } else if (!store.reminder_log().claim_reminder(
                     {campaign_id, unit.id, slot, unit.email, app.now()})) {
        outcome.result = "already_sent";
      } else {
        try {
          mailer->send(plan_message(*campaign, *issuer, *plan, unit,
                                    app.plans().effective_dates(*campaign, unit),
                                    options.base_url));
          outcome.result = "sent";
        } catch (const std::exception& e) {
          store.reminder_log().release_reminder(campaign_id, unit.id, slot);
          outcome.result = "failed";
          outcome.reason = e.what();
          failed = true;
        }
      }
      run.outcomes.push_back(std::move(outcome));
    }
    // Some did not go out: the next check walks this plan again (the sent ones stay recorded).
    if (failed) store.reminder_log().release_reminder(campaign_id, issued.unit_id, done);
  }
  return run;
}

std::vector<ReminderRun> ReminderScheduler::check_now() {
  std::vector<ReminderRun> runs;
  std::vector<Campaign> campaigns;
  try {
    campaigns = StoreAccess::of(app_).campaigns().list_campaigns();
  } catch (const std::exception& e) {
    std::cerr << "llw: reminders: could not list campaigns: " << e.what() << '\n';
    return runs;
  }
  try {
    ReminderRun queued = send_queued_mail(app_, mailer_.get(), options_);
    const int failed = queued.count("failed");
    if (queued.count("sent") > 0 || failed > 0) {
      std::cerr << "llw: queued e-mails: " << queued.count("sent") << " sent, " << failed
                << " failed" << (failed > 0 ? " (retried at the next check)" : "") << '\n';
      runs.push_back(std::move(queued));
    }
  } catch (const std::exception& e) {
    std::cerr << "llw: queued e-mails failed: " << e.what() << '\n';
  }
  const Timestamp now = app_.now();
  for (const Campaign& campaign : campaigns) {
    try {
      ReminderRun plans = send_plan_emails(app_, campaign.id, mailer_.get(), options_);
      const int failed = plans.count("failed");
      if (plans.count("sent") > 0 || failed > 0) {
        std::cerr << "llw: plan e-mails for campaign " << campaign.id << ": " << plans.count("sent")
                  << " sent, " << failed << " failed"
                  << (failed > 0 ? " (retried at the next check)" : "") << '\n';
        runs.push_back(std::move(plans));
      }
    } catch (const std::exception& e) {
      std::cerr << "llw: plan e-mails for campaign " << campaign.id << " failed: " << e.what()
                << '\n';
    }
    const auto slot = due_reminder_slot(campaign, schedule_, now);
    if (!slot) continue;
    try {
      ReminderRun run = send_reminders(app_, campaign.id, *slot, mailer_.get(), options_);
      const int failed = run.count("failed");
      if (run.count("sent") > 0 || failed > 0) {
        std::cerr << "llw: reminders for campaign " << campaign.id << " (" << *slot
                  << "): " << run.count("sent") << " sent, " << failed << " failed"
                  << (failed > 0 ? " (retried at the next check): " : "");
        for (const auto& o : run.outcomes) {
          if (o.result == "failed") {
            std::cerr << o.unit_code << ": " << o.reason << "; ";
            break;  // one reason is enough; they are usually the same
          }
        }
        std::cerr << '\n';
      }
      runs.push_back(std::move(run));
    } catch (const std::exception& e) {
      std::cerr << "llw: reminders for campaign " << campaign.id << " failed: " << e.what() << '\n';
    }
  }
  return runs;
}

void ReminderScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      check_now();
    } catch (...) {
      // check_now reports its own failures; nothing may end the server's thread.
    }
    lock.lock();
    ++checks_;
    checked_.notify_all();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

std::uint64_t ReminderScheduler::wait_for_checks(std::uint64_t count,
                                                 std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  checked_.wait_for(lock, timeout, [&] { return checks_ >= count; });
  return checks_;
}

}  // namespace llw
