#pragma once
// What the SQL store keeps as text in its columns (aggregate slots, counts per part, lists of
// states) and the messages of its refusals, shared by every file of the store.
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "domain/store.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"

namespace llw::sql {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Small helpers: paths, JSON columns, enum columns.

// Ancestors of the unit with this path, from the unit itself up to the root.
inline std::vector<std::int64_t> ancestors_from_path(std::string_view path) {
  auto ids = path_ids(path);
  std::reverse(ids.begin(), ids.end());
  return ids;
}

// Slots are integers kept in doubles; store integral values as JSON integers so the text stays
// exact and short, and drop zeros (a slot absent and a slot at zero mean the same). Written by hand
// rather than through a JSON tree: a rebuild writes one such text per node of the country.
inline std::string slots_to_text(const Contribution& slots) {
  std::string out = "{";
  for (const auto& [name, amount] : slots) {
    if (amount == 0) continue;
    if (out.size() > 1) out += ',';
    bool plain = std::all_of(name.begin(), name.end(), [](char c) {
      return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    });
    out += plain ? '"' + name + '"' : json(name).dump();
    out += ':';
    if (std::nearbyint(amount) == amount && std::fabs(amount) < 9.0e15) {
      out += std::to_string(static_cast<std::int64_t>(amount));
    } else {
      out += json(amount).dump();
    }
  }
  out += '}';
  return out;
}

// Parses the slots straight into the map (SAX): a summary reads one such row per request, and
// building a JSON tree first would double the cost. Keys arrive sorted (they were written from a
// sorted map), so each insert is a hint at the end.
class SlotsHandler : public nlohmann::json_sax<json> {
 public:
  explicit SlotsHandler(Contribution& slots) : slots_(slots) {}
  bool null() override { return unexpected(); }
  bool boolean(bool) override { return unexpected(); }
  bool number_integer(number_integer_t value) override { return put(static_cast<double>(value)); }
  bool number_unsigned(number_unsigned_t value) override { return put(static_cast<double>(value)); }
  bool number_float(number_float_t value, const string_t&) override { return put(value); }
  bool string(string_t&) override { return unexpected(); }
  bool binary(binary_t&) override { return unexpected(); }
  bool start_object(std::size_t) override { return ++depth_ == 1 || unexpected(); }
  bool key(string_t& name) override {
    key_ = std::move(name);
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return unexpected(); }
  bool end_array() override { return unexpected(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return unexpected();
  }

 private:
  bool put(double value) {
    slots_.emplace_hint(slots_.end(), std::move(key_), value);
    return true;
  }
  bool unexpected() {
    throw Error(ErrorKind::internal,
                "Dữ liệu tổng hợp trong cơ sở dữ liệu bị hỏng (aggregates.slots_json). Hãy chạy "
                "lại việc tính tổng hợp.");
  }

  Contribution& slots_;
  std::string key_;
  int depth_ = 0;
};

inline Contribution slots_from_text(const std::string& text) {
  Contribution slots;
  if (text.empty()) return slots;
  SlotsHandler handler(slots);
  json::sax_parse(text, &handler);
  return slots;
}

// Both maps are sorted by slot name, so the delta is merged in one pass instead of one lookup
// per slot (rebuilds merge every node into its parent).
inline void add_slots(Contribution& total, const Contribution& delta) {
  auto it = total.begin();
  for (const auto& [name, amount] : delta) {
    while (it != total.end() && it->first < name) ++it;
    if (it != total.end() && it->first == name) {
      it->second += amount;
      if (it->second == 0) it = total.erase(it);
    } else if (amount != 0) {
      it = total.emplace_hint(it, name, amount);
    }
  }
}

using PartCounts = std::map<std::string, std::int64_t>;

inline std::string counts_to_text(const PartCounts& counts) {
  json out = json::object();
  for (const auto& [part, n] : counts) {
    if (n != 0) out[part] = n;
  }
  return out.dump();
}

inline PartCounts counts_from_text(const std::string& text) {
  PartCounts counts;
  if (text.empty()) return counts;
  const json parsed = json::parse(text);
  for (const auto& [part, n] : parsed.items()) counts[part] = n.get<std::int64_t>();
  return counts;
}

inline void add_counts(PartCounts& total, const PartCounts& delta) {
  for (const auto& [part, n] : delta) {
    auto it = total.try_emplace(part, 0).first;
    it->second += n;
    if (it->second == 0) total.erase(it);
  }
}

inline std::string status_list_text(const std::vector<ReportStatus>& states) {
  json out = json::array();
  for (auto s : states) out.push_back(std::string(to_string(s)));
  return out.dump();
}

inline std::set<std::string> counted_set_from_text(const std::string& text) {
  std::set<std::string> states;
  for (const auto& s : json::parse(text)) states.insert(s.get<std::string>());
  return states;
}

inline std::string not_found_unit_message(const std::string& code) {
  return "Không tìm thấy đơn vị có mã '" + code + "'. Hãy kiểm tra lại mã đơn vị.";
}

inline std::string missing_parent_message(const std::string& code) {
  return "Không tìm thấy đơn vị cấp trên có mã '" + code +
         "'. Hãy tạo đơn vị cấp trên trước hoặc sửa mã đơn vị cấp trên.";
}

inline std::string duplicate_code_message(const std::string& code) {
  return "Mã đơn vị '" + code + "' đã được dùng cho một đơn vị khác. Hãy chọn mã khác.";
}

inline Error stale_version(std::int64_t current) {
  return Error(ErrorKind::conflict,
               "Báo cáo đã được người khác lưu (phiên bản " + std::to_string(current) +
                   "). Hãy tải lại để xem bản mới nhất; dữ liệu của bạn chưa bị ghi đè.",
               "version");
}

// A campaign started into the next year a second time (insert_next_year_campaign); `year` is the
// next year, 0 when unknown (two servers racing on the same campaign).
inline Error next_year_started(int year) {
  return Error(ErrorKind::conflict,
               "Tuần lễ " +
                   (year != 0 ? "năm " + std::to_string(year) + " " : std::string("năm sau ")) +
                   "đã được tạo từ đợt này rồi; mỗi đợt chỉ tạo được năm sau một lần. Hãy mở đợt "
                   "năm sau trong danh sách đợt báo cáo.",
               "next_year");
}

inline Error constraint_conflict(const std::string& field) {
  if (field == "next_year") return next_year_started(0);
  if (field == "code") {
    return Error(ErrorKind::conflict,
                 "Mã đơn vị này vừa được dùng cho một đơn vị khác. Hãy chọn mã khác.", "code");
  }
  if (field == "username") {
    return Error(ErrorKind::conflict, "Tên đăng nhập này vừa được dùng. Hãy chọn tên khác.",
                 "username");
  }
  return Error(ErrorKind::conflict,
               "Không lưu được vì dữ liệu mâu thuẫn với dữ liệu đã có (trùng mã hoặc tham chiếu "
               "tới mục không tồn tại). Hãy tải lại trang và kiểm tra lại.",
               field);
}

}  // namespace llw::sql
