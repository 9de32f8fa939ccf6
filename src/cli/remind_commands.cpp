#include "cli/remind_commands.h"

#include <iostream>

#include "app/campaigns.h"
#include "cli/system_user.h"
#include "domain/error.h"
#include "mail/smtp_mailer.h"
#include "storage/open_store.h"

namespace llw::cli {
namespace {

struct RemindOptions {
  std::string db;
  std::int64_t campaign = 0;
  bool dry_run = false;
  std::string slot;
  MailOptions mail;
};

SmtpConfig smtp_config(const MailOptions& options) {
  SmtpConfig config;
  config.url = options.smtp;
  config.username = options.smtp_user;
  config.password = options.smtp_password;
  config.require_tls = options.smtp_tls;
  config.from = options.smtp_from;
  validate_smtp_config(config);
  return config;
}

const char* result_label(const std::string& result) {
  if (result == "sent") return "đã gửi    ";
  if (result == "would_send") return "sẽ gửi    ";
  if (result == "already_sent") return "đã nhắc   ";
  if (result == "no_email") return "không gửi ";
  return "LỖI       ";
}

int run_remind(const RemindOptions& o) {
  if (o.mail.smtp.empty() && !o.dry_run) {
    throw Error(ErrorKind::bad_input,
                "Hãy cho biết máy chủ thư bằng --smtp smtp://máy:cổng (hoặc chạy thử với "
                "--dry-run).",
                "smtp");
  }
  std::unique_ptr<SmtpMailer> mailer;
  if (!o.mail.smtp.empty()) mailer = std::make_unique<SmtpMailer>(smtp_config(o.mail));
  ReminderSchedule schedule;
  schedule.days_before = parse_reminder_days(o.mail.remind_days);
  schedule.hour = o.mail.remind_hour;

  ApplicationConfig config;
  Application app(open_store(o.db), config, system_clock());
  const Campaign campaign = app.campaigns().get_campaign(system_user(), o.campaign);
  std::string slot = o.slot;
  if (slot.empty()) {
    slot =
        due_reminder_slot(campaign, schedule, app.now()).value_or(manual_reminder_slot(app.now()));
  }
  ReminderOptions options;
  options.base_url = o.mail.base_url;
  options.dry_run = o.dry_run;
  const ReminderRun run = send_reminders(app, o.campaign, slot, mailer.get(), options);

  std::cout << "Nhắc nộp báo cáo: đợt " << o.campaign << " (" << campaign.name << "), lượt " << slot
            << (o.dry_run ? ", chạy thử: không gửi thư nào" : "") << "\n";
  for (const ReminderOutcome& outcome : run.outcomes) {
    std::cout << "  " << result_label(outcome.result) << outcome.unit_code << "  "
              << (outcome.email.empty() ? "-" : outcome.email);
    if (!outcome.reason.empty()) std::cout << "  (" << outcome.reason << ")";
    std::cout << "\n";
  }
  const int failed = run.count("failed");
  std::cout << (o.dry_run ? run.count("would_send") : run.count("sent"))
            << (o.dry_run ? " thư sẽ được gửi; " : " thư đã gửi; ") << run.count("already_sent")
            << " đơn vị đã được nhắc ở lượt này; " << run.count("no_email")
            << " đơn vị không có địa chỉ e-mail hợp lệ; " << failed << " thư lỗi.\n";
  if (failed > 0) {
    for (const ReminderOutcome& outcome : run.outcomes) {
      if (outcome.result == "failed") {
        std::cerr << "llw: không gửi được thư nhắc: " << outcome.reason
                  << ". Chưa đánh dấu đã gửi; hãy kiểm tra máy chủ thư rồi chạy lại.\n";
        break;
      }
    }
    return 1;
  }
  return 0;
}

}  // namespace

void add_mail_options(CLI::App* command, MailOptions& options, bool schedule) {
  command->add_option("--smtp", options.smtp, "Mail server, smtp://host:port or smtps://host:port");
  command->add_option("--smtp-user", options.smtp_user, "SMTP user name");
  command
      ->add_option("--smtp-password", options.smtp_password,
                   "SMTP password (default: $LLW_SMTP_PASSWORD)")
      ->envname("LLW_SMTP_PASSWORD");
  command->add_flag("--smtp-tls", options.smtp_tls, "Require STARTTLS (never send in clear)");
  command->add_option("--smtp-from", options.smtp_from, "Sender address")->capture_default_str();
  command->add_option("--base-url", options.base_url, "Address of LLW the link in the mail uses")
      ->capture_default_str();
  if (schedule) {
    command
        ->add_option("--remind-days", options.remind_days,
                     "Days before the deadline to send reminders on (0 = the deadline day)")
        ->capture_default_str();
    command
        ->add_option("--remind-hour", options.remind_hour,
                     "Hour (Vietnam time) from which a reminder day's mail goes out")
        ->capture_default_str()
        ->check(CLI::Range(0, 23));
  }
}

std::function<int()> add_remind_command(CLI::App& app) {
  auto options = std::make_shared<RemindOptions>();
  auto* remind = app.add_subcommand(
      "remind",
      "E-mail a reminder to every unit of a campaign that has not submitted its report (each "
      "unit once per reminder slot)");
  remind
      ->add_option("--db", options->db,
                   "Database: a SQLite file path or postgresql://… (default: $LLW_DB)")
      ->envname("LLW_DB")
      ->required();
  remind->add_option("--campaign", options->campaign, "Campaign id")->required();
  remind->add_flag("--dry-run", options->dry_run, "List the recipients; send and record nothing");
  remind->add_option("--slot", options->slot,
                     "Reminder slot (default: the schedule's slot due now, else manual-DATE)");
  add_mail_options(remind, options->mail, true);
  return [options, remind]() -> int {
    if (!remind->parsed()) return -1;
    return run_remind(*options);
  };
}

std::unique_ptr<ReminderScheduler> start_reminder_schedule(Application& app,
                                                           const MailOptions& options) {
  if (options.smtp.empty()) return nullptr;
  ReminderSchedule schedule;
  schedule.days_before = parse_reminder_days(options.remind_days);
  schedule.hour = options.remind_hour;
  ReminderOptions reminder_options;
  reminder_options.base_url = options.base_url;
  auto scheduler = std::make_unique<ReminderScheduler>(
      app, std::make_shared<SmtpMailer>(smtp_config(options)), schedule, reminder_options);
  scheduler->start();
  return scheduler;
}

}  // namespace llw::cli
