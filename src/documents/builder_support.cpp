#include "documents/builder_support.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <regex>

#include "domain/clock.h"
#include "domain/text.h"

namespace llw::documents {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::string strip_prefix(const std::string& text,
                         std::initializer_list<std::string_view> prefixes) {
  for (auto prefix : prefixes) {
    if (starts_with(text, prefix)) return text.substr(prefix.size());
  }
  return text;
}

}  // namespace

std::string administrative_name(const OrgUnit& unit) {
  if (unit.kind != UnitKind::province) return unit.name;
  if (starts_with(unit.name, "Thành phố") || starts_with(unit.name, "Tỉnh")) return unit.name;
  // The six centrally-run cities after the 2025 reform; every other province is a "Tỉnh".
  static const std::array<std::string_view, 6> cities = {"Hà Nội",  "Hồ Chí Minh", "Hải Phòng",
                                                         "Đà Nẵng", "Cần Thơ",     "Huế"};
  for (auto city : cities) {
    if (unit.name == city) return "Thành phố " + unit.name;
  }
  return "Tỉnh " + unit.name;
}

std::string locality_of(const OrgUnit& unit, const OrgUnit* parent) {
  switch (unit.kind) {
    case UnitKind::commune:
      return strip_prefix(unit.name, {"Xã ", "Phường ", "Thị trấn ", "Đặc khu "});
    case UnitKind::province:
      return strip_prefix(unit.name, {"Thành phố ", "Tỉnh "});
    case UnitKind::country:
      return "Hà Nội";
    default:
      if (parent) {
        OrgUnit copy = *parent;
        return locality_of(copy, nullptr);
      }
      return unit.name;
  }
}

std::string format_percent(double ratio) { return format_vietnamese_percent(ratio); }

namespace detail {

const char* const kParticipationBasis =
    "tỷ lệ của mỗi nhóm đối tượng là số người tham gia trên số người của nhóm, chỉ tính các "
    "đơn vị đã báo cáo số người tham gia của nhóm đó; nhóm không có số liệu không được tính; "
    "“người” đếm mỗi người một lần, khác với “lượt người” của từng hoạt động";

std::string quantities_text(const Summary& figures, const std::string& table) {
  const auto it = figures.quantities.find(table);
  if (it == figures.quantities.end()) return {};
  std::string text;
  for (const auto& [unit, total] : it->second) {
    text += (text.empty() ? "" : "; ") + format_number(total) + " " + unit;
  }
  return text;
}

std::string participation_text(std::int64_t participants, std::int64_t population, bool reported) {
  if (!reported) return "không có số liệu";
  std::string text = format_number(static_cast<double>(participants)) + "/" +
                     format_number(static_cast<double>(population)) + " người";
  if (population > 0) {
    text += ", đạt " +
            format_percent(static_cast<double>(participants) / static_cast<double>(population));
  }
  return text;
}

bool is_government(const OrgUnit& unit) {
  return unit.kind == UnitKind::commune || unit.kind == UnitKind::province;
}

std::string running_name(const OrgUnit& unit) {
  if (is_government(unit)) return "Ủy ban nhân dân " + lowercase_first(administrative_name(unit));
  return unit.name;
}

namespace {

// The issuer part of a document symbol ("KH-UBND"): "UBND" for a People's Committee. Other units
// have symbols of their own that LLW does not know (an internal code such as "TH1" is not one),
// so theirs is left blank for the pen: "Số:      /BC-".
std::string issuer_symbol(const OrgUnit& unit) { return is_government(unit) ? "UBND" : ""; }

// "3/KH-UBND" → "03/KH-UBND": numbers below 10 take a leading zero.
std::string padded_number(const std::string& number) {
  if (number.size() >= 2 && std::isdigit(static_cast<unsigned char>(number[0])) &&
      number[1] == '/') {
    return "0" + number;
  }
  return number;
}

}  // namespace

namespace {

bool is_title_word(const std::string& word) {
  return capitalize_first(word) == word && vietnamese_upper(word) != word;
}

}  // namespace

std::vector<std::string> issuer_name_lines(const std::string& name) {
  // Up to this many characters a name is one header line (set smaller when it must be: 24
  // capitals fit the 65 mm header column at 11 pt at the least).
  constexpr std::size_t kOneLine = 24;
  if (utf8_length(name) <= kOneLine) return {vietnamese_upper(name)};
  std::vector<std::string> words;
  for (std::size_t start = 0; start < name.size();) {
    const auto end = std::min(name.find(' ', start), name.size());
    if (end > start) words.push_back(name.substr(start, end - start));
    start = end + 1;
  }
  // The proper name: the capitalised words at the end, never the first word (the unit's kind).
  std::size_t cut = words.size();
  const auto joins = [&](std::size_t i) {  // "Hoàng Văn Thụ và Lê Lợi", "Văn hóa - Xã hội"
    return i >= 1 && (words[i] == "và" || words[i] == "-" || words[i] == "–") &&
           is_title_word(words[i - 1]);
  };
  while (cut > 1 && (is_title_word(words[cut - 1]) || joins(cut - 1))) --cut;
  // "xã An Hưng", "thị trấn An Dương": the locality's own word goes with its name.
  static const std::vector<std::vector<std::string>> localities = {
      {"xã"},   {"phường"},      {"thôn"},         {"huyện"},
      {"tỉnh"}, {"thị", "trấn"}, {"thành", "phố"}, {"đặc", "khu"}};
  for (const auto& locality : localities) {
    if (cut >= locality.size() + 1 &&
        std::equal(locality.begin(), locality.end(), words.begin() + (cut - locality.size()))) {
      cut -= locality.size();
      break;
    }
  }
  if (cut < 2 || cut == words.size()) return {vietnamese_upper(name)};
  const auto join = [&](std::size_t from, std::size_t to) {
    std::string text;
    for (std::size_t i = from; i < to; ++i) text += (i > from ? " " : "") + words[i];
    return vietnamese_upper(text);
  };
  return {join(0, cut), join(cut, words.size())};
}

HeaderBlock header_for(const OrgUnit& unit, const OrgUnit* parent, const std::string& kind_symbol,
                       const std::string& number, const std::string& place,
                       std::optional<std::chrono::year_month_day> date, int year) {
  HeaderBlock h;
  if (is_government(unit)) {
    h.issuer_lines = {"ỦY BAN NHÂN DÂN", vietnamese_upper(administrative_name(unit))};
  } else {
    if (parent) {
      h.parent_agency = is_government(*parent)
                            ? "UBND " + vietnamese_upper(administrative_name(*parent))
                            : vietnamese_upper(parent->name);
    }
    h.issuer_lines = issuer_name_lines(unit.name);
  }
  const std::string symbol = kind_symbol + "-" + issuer_symbol(unit);
  h.number = "Số: " + (number.empty() ? "      /" + symbol : padded_number(number));
  h.place_date = place_date_line(place.empty() ? locality_of(unit, parent) : place, date, year);
  return h;
}

SignatureBlock default_signer(const OrgUnit& unit) {
  switch (unit.kind) {
    case UnitKind::commune:
    case UnitKind::province:
      return {"TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", ""};
    case UnitKind::school:
      return {"", "", "HIỆU TRƯỞNG", ""};
    case UnitKind::department:
      return {"", "", "TRƯỞNG PHÒNG", ""};
    case UnitKind::village:
      return {"", "", "TRƯỞNG THÔN", ""};
    default:
      return {"", "", "THỦ TRƯỞNG ĐƠN VỊ", ""};
  }
}

SignatureBlock with_name_line(SignatureBlock signer) {
  if (signer.name.find_first_not_of(' ') == std::string::npos) {
    signer.name = "……………………………";
  }
  return signer;
}

std::string plan_string(const nlohmann::json& plan, const char* key, const std::string& fallback) {
  if (plan.is_object() && plan.contains(key) && plan.at(key).is_string()) {
    const auto& value = plan.at(key).get_ref<const std::string&>();
    if (!value.empty()) return value;
  }
  return fallback;
}

std::string plan_citation(const Campaign& campaign) {
  const std::string number = plan_string(campaign.plan, "number");
  if (number.empty()) return {};
  std::string citation = "Kế hoạch số " + number;
  if (auto date = parse_iso_date(plan_string(campaign.plan, "issued_on"))) {
    citation += " ngày " + format_vietnamese_date(*date);
  }
  return citation;
}

Document report_document(const Campaign& campaign, const OrgUnit& unit, const OrgUnit* parent,
                         const std::string& stem_prefix, const DocumentOptions& options) {
  Document doc;
  doc.header =
      header_for(unit, parent, "BC", options.number, options.place, options.date, campaign.year);
  doc.title = "BÁO CÁO";
  doc.summary_line = "Kết quả tổ chức " + week_name(campaign.year);
  doc.file_stem = stem_prefix + "-" + ascii_slug(unit.name) + "-" + std::to_string(campaign.year);
  return doc;
}

Block report_opening(const Campaign& campaign, const std::string& who, const std::string& what) {
  const std::string citation = plan_citation(campaign);
  // The theme is quoted exactly as the campaign sets it, as the plan quotes it.
  const std::string theme = campaign.theme();
  return paragraph((citation.empty() ? "Thực hiện kế hoạch" : "Thực hiện " + citation) +
                   " về tổ chức " + week_name(campaign.year) +
                   (theme.empty() ? "" : " với chủ đề “" + theme + "”") + ", " + who +
                   " báo cáo kết quả " + what + " như sau:");
}

std::vector<Block> outline_headings(const std::string& title) {
  static const std::regex roman(R"(^([IVX]+\.)\s+(.*)$)");
  static const std::regex arabic(R"(^(\d+\.)\s+(.*)$)");
  std::vector<Block> blocks;
  std::string rest = title;
  const std::string separator = " — ";
  while (!rest.empty()) {
    const auto cut = rest.find(separator);
    const std::string part = rest.substr(0, cut);
    rest = cut == std::string::npos ? "" : rest.substr(cut + separator.size());
    std::smatch m;
    if (std::regex_match(part, m, roman)) {
      blocks.push_back(section(m[1], m[2]));
    } else if (std::regex_match(part, m, arabic)) {
      blocks.push_back(clause(m[1], m[2], true));
    } else {
      Block b = paragraph(part);
      b.bold = true;
      blocks.push_back(b);
    }
  }
  return blocks;
}

std::vector<OutlineEntry> outline_entries(const FormSection& section) {
  std::vector<OutlineEntry> entries;
  for (const FormItem& item : section.items) {
    const bool activity = !item.activity.empty() && item.type != ItemType::table;
    const bool participation = item.summary == "participation.participants";
    const auto kind = activity        ? OutlineEntry::Kind::activities
                      : participation ? OutlineEntry::Kind::participation
                                      : OutlineEntry::Kind::item;
    // Consecutive activity items (and the activity table right after them) form one entry.
    const bool joins_activities = !item.activity.empty() && !entries.empty() &&
                                  entries.back().kind == OutlineEntry::Kind::activities;
    if (joins_activities) {
      entries.back().items.push_back(&item);
      continue;
    }
    if (kind != OutlineEntry::Kind::item && !entries.empty() && entries.back().kind == kind) {
      entries.back().items.push_back(&item);
      continue;
    }
    OutlineEntry entry;
    entry.kind = kind;
    if (kind == OutlineEntry::Kind::item) entry.item = &item;
    entry.items.push_back(&item);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::string short_label(const std::string& label) {
  const auto colon = label.rfind(": ");
  if (colon == std::string::npos) return label;
  return capitalize_first(label.substr(colon + 2));
}

bool has_point_label(const std::string& label, std::string& letter, std::string& rest) {
  static const std::regex point_label(R"(^([a-zđ]{1,2}|đ)\)\s+(.*)$)");
  std::smatch m;
  if (!std::regex_match(label, m, point_label)) return false;
  letter = m[1].str() + ")";
  rest = m[2];
  return true;
}

std::string format_number(double value) { return format_vietnamese_number(value); }

std::string column_value_text(const TableColumn& column, const nlohmann::json& value) {
  FormItem item;
  item.type = column.type;
  return value_text(item, value);
}

std::string value_text(const FormItem& item, const nlohmann::json& value) {
  if (value.is_null()) return {};
  switch (item.type) {
    case ItemType::count:
    case ItemType::number:
      return value.is_number() ? format_number(value.get<double>()) : std::string{};
    case ItemType::percent:
      return value.is_number() ? format_vietnamese_percent(value.get<double>() / 100.0)
                               : std::string{};
    case ItemType::yes_no:
      return value.is_boolean() ? (value.get<bool>() ? "Có" : "Không") : std::string{};
    case ItemType::date:
      if (value.is_string()) {
        if (auto date = parse_iso_date(value.get<std::string>())) {
          return format_vietnamese_date(*date);
        }
        return value.get<std::string>();
      }
      return {};
    case ItemType::table:
      return {};
    default:
      if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {};
        return text;
      }
      if (value.is_number()) return format_number(value.get<double>());
      return {};
  }
}

std::vector<std::string> split_paragraphs(const std::string& text) {
  std::vector<std::string> paragraphs;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos) paragraphs.push_back(line.substr(first));
    start = end + 1;
  }
  return paragraphs;
}

const char* const kActivitiesNote =
    "Số hoạt động: mỗi hoạt động của đề cương mà đơn vị tổ chức tính là một hoạt động, mỗi dòng "
    "hoạt động khác đơn vị kê thêm là một hoạt động.";
const char* const kPeopleNote =
    "“Lượt người” tính mỗi người một lần cho mỗi hoạt động người đó tham gia; “người” (số người "
    "tham gia, số người của đơn vị) tính mỗi người một lần.";

std::string activities_sentence(const ActivityTotals& t) {
  const bool no_sessions = t.sessions_missing >= t.held;
  const bool no_participants = t.participants_missing >= t.held;
  std::string text = format_number(static_cast<double>(t.held)) + " hoạt động, ";
  if (no_sessions && no_participants) {
    return text + "không có số liệu về số buổi, lớp và số lượt người tham gia";
  }
  text += no_sessions ? "không có số liệu về số buổi, lớp; "
                      : format_number(static_cast<double>(t.sessions)) + " buổi, lớp với ";
  text += no_participants
              ? "không có số liệu về số lượt người tham gia"
              : format_number(static_cast<double>(t.participants)) + " lượt người tham gia";
  std::vector<std::string> gaps;
  if (!no_sessions && t.sessions_missing > 0) {
    gaps.push_back(format_number(static_cast<double>(t.sessions_missing)) +
                   " hoạt động không có số liệu về số buổi, lớp");
  }
  if (!no_participants && t.participants_missing > 0) {
    gaps.push_back(format_number(static_cast<double>(t.participants_missing)) +
                   " hoạt động không có số liệu về số lượt người tham gia");
  }
  if (!gaps.empty()) {
    text += " (chưa tính " + gaps.front() + (gaps.size() > 1 ? "; " + gaps.back() : "") + ")";
  }
  return text;
}

}  // namespace detail
std::string running_name_of(const OrgUnit& unit) { return detail::running_name(unit); }

}  // namespace llw::documents
