// /dot/{id}/nhap-bao-cao/{unit}: the coordinator's entry of a subtree's reports from a
// spreadsheet. GET shows the page (with ?mau=xlsx, the template, prefilled); POST takes the filled
// file (multipart, no JavaScript needed) and shows every problem by sheet, row and column, or how
// many reports were entered. Access and rules are Reports::enter_reports's.

#include "web/pages/report_entry_pages.h"

#include "app/campaigns.h"
#include "app/reports.h"
#include "domain/error.h"
#include "web/request_body.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

nlohmann::json entry_view(const PageContext& context, const Campaign& campaign,
                          const OrgUnit& node) {
  const std::size_t limit = context.max_body_bytes;
  const std::string base = "/dot/" + std::to_string(campaign.id);
  const std::string code = pages::url_encode(node.code);
  return {{"title", "Nhập báo cáo từ tệp"},
          {"campaign_name", campaign.name},
          {"node_name", node.name},
          {"action", base + "/nhap-bao-cao/" + code},
          {"template_href", base + "/nhap-bao-cao/" + code + "?mau=xlsx"},
          {"dashboard_href", base + "/tong-quan/" + code},
          {"max_file_bytes", std::to_string(pages::upload_file_limit(limit))},
          {"too_large_message", "Tệp quá lớn: tối đa " + human_size(limit) +
                                    ". Hãy chia các đơn vị thành nhiều tệp nhỏ hơn rồi nhập lần "
                                    "lượt."}};
}

}  // namespace

HttpResponse ReportEntryPages::entry_page(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  if (const auto it = context.request.query.find("mau"); it != context.request.query.end()) {
    if (it->second != "xlsx") {
      throw Error(ErrorKind::not_found, "Không có tệp mẫu này; tệp mẫu có dạng XLSX.", "mau");
    }
    return download(app_.reports().entry_template(context.user, campaign_id, params[1]));
  }
  const OrgUnit node = app_.reports().entry_node(context.user, campaign_id, params[1]);
  const Campaign campaign = app_.campaigns().get_campaign(context.user, campaign_id);
  return page(context, 200, "report_entry", entry_view(context, campaign, node));
}

HttpResponse ReportEntryPages::entry_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const OrgUnit node = app_.reports().entry_node(context.user, campaign_id, params[1]);
  const Campaign campaign = app_.campaigns().get_campaign(context.user, campaign_id);
  nlohmann::json view = entry_view(context, campaign, node);
  const auto it = context.form.files.find("file");
  if (context.body_too_large) {
    view["has_message"] = true;
    view["message"] = view["too_large_message"];
    return page(context, 413, "report_entry", std::move(view));
  }
  if (it == context.form.files.end() || it->second.bytes.empty()) {
    view["has_message"] = true;
    view["message"] = "Hãy chọn tệp Excel (.xlsx) đã điền rồi bấm “Nhập báo cáo”.";
    return page(context, 422, "report_entry", std::move(view));
  }
  const ReportEntryResult result =
      app_.reports().enter_reports(context.user, campaign_id, node.code, it->second.bytes,
                                   RequestContext{context.request.client_address});
  view["file_name"] = it->second.filename;
  if (!result.problems.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const EntryProblem& problem : result.problems) {
      rows.push_back({{"where", entry_problem_place(problem)}, {"message", problem.message}});
    }
    view["has_errors"] = true;
    view["errors"] = std::move(rows);
    view["message"] = entry_refusal_message(result.problems);
    return page(context, 422, "report_entry", std::move(view));
  }
  view["has_result"] = true;
  view["result"] =
      "Đã nhập " + std::to_string(result.entered) + " báo cáo" +
      (result.unchanged > 0 ? " (" + std::to_string(result.unchanged) + " báo cáo không thay đổi)"
                            : std::string()) +
      " từ tệp " + it->second.filename + ".";
  return page(context, 200, "report_entry", std::move(view));
}

std::vector<PageRoute> ReportEntryPages::routes() {
  return {
      {"GET", {"dot", "{}", "nhap-bao-cao", "{}"}, bind(&ReportEntryPages::entry_page)},
      {"POST",
       {"dot", "{}", "nhap-bao-cao", "{}"},
       bind(&ReportEntryPages::entry_post),
       false,
       false,
       true},
  };
}

}  // namespace llw
