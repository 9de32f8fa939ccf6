// Admin pages. Built: the import of units from CSV or XLSX, with every problem listed by row and
// column and nothing written when there is one, and the import's template to download; a report
// form version uploaded as JSON, checked completely and previewed as a unit will see it before
// it is stored. The unit
// tree is in unit_admin_pages.cpp, accounts in user_pages.cpp, campaign settings in
// settings_pages.cpp.

#include "web/pages/admin_pages.h"

#include "app/campaigns.h"
#include "app/units.h"
#include "app/xlsform.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/summary.h"
#include "web/pages/report_form_view.h"
#include "web/request_body.h"

namespace llw {

namespace {

std::string upload_media_type(const pages::UploadedFile& file) {
  const auto ends_with = [&](const std::string& suffix) {
    return file.filename.size() >= suffix.size() &&
           file.filename.compare(file.filename.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".csv") || ends_with(".CSV")) return "text/csv";
  if (ends_with(".xlsx") || ends_with(".XLSX")) {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return file.content_type;
}

void require_unit_manager(const User& user) {
  if (user.role != Role::admin && user.role != Role::coordinator) {
    throw Error(ErrorKind::forbidden,
                "Chỉ quản trị viên hoặc điều phối viên mới nhập được danh sách đơn vị.", "unit");
  }
}

// The import page's view: its title, and the largest file the browser may send with the message
// that refuses a larger one (static/app.js checks it before sending; the server says the same).
nlohmann::json import_view(const PageContext& context) {
  const std::size_t limit = context.max_body_bytes;
  return {{"title", "Nhập danh sách đơn vị"},
          {"max_file_bytes", std::to_string(pages::upload_file_limit(limit))},
          {"too_large_message", "Tệp nhập quá lớn: tối đa " + human_size(limit) +
                                    ". Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần "
                                    "lượt."}};
}

}  // namespace

HttpResponse AdminPages::admin_import(Context& context, const Params&) {
  require_unit_manager(context.user);
  // "?mau=xlsx" or "?mau=csv": the import's template (app/unit_import_template.cpp).
  if (const auto it = context.request.query.find("mau"); it != context.request.query.end()) {
    if (it->second != "xlsx" && it->second != "csv") {
      throw Error(ErrorKind::not_found, "Không có tệp mẫu này; tệp mẫu có dạng XLSX hoặc CSV.",
                  "mau");
    }
    return download(app_.units().import_template(
        context.user, it->second == "csv" ? DocumentFormat::csv : DocumentFormat::xlsx));
  }
  return page(context, 200, "admin_import", import_view(context));
}

HttpResponse AdminPages::admin_import_post(Context& context, const Params&) {
  require_unit_manager(context.user);
  const auto it = context.form.files.find("file");
  nlohmann::json view = import_view(context);
  if (context.body_too_large) {
    view["has_message"] = true;
    view["message"] = view["too_large_message"];
    return page(context, 413, "admin_import", std::move(view));
  }
  if (it == context.form.files.end() || it->second.bytes.empty()) {
    view["has_message"] = true;
    view["message"] = "Hãy chọn một tệp CSV hoặc XLSX rồi bấm “Nhập”.";
    return page(context, 422, "admin_import", std::move(view));
  }
  const ImportResult result =
      app_.units().import_units(context.user, it->second.bytes, upload_media_type(it->second),
                                RequestContext{context.request.client_address});
  view["file_name"] = it->second.filename;
  if (!result.errors.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const ImportProblem& problem : result.errors) {
      // "Dòng 3, cột Loại", "Dòng 1 (tiêu đề), cột Màu", "Cả tệp".
      std::string where = problem.row == 0 ? "Cả tệp" : "Dòng " + std::to_string(problem.row);
      if (problem.row == 1) where += " (tiêu đề)";
      if (!problem.column.empty()) where += ", cột " + problem.column;
      rows.push_back({{"where", where}, {"message", problem.message}});
    }
    view["has_errors"] = true;
    view["errors"] = std::move(rows);
    view["message"] = import_refusal_message(result.errors);
    return page(context, 422, "admin_import", std::move(view));
  }
  view["has_result"] = true;
  view["created"] = std::to_string(result.created);
  view["updated"] = std::to_string(result.updated);
  return page(context, 200, "admin_import", std::move(view));
}

namespace {

constexpr const char* kFormVersionsTitle = "Thêm mẫu báo cáo";

// The form as a unit will see it on its report page: the report form's sections for a school of
// a campaign of the form's year, empty, every box shown.
nlohmann::json form_preview(const std::shared_ptr<const ReportForm>& form) {
  Campaign campaign;
  campaign.name = form->title;
  campaign.year = 2025;
  campaign.form_id = form->id;
  campaign.form = form;
  OrgUnit unit;
  unit.code = "XEM-TRUOC";
  unit.name = "Đơn vị xem trước";
  unit.kind = UnitKind::school;
  const UnitReport report = not_started_report(campaign, unit);
  pages::ReportFormInput input;
  input.campaign = &campaign;
  input.unit = &unit;
  input.report = &report;
  input.values = nlohmann::json::object();
  input.editable = true;
  const nlohmann::json view = pages::report_form_view(input);
  std::size_t items = 0;
  for (const FormSection& section : form->sections) items += section.items.size();
  return {{"has_preview", true},
          {"sections", view.value("sections", nlohmann::json::array())},
          {"form_title", form->title},
          {"form_id", form->id},
          {"form_version", std::to_string(form->version)},
          {"item_count", std::to_string(items)},
          {"section_count", std::to_string(form->sections.size())},
          {"rule_count", std::to_string(form->rules.size())}};
}

void add_problems(nlohmann::json& view, const std::vector<std::string>& problems) {
  view["has_problems"] = true;
  view["problems"] = problems;
  view["problems_summary"] = "Mẫu báo cáo có " + std::to_string(problems.size()) +
                             " lỗi nên chưa được lưu; hãy sửa từng lỗi dưới đây rồi tải lên lại.";
}

}  // namespace

HttpResponse AdminPages::form_versions(Context& context, const Params&) {
  if (context.user.role != Role::admin) {
    throw Error(ErrorKind::forbidden, "Chỉ quản trị hệ thống được thêm mẫu báo cáo.", "");
  }
  return page(context, 200, "form_versions", {{"title", kFormVersionsTitle}});
}

HttpResponse AdminPages::form_versions_post(Context& context, const Params&) {
  nlohmann::json view = {{"title", kFormVersionsTitle}};
  const RequestContext request{context.request.client_address};
  if (context.form.value("action") == "luu") {
    // The definition the preview showed, sent back as it was checked.
    const std::string definition = context.form.value("definition");
    try {
      const FormUpload upload =
          app_.campaigns().add_form_version(context.user, definition, request);
      if (!upload.problems.empty()) {
        add_problems(view, upload.problems);
        return page(context, 422, "form_versions", std::move(view));
      }
      view.update(form_preview(upload.form));
      view["has_message"] = true;
      view["message_class"] = "ok";
      view["message"] =
          upload.created
              ? "Đã lưu mẫu báo cáo " + upload.form->id + ". Đợt báo cáo mới có thể chọn mẫu này."
              : "Mẫu báo cáo " + upload.form->id + " đã được lưu trước đây, đúng như tệp này.";
      return page(context, upload.created ? 201 : 200, "form_versions", std::move(view));
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::conflict) throw;
      add_problems(view, {error.message()});
      return page(context, 409, "form_versions", std::move(view));
    }
  }
  const auto it = context.form.files.find("file");
  if (it == context.form.files.end() || it->second.bytes.empty()) {
    app_.campaigns().check_form_version(context.user, "{}");  // the access check
    view["has_message"] = true;
    view["message_class"] = "error";
    view["message"] = "Hãy chọn một tệp JSON hoặc XLSForm (.xlsx) rồi bấm “Kiểm tra và xem trước”.";
    return page(context, 422, "form_versions", std::move(view));
  }
  const FormUpload checked = app_.campaigns().check_form_version(context.user, it->second.bytes);
  if (!checked.problems.empty()) {
    add_problems(view, checked.problems);
    return page(context, 422, "form_versions", std::move(view));
  }
  view.update(form_preview(checked.form));
  view["can_store"] = true;
  // An XLSForm goes back to the store step as the JSON it was converted to.
  view["definition"] =
      is_zip_package(it->second.bytes) ? checked.form->to_json().dump() : it->second.bytes;
  return page(context, 200, "form_versions", std::move(view));
}

std::vector<PageRoute> AdminPages::routes() {
  return {
      {"GET", {"quan-tri", "nhap-don-vi"}, bind(&AdminPages::admin_import)},
      {"POST",
       {"quan-tri", "nhap-don-vi"},
       bind(&AdminPages::admin_import_post),
       false,
       false,
       true},
      {"GET", {"quan-tri", "mau-bao-cao"}, bind(&AdminPages::form_versions)},
      {"POST", {"quan-tri", "mau-bao-cao"}, bind(&AdminPages::form_versions_post)},
  };
}

}  // namespace llw
