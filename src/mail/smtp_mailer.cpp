#include "mail/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>
#include <random>
#include <stdexcept>

#include "domain/error.h"

namespace llw {
namespace {

std::string base64(std::string_view data) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += table[(n >> 6) & 63];
    out += table[n & 63];
  }
  if (i + 1 == data.size()) {
    const unsigned n = static_cast<unsigned char>(data[i]) << 16;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    const unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += table[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Header values never carry line breaks of their own (header injection).
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return text;
}

// libcurl's global initialisation is not thread-safe; do it once.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->data.size() - upload->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

std::string rfc5322_date(std::time_t now) {
  // Vietnam time, as the rest of LLW.
  const std::time_t local = now + 7 * 3600;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0700", &tm);
  return buffer;
}

}  // namespace

std::string encode_header_words(const std::string& text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f && c != '=' && c != '?';
  });
  if (plain && text.size() <= 70) return text;
  // 45 bytes of UTF-8 make 60 base64 characters: a 72-character word, never splitting a
  // character (a continuation byte starts 10xxxxxx).
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(start + 45, text.size());
    while (end < text.size() && end > start &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(text).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

void validate_smtp_config(const SmtpConfig& config) {
  if (config.url.rfind("smtp://", 0) != 0 && config.url.rfind("smtps://", 0) != 0) {
    throw Error(ErrorKind::bad_input,
                "Địa chỉ máy chủ thư phải có dạng smtp://máy:cổng hoặc smtps://máy:cổng (ví dụ "
                "smtp://127.0.0.1:25).",
                "smtp");
  }
  if (!is_plain_email_address(config.from)) {
    throw Error(ErrorKind::bad_input,
                "Địa chỉ người gửi không hợp lệ: \"" + config.from + "\" (ví dụ llw@xa.gov.vn).",
                "smtp_from");
  }
}

std::string smtp_message_text(const SmtpConfig& config, const EmailMessage& message,
                              const std::string& date_header, const std::string& message_id) {
  std::string text;
  text += "Date: " + date_header + "\r\n";
  text += "From: " + encode_header_words(one_line(config.from_name)) + " <" + config.from + ">\r\n";
  text += "To: <" + one_line(message.to) + ">\r\n";
  text += "Message-ID: <" + message_id + ">\r\n";
  text += "Subject: " + encode_header_words(one_line(message.subject)) + "\r\n";
  text += "MIME-Version: 1.0\r\n";
  text += "Content-Type: text/plain; charset=UTF-8\r\n";
  text += "Content-Transfer-Encoding: base64\r\n";
  text += "Auto-Submitted: auto-generated\r\n";
  text += "\r\n";
  std::string body;
  for (char c : message.body) {
    if (c == '\n') body += '\r';
    body += c;
  }
  const std::string encoded = base64(body);
  for (std::size_t i = 0; i < encoded.size(); i += 76) text += encoded.substr(i, 76) + "\r\n";
  return text;
}

SmtpMailer::SmtpMailer(SmtpConfig config) : config_(std::move(config)) {
  validate_smtp_config(config_);
  init_curl_once();
}

void SmtpMailer::send(const EmailMessage& message) {
  if (!is_plain_email_address(message.to)) {
    throw std::runtime_error("địa chỉ người nhận không hợp lệ: " + message.to);
  }
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex random_mutex;
  std::string id;
  {
    std::lock_guard lock(random_mutex);
    id = std::to_string(random()) + "." + std::to_string(std::time(nullptr));
  }
  const std::string domain = config_.from.substr(config_.from.find('@') + 1);
  const std::string text =
      smtp_message_text(config_, message, rfc5322_date(std::time(nullptr)), id + "@" + domain);

  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("libcurl không khởi tạo được phiên gửi thư");
  char error_text[CURL_ERROR_SIZE] = "";
  Upload upload{text, 0};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.to + ">").c_str());
  const std::string from = "<" + config_.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, config_.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, config_.timeout_seconds);
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  if (config_.require_tls)
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  const CURLcode result = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (result != CURLE_OK) {
    std::string reason = curl_easy_strerror(result);
    if (error_text[0] != '\0') reason += std::string(" (") + error_text + ")";
    if (reply != 0) reason += "; SMTP reply " + std::to_string(reply);
    throw std::runtime_error("không gửi được thư tới " + message.to + " qua " + config_.url + ": " +
                             reason);
  }
}

}  // namespace llw
