#include "web/request_body.h"

#include <cctype>
#include <charconv>
#include <string>

#include "domain/error.h"
#include "domain/text.h"

namespace llw {

namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string human_size(std::size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
    return std::to_string(bytes / (1024 * 1024)) + " MB";
  }
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " byte";
}

void check_body_size(std::size_t size, std::size_t max_bytes) {
  if (size > max_bytes) {
    throw Error(ErrorKind::too_large,
                "Dữ liệu gửi lên quá lớn (tối đa " + human_size(max_bytes) +
                    "). Hãy gửi ít dữ liệu hơn hoặc chia thành nhiều lần.",
                "body");
  }
}

int json_nesting_depth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

nlohmann::json parse_json_body(std::string_view body, std::size_t max_bytes) {
  check_body_size(body.size(), max_bytes);
  if (!is_valid_utf8(body)) {
    throw Error(ErrorKind::bad_input, "Dữ liệu không phải UTF-8 hợp lệ.", "body");
  }
  if (is_blank(body)) {
    throw Error(ErrorKind::bad_input, "Thiếu dữ liệu: nội dung yêu cầu phải là một đối tượng JSON.",
                "body");
  }
  if (json_nesting_depth(body, max_json_depth) > max_json_depth) {
    throw Error(
        ErrorKind::bad_input,
        "Dữ liệu JSON lồng nhau quá sâu (tối đa " + std::to_string(max_json_depth) + " cấp).",
        "body");
  }
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorKind::bad_input,
                "Dữ liệu JSON không hợp lệ (lỗi ở ký tự thứ " + std::to_string(e.byte) +
                    "). Hãy kiểm tra lại cú pháp.",
                "body");
  } catch (const nlohmann::json::exception&) {
    // Number overflow (1e400) and the like: the text is JSON-shaped but not representable.
    throw Error(ErrorKind::bad_input,
                "Dữ liệu JSON có giá trị không đọc được (ví dụ số quá lớn). Hãy kiểm tra lại.",
                "body");
  }
}

std::optional<nlohmann::json> parse_optional_json_body(std::string_view body,
                                                       std::size_t max_bytes) {
  check_body_size(body.size(), max_bytes);
  if (is_blank(body)) return std::nullopt;
  return parse_json_body(body, max_bytes);
}

void require_object(const nlohmann::json& value, const std::string& what) {
  if (!value.is_object()) {
    throw Error(ErrorKind::bad_input, what + " phải là một đối tượng JSON ({…}).",
                what == "Nội dung yêu cầu" ? "body" : what);
  }
}

void reject_unknown_members(const nlohmann::json& object,
                            std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (const auto name : allowed) known = known || key == name;
    if (!known) {
      throw Error(ErrorKind::bad_input,
                  "Trường \"" + key + "\" không được hỗ trợ. Hãy bỏ trường này khỏi yêu cầu.", key);
    }
  }
}

namespace {

// The member `key` of `object`, or nullptr when it is absent or null and not required.
const nlohmann::json* find_member(const nlohmann::json& object, const std::string& key,
                                  bool required) {
  const auto it = object.find(key);
  if (it != object.end() && !it->is_null()) return &*it;
  if (required) throw Error(ErrorKind::bad_input, "Thiếu trường \"" + key + "\".", key);
  return nullptr;
}

}  // namespace

std::optional<std::string> string_member(const nlohmann::json& object, const std::string& key,
                                         bool required) {
  const nlohmann::json* it = find_member(object, key, required);
  if (it == nullptr) return std::nullopt;
  if (!it->is_string()) {
    throw Error(ErrorKind::bad_input, "Trường \"" + key + "\" phải là chuỗi ký tự.", key);
  }
  return it->get<std::string>();
}

std::optional<std::int64_t> count_member(const nlohmann::json& object, const std::string& key,
                                         bool required) {
  const nlohmann::json* it = find_member(object, key, required);
  if (it == nullptr) return std::nullopt;
  const std::string message = "Trường \"" + key + "\" phải là số nguyên không âm (ví dụ 0, 1, 2).";
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(INT64_MAX)) {
      throw Error(ErrorKind::bad_input, message, key);
    }
    return static_cast<std::int64_t>(value);
  }
  if (it->is_number_integer()) {
    const auto value = it->get<std::int64_t>();
    if (value < 0) throw Error(ErrorKind::bad_input, message, key);
    return value;
  }
  throw Error(ErrorKind::bad_input, message, key);
}

std::optional<std::int64_t> path_id(std::string_view text) {
  const bool digits_only = !text.empty() && text.size() <= 18 &&
                           text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only) return std::nullopt;
  const std::int64_t id = std::stoll(std::string(text));
  return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

std::int64_t campaign_id_from(std::string_view text) {
  const std::optional<std::int64_t> id = path_id(text);
  if (!id) {
    throw Error(ErrorKind::bad_input,
                "Mã đợt báo cáo phải là số nguyên dương (ví dụ /api/v1/campaigns/1).",
                "campaign_id");
  }
  return *id;
}

int integer_parameter(const std::optional<std::string>& text, const std::string& name, int min,
                      int max, int fallback) {
  if (!text) return fallback;
  int value = 0;
  const char* first = text->data();
  const char* last = first + text->size();
  const auto [end, ec] = std::from_chars(first, last, value);
  if (text->empty() || ec != std::errc{} || end != last || value < min || value > max) {
    throw Error(ErrorKind::bad_input,
                "Tham số \"" + name + "\" phải là số nguyên từ " + std::to_string(min) + " đến " +
                    std::to_string(max) + ".",
                name);
  }
  return value;
}

ActionBody parse_action_body(std::string_view body, std::size_t max_bytes,
                             const std::string& action) {
  ActionBody parsed;
  const auto json = parse_optional_json_body(body, max_bytes);
  if (!json) return parsed;
  require_object(*json, "Nội dung yêu cầu");
  if (action == "return") {
    reject_unknown_members(*json, {"version", "comment"});
    parsed.comment = string_member(*json, "comment", false).value_or("");
  } else if (action == "reopen") {
    reject_unknown_members(*json, {"version", "reason", "comment"});
    parsed.comment = string_member(*json, "reason", false)
                         .value_or(string_member(*json, "comment", false).value_or(""));
  } else {
    reject_unknown_members(*json, {"version"});
  }
  parsed.version = count_member(*json, "version", false);
  return parsed;
}

bool is_multipart(std::string_view content_type) {
  constexpr std::string_view prefix = "multipart/form-data";
  if (content_type.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(content_type[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace llw
