// Evidence pages (evidence_pages.h). An upload without JavaScript is a multipart form posted to
// …/minh-chung: on success a redirect back to the report's evidence section, on a refusal the
// report page again with the message next to the upload control (and the caption kept). app.js
// posts the same form with "ajax=1", one file at a time, and reads JSON: {ok, item} or
// {ok: false, message}, with the status the error kind maps to.

#include "web/pages/evidence_pages.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "app/evidence.h"
#include "domain/error.h"
#include "web/document_routes.h"
#include "web/http_errors.h"
#include "web/pages/evidence_view.h"
#include "web/pages/page_support.h"
#include "web/pages/workflow_view.h"
#include "web/request_body.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

std::int64_t page_evidence_id(const std::string& text) {
  const std::optional<std::int64_t> id = path_id(text);
  if (!id) {
    throw Error(ErrorKind::not_found, "Không tìm thấy minh chứng này trong báo cáo.", "evidence");
  }
  return *id;
}

std::string report_address(std::int64_t campaign_id, const std::string& unit_code) {
  return "/dot/" + std::to_string(campaign_id) + "/bao-cao/" + pages::url_encode(unit_code);
}

HttpResponse ajax_response(int status, const nlohmann::json& body) {
  HttpResponse response = json_response(status, body);
  response.is_page = true;
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

HttpResponse EvidencePages::upload(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::string& unit_code = params[1];
  const bool ajax = context.form.value("ajax") == "1";
  EvidenceUpload upload;
  upload.caption = context.form.value("caption");
  upload.item = context.form.value("item");
  // The file chosen, or else the photo taken with the camera button (a second input).
  for (const char* part : {"photo", "file"}) {
    const auto it = context.form.files.find(part);
    if (it != context.form.files.end() &&
        !(it->second.bytes.empty() && it->second.filename.empty())) {
      upload.bytes = std::move(it->second.bytes);
      upload.file_name = it->second.filename;
    }
  }
  std::string().swap(context.request.body);  // the form's part holds the file now
  try {
    if (upload.bytes.empty() && upload.file_name.empty()) {
      throw Error(ErrorKind::bad_input,
                  "Chưa chọn tệp minh chứng. Hãy chọn ảnh hoặc tệp rồi bấm “Tải lên”.", "file");
    }
    const EvidenceItem item =
        app_.evidence().attach(context.user, campaign_id, unit_code, std::move(upload),
                               RequestContext{context.request.client_address});
    if (ajax) {
      const std::vector<EvidenceItem> one{item};
      pages::EvidenceListInput input;
      input.items = &one;
      input.base = report_address(campaign_id, unit_code);
      input.editable = true;
      nlohmann::json view = pages::evidence_list_view(input);
      return ajax_response(201, {{"ok", true}, {"item", view["items"][0]}});
    }
    return redirect(report_address(campaign_id, unit_code) + "?da-tai-minh-chung=1#evidence");
  } catch (const Error& error) {
    const ErrorKind kind = error.kind();
    const bool shown_by_form = kind == ErrorKind::bad_input ||
                               kind == ErrorKind::validation_failed ||
                               kind == ErrorKind::too_large || kind == ErrorKind::conflict;
    if (ajax && kind != ErrorKind::internal) {
      return ajax_response(http_status(kind), {{"ok", false}, {"message", error.message()}});
    }
    if (!shown_by_form) throw;
    pages::EvidenceEcho echo;
    echo.error = error.message();
    echo.caption = context.form.value("caption");
    echo.item = context.form.value("item");
    return report_.report_page(context, campaign_id, unit_code, http_status(kind), {}, echo);
  }
}

HttpResponse EvidencePages::remove(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::string& unit_code = params[1];
  const std::int64_t id = page_evidence_id(params[2]);
  try {
    app_.evidence().remove(context.user, campaign_id, unit_code, id,
                           RequestContext{context.request.client_address});
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict) throw;
    pages::EvidenceEcho echo;
    echo.error = error.message();
    return report_.report_page(context, campaign_id, unit_code, 409, {}, echo);
  }
  return redirect(report_address(campaign_id, unit_code) + "?da-go-minh-chung=1#evidence");
}

HttpResponse EvidencePages::file(Context& context, const Params& params) {
  EvidenceDownload download = app_.evidence().file(context.user, parse_page_campaign_id(params[0]),
                                                   params[1], page_evidence_id(params[2]), false);
  const bool image = download.content_type.rfind("image/", 0) == 0;
  HttpResponse response =
      file_response(DocumentFile{std::move(download.bytes), std::move(download.content_type),
                                 std::move(download.file_name), nullptr});
  response.is_page = true;
  response.headers.emplace_back("Cache-Control", "private, no-store");
  // A photo opens in the browser; a document is saved.
  if (image) {
    for (auto& [name, value] : response.headers) {
      if (name == "Content-Disposition") value.replace(0, value.find(';'), "inline");
    }
  }
  return response;
}

HttpResponse EvidencePages::thumbnail(Context& context, const Params& params) {
  EvidenceDownload download = app_.evidence().file(context.user, parse_page_campaign_id(params[0]),
                                                   params[1], page_evidence_id(params[2]), true);
  HttpResponse response;
  response.is_page = true;
  response.content_type = "image/jpeg";
  // A file's bytes never change under its id, so the browser may keep the thumbnail a while.
  response.headers.emplace_back("Cache-Control", "private, max-age=3600");
  response.body = std::move(download.bytes);
  return response;
}

HttpResponse EvidencePages::gallery(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::int64_t page_number =
      pages::parse_page_number(pages::query_value(context.request.query, "trang"));
  const EvidenceGalleryPage gallery =
      app_.evidence().gallery(context.user, campaign_id, params[1], page_number);
  const std::string notice =
      context.request.query.count("da-luu") ? "Đã lưu lựa chọn ảnh cho phụ lục." : "";
  return page(context, 200, "evidence_gallery",
              pages::evidence_gallery_view(gallery, campaign_id,
                                           "/dot/" + std::to_string(campaign_id) + "/tong-hop/" +
                                               pages::url_encode(gallery.node.code),
                                           notice));
}

// The subtree's evidence as one ZIP, sent from disk (Evidence::archive).
HttpResponse EvidencePages::archive(Context& context, const Params& params) {
  HttpResponse response = file_response(
      app_.evidence().archive(context.user, parse_page_campaign_id(params[0]), params[1]));
  response.is_page = true;
  response.headers.emplace_back("Cache-Control", "private, no-store");
  return response;
}

// "Lưu lựa chọn": the page's photos ("tren-trang") are picked when ticked ("phu-luc-<id>") and
// dropped when not; photos of other pages keep their state.
HttpResponse EvidencePages::gallery_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::string& node_code = params[1];
  const std::int64_t page_number = pages::parse_page_number(context.form.value("trang"));
  const auto ids_of = [](const std::string& text) {
    std::vector<std::int64_t> ids;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
      const std::size_t comma = std::min(text.find(',', start), text.size());
      const std::optional<std::int64_t> id = path_id(text.substr(start, comma - start));
      if (!id) {
        throw Error(ErrorKind::bad_input, "Danh sách ảnh không hợp lệ. Hãy tải lại trang.",
                    "evidence");
      }
      ids.push_back(*id);
      start = comma + 1;
    }
    return ids;
  };
  const std::vector<std::int64_t> on_page = ids_of(context.form.value("tren-trang"));
  if (on_page.size() > static_cast<std::size_t>(Evidence::kGalleryPageSize)) {
    throw Error(ErrorKind::bad_input, "Danh sách ảnh không hợp lệ. Hãy tải lại trang.", "evidence");
  }
  const EvidenceGalleryPage current =
      app_.evidence().gallery(context.user, campaign_id, node_code, page_number);
  std::map<std::int64_t, bool> state;
  for (const GalleryPhoto& photo : current.photos) state[photo.attachment.id] = photo.in_annex;
  // Drops first, so a full annex can take the photos ticked instead.
  for (const bool pick : {false, true}) {
    for (const std::int64_t id : on_page) {
      const bool wanted = context.form.value("phu-luc-" + std::to_string(id)) == "1";
      const auto it = state.find(id);
      if (wanted != pick || (it != state.end() && it->second == wanted)) continue;
      app_.evidence().set_in_annex(context.user, campaign_id, node_code, id, wanted,
                                   RequestContext{context.request.client_address});
    }
  }
  return redirect("/dot/" + std::to_string(campaign_id) + "/tong-hop/" +
                  pages::url_encode(current.node.code) +
                  "/minh-chung?trang=" + std::to_string(current.page) + "&da-luu=1");
}

std::vector<PageRoute> EvidencePages::routes() {
  PageRoute upload_route{
      "POST", {"dot", "{}", "bao-cao", "{}", "minh-chung"}, bind(&EvidencePages::upload)};
  // A file of up to the evidence limit, with its part headers and the caption.
  upload_route.max_body_bytes = Evidence::kMaxFileBytes + 64 * 1024;
  return {
      std::move(upload_route),
      {"POST",
       {"dot", "{}", "bao-cao", "{}", "minh-chung", "{}", "go"},
       bind(&EvidencePages::remove)},
      {"GET", {"dot", "{}", "bao-cao", "{}", "minh-chung", "{}"}, bind(&EvidencePages::file)},
      {"GET",
       {"dot", "{}", "bao-cao", "{}", "minh-chung", "{}", "anh-nho"},
       bind(&EvidencePages::thumbnail)},
      {"GET", {"dot", "{}", "tong-hop", "{}", "minh-chung"}, bind(&EvidencePages::gallery)},
      {"POST", {"dot", "{}", "tong-hop", "{}", "minh-chung"}, bind(&EvidencePages::gallery_post)},
      {"GET", {"dot", "{}", "tong-hop", "{}", "minh-chung.zip"}, bind(&EvidencePages::archive)},
  };
}

}  // namespace llw
