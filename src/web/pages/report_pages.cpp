// The report form of one unit: show (editable or read-only), save a draft, add or remove table
// rows, submit after a confirmation — all as plain POST forms that work without JavaScript
// (save and submit answer with a redirect, Post/Redirect/Get). app.js posts the same form with
// "ajax=1" for autosave and gets JSON back.

#include "web/pages/report_pages.h"

#include <utility>

#include "app/campaigns.h"
#include "app/evidence.h"
#include "app/level_plans.h"
#include "app/reports.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/report.h"
#include "web/http_errors.h"
#include "web/pages/evidence_view.h"
#include "web/pages/plan_links.h"
#include "web/pages/report_form_view.h"
#include "web/pages/report_submit_confirm_view.h"
#include "web/pages/signed_copy_view.h"
#include "web/pages/view_format.h"
#include "web/pages/workflow_pages.h"
#include "web/pages/workflow_view.h"
#include "web/request_body.h"

namespace llw {

namespace {

// A page's campaign id: anything but a positive number is a page that does not exist.
std::int64_t page_campaign_id(const std::string& text) {
  const std::optional<std::int64_t> id = path_id(text);
  if (!id) {
    throw Error(ErrorKind::not_found, "Không tìm thấy đợt báo cáo này. Hãy kiểm tra đường dẫn.",
                "campaign");
  }
  return *id;
}

bool status_is_editable(ReportStatus status) {
  return status == ReportStatus::not_started || status == ReportStatus::draft ||
         status == ReportStatus::returned;
}

HttpResponse json_page_response(int status, const nlohmann::json& body) {
  HttpResponse response = json_response(status, body);
  response.is_page = true;
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::int64_t parse_page_campaign_id(const std::string& text) { return page_campaign_id(text); }

HttpResponse ReportPages::report_form(Context& context, const Params& params) {
  return report_page(context, page_campaign_id(params[0]), params[1], 200, {});
}

nlohmann::json ReportPages::report_view(Context& context, pages::ReportFormInput& input,
                                        const pages::ReviewEcho& echo) {
  const User& user = context.user;
  const OrgUnit& unit = *input.unit;
  // The page shows the dates the unit works under: the nearest issued plan's above it (its
  // commune's), else the campaign's.
  Campaign dated = *input.campaign;
  const EffectiveDates dates = app_.plans().effective_dates(dated, unit);
  dated.deadline = dates.deadline;
  dated.lock_date = dates.lock_date;
  const Campaign* const given = std::exchange(input.campaign, &dated);
  const Campaign& campaign = dated;
  // After a save met a newer version, the review forms act on that version, not the one the
  // user started from.
  const UnitReport& current = input.theirs != nullptr ? *input.theirs : *input.report;
  const std::string base =
      "/dot/" + std::to_string(campaign.id) + "/bao-cao/" + pages::url_encode(unit.code);

  pages::ReportWorkflowInput workflow;
  workflow.campaign = &campaign;
  workflow.unit = &unit;
  workflow.report = &current;
  workflow.base = base;
  workflow.can_review = is_allowed(user, Action::review_report, unit);
  workflow.closed = app_.reports().closed_message(user, campaign.id, unit.code);
  workflow.extension = app_.reports().extension(user, campaign.id, unit.code);
  workflow.now = app_.now();
  workflow.echo = echo;

  input.editable = is_allowed(user, Action::write_report, unit) &&
                   status_is_editable(input.report->status) && !workflow.closed;
  if (!input.editable) {
    // A read-only page shows what is saved, never values posted to a report that may no longer
    // be changed.
    input.values = input.report->values;
    input.errors.clear();
  }
  input.history = app_.reports().report_history(user, campaign.id, unit.code, 20);
  nlohmann::json view = pages::report_form_view(input);
  input.campaign = given;
  view["action"] = base;
  // The plan of the level above the unit (its commune's, once issued) and the unit's tasks in it.
  if (dates.plan_unit_id != 0) {
    try {
      view["plan_above"] = pages::plan_above_view(
          app_.plans().level_plan(user, campaign.id, dates.plan_unit_code), unit);
      if (view["plan_above"].is_object()) {
        // The tasks open while the report is not started; afterwards the form comes first.
        view["plan_above"]["open"] = input.report->status == ReportStatus::not_started;
        view["plan_above"]["href"] = "/dot/" + std::to_string(campaign.id) + "/ke-hoach/" +
                                     pages::url_encode(dates.plan_unit_code);
      }
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::forbidden) throw;
    }
  }
  view["workflow"] = pages::report_workflow_view(workflow);
  pages::add_plan_links(view, app_.plans(), user, campaign, unit);  // the {{>plan_links}} partial
  if (!input.editable) view["signed_copy"] = signed_copy_section(context, campaign, unit, current);
  return view;
}

nlohmann::json ReportPages::evidence_view(Context& context, const pages::ReportFormInput& input,
                                          const pages::EvidenceEcho& echo) {
  const std::vector<EvidenceItem> items =
      app_.evidence().list(context.user, input.campaign->id, input.unit->code);
  pages::EvidenceListInput evidence;
  evidence.items = &items;
  evidence.base = "/dot/" + std::to_string(input.campaign->id) + "/bao-cao/" +
                  pages::url_encode(input.unit->code);
  evidence.editable = input.editable;
  evidence.echo = echo;
  evidence.form = input.campaign->form.get();
  const auto& query = context.request.query;
  if (query.count("da-tai-minh-chung")) evidence.notice = "Đã tải lên minh chứng.";
  if (query.count("da-go-minh-chung")) evidence.notice = "Đã gỡ minh chứng khỏi báo cáo.";
  return pages::evidence_list_view(evidence);
}

nlohmann::json ReportPages::signed_copy_section(Context& context, const Campaign& campaign,
                                                const OrgUnit& unit, const UnitReport& report) {
  const User& user = context.user;
  pages::SignedCopyInput input;
  input.latest = app_.signed_copies().latest(user, campaign.id, unit.code);
  input.required = app_.signed_copies().required(user, campaign.id);
  // As the use case decides (signed_copies.h): the unit's own account, after submitting.
  input.can_upload =
      (user.role == Role::admin || user.unit_id == unit.id) &&
      is_allowed(user, Action::write_report, unit) &&
      (report.status == ReportStatus::submitted || report.status == ReportStatus::accepted);
  input.version = report.version;
  input.base = "/dot/" + std::to_string(campaign.id) + "/bao-cao/" + pages::url_encode(unit.code);
  input.csrf = context.csrf;
  return pages::signed_copy_view(input);
}

HttpResponse ReportPages::report_page(Context& context, std::int64_t campaign_id,
                                      const std::string& unit_code, int status,
                                      const pages::ReviewEcho& echo) {
  return report_page(context, campaign_id, unit_code, status, echo, {});
}

HttpResponse ReportPages::report_page(Context& context, std::int64_t campaign_id,
                                      const std::string& unit_code, int status,
                                      const pages::ReviewEcho& echo,
                                      const pages::EvidenceEcho& evidence_echo) {
  const User& user = context.user;
  const UnitReport report = app_.reports().get_report(user, campaign_id, unit_code);
  const Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const OrgUnit unit = app_.units().get_unit(user, unit_code);

  pages::ReportFormInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.report = &report;
  input.values = report.values;
  // Post/Redirect/Get: the action that just succeeded, said once.
  static const std::pair<const char*, const char*> flashes[] = {
      {"da-nop", "Đã nộp báo cáo. Cảm ơn đơn vị!"},
      {"da-tra-lai", "Đã trả lại báo cáo kèm nhận xét; đơn vị sẽ thấy nhận xét ở đầu biểu mẫu."},
      {"da-chap-nhan", "Đã chấp nhận báo cáo."},
      {"da-mo-lai", "Đã mở lại báo cáo; đơn vị sẽ thấy lý do ở đầu biểu mẫu."},
      {"da-gia-han", "Đã gia hạn nhập báo cáo cho đơn vị."},
      {"da-tai-ban-ky", "Đã tải lên bản báo cáo đã ký số; kết quả kiểm tra chữ ký ở bên dưới."},
  };
  const auto& query = context.request.query;
  if (query.count("da-luu")) {
    input.notice = "Đã lưu bản nháp lúc " + pages::format_date_time(report.updated_at) + ".";
  }
  for (const auto& [key, text] : flashes) {
    if (query.count(key)) input.notice = text;
  }
  nlohmann::json view = report_view(context, input, echo);
  view["evidence"] = evidence_view(context, input, evidence_echo);
  // Read, not filled in: the report as the document reads (workflow_pages.cpp).
  if (!input.editable) return review_page(frame_, app_.plans(), context, status, input, view);
  return page(context, status, "report_form", std::move(view));
}

HttpResponse ReportPages::report_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = page_campaign_id(params[0]);
  const User& user = context.user;
  const std::string& unit_code = params[1];
  const UnitReport saved = app_.reports().get_report(user, campaign_id, unit_code);
  const Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const OrgUnit unit = app_.units().get_unit(user, unit_code);
  require_allowed(user, Action::write_report, unit);
  const ReportForm& form = *campaign.form;
  const std::string base =
      "/dot/" + std::to_string(campaign_id) + "/bao-cao/" + pages::url_encode(unit.code);

  const std::string& action = context.form.value("action");
  const bool ajax = context.form.value("ajax") == "1";
  pages::PostedValues posted = pages::values_from_fields(form, context.form.fields);
  std::int64_t version = -1;
  try {
    version = std::stoll(context.form.value("version"));
  } catch (const std::exception&) {
    throw Error(ErrorKind::bad_input, "Biểu mẫu thiếu số phiên bản. Hãy tải lại trang.", "version");
  }

  pages::ReportFormInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.report = &saved;
  input.values = posted.values;
  input.errors = posted.errors;
  // Every re-render is the page a GET shows (review block, return comment, history), with the
  // posted values and their messages.
  const auto render = [&](int status, pages::ReportFormInput& in) {
    nlohmann::json view = report_view(context, in, {});
    view["evidence"] = evidence_view(context, in, {});
    // The form keeps the version the user started from, so their next save is still checked.
    if (!in.theirs) view["version"] = std::to_string(version);
    return page(context, status, "report_form", std::move(view));
  };

  // Table rows: re-show the form with one row more or less; nothing is saved yet.
  if (action.rfind("add_row:", 0) == 0 || action.rfind("remove_row:", 0) == 0) {
    const bool add = action[0] == 'a';
    const std::string rest = action.substr(add ? 8 : 11);
    const std::string key = add ? rest : rest.substr(0, rest.rfind(':'));
    const FormItem* item = form.find_item(key);
    if (item == nullptr || item->type != ItemType::table) {
      throw Error(ErrorKind::bad_input, "Bảng này không có trong đề cương.", "action");
    }
    nlohmann::json& table = input.values[key];
    if (!table.is_array()) table = nlohmann::json::array();
    if (add) {
      if (static_cast<int>(table.size()) < item->max_rows.value_or(200)) {
        table.push_back(nlohmann::json::object());
      }
      input.notice = "Đã thêm một dòng vào bảng. Nhớ bấm “Lưu bản nháp” để lưu.";
    } else {
      std::size_t row = 0;
      try {
        row = std::stoul(rest.substr(rest.rfind(':') + 1));
      } catch (const std::exception&) {
        row = table.size();
      }
      if (row < table.size()) table.erase(table.begin() + static_cast<std::ptrdiff_t>(row));
      input.notice = "Đã xóa dòng. Nhớ bấm “Lưu bản nháp” để lưu.";
      input.errors.clear();
    }
    return render(200, input);
  }

  if (action == "submit_confirmed")
    return submit_confirmed(context, campaign, unit, saved, version);
  if (action != "save" && action != "submit" && action != "confirm_submit") {
    throw Error(ErrorKind::bad_input, "Không rõ thao tác cần làm. Hãy bấm một nút trên trang.",
                "action");
  }
  if (!posted.errors.empty()) {
    // One round of checks: the boxes that are readable are also checked against the form's rules
    // (a count with "Không", more than the unit's headcount), so the clerk sees every problem at
    // once, one message per box.
    const nlohmann::json readable =
        pages::values_for_saving(form, pages::without_unreadable(posted.values, posted.errors));
    for (auto& [field, message] : validate_values(form, unit, readable, false)) {
      posted.errors.emplace(field, std::move(message));
    }
    input.errors = posted.errors;
    if (ajax) {
      return json_page_response(422,
                                {{"ok", false},
                                 {"errors", posted.errors},
                                 {"message", "Có ô nhập chưa đúng; hãy xem thông báo cạnh ô."}});
    }
    return render(422, input);
  }

  const nlohmann::json values = pages::values_for_saving(form, posted.values);
  UnitReport after;
  try {
    after = app_.reports().save_draft(user, campaign_id, unit.code, version, values);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::validation_failed) {
      if (ajax) {
        return json_page_response(
            422, {{"ok", false}, {"errors", error.fields()}, {"message", error.message()}});
      }
      input.errors.insert(error.fields().begin(), error.fields().end());
      return render(422, input);
    }
    if (error.kind() != ErrorKind::conflict) throw;
    const UnitReport current = app_.reports().get_report(user, campaign_id, unit.code);
    if (current.version == version || !status_is_editable(current.status)) throw;
    if (ajax) {
      return json_page_response(
          409, {{"ok", false},
                {"conflict", true},
                {"current_version", current.version},
                {"message",
                 "Người khác vừa lưu báo cáo này. Bản của bạn chưa được lưu; hãy bấm “Lưu bản "
                 "nháp” để xem hai phiên bản và chọn."}});
    }
    std::string by;
    for (const auto& version_entry :
         app_.reports().report_history(user, campaign_id, unit.code, 1)) {
      by = version_entry.by_name;
    }
    input.theirs = &current;
    input.theirs_by = by;
    return render(409, input);
  }

  if (ajax) {
    return json_page_response(200, {{"ok", true},
                                    {"version", after.version},
                                    {"saved_at", pages::format_date_time(after.updated_at)}});
  }
  if (action == "save") return redirect(base + "?da-luu=1");

  if (action == "submit") {
    // Ask once more on a page of its own, listing what is still unanswered (report_submit_confirm).
    return page(context, 200, "report_submit_confirm",
                pages::report_submit_confirm_view(campaign, unit, after, base));
  }

  try {
    app_.reports().submit(user, campaign_id, unit.code, after.version);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::validation_failed) throw;
    input.report = &after;
    input.values = after.values;
    version = after.version;
    input.errors.insert(error.fields().begin(), error.fields().end());
    input.notice = "Bản nháp đã được lưu nhưng chưa nộp được: " + error.message();
    return render(422, input);
  }
  return redirect(base + "?da-nop=1");
}

// "Vẫn nộp" on the confirmation page: submits the version that page was shown for, as saved
// (the page posts no values); a report changed since gets the conflict message.
HttpResponse ReportPages::submit_confirmed(Context& context, const Campaign& campaign,
                                           const OrgUnit& unit, const UnitReport& saved,
                                           std::int64_t version) {
  const std::string base =
      "/dot/" + std::to_string(campaign.id) + "/bao-cao/" + pages::url_encode(unit.code);
  try {
    app_.reports().submit(context.user, campaign.id, unit.code, version);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::validation_failed) throw;
    pages::ReportFormInput input;
    input.campaign = &campaign;
    input.unit = &unit;
    input.report = &saved;
    input.values = saved.values;
    input.errors.insert(error.fields().begin(), error.fields().end());
    input.notice = "Báo cáo chưa nộp được: " + error.message();
    nlohmann::json view = report_view(context, input, {});
    view["evidence"] = evidence_view(context, input, {});
    return page(context, 422, "report_form", std::move(view));
  }
  return redirect(base + "?da-nop=1");
}

std::vector<PageRoute> ReportPages::routes() {
  return {
      {"GET", {"dot", "{}", "bao-cao", "{}"}, bind(&ReportPages::report_form)},
      {"POST", {"dot", "{}", "bao-cao", "{}"}, bind(&ReportPages::report_post)},
  };
}

}  // namespace llw
