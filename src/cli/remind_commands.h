#pragma once
// E-mail reminders on the command line: `llw remind`, and the mail options `llw serve` takes to
// run the reminder schedule. Registered by main.cpp.

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "app/application.h"
#include "app/reminders.h"

namespace llw::cli {

struct MailOptions {
  std::string smtp;  // smtp://host:port; empty: no mail
  std::string smtp_user;
  std::string smtp_password;
  bool smtp_tls = false;
  std::string smtp_from = "no-reply@llw.local";
  std::string base_url = "http://localhost:8080";
  std::string remind_days = "3,1,0";
  int remind_hour = 7;
};

// Adds --smtp, --smtp-user, --smtp-password (or $LLW_SMTP_PASSWORD), --smtp-tls, --smtp-from,
// --base-url and, with `schedule`, --remind-days and --remind-hour.
void add_mail_options(CLI::App* command, MailOptions& options, bool schedule);

// Adds `remind`. Returns a function that runs it when it was chosen (its exit code), else -1.
std::function<int()> add_remind_command(CLI::App& app);

// For `llw serve`: the started reminder schedule when --smtp was given, else nullptr. Checks the
// options first (Error{bad_input} for a bad URL or schedule).
std::unique_ptr<ReminderScheduler> start_reminder_schedule(Application& app,
                                                           const MailOptions& options);

}  // namespace llw::cli
