// The plans at every level (domain/level_plan.h): a coordinating node's own plan inside the
// campaign, saved as a draft with a compare-and-swap, issued with its documents frozen, adjusted
// by a new edition; and the dates every unit works under, from the nearest issued plan above it.
#include "app/level_plans.h"

#include <algorithm>
#include <cctype>

#include "app/application.h"
#include "app/audited.h"
#include "app/campaigns.h"
#include "app/use_case_core.h"
#include "documents/builders.h"
#include "documents/docx_renderer.h"
#include "documents/pdf_renderer.h"
#include "domain/access.h"
#include "domain/campaign_year.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

namespace {

std::optional<LevelPlan> latest_issued(const std::vector<LevelPlan>& editions) {
  for (auto it = editions.rbegin(); it != editions.rend(); ++it) {
    if (it->status == PlanStatus::issued) return *it;
  }
  return std::nullopt;
}

// "Thực hiện Quyết định số 3929/QĐ-UBND ngày 01/10/2025 của Ủy ban nhân dân thành phố Hải Phòng
// ban hành Kế hoạch tổ chức …" when the level above decided (QĐ), "Thực hiện Kế hoạch số … về tổ
// chức …" when it planned; then the node's own sentence.
std::string legal_basis(const std::string& number, std::optional<std::chrono::year_month_day> on,
                        const std::string& issuer, const OrgUnit& node, int year) {
  const std::string week = week_name(year);
  std::string text = "Thực hiện ";
  const std::string date = on ? " ngày " + format_vietnamese_date(*on) : std::string();
  if (number.empty()) {
    text += "kế hoạch của " + issuer + " về tổ chức " + week;
  } else if (number.find("/QĐ") != std::string::npos) {
    text +=
        "Quyết định số " + number + date + " của " + issuer + " ban hành Kế hoạch tổ chức " + week;
  } else {
    text += "Kế hoạch số " + number + date + " của " + issuer + " về tổ chức " + week;
  }
  return text + "; " + documents::running_name_of(node) + " xây dựng kế hoạch tổ chức " + week +
         " trên địa bàn, cụ thể như sau:";
}

}  // namespace

EffectiveDates LevelPlans::effective_dates(const Campaign& campaign, const OrgUnit& unit) {
  return llw::effective_dates(campaign, unit.path,
                              store_->plans().issued_plan_dates_above(campaign.id, unit.path));
}

std::string LevelPlans::level_plan_legal_basis(const Campaign& campaign, const OrgUnit& node) {
  // The issuer's plan opens with what its own superior sent (typed in the campaign's plan).
  if (node.code == campaign.issuer_code) return campaign.plan.value("legal_basis", std::string());
  const EffectiveDates above = effective_dates(campaign, node);
  if (above.plan_unit_id != 0) {
    const OrgUnit issuer = core_.load_unit(above.plan_unit_code);
    if (auto plan = latest_issued(store_->plans().level_plans(campaign.id, issuer.id))) {
      return legal_basis(plan->number, plan->issued_on, documents::running_name_of(issuer), node,
                         campaign.year);
    }
  }
  const OrgUnit issuer = core_.load_unit(campaign.issuer_code, "issuer");
  const auto& plan = campaign.plan;
  return legal_basis(plan.value("number", std::string()),
                     parse_iso_date(plan.value("issued_on", std::string())),
                     documents::running_name_of(issuer), node, campaign.year);
}

LevelPlanSheet LevelPlans::level_plan(const User& actor, std::int64_t campaign_id,
                                      const std::string& unit_code) {
  const Campaign campaign = app_.campaigns().get_campaign(actor, campaign_id);
  LevelPlanSheet sheet;
  sheet.node = core_.load_unit(unit_code);
  if (!may_have_level_plan(campaign, sheet.node)) {
    throw Error(ErrorKind::not_found,
                "Đơn vị " + sheet.node.name +
                    " không có kế hoạch riêng trong đợt này: chỉ đơn vị ban hành đợt và các tỉnh, "
                    "thành phố, xã, phường bên dưới lập kế hoạch cho cấp mình.",
                "unit");
  }
  sheet.may_compose = is_allowed(actor, Action::manage_campaign, sheet.node);
  sheet.is_issuer = sheet.node.code == campaign.issuer_code;
  // Units below see the plan once it is issued; the node's and its ancestors' readers as well.
  const bool below = !actor.unit_path.empty() && actor.unit_path.rfind(sheet.node.path, 0) == 0;
  if (!sheet.may_compose && !below && !is_allowed(actor, Action::read_unit, sheet.node)) {
    throw Error(ErrorKind::forbidden,
                "Bạn không có quyền xem kế hoạch của " + sheet.node.name + ".", "unit");
  }
  for (LevelPlan& plan : store_->plans().level_plans(campaign.id, sheet.node.id)) {
    if (!sheet.may_compose && plan.status != PlanStatus::issued) continue;
    sheet.editions.push_back(std::move(plan));
  }
  sheet.above = effective_dates(campaign, sheet.node);
  sheet.legal_basis = level_plan_legal_basis(campaign, sheet.node);
  if (sheet.may_compose && !sheet.editions.empty() &&
      sheet.editions.back().status == PlanStatus::draft) {
    sheet.warnings = level_plan_year_warnings(sheet.editions.back(), campaign.year);
  }
  return sheet;
}

LevelPlan LevelPlans::save_level_plan(const User& actor, std::int64_t campaign_id,
                                      const std::string& unit_code, std::int64_t expected_version,
                                      const LevelPlanDraft& draft, const RequestContext& context) {
  return audited(
      app_, actor, context, "plan.save", unit_code, "campaign " + std::to_string(campaign_id),
      "version " + std::to_string(expected_version), [&] {
        const Campaign campaign = core_.load_campaign(campaign_id);
        const OrgUnit node = core_.load_unit(unit_code);
        require_allowed(actor, Action::manage_campaign, node);
        if (!may_have_level_plan(campaign, node)) {
          throw Error(ErrorKind::validation_failed,
                      "Chỉ đơn vị ban hành đợt và các tỉnh, thành phố, xã, phường bên dưới lập "
                      "kế hoạch cho cấp mình.",
                      "unit");
        }
        const auto editions = store_->plans().level_plans(campaign.id, node.id);
        LevelPlan plan;
        plan.campaign_id = campaign.id;
        plan.unit_id = node.id;
        plan.unit_code = node.code;
        if (!editions.empty() && editions.back().status == PlanStatus::draft) {
          plan.edition = editions.back().edition;
        } else {
          plan.edition = editions.empty() ? 1 : editions.back().edition + 1;
          if (expected_version != 0 && editions.empty()) {
            throw Error(ErrorKind::conflict,
                        "Chưa có dự thảo kế hoạch nào; gửi \"version\": 0 để bắt đầu soạn.",
                        "version");
          }
          if (expected_version != 0) {
            throw Error(ErrorKind::conflict,
                        "Kế hoạch (bản " + std::to_string(editions.back().edition) +
                            ") đã ban hành nên không sửa được. Muốn thay đổi, hãy soạn kế hoạch "
                            "điều chỉnh (gửi \"version\": 0 để bắt đầu bản " +
                            std::to_string(plan.edition) + ").",
                        "version");
          }
        }
        plan.version = expected_version + 1;
        plan.number = draft.number;
        plan.issued_on = draft.issued_on;
        plan.deadline = draft.deadline;
        plan.lock_date = draft.lock_date;
        plan.content = draft.content;
        plan.updated_at = clock_();
        plan.updated_by = actor.display_name;
        validate_level_plan(plan, campaign, effective_dates(campaign, node), false);
        store_->plans().write_level_plan(plan, expected_version);
        return plan;
      });
}

LevelPlan LevelPlans::issue_level_plan(const User& actor, std::int64_t campaign_id,
                                       const std::string& unit_code, std::int64_t expected_version,
                                       const RequestContext& context) {
  return audited(
      app_, actor, context, "plan.issue", unit_code, "campaign " + std::to_string(campaign_id),
      "version " + std::to_string(expected_version), [&] {
        const Campaign campaign = core_.load_campaign(campaign_id);
        const OrgUnit node = core_.load_unit(unit_code);
        require_allowed(actor, Action::manage_campaign, node);
        const auto editions = store_->plans().level_plans(campaign.id, node.id);
        if (editions.empty() || editions.back().status != PlanStatus::draft) {
          throw Error(ErrorKind::conflict,
                      editions.empty()
                          ? "Chưa có dự thảo kế hoạch để ban hành."
                          : "Kế hoạch (bản " + std::to_string(editions.back().edition) +
                                ") đã ban hành; không ban hành lại được.",
                      "version");
        }
        LevelPlan plan = editions.back();
        if (plan.version != expected_version) {
          throw Error(ErrorKind::conflict,
                      "Dự thảo vừa được người khác sửa (phiên bản hiện tại: " +
                          std::to_string(plan.version) +
                          "). Hãy xem lại bản mới nhất trước khi ban hành.",
                      "version");
        }
        validate_level_plan(plan, campaign, effective_dates(campaign, node), true);
        plan.status = PlanStatus::issued;
        plan.version = expected_version + 1;
        plan.issued_at = plan.updated_at = clock_();
        plan.updated_by = actor.display_name;
        const documents::Document document = level_plan_document_model(campaign, node, plan);
        plan.docx = documents::render_docx(document);
        plan.pdf = documents::render_pdf(document);
        store_->plans().write_level_plan(plan, expected_version);
        plan.docx.clear();
        plan.pdf.clear();
        return plan;
      });
}

documents::Document LevelPlans::level_plan_document_model(const Campaign& campaign,
                                                          const OrgUnit& node,
                                                          const LevelPlan& plan) {
  // The plan document is built as the campaign's is, from the same fields: the node's content,
  // its number and date, the legal basis citing the plan above, the campaign's theme and week.
  Campaign as_issued = campaign;
  nlohmann::json fields = plan.content.is_object() ? plan.content : nlohmann::json::object();
  fields["number"] = plan.number;
  if (plan.issued_on) fields["issued_on"] = format_iso_date(*plan.issued_on);
  if (node.code != campaign.issuer_code || !fields.contains("legal_basis")) {
    fields["legal_basis"] = level_plan_legal_basis(campaign, node);
  }
  fields["theme"] = campaign.theme();
  // The deadline and lock date the plan sets for the units below close its text.
  // It goes before the closing mark "./." that ends an administrative document's text.
  std::string closing = fields.value("closing", std::string());
  const std::string end_mark = "./.";
  const bool marked =
      closing.size() >= end_mark.size() &&
      closing.compare(closing.size() - end_mark.size(), end_mark.size(), end_mark) == 0;
  if (marked) closing.resize(closing.size() - end_mark.size());
  if (!closing.empty() && closing.back() != '.') closing += '.';
  closing += (closing.empty() ? "" : " ") + std::string("Các đơn vị gửi báo cáo kết quả về ") +
             documents::running_name_of(node) + " trước ngày " +
             format_vietnamese_date(plan.deadline) + "; sau ngày " +
             format_vietnamese_date(plan.lock_date) + " hệ thống khóa sổ báo cáo" +
             (marked ? end_mark : std::string("."));
  fields["closing"] = closing;
  as_issued.plan = std::move(fields);
  as_issued.deadline = plan.deadline;
  as_issued.lock_date = plan.lock_date;
  const auto parent =
      node.parent_id ? store_->units().find_unit_by_id(*node.parent_id) : std::nullopt;
  return documents::build_plan_document(as_issued, node, parent ? &*parent : nullptr);
}

documents::Document LevelPlans::level_plan_preview(const User& actor, std::int64_t campaign_id,
                                                   const std::string& unit_code) {
  const LevelPlanSheet sheet = level_plan(actor, campaign_id, unit_code);  // access
  if (!sheet.may_compose || sheet.editions.empty() ||
      sheet.editions.back().status != PlanStatus::draft) {
    throw Error(ErrorKind::not_found, "Không có dự thảo kế hoạch để xem trước.", "edition");
  }
  return level_plan_document_model(core_.load_campaign(campaign_id), sheet.node,
                                   sheet.editions.back());
}

DocumentFile LevelPlans::level_plan_document(const User& actor, std::int64_t campaign_id,
                                             const std::string& unit_code, int edition,
                                             DocumentFormat format) {
  if (format != DocumentFormat::docx && format != DocumentFormat::pdf) {
    throw Error(ErrorKind::bad_input, "Kế hoạch chỉ tải được dưới dạng .docx hoặc .pdf.", "format");
  }
  const LevelPlanSheet sheet = level_plan(actor, campaign_id, unit_code);  // access
  const Campaign campaign = core_.load_campaign(campaign_id);
  DocumentFile file;
  file.content_type = std::string(content_type_of(format));
  if (edition == 0) {
    // The draft's preview: exactly the document issuing it would freeze, for its composers.
    const auto document = level_plan_preview(actor, campaign_id, unit_code);
    file.bytes = format == DocumentFormat::pdf ? documents::render_pdf(document)
                                               : documents::render_docx(document);
    file.file_name = "du-thao-" + document.file_stem + "." + std::string(to_string(format));
    return file;
  }
  const bool visible = std::any_of(sheet.editions.begin(), sheet.editions.end(), [&](auto& p) {
    return p.edition == edition && p.status == PlanStatus::issued;
  });
  const auto stored = visible
                          ? store_->plans().level_plan_edition(campaign.id, sheet.node.id, edition)
                          : std::nullopt;
  if (!stored) {
    throw Error(ErrorKind::not_found,
                "Không có kế hoạch đã ban hành bản " + std::to_string(edition) + ".", "edition");
  }
  file.bytes = format == DocumentFormat::pdf ? stored->pdf : stored->docx;
  file.file_name = "ke-hoach-" + sheet.node.code + "-" + std::to_string(campaign.year) +
                   (edition > 1 ? "-dieu-chinh-" + std::to_string(edition - 1) : std::string()) +
                   "." + std::string(to_string(format));
  std::transform(file.file_name.begin(), file.file_name.end(), file.file_name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return file;
}

}  // namespace llw
