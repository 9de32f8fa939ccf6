// Form versions added by upload (issue 18): the JSON of docs/form-format.md, or an XLSX laid out
// like ODK's XLSForm (xlsform.h, converted to that JSON), checked completely and stored whole or
// not at all. A stored form never changes (migration 031), so the campaigns
// that pinned it read it as it was.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/audited.h"
#include "app/campaigns.h"
#include "app/use_case_core.h"
#include "app/xlsform.h"
#include "documents/xlsx_reader.h"
#include "domain/error.h"
#include "domain/form_check.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {

namespace {

constexpr const char* kUploadSource = "tệp tải lên";

// The file's text as JSON, or the one problem that keeps it from being read.
std::optional<nlohmann::json> parse_upload(const std::string& text,
                                           std::vector<std::string>& problems) {
  if (text.size() > Campaigns::kMaxFormBytes) {
    problems.push_back(std::string(kUploadSource) + ": tệp quá lớn (" +
                       std::to_string(text.size() / 1024) +
                       " KB); một mẫu báo cáo không quá 1 MB. Hãy kiểm tra đã chọn đúng tệp.");
    return std::nullopt;
  }
  if (!is_valid_utf8(text)) {
    problems.push_back(std::string(kUploadSource) +
                       ": tệp không phải văn bản UTF-8. Hãy lưu tệp JSON với bảng mã UTF-8.");
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    problems.push_back(std::string(kUploadSource) +
                       ": tệp không phải JSON hợp lệ (lỗi cú pháp ở ký tự thứ " +
                       std::to_string(error.byte) +
                       "). Hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy quanh chỗ đó.");
    return std::nullopt;
  }
}

// An XLSForm workbook as the JSON definition, or its problems (each placed by sheet and row).
std::optional<nlohmann::json> parse_xlsform(const std::string& bytes,
                                            std::vector<std::string>& problems,
                                            std::map<std::string, int>& survey_rows) {
  documents::XlsxBook book;
  try {
    book = documents::read_xlsx(bytes, 10000);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::bad_input) throw;
    problems.push_back(std::string(kUploadSource) + ": " + error.message());
    return std::nullopt;
  }
  XlsFormConversion converted = definition_from_xlsform(book);
  for (const std::string& problem : converted.problems) {
    problems.push_back(std::string(kUploadSource) + ": " + problem);
  }
  survey_rows = std::move(converted.survey_rows);
  return std::move(converted.definition);  // checked further even with problems: every one listed
}

// The form check's problems of a converted XLSForm, each with the survey row of the first item it
// names ("mục 'banners': … (trang 'survey', dòng 12)").
std::vector<std::string> placed(std::vector<std::string> problems,
                                const std::map<std::string, int>& survey_rows) {
  for (std::string& problem : problems) {
    std::size_t best = std::string::npos;
    int row = 0;
    for (const auto& [key, at] : survey_rows) {
      const std::size_t found = problem.find("'" + key + "'");
      if (found < best) {
        best = found;
        row = at;
      }
    }
    if (row > 0) problem += " (trang 'survey', dòng " + std::to_string(row) + ")";
  }
  return problems;
}

void require_admin(const User& actor) {
  if (actor.role != Role::admin || actor.disabled) {
    throw Error(ErrorKind::forbidden, "Chỉ quản trị hệ thống được thêm mẫu báo cáo.", "");
  }
}

Error stored_id_conflict(const std::string& id) {
  return Error(ErrorKind::conflict,
               "Mã \"" + id +
                   "\" đã dùng cho một mẫu báo cáo khác đã lưu; mẫu đã lưu không bao giờ thay đổi "
                   "vì các đợt báo cáo đã tạo dùng nó. Hãy đặt mã mới cho phiên bản này (trường "
                   "\"id\", ví dụ \"" +
                   id + "-2\") rồi tải lên lại.",
               "id");
}

// An uploaded file read and checked completely: its definition and form, or no form and every
// problem in `problems`.
struct CheckedUpload {
  nlohmann::json definition;
  std::shared_ptr<const ReportForm> form;
};

CheckedUpload check_upload(const std::string& text, std::vector<std::string>& problems) {
  CheckedUpload checked;
  std::map<std::string, int> survey_rows;
  const bool xlsform = is_zip_package(text) && text.size() <= Campaigns::kMaxFormBytes;
  auto definition =
      xlsform ? parse_xlsform(text, problems, survey_rows) : parse_upload(text, problems);
  if (!definition) return checked;
  FormCheck check = check_form(*definition, kUploadSource);
  // A workbook's own problems come first, then the form check's, each at its survey row.
  for (std::string& problem : placed(std::move(check.problems), survey_rows)) {
    problems.push_back(std::move(problem));
  }
  if (!problems.empty()) return checked;
  checked.definition = std::move(*definition);
  checked.form = std::move(check.form);
  return checked;
}

}  // namespace

FormUpload Campaigns::check_form_version(const User& actor, const std::string& definition_text) {
  require_admin(actor);
  FormUpload upload;
  CheckedUpload checked = check_upload(definition_text, upload.problems);
  if (!checked.form) return upload;
  const std::string& id = checked.form->id;
  if (store_->forms().find_form(id) && core_.form(id)->to_json() != checked.form->to_json()) {
    upload.problems.push_back(std::string(kUploadSource) + ": " + stored_id_conflict(id).message());
    return upload;
  }
  upload.form = std::move(checked.form);
  return upload;
}

FormUpload Campaigns::add_form_version(const User& actor, const std::string& definition_text,
                                       const RequestContext& context) {
  require_admin(actor);
  FormUpload upload;
  const CheckedUpload checked = check_upload(definition_text, upload.problems);
  if (!checked.form) return upload;
  const std::string id = checked.form->id;
  return audited(app_, actor, context, "form.add", "", id, checked.form->title, [&] {
    if (store_->forms().find_form(id)) {
      const auto kept = core_.form(id);
      if (kept->to_json() != checked.form->to_json()) throw stored_id_conflict(id);
      upload.form = kept;
      return upload;
    }
    // Stored as sent, parsed: what form() reads back is this definition (a race with another
    // upload of the same id is the store's conflict).
    store_->forms().put_form(id, checked.definition.dump());
    upload.form = core_.form(id);
    upload.created = true;
    return upload;
  });
}

}  // namespace llw
