#pragma once
// Pieces the three builders share: the header of a unit, the outline of a form and value
// formatting. Internal to the documents layer.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "documents/builders.h"
#include "domain/campaign_year.h"
#include "domain/workflow.h"

namespace llw::documents::detail {

// The header of a document issued by `unit`: parent agency, issuer lines, "Số:" line with the
// symbol `kind_symbol` ("KH", "BC") when `number` is empty, and the place-date line.
HeaderBlock header_for(const OrgUnit& unit, const OrgUnit* parent, const std::string& kind_symbol,
                       const std::string& number, const std::string& place,
                       std::optional<std::chrono::year_month_day> date, int year);

// A unit's name as header lines: one line when it is short enough (the renderers set a line
// smaller rather than break it), otherwise the kind and the proper name on lines of their own,
// "TRƯỜNG TIỂU HỌC" / "PHAN BỘI CHÂU", "HỘI LIÊN HIỆP PHỤ NỮ" / "XÃ AN HƯNG": a name is never
// broken in the middle.
std::vector<std::string> issuer_name_lines(const std::string& name);

// "Ủy ban nhân dân xã An Hưng" for a commune or province, the unit's name otherwise: how a
// sentence names the unit.
std::string running_name(const OrgUnit& unit);
bool is_government(const OrgUnit& unit);

// Signature block a unit of this kind signs with, when the caller supplies none.
SignatureBlock default_signer(const OrgUnit& unit);
// A report's signature block as printed: without a configured name, a dotted line under the
// space for the signature, where the signer writes the name by hand.
SignatureBlock with_name_line(SignatureBlock signer);

// A string field of the plan json, or `fallback`.
std::string plan_string(const nlohmann::json& plan, const char* key,
                        const std::string& fallback = {});
// "Kế hoạch số 83/KH-UBND ngày 01/10/2025": how reports cite the plan; empty without a number.
std::string plan_citation(const Campaign& campaign);

// A report's document as far as every report has it: the header (symbol "BC"), the title
// "BÁO CÁO", the campaign as summary line, and the file stem "<stem_prefix>-<unit slug>-<year>".
Document report_document(const Campaign& campaign, const OrgUnit& unit, const OrgUnit* parent,
                         const std::string& stem_prefix, const DocumentOptions& options);
// "Thực hiện Kế hoạch số … về tổ chức <campaign>, <who> báo cáo kết quả <what> như sau:", the
// opening paragraph of a report.
Block report_opening(const Campaign& campaign, const std::string& who, const std::string& what);

// A form section title as headings: "II. Kết quả cụ thể — 1. Các kết quả …" gives a section
// "II." and a clause heading "1."; "2. Đánh giá chung" gives one clause heading.
std::vector<Block> outline_headings(const std::string& title);

// One entry of a form section as documents show it: a single item, the items of one learning
// activity (held, sessions, participants, direction), or the participants-by-group items.
struct OutlineEntry {
  enum class Kind { item, activities, participation } kind = Kind::item;
  const FormItem* item = nullptr;      // Kind::item
  std::vector<const FormItem*> items;  // the group's items in form order
};
std::vector<OutlineEntry> outline_entries(const FormSection& section);

// "Sinh hoạt chuyên đề dưới cờ: số buổi …" → the part after the last ": ", capitalised; labels
// repeat their group's words, which the grouped layout already says.
std::string short_label(const std::string& label);
// An item label that already carries its own point letter ("a) Thuận lợi").
bool has_point_label(const std::string& label, std::string& letter, std::string& rest);

std::string format_number(double value);
// A report value as words: numbers Vietnamese-formatted, yes/no as "Có"/"Không", dates
// dd/mm/yyyy, texts as they are. Empty when the value is absent or blank.
std::string value_text(const FormItem& item, const nlohmann::json& value);
std::string column_value_text(const TableColumn& column, const nlohmann::json& value);

// Narrative text as paragraphs (blank lines and line breaks separate them).
std::vector<std::string> split_paragraphs(const std::string& text);

// The participation rate's words, one definition for every document: "250/400 người, đạt 62,5%"
// for a group (or the whole), "không có số liệu" when nothing was reported for it.
std::string participation_text(std::int64_t participants, std::int64_t population, bool reported);
// A table of quantities summed per unit of measure: "1.200 cuốn; 69 suất; 34.500.000 đồng".
std::string quantities_text(const Summary& figures, const std::string& table);
// How the rate is counted, said once where the rate is printed.
extern const char* const kParticipationBasis;
// Learning activities of a report or a subtree: how many were held (ActivityFigures::held), their
// sessions and participations, and how many held activities left each figure empty (empty is
// not 0: such an activity adds nothing to the sum and the text says the figure is missing).
struct ActivityTotals {
  std::int64_t held = 0;
  std::int64_t sessions = 0;
  std::int64_t participants = 0;
  std::int64_t sessions_missing = 0;
  std::int64_t participants_missing = 0;
};
// "2 hoạt động, 6 buổi, lớp với 1.070 lượt người tham gia", saying which figures are missing.
std::string activities_sentence(const ActivityTotals& totals);
// What "số hoạt động" counts, and what "lượt người" and "người" count, said where they appear.
extern const char* const kActivitiesNote;
extern const char* const kPeopleNote;
// The form item the annex shows in its own column, headed by the item's label in the campaign's
// form ("Số pano, băng zôn tuyên truyền" in 2025), found by this key or as the item renamed from
// it; every other summed count outside the activities counts news items, articles and features
// ("Tin, bài, phóng sự").
inline constexpr const char* kBannersItem = "banners";

}  // namespace llw::documents::detail
