#pragma once
// Sending mail over SMTP with libcurl: one connection per message, UTF-8 subject as RFC 2047
// encoded words, UTF-8 body in base64, optional STARTTLS and credentials.

#include <string>

#include "app/reminders.h"

namespace llw {

struct SmtpConfig {
  std::string url;  // "smtp://host:port" (or "smtps://host:port" for TLS from the start)
  std::string username;
  std::string password;
  bool require_tls = false;  // STARTTLS, refusing to send in clear
  std::string from = "no-reply@llw.local";
  std::string from_name = "Hệ thống báo cáo LLW";
  long connect_timeout_seconds = 10;
  long timeout_seconds = 60;
};

// Throws Error{bad_input} when the URL is not smtp:// or smtps:// or the sender is not a plain
// address.
void validate_smtp_config(const SmtpConfig& config);

class SmtpMailer : public Mailer {
 public:
  explicit SmtpMailer(SmtpConfig config);
  // Throws std::runtime_error with libcurl's reason (and the server's reply when there is one).
  void send(const EmailMessage& message) override;

 private:
  SmtpConfig config_;
};

// The full RFC 5322 message text (headers and body) as sent; exposed for tests.
std::string smtp_message_text(const SmtpConfig& config, const EmailMessage& message,
                              const std::string& date_header, const std::string& message_id);

// "=?UTF-8?B?…?=" words of at most 75 characters, folded with CRLF SP; ASCII text without
// specials is returned as it is.
std::string encode_header_words(const std::string& text);

}  // namespace llw
