#include "report.h"

#include <algorithm>
#include <cmath>

#include "text.h"

namespace llw {

using nlohmann::json;

std::string_view to_string(ReportStatus status) {
  switch (status) {
    case ReportStatus::not_started:
      return "not_started";
    case ReportStatus::draft:
      return "draft";
    case ReportStatus::submitted:
      return "submitted";
    case ReportStatus::returned:
      return "returned";
    case ReportStatus::accepted:
      return "accepted";
  }
  return "not_started";
}

std::optional<ReportStatus> report_status_from_string(std::string_view text) {
  for (const ReportStatus status :
       {ReportStatus::not_started, ReportStatus::draft, ReportStatus::submitted,
        ReportStatus::returned, ReportStatus::accepted}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

namespace {

constexpr double kMaxCount = 1e9;
// Numbers beyond this lose integer precision in a double; no figure of a report comes near it.
constexpr double kMaxNumber = 1e15;
constexpr std::size_t kShortTextLimit = 500;
constexpr std::size_t kNarrativeLimit = 20000;
constexpr int kDefaultMaxRows = 200;

const char* const kUnknownItem = "Mục không có trong đề cương.";
const char* const kRequired = "Mục này là bắt buộc; hãy nhập nội dung trước khi gửi báo cáo.";

std::string quoted(const std::string& label) { return "“" + label + "”"; }

bool is_empty_value(const json& value) {
  if (value.is_null()) return true;
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
  }
  if (value.is_array()) return value.empty();
  return false;
}

// The checks shared by items and table columns: everything a single value must satisfy.
struct Rules {
  ItemType type;
  std::optional<double> min;
  std::optional<double> max;
  const std::vector<std::string>* choices;
};

// Returns the Vietnamese message for a bad value, or an empty string when the value is valid.
std::string check_scalar(const Rules& rules, const json& value) {
  switch (rules.type) {
    case ItemType::count: {
      if (!value.is_number()) return "Hãy nhập một số nguyên không âm (ví dụ 12).";
      const double v = value.get<double>();
      if (!std::isfinite(v)) return "Hãy nhập một số hợp lệ.";
      if (v < 0) return "Số lượng không được âm; hãy nhập 0 nếu không có.";
      if (std::floor(v) != v) return "Hãy nhập một số nguyên (không có phần thập phân).";
      const double max = rules.max ? std::min(*rules.max, kMaxCount) : kMaxCount;
      if (v > max) return "Giá trị không được lớn hơn " + format_vietnamese_number(max) + ".";
      if (rules.min && v < *rules.min) {
        return "Giá trị không được nhỏ hơn " + format_vietnamese_number(*rules.min) + ".";
      }
      return {};
    }
    case ItemType::percent:
    case ItemType::number: {
      if (!value.is_number()) return "Hãy nhập một số (ví dụ 12,5 viết là 12.5).";
      const double v = value.get<double>();
      if (!std::isfinite(v)) return "Hãy nhập một số hợp lệ.";
      if (rules.type == ItemType::percent && (v < 0 || v > 100)) {
        return "Tỷ lệ phải nằm trong khoảng từ 0 đến 100%.";
      }
      if (std::fabs(v) > kMaxNumber) {
        return "Giá trị không được vượt quá " + format_vietnamese_number(kMaxNumber) + ".";
      }
      if (rules.max && v > *rules.max) {
        return "Giá trị không được lớn hơn " + format_vietnamese_number(*rules.max) + ".";
      }
      if (rules.min && v < *rules.min) {
        return "Giá trị không được nhỏ hơn " + format_vietnamese_number(*rules.min) + ".";
      }
      return {};
    }
    case ItemType::date: {
      if (!value.is_string() || !parse_iso_date(value.get_ref<const std::string&>())) {
        return "Hãy nhập một ngày có thật theo dạng yyyy-mm-dd (ví dụ 2025-10-05).";
      }
      return {};
    }
    case ItemType::short_text:
    case ItemType::narrative: {
      if (!value.is_string()) return "Hãy nhập nội dung dạng văn bản.";
      const auto& s = value.get_ref<const std::string&>();
      const TextShape shape =
          rules.type == ItemType::short_text ? TextShape::line : TextShape::paragraphs;
      if (!is_clean_text(s, shape)) return unclean_text_message("Nội dung", shape);
      const std::size_t hard =
          rules.type == ItemType::short_text ? kShortTextLimit : kNarrativeLimit;
      const std::size_t limit =
          rules.max ? std::min(hard, static_cast<std::size_t>(*rules.max)) : hard;
      const std::size_t length = utf8_length(s);
      if (length > limit) {
        return "Nội dung quá dài: tối đa " + format_vietnamese_number(static_cast<double>(limit)) +
               " ký tự (hiện có " + format_vietnamese_number(static_cast<double>(length)) +
               "); hãy rút gọn.";
      }
      if (rules.min && length < static_cast<std::size_t>(*rules.min) && !is_empty_value(value)) {
        return "Nội dung quá ngắn: tối thiểu " + format_vietnamese_number(*rules.min) + " ký tự.";
      }
      return {};
    }
    case ItemType::yes_no:
      if (!value.is_boolean()) return "Hãy chọn Có hoặc Không.";
      return {};
    case ItemType::choice: {
      std::string list;
      for (const auto& c : *rules.choices) list += (list.empty() ? "" : ", ") + c;
      if (!value.is_string()) return "Hãy chọn một trong các giá trị: " + list + ".";
      const auto& s = value.get_ref<const std::string&>();
      if (std::find(rules.choices->begin(), rules.choices->end(), s) == rules.choices->end()) {
        return "Giá trị không hợp lệ; hãy chọn một trong các giá trị: " + list + ".";
      }
      return {};
    }
    case ItemType::table:
      break;
  }
  return {};
}

void check_table(const FormItem& item, const json& value, bool for_submit,
                 std::map<std::string, std::string>& messages) {
  if (!value.is_array()) {
    messages[item.key] = "Bảng phải là danh sách các dòng.";
    return;
  }
  const int max_rows = item.max_rows.value_or(kDefaultMaxRows);
  if (value.size() > static_cast<std::size_t>(max_rows)) {
    messages[item.key] = "Bảng có tối đa " + std::to_string(max_rows) + " dòng; hãy bớt " +
                         std::to_string(value.size() - max_rows) + " dòng.";
    return;
  }
  for (std::size_t row = 0; row < value.size(); ++row) {
    const std::string prefix = item.key + "[" + std::to_string(row) + "]";
    const json& cells = value[row];
    if (!cells.is_object()) {
      messages[prefix] = "Mỗi dòng của bảng phải là một đối tượng {cột: giá trị}.";
      continue;
    }
    for (const auto& entry : cells.items()) {
      const std::string& key =
          entry.key();  // not a structured binding: clang 14 cannot capture one
      const bool known = std::any_of(item.columns.begin(), item.columns.end(),
                                     [&](const TableColumn& c) { return c.key == key; });
      if (!known) messages[prefix + "." + sanitize_utf8(key)] = "Cột không có trong đề cương.";
    }
    for (const auto& column : item.columns) {
      const std::string field = prefix + "." + column.key;
      const json* cell = cells.contains(column.key) ? &cells.at(column.key) : nullptr;
      if (!cell || is_empty_value(*cell)) {
        if (for_submit && column.required) {
          messages[field] = "Cột " + quoted(column.label) + " là bắt buộc; hãy nhập nội dung.";
        }
        if (!cell || cell->is_null()) continue;
      }
      const std::string message =
          check_scalar({column.type, column.min, column.max, &column.choices}, *cell);
      if (!message.empty()) messages[field] = message;
    }
  }
}

std::optional<double> numeric(const json& values, const std::string& key) {
  if (!values.contains(key)) return std::nullopt;
  const json& v = values.at(key);
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

std::string with_limit(const std::string& message, double limit) {
  const std::string placeholder = "{limit}";
  std::string result = message;
  const auto at = result.find(placeholder);
  if (at != std::string::npos)
    result.replace(at, placeholder.size(), format_vietnamese_number(limit));
  return result;
}

std::string group_label(const ReportForm& form, const std::string& group) {
  for (const auto& [key, label] : form.population_groups) {
    if (key == group) return label;
  }
  return group;
}

void check_rule(const ReportForm& form, const CrossRule& rule, const OrgUnit& unit,
                const json& values, bool for_submit, std::map<std::string, std::string>& messages) {
  // A rule only speaks about values that passed their own checks; one message per item.
  if (messages.count(rule.item) || (!rule.other.empty() && messages.count(rule.other))) return;
  const FormItem* other = rule.other.empty() ? nullptr : form.find_item(rule.other);
  const std::string other_label = other ? quoted(other->label) : "";
  switch (rule.kind) {
    case CrossRule::Kind::at_most_population: {
      const auto v = numeric(values, rule.item);
      if (!v) return;
      // A group the unit does not declare has no population: nobody of it can take part, so
      // the rate stays a true share of a known population.
      const auto it = unit.population.find(rule.group);
      const double limit = it == unit.population.end() ? 0 : static_cast<double>(it->second);
      if (*v <= limit) return;
      if (!rule.message.empty()) {
        messages[rule.item] = with_limit(rule.message, limit);
      } else {
        messages[rule.item] = "Giá trị không được lớn hơn số " +
                              quoted(group_label(form, rule.group)) + " của đơn vị (" +
                              format_vietnamese_number(limit) + ").";
      }
      if (it == unit.population.end()) {
        messages[rule.item] += " Đơn vị chưa khai báo nhóm này; hãy cập nhật số người của đơn vị.";
      }
      return;
    }
    case CrossRule::Kind::at_most_item: {
      const auto v = numeric(values, rule.item);
      const auto limit = numeric(values, rule.other);
      if (!v || !limit || *v <= *limit) return;
      messages[rule.item] = rule.message.empty()
                                ? "Giá trị không được lớn hơn mục " + other_label + " (" +
                                      format_vietnamese_number(*limit) + ")."
                                : with_limit(rule.message, *limit);
      return;
    }
    case CrossRule::Kind::zero_unless_yes: {
      const auto v = numeric(values, rule.item);
      if (!v || *v == 0) return;
      const bool yes = values.contains(rule.other) && values.at(rule.other).is_boolean() &&
                       values.at(rule.other).get<bool>();
      if (yes) return;
      messages[rule.item] = rule.message.empty()
                                ? "Hãy chọn “Có” ở mục " + other_label + " hoặc để số này bằng 0."
                                : rule.message;
      return;
    }
    case CrossRule::Kind::required_if_yes: {
      if (!for_submit) return;
      const bool yes = values.contains(rule.other) && values.at(rule.other).is_boolean() &&
                       values.at(rule.other).get<bool>();
      if (!yes || (values.contains(rule.item) && !is_empty_value(values.at(rule.item)))) return;
      messages[rule.item] = rule.message.empty()
                                ? "Mục này là bắt buộc khi chọn “Có” ở mục " + other_label + "."
                                : rule.message;
      return;
    }
  }
}

}  // namespace

std::map<std::string, std::string> validate_values(const ReportForm& form, const OrgUnit& unit,
                                                   const nlohmann::json& values, bool for_submit) {
  std::map<std::string, std::string> messages;
  if (!values.is_object()) {
    messages["values"] = "Dữ liệu báo cáo phải là một đối tượng {mục: giá trị}.";
    return messages;
  }
  for (const auto& [key, value] : values.items()) {
    if (!form.find_item(key)) messages[sanitize_utf8(key)] = kUnknownItem;
  }
  for (const FormItem* item : form.items()) {
    const json* value = values.contains(item->key) ? &values.at(item->key) : nullptr;
    if (!value || is_empty_value(*value)) {
      if (for_submit && item->required) messages[item->key] = kRequired;
      if (!value || value->is_null()) continue;
    }
    if (item->type == ItemType::table) {
      check_table(*item, *value, for_submit, messages);
      continue;
    }
    const std::string message =
        check_scalar({item->type, item->min, item->max, &item->choices}, *value);
    if (!message.empty()) messages[item->key] = message;
  }
  for (const auto& rule : form.rules) check_rule(form, rule, unit, values, for_submit, messages);
  return messages;
}

}  // namespace llw
