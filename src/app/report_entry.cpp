// Reports entered by a coordinator from a spreadsheet: the template of a node's subtree and the
// upload, checked cell by cell with the report form's own rules and written all at once or not at
// all (Reports::entry_template, Reports::enter_reports; the sheet's layout in
// report_entry_sheet.h).
#include <algorithm>
#include <map>
#include <tuple>

#include "app/audited.h"
#include "app/reports.h"
#include "app/use_case_core.h"
#include "documents/xlsx_writer.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/summary.h"

namespace llw {
namespace {

// The history's and the pages' name of a report written from a file.
constexpr const char* kFileEntryAction = "file_entry";

// The node whose subtree is entered, once the actor may enter reports there: its coordinators,
// the coordinators above and admins.
OrgUnit require_entry_node(UseCaseCore& core, const User& actor, const std::string& node_code) {
  OrgUnit node = core.load_unit(node_code);
  const bool coordinates = actor.role == Role::admin || actor.role == Role::coordinator;
  if (!coordinates || !is_allowed(actor, Action::write_summary, node)) {
    throw Error(ErrorKind::forbidden,
                "Chỉ điều phối viên của " + node.name +
                    " hoặc của cấp trên mới nhập được báo cáo từ tệp cho các đơn vị ở đây.",
                "unit");
  }
  return node;
}

struct SubtreeReport {
  OrgUnit unit;
  UnitReport report;
};

// The reports of the node's subtree the actor may review (its own unit's is the level above's),
// by unit code, in path order.
std::vector<SubtreeReport> reviewable_reports(Store& store, const User& actor,
                                              const Campaign& campaign, const OrgUnit& node) {
  std::vector<SubtreeReport> found;
  store.reports().for_each_report_in_subtree(campaign.id, node.path,
                                             [&](const OrgUnit& unit, UnitReport& report) {
                                               if (is_allowed(actor, Action::review_report, unit)) {
                                                 found.push_back({unit, std::move(report)});
                                               }
                                             });
  return found;
}

std::string file_name_part(const std::string& code) {
  std::string out;
  for (char c : code) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += plain ? char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : '-';
  }
  return out;
}

// The values a row leaves a report with: its current values without the template's items, and
// the row's non-empty cells (an empty cell of the prefilled template clears the item).
nlohmann::json merged_values(const ReportForm& form, const nlohmann::json& current,
                             const nlohmann::json& row) {
  nlohmann::json merged = current.is_object() ? current : nlohmann::json::object();
  for (const FormItem* item : entry_items(form)) merged.erase(item->key);
  for (const auto& [key, value] : row.items()) merged[key] = value;
  return merged;
}

// Why a row may not change this report, or "" when it may.
std::string entry_refusal(Store& store, const Campaign& campaign, const SubtreeReport& found) {
  const ReportStatus status = found.report.status;
  if (status == ReportStatus::submitted) {
    return "Đơn vị " + found.unit.name +
           " đã tự nộp báo cáo trên hệ thống; không ghi đè được từ tệp. Hãy trả lại báo cáo cho "
           "đơn vị hoặc xóa dòng này.";
  }
  if (status == ReportStatus::accepted) {
    const auto last = store.reports().report_history(campaign.id, found.unit.id, 1);
    if (last.empty() || last.front().action != kFileEntryAction) {
      return "Báo cáo của " + found.unit.name +
             " đã được duyệt; không ghi đè được từ tệp. Hãy mở lại báo cáo trước hoặc xóa dòng "
             "này.";
    }
  }
  return {};
}

bool problem_order(const EntryProblem& a, const EntryProblem& b) {
  const auto key = [](const EntryProblem& p) {
    return std::make_tuple(p.sheet != kEntrySheet, p.sheet, p.row, p.column.size(), p.column);
  };
  return key(a) < key(b);
}

}  // namespace

DocumentFile Reports::entry_template(const User& actor, std::int64_t campaign_id,
                                     const std::string& node_code) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = require_entry_node(core_, actor, node_code);
  std::vector<EntryTemplateRow> rows;
  for (SubtreeReport& found : reviewable_reports(*store_, actor, campaign, node)) {
    rows.push_back({found.unit.code, found.unit.name, std::move(found.report.values)});
  }
  const std::string scope = campaign.name + " — báo cáo của các đơn vị thuộc " + node.name;
  return {
      documents::render_xlsx(entry_workbook(*campaign.form, scope, rows)),
      std::string(content_type_of(DocumentFormat::xlsx)),
      "nhap-bao-cao-" + file_name_part(node.code) + "-" + std::to_string(campaign.year) + ".xlsx",
      nullptr};
}

OrgUnit Reports::entry_node(const User& actor, std::int64_t campaign_id,
                            const std::string& node_code) {
  core_.load_campaign(campaign_id);
  return require_entry_node(core_, actor, node_code);
}

ReportEntryResult Reports::enter_reports(const User& actor, std::int64_t campaign_id,
                                         const std::string& node_code, std::string_view body,
                                         const RequestContext& context) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = require_entry_node(core_, actor, node_code);
  const ReportForm& form = *campaign.form;
  ReportEntryResult result;
  ParsedEntry parsed;
  try {
    parsed = parse_entry_book(form, documents::read_xlsx(body, kMaxEntryRows));
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::bad_input) throw;
    result.problems.push_back({"", 0, "", "", e.what()});
    return result;
  }
  result.problems = std::move(parsed.problems);

  std::map<std::string, SubtreeReport> reports;
  for (SubtreeReport& found : reviewable_reports(*store_, actor, campaign, node)) {
    std::string code = found.unit.code;
    reports.emplace(std::move(code), std::move(found));
  }
  const Timestamp now = clock_();
  std::vector<ReportWrite> writes;
  std::vector<std::map<std::string, std::string>> narratives;
  for (const EntryRow& row : parsed.rows) {
    const auto it = reports.find(row.code);
    if (it == reports.end()) {
      const auto unit = store_->units().find_unit(row.code);
      std::string message;
      if (!unit) {
        message = "Không có đơn vị mã " + row.code + " trong hệ thống; hãy kiểm tra lại mã.";
      } else if (unit->path.rfind(node.path, 0) != 0) {
        message = "Đơn vị " + unit->name + " (" + row.code + ") không thuộc " + node.name +
                  "; tệp này chỉ nhập báo cáo của các đơn vị thuộc " + node.name + ".";
      } else if (unit->path == actor.unit_path) {
        message = "Báo cáo của chính đơn vị bạn do cấp trên nhập; hãy xóa dòng này.";
      } else {
        message = "Đơn vị " + unit->name + " (" + row.code +
                  ") không phải báo cáo trong đợt này; hãy xóa dòng này.";
      }
      result.problems.push_back(entry_row_problem(row.row, message));
      continue;
    }
    const SubtreeReport& found = it->second;
    const nlohmann::json values = merged_values(form, found.report.values, row.values);
    const auto messages = validate_values(form, found.unit, values, /*for_submit=*/false);
    for (const auto& [key, message] : messages) {
      result.problems.push_back(entry_value_problem(form, row.row, key, message));
    }
    if (!messages.empty()) continue;
    // A row as the template showed a report already sent is no change (a unit's own submission
    // is then left alone); a draft's figures confirmed on paper are entered.
    const bool sent = found.report.status == ReportStatus::submitted ||
                      found.report.status == ReportStatus::accepted;
    if (sent && values == found.report.values) {
      ++result.unchanged;
      continue;
    }
    if (const std::string refusal = entry_refusal(*store_, campaign, found); !refusal.empty()) {
      result.problems.push_back(entry_row_problem(row.row, refusal));
      continue;
    }
    const UnitReport& before = found.report;
    UnitReport after = before;
    after.values = values;
    after.status = ReportStatus::accepted;
    // A paper report is on time as far as LLW knows: it keeps what an earlier submission set.
    after.submitted_at = before.submitted_at.value_or(now);
    after.comment.clear();
    after.version = before.version + 1;
    after.updated_at = now;
    after.updated_by = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
    ReportWrite write;
    write.delta = difference(contribution_of(campaign, found.unit, after),
                             contribution_of(campaign, found.unit, before));
    write.report = std::move(after);
    write.expected_version = before.version;
    write.action = kFileEntryAction;
    narratives.push_back(campaign.counts(write.report.status)
                             ? narrative_texts(form, write.report.values)
                             : std::map<std::string, std::string>{});
    writes.push_back(std::move(write));
  }
  if (!result.problems.empty()) {
    std::stable_sort(result.problems.begin(), result.problems.end(), problem_order);
    result.unchanged = 0;
    return result;
  }
  if (writes.empty()) return result;
  audited_at(app_, actor, context, "report.file_entry", &node,
             report_target(campaign.id, node.code), std::to_string(writes.size()) + " báo cáo",
             [&] { store_->reports().write_reports(writes, narratives); });
  result.entered = static_cast<int>(writes.size());
  return result;
}

}  // namespace llw
