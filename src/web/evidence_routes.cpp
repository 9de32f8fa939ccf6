// The evidence routes (evidence_routes.h). An upload is the file itself as the body (any
// Content-Type: the server decides the type from the content) with its name and caption in the
// X-File-Name and X-Caption headers, percent-encoded UTF-8; or a multipart/form-data body with
// the file in the part "file" and the caption in the field "caption". What the file is evidence
// for (an activity or item key of the form) is the query parameter "item", or the multipart
// field "item".
#include "web/evidence_routes.h"

#include <string>
#include <string_view>

#include "app/api_json.h"
#include "app/evidence.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/document_routes.h"
#include "web/http_errors.h"
#include "web/pages/page_support.h"
#include "web/request_body.h"

namespace llw {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A header's percent-encoded UTF-8 value; Error{bad_input, field} when it is not.
std::string decoded_header(std::string_view value, const char* field) {
  std::string text;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      text.push_back(value[i]);
      continue;
    }
    const int high = i + 2 < value.size() ? hex_value(value[i + 1]) : -1;
    const int low = i + 2 < value.size() ? hex_value(value[i + 2]) : -1;
    if (high < 0 || low < 0) {
      throw Error(ErrorKind::bad_input,
                  std::string("Tiêu đề ") + field +
                      " có mã %-escape không hợp lệ (tên tệp và chú thích gửi dạng UTF-8 đã "
                      "mã hóa phần trăm).",
                  field);
    }
    text.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  if (!is_valid_utf8(text)) {
    throw Error(ErrorKind::bad_input, std::string("Tiêu đề ") + field + " không phải UTF-8 hợp lệ.",
                field);
  }
  return text;
}

std::int64_t evidence_id_from(const std::string& text) {
  std::int64_t id = 0;
  if (text.empty() || text.size() > 18) id = -1;
  for (const char c : text) {
    if (c < '0' || c > '9') id = -1;
    if (id < 0) break;
    id = id * 10 + (c - '0');
  }
  if (id <= 0) {
    throw Error(ErrorKind::not_found, "Không tìm thấy minh chứng này trong báo cáo.", "evidence");
  }
  return id;
}

// The ZIP takes no parameters: anything after "?" is a mistake worth saying, not ignoring.
void reject_query(const HttpRequest& request) {
  if (!request.query.empty()) {
    throw Error(ErrorKind::bad_input,
                "Địa chỉ tải minh chứng (ZIP) không nhận tham số \"" +
                    request.query.begin()->first + "\". Hãy bỏ phần sau dấu ? rồi tải lại.",
                request.query.begin()->first);
  }
}

}  // namespace

std::vector<ApiRoute> EvidenceRoutes::routes() {
  const std::vector<std::string> base = {"campaigns", "{}", "reports", "{}", "evidence"};
  auto with = [&](std::vector<std::string> tail) {
    std::vector<std::string> pattern = base;
    pattern.insert(pattern.end(), tail.begin(), tail.end());
    return pattern;
  };
  return {
      {"POST", base, bind(&EvidenceRoutes::attach), false},
      {"GET", base, bind(&EvidenceRoutes::list)},
      {"GET", with({"{}"}), bind(&EvidenceRoutes::file)},
      {"DELETE", with({"{}"}), bind(&EvidenceRoutes::remove)},
      {"GET", with({"{}", "thumbnail"}), bind(&EvidenceRoutes::thumbnail)},
      {"GET", {"campaigns", "{}", "summary", "{}", "evidence.zip"}, bind(&EvidenceRoutes::archive)},
  };
}

HttpResponse EvidenceRoutes::attach(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  const std::int64_t campaign_id = campaign_id_from(params[0]);
  EvidenceUpload upload;
  if (is_multipart(request.content_type)) {
    // A little over the file's limit: the part headers and the caption.
    pages::PostedForm form = pages::parse_posted_form(request.content_type, request.body,
                                                      Evidence::kMaxFileBytes + 64 * 1024);
    const auto file = form.files.find("file");
    if (file == form.files.end()) {
      throw Error(ErrorKind::bad_input, "Thiếu tệp minh chứng (phần \"file\" của biểu mẫu).",
                  "file");
    }
    upload.bytes = std::move(file->second.bytes);
    upload.file_name = file->second.filename;
    upload.caption = form.value("caption");
    upload.item = form.value("item");
    std::string().swap(request.body);  // the part holds the file now
  } else {
    upload.bytes = std::move(request.body);
    upload.file_name = decoded_header(request.file_name, "X-File-Name");
    upload.caption = decoded_header(request.caption, "X-Caption");
  }
  if (upload.item.empty()) upload.item = query_value(request, "item").value_or("");
  const EvidenceItem item = app_.evidence().attach(user, campaign_id, params[1], std::move(upload),
                                                   RequestContext{request.client_address});
  return json_response(201, to_json(item));
}

HttpResponse EvidenceRoutes::list(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  nlohmann::json items = nlohmann::json::array();
  for (const EvidenceItem& item :
       app_.evidence().list(user, campaign_id_from(params[0]), params[1])) {
    items.push_back(to_json(item));
  }
  return json_response(200, {{"evidence", std::move(items)},
                             {"max_files", Evidence::kMaxFilesPerReport},
                             {"max_file_bytes", Evidence::kMaxFileBytes}});
}

HttpResponse EvidenceRoutes::file(const HttpRequest& request, const Params& params) {
  return download(request, params, false);
}

HttpResponse EvidenceRoutes::thumbnail(const HttpRequest& request, const Params& params) {
  return download(request, params, true);
}

HttpResponse EvidenceRoutes::download(const HttpRequest& request, const Params& params,
                                      bool thumbnail) {
  const User user = authenticate(request);
  EvidenceDownload download = app_.evidence().file(user, campaign_id_from(params[0]), params[1],
                                                   evidence_id_from(params[2]), thumbnail);
  return file_response(DocumentFile{std::move(download.bytes), std::move(download.content_type),
                                    std::move(download.file_name), nullptr});
}

HttpResponse EvidenceRoutes::archive(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  reject_query(request);
  return file_response(app_.evidence().archive(user, campaign_id_from(params[0]), params[1]));
}

HttpResponse EvidenceRoutes::remove(const HttpRequest& request, const Params& params) {
  const User user = authenticate(request);
  app_.evidence().remove(user, campaign_id_from(params[0]), params[1], evidence_id_from(params[2]),
                         RequestContext{request.client_address});
  return no_content();
}

}  // namespace llw
