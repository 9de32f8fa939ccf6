// The signed copy pages (signed_copy_pages.h). A refused upload shows the error page with the
// check's Vietnamese message; a kept one returns to the report page (or the consolidated page),
// which shows the verdict.
#include "web/pages/signed_copy_pages.h"

#include <string>

#include "app/signed_copies.h"
#include "domain/error.h"
#include "web/pages/page_support.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

// The posted file of an upload form; Error{too_large} over the pages' body limit,
// Error{bad_input} without a file.
const std::string& posted_pdf(PageContext& context) {
  if (context.body_too_large) {
    throw Error(ErrorKind::too_large,
                "Tệp quá lớn để tải lên từ trang này. Bản PDF báo cáo đã ký thường nhỏ hơn 1 MB; "
                "hãy kiểm tra lại tệp.",
                "file");
  }
  const auto part = context.form.files.find("file");
  if (part == context.form.files.end()) {
    throw Error(ErrorKind::bad_input, "Hãy chọn tệp PDF báo cáo đã ký số rồi bấm tải lên.", "file");
  }
  return part->second.bytes;
}

}  // namespace

std::vector<PageRoute> SignedCopyPages::routes() {
  const std::vector<std::string> path = {"dot", "{}", "bao-cao", "{}", "ban-ky-so"};
  PageRoute post{"POST", path, bind(&SignedCopyPages::upload)};
  post.answers_large_body = true;
  const std::vector<std::string> up = {"dot", "{}", "tong-hop", "{}", "ban-ky-so"};
  PageRoute post_up{"POST", up, bind(&SignedCopyPages::upload_consolidated)};
  post_up.answers_large_body = true;
  return {post,
          {"GET", path, bind(&SignedCopyPages::file)},
          post_up,
          {"GET", up, bind(&SignedCopyPages::consolidated_file)}};
}

HttpResponse SignedCopyPages::upload(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  app_.signed_copies().upload(context.user, campaign_id, params[1], posted_pdf(context),
                              RequestContext{context.request.client_address});
  return redirect("/dot/" + std::to_string(campaign_id) + "/bao-cao/" +
                  pages::url_encode(params[1]) + "?da-tai-ban-ky=1#signed-copy");
}

HttpResponse SignedCopyPages::file(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  std::string bytes = app_.signed_copies().latest_file(context.user, campaign_id, params[1]);
  return download(
      DocumentFile{std::move(bytes), "application/pdf", "bao-cao-da-ky-so.pdf", nullptr});
}

HttpResponse SignedCopyPages::upload_consolidated(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  app_.signed_copies().upload_consolidated(context.user, campaign_id, params[1],
                                           posted_pdf(context),
                                           RequestContext{context.request.client_address});
  return redirect("/dot/" + std::to_string(campaign_id) + "/tong-hop/" +
                  pages::url_encode(params[1]) + "?da-tai-ban-ky=1#signed-copy");
}

HttpResponse SignedCopyPages::consolidated_file(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  std::string bytes =
      app_.signed_copies().latest_consolidated_file(context.user, campaign_id, params[1]);
  return download(
      DocumentFile{std::move(bytes), "application/pdf", "bao-cao-tong-hop-da-ky-so.pdf", nullptr});
}

}  // namespace llw
