#include "web/pages/workflow_view.h"

#include <algorithm>
#include <limits>
#include <map>

#include "domain/workflow.h"
#include "web/pages/labels.h"
#include "web/pages/page_support.h"
#include "web/pages/paging_view.h"
#include "web/pages/report_form_view.h"
#include "web/pages/report_review_view.h"
#include "web/pages/view_format.h"

namespace llw::pages {
namespace {

using json = nlohmann::json;

// A value of the difference as text: the form's way for its item type (a choice of the plan's
// content in words), "(trống)" when absent or empty.
std::string change_text(const Campaign& campaign, ItemType type, const json& value) {
  std::string text;
  if (campaign.form) {
    text = value_in_words(*campaign.form, type, value);
  } else if (value.is_string()) {
    text = value.get<std::string>();
  } else if (!value.is_null()) {
    text = value.dump();
  }
  return text.empty() ? "(trống)" : text;
}

// The rows of the difference for one changed item. A table is compared cell by cell ("Văn bản
// chỉ đạo — dòng 2, Trích yếu"), a row added or removed shown as its cells; a scalar whose text
// reads the same on both sides (absent and empty) is no change at all.
void add_change_rows(const Campaign& campaign, const ItemChange& change, json& rows) {
  const FormItem* item = campaign.form ? campaign.form->find_item(change.key) : nullptr;
  if (item != nullptr && item->type == ItemType::table) {
    const json empty = json::array();
    const json& before = change.before.is_array() ? change.before : empty;
    const json& after = change.after.is_array() ? change.after : empty;
    for (std::size_t r = 0; r < std::max(before.size(), after.size()); ++r) {
      const json none = json::object();
      const json& old_row = r < before.size() && before[r].is_object() ? before[r] : none;
      const json& new_row = r < after.size() && after[r].is_object() ? after[r] : none;
      for (const TableColumn& column : item->columns) {
        const json old_cell = old_row.value(column.key, json());
        const json new_cell = new_row.value(column.key, json());
        const std::string old_text = change_text(campaign, column.type, old_cell);
        const std::string new_text = change_text(campaign, column.type, new_cell);
        if (old_text == new_text) continue;
        rows.push_back(
            {{"label", change.label + " — dòng " + std::to_string(r + 1) + ", " + column.label},
             {"before", old_text},
             {"after", new_text}});
      }
    }
    return;
  }
  const ItemType type = item != nullptr ? item->type : ItemType::short_text;
  const std::string before = change_text(campaign, type, change.before);
  const std::string after = change_text(campaign, type, change.after);
  if (before == after) return;
  rows.push_back({{"label", change.label}, {"before", before}, {"after", after}});
}

bool same_session(const ReportVersion& newer, const ReportVersion& older) {
  return newer.action == "save" && older.action == "save" && newer.by == older.by &&
         newer.by_name == older.by_name && newer.at - older.at <= kEditingSessionGap;
}

}  // namespace

json report_workflow_view(const ReportWorkflowInput& input) {
  const Campaign& campaign = *input.campaign;
  const UnitReport& report = *input.report;
  const ReportStatus status = report.status;
  // The level above's words stay on the form while the unit fixes the report: returned, and
  // the drafts saved after it.
  const bool show_comment = !report.comment.empty() &&
                            (status == ReportStatus::returned || status == ReportStatus::draft);
  const bool past_lock = input.now > campaign.lock_end();
  const std::string history_href = input.base + "/lich-su";
  json view = {
      {"has_comment", show_comment},
      {"comment", report.comment},
      {"closed", input.closed.has_value()},
      {"closed_message", input.closed.value_or("")},
      {"history_href", history_href},
      {"print_href", input.base + "/xuat/pdf?in=1"},
      {"exports", json::array({{{"href", input.base + "/xuat/docx"}, {"label", "Tải về DOCX"}},
                               {{"href", input.base + "/xuat/pdf"}, {"label", "Tải về PDF"}}})},
      {"can_review", input.can_review},
      {"review_action", input.base + "/duyet"},
      {"version", std::to_string(report.version)},
      {"can_return", input.can_review && status == ReportStatus::submitted},
      {"can_accept", input.can_review && status == ReportStatus::submitted},
      {"can_reopen", input.can_review && status == ReportStatus::accepted},
      {"can_extend", input.can_review && past_lock},
      {"lock_date", format_date(campaign.lock_date)},
      {"has_extension", input.extension.has_value()},
      {"extension_until", input.extension ? format_date(input.extension->until) : ""},
      {"has_error", !input.echo.message.empty()},
      {"error", input.echo.message},
      {"error_return", input.echo.action == "return"},
      {"error_reopen", input.echo.action == "reopen"},
      {"error_extend", input.echo.action == "extend"},
      {"comment_value", input.echo.action == "return" ? input.echo.comment : ""},
      {"reason_value", input.echo.action == "reopen" ? input.echo.comment : ""},
      {"until_value", input.echo.until},
  };
  view["has_actions"] = view["can_return"].get<bool>() || view["can_reopen"].get<bool>() ||
                        view["can_extend"].get<bool>();
  return view;
}

std::string version_author(const ReportVersion& version) {
  if (!version.by_name.empty()) return version.by_name;
  return version.action == "import" ? "Hệ thống (nhập dữ liệu)" : "Hệ thống";
}

std::optional<DefaultComparison> default_comparison(const std::vector<ReportVersion>& versions) {
  if (versions.empty()) return std::nullopt;
  std::size_t last_submit = versions.size();
  for (std::size_t i = 0; i < versions.size() && last_submit == versions.size(); ++i) {
    if (versions[i].action == "submit") last_submit = i;
  }
  DefaultComparison comparison;
  comparison.to = versions.front().version;
  if (last_submit == versions.size()) {
    comparison.basis = "báo cáo trống (đơn vị chưa nộp lần nào)";
    return comparison;
  }
  // Saved since that submission: compare against it.
  bool edited_since = false;
  for (std::size_t i = 0; i < last_submit; ++i) {
    edited_since = edited_since || versions[i].action == "save" || versions[i].action == "import";
  }
  if (edited_since) {
    comparison.from = versions[last_submit].version;
    comparison.basis = "lần nộp gần nhất (phiên bản " + std::to_string(comparison.from) + ")";
    return comparison;
  }
  // Nothing changed since: what that submission changed against the one before it.
  comparison.to = versions[last_submit].version;
  for (std::size_t i = last_submit + 1; i < versions.size(); ++i) {
    if (versions[i].action == "submit") {
      comparison.from = versions[i].version;
      comparison.basis = "lần nộp trước đó (phiên bản " + std::to_string(comparison.from) + ")";
      return comparison;
    }
  }
  comparison.basis = "báo cáo trống (đây là lần nộp đầu tiên)";
  return comparison;
}

namespace {

// The evidence a history row lists: {"added": [{"name","item_label","caption"}], "removed": […]}.
json evidence_changes_view(const EvidenceVersionChanges& changes) {
  const auto list = [](const std::vector<EvidenceItem>& items) {
    json out = json::array();
    for (const EvidenceItem& item : items) {
      out.push_back({{"name", item.attachment.original_name},
                     {"caption", item.attachment.caption},
                     {"has_caption", !item.attachment.caption.empty()},
                     {"item_label", item.item_label}});
    }
    return out;
  };
  return {{"added", list(changes.added)},
          {"removed", list(changes.removed)},
          {"any", !changes.empty()}};
}

}  // namespace

json history_view(const HistoryInput& input) {
  const Campaign& campaign = *input.campaign;
  json versions = json::array();
  bool collapsed_any = false;
  const auto& all = input.versions;
  for (std::size_t i = 0; i < all.size();) {
    // One editing session: this save and the older saves of the same person just before it. A
    // session that holds a compared version is listed in full, so the chosen radio is there.
    std::size_t end = i + 1;
    while (!input.every_save && end < all.size() && same_session(all[end - 1], all[end])) ++end;
    bool holds_compared = false;
    for (std::size_t k = i + 1; k < end; ++k) {
      holds_compared =
          holds_compared ||
          (input.compared && (all[k].version == input.from || all[k].version == input.to));
    }
    if (holds_compared) end = i + 1;
    const ReportVersion& version = all[i];
    const ReportVersion& first = all[end - 1];
    const bool session = end - i > 1;
    collapsed_any = collapsed_any || session;
    // The comment is kept on every later version; show it where it was written.
    const bool wrote_comment = version.action == "return" || version.action == "reopen";
    std::string action = action_label(version.action);
    std::string at = format_date_time(version.at);
    if (session) {
      action += " (" + std::to_string(end - i) + " lần lưu, phiên bản " +
                std::to_string(first.version) + "–" + std::to_string(version.version) + ")";
      at = format_date_time(first.at) + " – " + format_date_time(version.at);
    }
    versions.push_back({{"version", std::to_string(version.version)},
                        {"action", std::move(action)},
                        {"session", session},
                        {"status", status_label(version.status)},
                        {"status_class", "st-" + std::string(to_string(version.status))},
                        {"by", version_author(version)},
                        {"at", std::move(at)},
                        {"comment", wrote_comment ? version.comment : std::string()},
                        {"from_checked", input.compared && version.version == input.from},
                        {"to_checked", input.compared && version.version == input.to},
                        {"evidence", evidence_changes_view(Evidence::changes_between(
                                         input.evidence, first.version - 1, version.version))}});
    i = end;
  }
  const std::int64_t newest = all.empty() ? 0 : all.front().version;
  json pending = evidence_changes_view(
      Evidence::changes_between(input.evidence, newest, std::numeric_limits<std::int64_t>::max()));
  pending["after"] = newest == 0 ? std::string("Minh chứng thêm hoặc gỡ trước lần lưu đầu tiên")
                                 : "Minh chứng thêm hoặc gỡ sau phiên bản " +
                                       std::to_string(newest) + " (thuộc lần lưu tiếp theo)";
  json changes = json::array();
  for (const ItemChange& change : input.changes) add_change_rows(campaign, change, changes);
  std::string basis;
  if (input.compared && !input.chosen) {
    if (const auto comparison = default_comparison(input.versions)) basis = comparison->basis;
  }
  return {{"title", "Lịch sử báo cáo — " + input.unit->name},
          {"unit", {{"name", input.unit->name}, {"code", input.unit->code}}},
          {"campaign_name", campaign.name},
          {"report_href", input.base},
          {"action", input.base + "/lich-su"},
          {"versions", std::move(versions)},
          {"evidence_pending", std::move(pending)},
          {"has_versions", !input.versions.empty()},
          {"collapsed", collapsed_any},
          {"every_save", input.every_save},
          {"every_save_href", input.base + "/lich-su?moi-lan-luu=1"},
          {"sessions_href", input.base + "/lich-su"},
          {"compared", input.compared},
          {"from", std::to_string(input.from)},
          {"from_label", input.from == 0 ? std::string("báo cáo trống")
                                         : "phiên bản " + std::to_string(input.from)},
          {"from_heading", input.from == 0 ? std::string("Báo cáo trống")
                                           : "Phiên bản " + std::to_string(input.from)},
          {"to", std::to_string(input.to)},
          {"has_basis", !basis.empty()},
          {"basis", basis},
          {"has_changes", !changes.empty()},
          {"changes", std::move(changes)}};
}

std::string audit_query_string(const AuditFilters& filters) {
  std::string query;
  const auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + url_encode(value);
  };
  add("don-vi", filters.unit);
  add("nguoi-dung", filters.user);
  add("tu-ngay", filters.from);
  add("den-ngay", filters.to);
  add("hanh-dong", filters.action);
  return query;
}

json audit_view(const AuditPageInput& input) {
  const AuditFilters& filters = input.filters;
  json rows = json::array();
  for (const AuditEntry& entry : input.entries) {
    rows.push_back({{"at", format_date_time(entry.at)},
                    {"user", entry.username},
                    {"address", entry.address},
                    {"action", audit_action_label(entry.action)},
                    {"target", audit_target_label(entry.target)},
                    {"detail", audit_detail_label(entry.action, entry.detail)},
                    {"ok", entry.outcome == "ok"},
                    {"outcome", audit_outcome_label(entry.outcome)}});
  }
  json actions = json::array(
      {{{"value", ""}, {"label", "Mọi hành động"}, {"selected", filters.action.empty()}}});
  for (const char* action : {"login", "report.", "report.save", "report.submit", "report.return",
                             "report.accept", "report.reopen", "report.extension", "consolidated.",
                             "plan.", "unit.", "user.", "campaign.create", "campaign."}) {
    const std::string value = action;
    actions.push_back({{"value", value},
                       {"label", audit_action_label(value)},
                       {"selected", filters.action == value}});
  }
  const std::string query = audit_query_string(filters);
  const auto page_href = [&](std::int64_t page) {
    return "/nhat-ky?" + query + (query.empty() ? "" : "&") + "trang=" + std::to_string(page);
  };
  const std::int64_t page_size = std::max(input.page_size, 1);
  const bool beyond_count = input.total > kAuditCountLimit;
  const std::int64_t counted = std::min(input.total, kAuditCountLimit);
  const std::int64_t pages = std::max<std::int64_t>(1, (counted + page_size - 1) / page_size);
  json paging = paging_view(filters.page, pages, page_href);
  if (beyond_count) {
    // Only the first 10,000 are counted: "Trang 3/200+", and a next page past the 200th.
    paging["pages"] = paging["pages"].get<std::string>() + "+";
    if (filters.page >= pages) {
      paging["has_next"] = true;
      paging["next_href"] = page_href(filters.page + 1);
      paging["last_href"] = page_href(filters.page + 1);
    }
  }
  return {{"title", "Nhật ký hoạt động"},
          {"filters",
           {{"unit", filters.unit},
            {"user", filters.user},
            {"from", filters.from},
            {"to", filters.to}}},
          {"actions", std::move(actions)},
          {"has_error", !input.error.empty()},
          {"error", input.error},
          {"rows", std::move(rows)},
          {"has_rows", !input.entries.empty()},
          {"total", (beyond_count ? "Hơn " : "") + format_count(static_cast<double>(counted))},
          {"beyond_last", filters.page > pages && !beyond_count},
          {"last_href", page_href(pages)},
          {"paging", std::move(paging)},
          {"csv_href", "/nhat-ky/xuat.csv" + (query.empty() ? std::string() : "?" + query)}};
}

json notifications_view(const std::vector<Notification>& notifications, const std::string& notice,
                        const std::optional<SignInWarning>& sign_in_warning,
                        const std::string& continue_to) {
  json rows = json::array();
  std::int64_t newest = 0;
  bool any_unread = false;
  for (const Notification& notification : notifications) {
    newest = std::max(newest, notification.id);
    any_unread = any_unread || !notification.read_at;
    const std::string campaign = "/dot/" + std::to_string(notification.campaign_id);
    const bool plan = notification.kind == "plan";
    std::string text = notification.unit_name + " đã nộp báo cáo (phiên bản " +
                       std::to_string(notification.version) + ").";
    // A decision on the reader's own unit's report (return, accept, reopen), with its comment.
    std::string comment;
    if (notification.kind == "return") {
      text = "Cấp trên đã trả lại báo cáo của " + notification.unit_name + " để sửa rồi nộp lại.";
      comment = notification.comment;
    } else if (notification.kind == "accept") {
      text = "Cấp trên đã chấp nhận báo cáo của " + notification.unit_name + ".";
    } else if (notification.kind == "reopen") {
      text = "Cấp trên đã mở lại báo cáo của " + notification.unit_name + " để sửa rồi nộp lại.";
      comment = notification.comment;
    }
    if (plan) {
      text = notification.unit_name + " đã ban hành " +
             (notification.version > 1
                  ? "kế hoạch điều chỉnh lần " + std::to_string(notification.version - 1)
                  : std::string("kế hoạch")) +
             ": xem nhiệm vụ và hạn nộp báo cáo của đơn vị.";
    }
    rows.push_back({{"unit", notification.unit_name},
                    {"code", notification.unit_code},
                    {"at", format_date_time(notification.at)},
                    {"unread", !notification.read_at},
                    {"text", std::move(text)},
                    {"has_comment", !comment.empty()},
                    {"comment", std::move(comment)},
                    {"href", campaign + (plan ? "/ke-hoach/" : "/bao-cao/") +
                                 url_encode(notification.unit_code)}});
  }
  return {
      {"title", "Thông báo"},
      {"rows", std::move(rows)},
      {"has_rows", !notifications.empty()},
      {"any_unread", any_unread},
      {"newest", std::to_string(newest)},
      {"has_notice", !notice.empty()},
      {"notice", notice},
      {"has_sign_in_warning", sign_in_warning.has_value()},
      {"sign_in_warning",
       sign_in_warning
           ? "Từ lần đăng nhập trước đến nay có " + format_count(sign_in_warning->failures) +
                 " lần đăng nhập sai vào tài khoản của bạn từ nơi khác (lần gần nhất lúc " +
                 format_date_time(sign_in_warning->last_at) + ", từ địa chỉ " +
                 sign_in_warning->last_address + "). Nếu không phải bạn thử, hãy đổi mật khẩu ngay."
           : std::string()},
      {"has_continue", !continue_to.empty()},
      {"continue_href", continue_to}};
}

}  // namespace llw::pages
