#pragma once
// Reminder e-mails (thư nhắc nộp báo cáo) to the units that have not submitted yet, by hand
// (`llw remind`) or on a schedule inside `llw serve` (ReminderScheduler), and the e-mails that
// tell the units below a node of the plan it issued (sent by the same schedule). Each (campaign,
// unit, slot) is recorded before it is sent and forgotten again when sending fails, so a slot goes
// out at most once — across restarts and servers — and a failed one is retried by the next run. How
// mail travels is a Mailer's business (src/mail: SMTP through libcurl).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/application.h"
#include "domain/campaign.h"
#include "domain/level_plan.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {

struct EmailMessage {
  std::string to;       // one address, already checked by is_plain_email_address
  std::string subject;  // UTF-8; the mailer encodes it for the header
  std::string body;     // UTF-8 plain text, lines separated by "\n"
};

// Sends one message or throws std::runtime_error saying why (connection refused, recipient
// rejected, …).
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual void send(const EmailMessage& message) = 0;
};

// "local@domain" with no spaces, angle brackets, quotes or control characters: what a header
// and an SMTP envelope can carry safely.
bool is_plain_email_address(const std::string& address);

struct ReminderSchedule {
  // Days before the deadline on which a reminder goes out; 0 is the deadline day itself.
  std::vector<int> days_before{3, 1, 0};
  // Local time (Asia/Ho_Chi_Minh) on those days from which the slot is due.
  int hour = 7;
};

// "3,1,0" → {3, 1, 0}; throws Error{bad_input} for anything else (negative, over 60, junk).
std::vector<int> parse_reminder_days(const std::string& text);

// The slot due at `now` ("d-3", "d-1", "d-0"): the latest scheduled moment that has passed, while
// the deadline day has not ended. nullopt before the first and after the deadline.
std::optional<std::string> due_reminder_slot(const Campaign& campaign,
                                             const ReminderSchedule& schedule, Timestamp now);

struct ReminderOptions {
  std::string base_url = "http://localhost:8080";  // where the link in the mail points
  bool dry_run = false;                            // list the recipients, send and record nothing
};

struct ReminderOutcome {
  std::string unit_code;
  std::string email;
  // "sent", "would_send" (dry run), "already_sent", "no_email", "failed".
  std::string result;
  std::string reason;  // for "failed" and "no_email"
};

struct ReminderRun {
  std::int64_t campaign_id = 0;
  std::string slot;
  std::vector<ReminderOutcome> outcomes;
  int count(const std::string& result) const;
};

// The message for one unit: Vietnamese subject and body naming the campaign, the deadline
// (dd/mm/yyyy) and the link to the unit's report form.
EmailMessage reminder_message(const Campaign& campaign, const std::string& issuer_name,
                              const OrgUnit& unit, const std::string& base_url);

// The slot of a reminder asked for by hand on the Vietnamese day of `now` ("manual-2025-09-30"):
// the command line's run without a schedule and the dashboard's "Nhắc" button share it, so a unit
// is reminded by hand at most once a day.
std::string manual_reminder_slot(Timestamp now);

// The slot of the e-mail telling a unit of a review of its report ("review-<version>", the
// version the return, accept or reopen created).
std::string review_mail_slot(std::int64_t version);

// The e-mail telling a unit that its report was returned, accepted or reopened (`action`:
// "return", "accept", "reopen"), with the reviewer's comment and the link to the report.
EmailMessage review_message(const Campaign& campaign, const OrgUnit& unit,
                            const std::string& action, const std::string& comment,
                            const std::string& base_url);

// Sends the queued e-mails (ReminderRecord::queued: the dashboard's "Nhắc", the reviews told to
// the units), at most `limit` of them, oldest first. A sent one is marked sent; a failing one
// stays queued for the next run; each attempt is in the audit log ("reminder.send",
// "review.mail"). The run's slot is "queued"; `mailer` may be null only for a dry run.
ReminderRun send_queued_mail(Application& app, Mailer* mailer, const ReminderOptions& options,
                             int limit = 500);

// Reminds every unit of the campaign that has not submitted (not started, draft, returned) —
// and no one else — for `slot`. `mailer` may be null only for a dry run.
ReminderRun send_reminders(Application& app, std::int64_t campaign_id, const std::string& slot,
                           Mailer* mailer, const ReminderOptions& options);

// The e-mail telling a unit that a node above it issued its plan (or an adjustment): the plan's
// number and date, the unit's own tasks in it, the unit's deadline and the links to the plan and
// to the unit's report.
EmailMessage plan_message(const Campaign& campaign, const OrgUnit& issuer, const LevelPlan& plan,
                          const OrgUnit& unit, const EffectiveDates& dates,
                          const std::string& base_url);

// Sends the e-mail of every issued plan (its latest edition) to each unit below its node that
// reports and has an address, once per (unit, node, edition) — recorded like the reminders, so
// across restarts and servers — and retries the failed ones at the next run. The run's slot is
// "plan"; each outcome names the unit. `mailer` may be null only for a dry run.
ReminderRun send_plan_emails(Application& app, std::int64_t campaign_id, Mailer* mailer,
                             const ReminderOptions& options);

// The schedule inside `llw serve`: a background thread that checks every `interval` (a minute)
// which campaigns have a slot due at the application's clock, and sends it. A failing mail server
// is logged and retried at the next check; nothing it does can stop the server.
class ReminderScheduler {
 public:
  ReminderScheduler(Application& app, std::shared_ptr<Mailer> mailer, ReminderSchedule schedule,
                    ReminderOptions options,
                    std::chrono::milliseconds interval = std::chrono::minutes(1));
  ~ReminderScheduler();
  ReminderScheduler(const ReminderScheduler&) = delete;
  ReminderScheduler& operator=(const ReminderScheduler&) = delete;

  void start();
  void stop();
  // One check, as the thread does it: the queued e-mails, then every campaign's plan e-mails and
  // due reminder slot; returns the runs that sent or failed something.
  std::vector<ReminderRun> check_now();
  // Waits until the thread has finished at least `count` checks in all (since the scheduler was
  // made) or `timeout` passed; returns the checks finished (for tests and operators: waits on the
  // condition).
  std::uint64_t wait_for_checks(std::uint64_t count, std::chrono::milliseconds timeout);

 private:
  void loop();

  Application& app_;
  std::shared_ptr<Mailer> mailer_;
  ReminderSchedule schedule_;
  ReminderOptions options_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t checks_ = 0;  // finished by the thread
  std::condition_variable checked_;
  std::thread thread_;
};

}  // namespace llw
