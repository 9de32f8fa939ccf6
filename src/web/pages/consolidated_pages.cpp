// The consolidated report page of a node: figures, the units' texts, the coordinator's own
// narrative (saved with versioning, a stale save shows both versions), and the export buttons.

#include "web/pages/consolidated_pages.h"

#include "app/document_downloads.h"
#include "app/reporting_up.h"
#include "app/signed_copies.h"
#include "app/summaries.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"
#include "web/pages/consolidated_view.h"
#include "web/pages/plan_links.h"
#include "web/pages/reporting_up_pages.h"
#include "web/pages/reporting_up_view.h"
#include "web/pages/signed_copy_view.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

// "bao-cao.docx" → the summary document; "so-lieu.xlsx" → the data export.
struct ExportChoice {
  bool data = false;
  DocumentFormat format = DocumentFormat::pdf;
};

// The units' texts shown per part on the page; the rest are a link away, 50 to a page.
constexpr int kTextsShown = 10;

std::optional<ExportChoice> export_choice(const std::string& name) {
  if (name == "bao-cao.docx") return ExportChoice{false, DocumentFormat::docx};
  if (name == "bao-cao.pdf") return ExportChoice{false, DocumentFormat::pdf};
  if (name == "so-lieu.xlsx") return ExportChoice{true, DocumentFormat::xlsx};
  if (name == "so-lieu.csv") return ExportChoice{true, DocumentFormat::csv};
  return std::nullopt;
}

}  // namespace

HttpResponse ConsolidatedPages::consolidated(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  // Read first: the access check (read_summary) and the narrative's version, which its saves
  // change without the campaign's revision.
  const auto [revision, narrative_version, previous_revision] =
      app_.reporting_up().consolidated_versions(context.user, campaign_id, params[1],
                                                context.known_revision(campaign_id));
  // Everything else the page shows follows the revision, and its comparison with last year
  // follows last year's revision (as the summary's cache); what it offers follows the reader's
  // role and place in the tree (the access policy's inputs) and the notices in the address.
  const auto& query = context.request.query;
  const User& user = context.user;
  const std::string key =
      "tong-hop/" + std::to_string(campaign_id) + "/" + params[1] + "|" +
      std::string(to_string(user.role)) + "|" + user.unit_path + "|" +
      std::to_string(narrative_version) + "|" + std::to_string(previous_revision) + "|" +
      (query.count("da-luu") ? "1" : "0") + (query.count("da-tai-ban-ky") ? "1" : "0") + "|" +
      pages::query_value(query, "len");
  return cached_page(context, key, revision, "consolidated", [&] {
    const ConsolidatedNarrative saved =
        app_.reporting_up().consolidated_narrative(context.user, campaign_id, params[1]);
    return consolidated_view_of(context, params, saved, {});
  });
}

HttpResponse ConsolidatedPages::consolidated_page(Context& context, const Params& params,
                                                  int status, const pages::ReportingUpEcho& echo) {
  const ConsolidatedNarrative saved = app_.reporting_up().consolidated_narrative(
      context.user, parse_page_campaign_id(params[0]), params[1]);
  return page(context, status, "consolidated", consolidated_view_of(context, params, saved, echo));
}

nlohmann::json ConsolidatedPages::consolidated_view_of(Context& context, const Params& params,
                                                       const ConsolidatedNarrative& saved,
                                                       const pages::ReportingUpEcho& echo) {
  const NodeSummary data = node_summary(context, params, kTextsShown);
  pages::ConsolidatedInput input;
  input.saved = &saved;
  input.texts = saved.texts;
  input.version = saved.version;
  input.editable = is_allowed(context.user, Action::write_summary, data.node);
  if (context.request.query.count("da-luu")) input.notice = "Đã lưu báo cáo tổng hợp.";
  return consolidated_page_view(context, data, input, echo);
}

nlohmann::json ConsolidatedPages::consolidated_page_view(Context& context, const NodeSummary& data,
                                                         pages::ConsolidatedInput& input,
                                                         const pages::ReportingUpEcho& echo) {
  input.campaign = &data.campaign;
  input.node = &data.node;
  input.summary = &data.summary;
  input.base_href =
      "/dot/" + std::to_string(data.campaign.id) + "/tong-hop/" + pages::url_encode(data.node.code);
  input.history = app_.reporting_up().consolidated_narrative_history(context.user, data.campaign.id,
                                                                     data.node.code, 20);
  nlohmann::json view = pages::consolidated_view(input);
  const std::string base =
      "/dot/" + std::to_string(data.campaign.id) + "/tong-hop/" + pages::url_encode(data.node.code);
  view["action"] = base;
  view["exports"] = nlohmann::json::array(
      {{{"href", base + "/xuat/bao-cao.docx"}, {"label", "Tải báo cáo (DOCX)"}},
       {{"href", base + "/xuat/bao-cao.pdf"}, {"label", "Tải báo cáo (PDF)"}},
       {{"href", base + "/xuat/so-lieu.xlsx"}, {"label", "Tải số liệu (XLSX)"}},
       {{"href", base + "/xuat/so-lieu.csv"}, {"label", "Tải số liệu (CSV)"}}});
  // The subtree's photos, and the coordinator's picks for the report's annex (evidence_pages.h).
  view["evidence_href"] = base + "/minh-chung";
  view["up"] = reporting_up_section(app_.reporting_up(), context, data.campaign, data.node, echo);
  view["signed_copy"] = signed_copy_section(context, data.campaign, data.node);
  // The plans the node issued and works under, beside the report they are reported against.
  pages::add_plan_links(view, app_.plans(), context.user, data.campaign, data.node);
  return view;
}

nlohmann::json ConsolidatedPages::signed_copy_section(Context& context, const Campaign& campaign,
                                                      const OrgUnit& node) {
  const User& user = context.user;
  ConsolidatedReport report;
  try {
    report = app_.reporting_up().consolidated_report(user, campaign.id, node.code);
  } catch (const Error& error) {
    // A node without reporting units below it sends nothing up, so signs nothing.
    if (error.kind() == ErrorKind::not_found) return nullptr;
    throw;
  }
  pages::SignedCopyInput input;
  input.consolidated = true;
  input.latest = app_.signed_copies().latest_consolidated(user, campaign.id, node.code);
  input.required = app_.signed_copies().required(user, campaign.id);
  // As the use case decides (signed_copies.h): the node's own coordinator, after sending it up.
  input.can_upload =
      is_allowed(user, Action::submit_consolidated, node) &&
      (report.status == ReportStatus::submitted || report.status == ReportStatus::accepted);
  input.version = report.version;
  input.base = "/dot/" + std::to_string(campaign.id) + "/tong-hop/" + pages::url_encode(node.code);
  input.pdf_href = input.base + "/xuat/bao-cao.pdf";
  // No csrf of its own: the body may be cached for every session, so the page's token serves.
  nlohmann::json view = pages::signed_copy_view(input);
  if (view.is_object() && context.request.query.count("da-tai-ban-ky")) {
    view["upload_notice"] =
        "Đã tải lên bản báo cáo tổng hợp đã ký số; kết quả kiểm tra chữ ký ở "
        "bên dưới.";
  }
  return view;
}

HttpResponse ConsolidatedPages::consolidated_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const User& user = context.user;
  const OrgUnit node = app_.units().get_unit(user, params[1]);
  require_allowed(user, Action::write_summary, node);
  std::int64_t version = 0;
  try {
    version = std::stoll(context.form.value("version"));
  } catch (const std::exception&) {
    throw Error(ErrorKind::bad_input, "Biểu mẫu thiếu số phiên bản. Hãy tải lại trang.", "version");
  }
  std::map<std::string, std::string> texts;
  for (const auto& [key, title] : pages::consolidated_parts()) {
    texts[key] = context.form.value("n." + key);
  }
  try {
    app_.reporting_up().save_consolidated_narrative(user, campaign_id, node.code, version, texts);
    return redirect("/dot/" + std::to_string(campaign_id) + "/tong-hop/" +
                    pages::url_encode(node.code) + "?da-luu=1");
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::conflict && error.kind() != ErrorKind::validation_failed) throw;
    // The page as a GET shows it, with the posted texts and their messages.
    const NodeSummary data = node_summary(context, params, kTextsShown);
    const ConsolidatedNarrative saved =
        app_.reporting_up().consolidated_narrative(user, campaign_id, node.code);
    pages::ConsolidatedInput input;
    input.saved = &saved;
    input.texts = texts;
    input.editable = true;
    input.errors = error.fields();
    input.version = version;
    if (error.kind() == ErrorKind::conflict) {
      input.theirs = &saved;
      input.version = saved.version;  // saving again now replaces the newer version knowingly
    }
    return page(context, error.kind() == ErrorKind::conflict ? 409 : 422, "consolidated",
                consolidated_page_view(context, data, input, {}));
  }
}

HttpResponse ConsolidatedPages::document_export(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const auto choice = export_choice(params[2]);
  if (!choice) {
    throw Error(ErrorKind::not_found, "Không có tệp xuất này. Hãy chọn một nút trên trang.",
                "path");
  }
  const DocumentFile file =
      choice->data
          ? app_.documents().data_export(context.user, campaign_id, params[1], choice->format)
          : app_.documents().summary_document(context.user, campaign_id, params[1], choice->format);
  return download(file);
}

HttpResponse ConsolidatedPages::unit_texts(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::int64_t page_number =
      pages::parse_page_number(pages::query_value(context.request.query, "trang"));
  // The texts follow the campaign's revision: the same page asked again is framed from the body
  // rendered the first time (the access check runs on every request).
  const std::int64_t revision = app_.summaries().unit_texts_revision(
      context.user, campaign_id, params[1], params[2], context.known_revision(campaign_id));
  const std::string key = "y-kien/" + std::to_string(campaign_id) + "/" + params[1] + "/" +
                          params[2] + "?" + std::to_string(page_number);
  return cached_page(context, key, revision, "unit_texts", [&] {
    const UnitTextsPage texts =
        app_.summaries().unit_texts(context.user, campaign_id, params[1], params[2], page_number);
    const std::string base =
        "/dot/" + std::to_string(campaign_id) + "/tong-hop/" + pages::url_encode(texts.node.code);
    return pages::unit_texts_view(texts, base);
  });
}

std::vector<PageRoute> ConsolidatedPages::routes() {
  return {
      {"GET", {"dot", "{}", "tong-hop", "{}"}, bind(&ConsolidatedPages::consolidated)},
      {"POST", {"dot", "{}", "tong-hop", "{}"}, bind(&ConsolidatedPages::consolidated_post)},
      {"GET",
       {"dot", "{}", "tong-hop", "{}", "xuat", "{}"},
       bind(&ConsolidatedPages::document_export)},
      {"GET",
       {"dot", "{}", "tong-hop", "{}", "y-kien", "{}"},
       bind(&ConsolidatedPages::unit_texts)},
  };
}

}  // namespace llw
