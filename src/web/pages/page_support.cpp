#include "web/pages/page_support.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "domain/error.h"
#include "domain/text.h"

namespace llw::pages {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error malformed_form() {
  return Error(ErrorKind::bad_input,
               "Dữ liệu biểu mẫu gửi lên không hợp lệ. Hãy tải lại trang rồi thử lại.", "body");
}

void check_field_text(const std::string& name, const std::string& value) {
  if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
    throw Error(ErrorKind::bad_input, "Dữ liệu không phải UTF-8 hợp lệ.", name);
  }
}

void parse_urlencoded(std::string_view body, PostedForm& form) {
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string name, value;
    if (!url_decode(pair.substr(0, eq), name)) throw malformed_form();
    if (eq != std::string_view::npos && !url_decode(pair.substr(eq + 1), value)) {
      throw malformed_form();
    }
    check_field_text(name, value);
    form.fields[name] = std::move(value);
  }
}

// The value of `name="…"` in a Content-Disposition header.
std::string disposition_parameter(std::string_view header, std::string_view name) {
  const std::string key = std::string(name) + "=\"";
  std::size_t pos = 0;
  while ((pos = header.find(key, pos)) != std::string_view::npos) {
    // Require a separator before the name so that `filename=` does not match `name=`.
    if (pos == 0 || header[pos - 1] == ' ' || header[pos - 1] == ';') {
      const auto start = pos + key.size();
      const auto end = header.find('"', start);
      if (end == std::string_view::npos) throw malformed_form();
      return std::string(header.substr(start, end - start));
    }
    pos += key.size();
  }
  return {};
}

void parse_multipart(std::string_view content_type, std::string_view body, PostedForm& form) {
  const auto at = lower(content_type).find("boundary=");
  if (at == std::string::npos) throw malformed_form();
  std::string boundary(trim(content_type.substr(at + 9)));
  if (const auto semi = boundary.find(';'); semi != std::string::npos) boundary.resize(semi);
  if (boundary.size() >= 2 && boundary.front() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty() || boundary.size() > 200) throw malformed_form();
  const std::string delimiter = "--" + boundary;

  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) throw malformed_form();
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") throw malformed_form();
    pos += 2;
    const auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) throw malformed_form();
    const std::string_view headers = body.substr(pos, headers_end - pos);
    const auto content_start = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) throw malformed_form();
    const std::string_view content = body.substr(content_start, next - content_start);

    std::string name, filename, part_type;
    bool has_filename = false;
    std::string_view rest = headers;
    while (!rest.empty()) {
      const auto eol = rest.find("\r\n");
      const std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string header_name = lower(trim(line.substr(0, colon)));
      const std::string_view header_value = trim(line.substr(colon + 1));
      if (header_name == "content-disposition") {
        name = disposition_parameter(header_value, "name");
        has_filename = header_value.find("filename=\"") != std::string_view::npos;
        filename = disposition_parameter(header_value, "filename");
      } else if (header_name == "content-type") {
        part_type = std::string(header_value);
      }
    }
    if (name.empty()) throw malformed_form();
    if (has_filename) {
      form.files[name] = UploadedFile{sanitize_utf8(filename), part_type, std::string(content)};
    } else {
      std::string value(content);
      check_field_text(name, value);
      form.fields[name] = std::move(value);
    }
    pos = next + 2;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> cookies;
  while (!header.empty()) {
    const auto semi = header.find(';');
    const std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    cookies.emplace(std::string(trim(pair.substr(0, eq))), std::string(trim(pair.substr(eq + 1))));
  }
  return cookies;
}

std::string csrf_token_for(std::string_view session_token) {
  static const unsigned char kKey[crypto_generichash_KEYBYTES] = "llw csrf token v1";
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash,
                     reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size(), kKey, sizeof kKey);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_hex_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

const std::string& PostedForm::value(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = fields.find(name);
  return it == fields.end() ? kEmpty : it->second;
}

PostedForm parse_posted_form(std::string_view content_type, std::string_view body,
                             std::size_t max_bytes) {
  if (body.size() > max_bytes) {
    throw Error(ErrorKind::too_large,
                "Dữ liệu gửi lên quá lớn (tối đa " +
                    format_vietnamese_number(std::floor(static_cast<double>(max_bytes) / 1024)) +
                    " KB). Hãy rút gọn nội dung hoặc chia tệp nhỏ hơn.",
                "body");
  }
  PostedForm form;
  const std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (body.empty()) return form;
  if (type == "application/x-www-form-urlencoded") {
    parse_urlencoded(body, form);
  } else if (type == "multipart/form-data") {
    parse_multipart(content_type, body, form);
  } else {
    throw Error(ErrorKind::bad_input,
                "Trang này chỉ nhận dữ liệu từ biểu mẫu. Hãy gửi lại từ trang web.", "body");
  }
  return form;
}

bool url_decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

std::string safe_next(const std::string& next) {
  if (next.size() < 1 || next.size() > 500 || next[0] != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (const char c : next) {
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  }
  return next;
}

std::string url_encode(std::string_view text) { return percent_encode(text); }

std::string decision_flash(ReportEvent event) {
  switch (event) {
    case ReportEvent::submit:
      return "da-gui";
    case ReportEvent::return_report:
      return "da-tra-lai";
    case ReportEvent::accept:
      return "da-chap-nhan";
    case ReportEvent::reopen:
      return "da-mo-lai";
    case ReportEvent::save:
      break;
  }
  return "da-luu";
}

std::string query_value(const std::map<std::string, std::string>& query, const std::string& name) {
  const auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::int64_t parse_page_number(const std::string& text) {
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return 1;
  }
  const std::int64_t page = std::stoll(text);
  return page >= 1 && page <= 100000 ? page : 1;
}

}  // namespace llw::pages
