// Admin pages. Built: the import of units from CSV or XLSX, with every problem listed by row and
// column and nothing written when there is one, and the import's template to download. The unit
// tree is in unit_admin_pages.cpp, accounts in user_pages.cpp, campaign settings in
// settings_pages.cpp.

#include "web/pages/admin_pages.h"

#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"

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
  return page(context, 200, "admin_import", {{"title", "Nhập danh sách đơn vị"}});
}

HttpResponse AdminPages::admin_import_post(Context& context, const Params&) {
  require_unit_manager(context.user);
  const auto it = context.form.files.find("file");
  nlohmann::json view = {{"title", "Nhập danh sách đơn vị"}};
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

std::vector<PageRoute> AdminPages::routes() {
  return {
      {"GET", {"quan-tri", "nhap-don-vi"}, bind(&AdminPages::admin_import)},
      {"POST", {"quan-tri", "nhap-don-vi"}, bind(&AdminPages::admin_import_post)},
  };
}

}  // namespace llw
