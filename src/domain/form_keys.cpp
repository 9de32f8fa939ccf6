#include "form_keys.h"

#include <algorithm>
#include <map>
#include <set>

namespace llw::form_keys {

bool is_key(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<std::string> previous_keys(const nlohmann::json& item, const std::string& key,
                                       std::string& problem) {
  if (!item.contains("previous_keys")) return {};
  const auto& list = item.at("previous_keys");
  if (!list.is_array()) {
    problem = "'previous_keys' phải là danh sách khóa của năm trước";
    return {};
  }
  std::vector<std::string> result;
  for (const auto& value : list) {
    if (!value.is_string() || !is_key(value.get_ref<const std::string&>())) {
      problem =
          "mỗi khóa trong 'previous_keys' chỉ gồm chữ thường không dấu, chữ số và gạch "
          "dưới";
      return {};
    }
    const auto& old_key = value.get_ref<const std::string&>();
    if (old_key == key) {
      problem = "'previous_keys' không ghi chính khóa của mục";
      return {};
    }
    if (std::find(result.begin(), result.end(), old_key) != result.end()) {
      problem = "khóa năm trước '" + old_key + "' bị trùng";
      return {};
    }
    result.push_back(old_key);
  }
  return result;
}

std::optional<KeyProblem> previous_keys_problem(const ReportForm& form) {
  std::set<std::string> keys;
  for (const FormItem* item : form.items()) keys.insert(item->key);
  std::map<std::string, std::string> mapped;  // old key → the item that took it
  for (const FormItem* item : form.items()) {
    const std::string where = "mục '" + item->key + "'";
    for (const std::string& old_key : item->previous_keys) {
      if (keys.count(old_key) != 0) {
        return KeyProblem{
            where, "khóa năm trước '" + old_key + "' đang là khóa của một mục khác trong đề cương"};
      }
      const auto [it, fresh] = mapped.emplace(old_key, item->key);
      if (!fresh) {
        return KeyProblem{where,
                          "khóa năm trước '" + old_key + "' đã được mục '" + it->second + "' dùng"};
      }
    }
  }
  return std::nullopt;
}

}  // namespace llw::form_keys
