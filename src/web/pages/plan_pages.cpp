// The plan composer page (/dot/{id}/ke-hoach/{unit}) and its documents: a coordinator writes its
// node's plan, saves the draft ("Lưu dự thảo") and issues it ("Ban hành"); every reader sees the
// issued editions. Built on the level-plan use cases (Application::level_plan, save_level_plan,
// issue_level_plan, level_plan_preview, starting_level_plan), which check access and validate;
// this file reads the boxes and shows each refusal next to its box with everything kept as typed.

#include "web/pages/plan_pages.h"

#include <charconv>

#include "app/campaigns.h"
#include "app/level_plans.h"
#include "documents/html_renderer.h"
#include "domain/error.h"
#include "web/http_errors.h"
#include "web/pages/plan_view.h"

namespace llw {

std::int64_t parse_page_campaign_id(const std::string& text);  // report_pages.cpp

namespace {

std::optional<std::int64_t> parse_version(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::string plan_base(std::int64_t campaign_id, const std::string& unit_code) {
  return "/dot/" + std::to_string(campaign_id) + "/ke-hoach/" + pages::url_encode(unit_code);
}

}  // namespace

HttpResponse PlanPages::plan_composer_page(Context& context, std::int64_t campaign_id,
                                           const std::string& unit_code, int status,
                                           const pages::PlanFormValues* typed,
                                           pages::FormEcho echo) {
  const User& user = context.user;
  const Campaign campaign = app_.campaigns().get_campaign(user, campaign_id);
  const LevelPlanSheet sheet = app_.plans().level_plan(user, campaign_id, unit_code);
  pages::PlanPageInput input;
  input.campaign = &campaign;
  input.sheet = &sheet;
  input.base = plan_base(campaign_id, sheet.node.code);
  input.composing = sheet.may_compose;
  const LevelPlan* last = sheet.editions.empty() ? nullptr : &sheet.editions.back();
  const bool draft = last != nullptr && last->status == PlanStatus::draft;
  input.adjustment = last != nullptr && !draft;
  if (typed != nullptr) {
    input.form = *typed;
  } else if (sheet.may_compose) {
    if (last == nullptr) {
      input.form = pages::plan_form_values(
          app_.plans().starting_level_plan(user, campaign_id, unit_code), 0);
    } else {
      LevelPlanDraft current{last->number, last->issued_on, last->deadline, last->lock_date,
                             last->content};
      if (!draft) {
        // An adjustment starts from the issued text; its number and date are its own.
        current.number.clear();
        current.issued_on.reset();
      }
      input.form = pages::plan_form_values(current, draft ? last->version : 0);
    }
  }
  if (sheet.may_compose && draft) {
    input.preview_html =
        documents::render_html(app_.plans().level_plan_preview(user, campaign_id, unit_code));
  }
  const auto& query = context.request.query;
  input.issued_now = query.count("da-ban-hanh") > 0;
  if (echo.message.empty() && query.count("da-luu") > 0) {
    echo.message = "Đã lưu dự thảo. Xem lại bản xem trước bên dưới trước khi ban hành.";
  }
  input.echo = std::move(echo);
  nlohmann::json view = pages::plan_view(input);
  view["saved_now"] = status == 200 && query.count("da-luu") > 0;
  return page(context, status, "plan", std::move(view));
}

HttpResponse PlanPages::plan_composer(Context& context, const Params& params) {
  return plan_composer_page(context, parse_page_campaign_id(params[0]), params[1], 200, nullptr,
                            {});
}

HttpResponse PlanPages::plan_composer_post(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  const std::string& unit_code = params[1];
  const pages::PlanFormValues typed = pages::posted_plan_form(context.form);
  const bool issue = context.form.value("action") == "ban-hanh";
  const RequestContext request_context{context.request.client_address};
  pages::FormEcho echo;
  const LevelPlanDraft draft = pages::plan_draft_of(typed, echo.errors);
  const auto version = parse_version(typed.version);
  if (!version) {
    throw Error(ErrorKind::bad_input, "Trang soạn kế hoạch đã cũ. Hãy tải lại trang rồi sửa tiếp.",
                "version");
  }
  const auto refused = [&](const Error& error, const pages::PlanFormValues& shown) {
    for (const auto& [field, message] : error.fields()) echo.errors[field] = message;
    if (error.fields().empty()) echo.errors[error.field()] = error.message();
    echo.message = error.kind() == ErrorKind::conflict
                       ? error.message() + " Những gì bạn vừa nhập vẫn còn bên dưới."
                       : "Chưa lưu được. Hãy sửa các ô được đánh dấu rồi bấm lại.";
    if (error.kind() == ErrorKind::conflict) echo.errors.erase("version");
    return plan_composer_page(context, campaign_id, unit_code, http_status(error.kind()), &shown,
                              std::move(echo));
  };
  if (!echo.errors.empty()) {
    echo.message = "Chưa lưu được. Hãy sửa các ô được đánh dấu rồi bấm lại.";
    return plan_composer_page(context, campaign_id, unit_code, 422, &typed, std::move(echo));
  }
  LevelPlan saved;
  try {
    saved = app_.plans().save_level_plan(context.user, campaign_id, unit_code, *version, draft,
                                         request_context);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::validation_failed && error.kind() != ErrorKind::conflict &&
        error.kind() != ErrorKind::bad_input) {
      throw;
    }
    return refused(error, typed);
  }
  const std::string base = plan_base(campaign_id, saved.unit_code);
  if (!issue) return redirect(base + "?da-luu=1");

  // The draft is saved; from here on the page shows it at its new version.
  pages::PlanFormValues stored = typed;
  stored.version = std::to_string(saved.version);
  const LevelPlanSheet sheet = app_.plans().level_plan(context.user, campaign_id, unit_code);
  if (!sheet.warnings.empty() && !context.form.has("confirm_years")) {
    echo.message =
        "Đã lưu dự thảo nhưng chưa ban hành: văn bản còn ghi năm khác năm của Tuần lễ (xem các "
        "mục được nêu). Hãy sửa lại, hoặc đánh dấu ô xác nhận nếu năm đó là đúng, rồi bấm Ban "
        "hành.";
    return plan_composer_page(context, campaign_id, unit_code, 422, &stored, std::move(echo));
  }
  try {
    app_.plans().issue_level_plan(context.user, campaign_id, unit_code, saved.version,
                                  request_context);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::validation_failed && error.kind() != ErrorKind::conflict) throw;
    return refused(error, stored);
  }
  return redirect(base + "?da-ban-hanh=1");
}

HttpResponse PlanPages::plan_download(Context& context, const Params& params) {
  const std::int64_t campaign_id = parse_page_campaign_id(params[0]);
  int edition = 0;
  if (params[2] != "du-thao") {
    const auto [end, error] =
        std::from_chars(params[2].data(), params[2].data() + params[2].size(), edition);
    if (error != std::errc{} || end != params[2].data() + params[2].size() || edition < 1) {
      throw Error(ErrorKind::not_found, "Không có bản kế hoạch này.", "edition");
    }
  }
  const auto format = document_format_from_string(params[3]);
  if (!format || (*format != DocumentFormat::docx && *format != DocumentFormat::pdf)) {
    throw Error(ErrorKind::not_found, "Kế hoạch chỉ tải được dạng PDF hoặc DOCX.", "path");
  }
  return download(
      app_.plans().level_plan_document(context.user, campaign_id, params[1], edition, *format));
}

std::vector<PageRoute> PlanPages::routes() {
  return {
      {"GET", {"dot", "{}", "ke-hoach", "{}"}, bind(&PlanPages::plan_composer)},
      {"POST", {"dot", "{}", "ke-hoach", "{}"}, bind(&PlanPages::plan_composer_post)},
      {"GET", {"dot", "{}", "ke-hoach", "{}", "tai", "{}", "{}"}, bind(&PlanPages::plan_download)},
  };
}

}  // namespace llw
