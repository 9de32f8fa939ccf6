// The plan (KẾ HOẠCH) from a campaign's structured plan fields, laid out as the seed plan
// 83/KH-UBND is: basis, I. purposes, II. theme / period / activities a–e, III. assignments,
// closing, recipients, signer, and the form's outline as the attached đề cương.
#include "documents/builder_support.h"
#include "domain/clock.h"

namespace llw::documents {

using detail::plan_string;
using nlohmann::json;

namespace {

std::vector<std::string> string_list(const json& plan, const char* key) {
  std::vector<std::string> list;
  if (!plan.is_object() || !plan.contains(key) || !plan.at(key).is_array()) return list;
  for (const auto& entry : plan.at(key)) {
    if (entry.is_string()) list.push_back(entry.get<std::string>());
  }
  return list;
}

std::string quoted(const std::string& text) {
  if (text.rfind("“", 0) == 0) return text;
  return "“" + text + "”.";
}

// The đề cương: the form's sections and items as the outline units fill in.
Annex outline_annex(const Campaign& campaign, const OrgUnit& issuer) {
  Annex annex;
  annex.title = "ĐỀ CƯƠNG BÁO CÁO";
  annex.subtitle = "Kết quả tổ chức thực hiện " + week_name(campaign.year);
  const std::string citation = detail::plan_citation(campaign);
  if (!citation.empty()) {
    annex.note = "(Kèm theo " + citation + " của " + detail::running_name(issuer) + ")";
  }
  if (!campaign.form) return annex;
  for (const FormSection& section : campaign.form->sections) {
    for (Block& heading : detail::outline_headings(section.title)) annex.blocks.push_back(heading);
    const auto entries = detail::outline_entries(section);
    const bool single_narrative =
        entries.size() == 1 && entries[0].item && entries[0].item->type == ItemType::narrative;
    if (single_narrative) continue;  // the heading is the whole instruction
    for (const auto& entry : entries) {
      switch (entry.kind) {
        case detail::OutlineEntry::Kind::activities: {
          annex.blocks.push_back(
              dash("Tổ chức các hoạt động học tập (có tổ chức hay không, số buổi, số lượt người "
                   "tham gia, nội dung của Kế hoạch mà hoạt động hưởng ứng):"));
          for (const FormItem* item : entry.items) {
            if (item->measure == "held" || item->type == ItemType::table) {
              annex.blocks.push_back(plus(item->label + ";"));
            }
          }
          break;
        }
        case detail::OutlineEntry::Kind::participation:
          annex.blocks.push_back(
              dash("Tỷ lệ người tham gia (số người tham gia theo từng đối "
                   "tượng, so với số người của đơn vị):"));
          for (const FormItem* item : entry.items) {
            annex.blocks.push_back(plus(detail::short_label(item->label) + ";"));
          }
          break;
        case detail::OutlineEntry::Kind::item: {
          std::string letter, rest;
          if (detail::has_point_label(entry.item->label, letter, rest)) {
            annex.blocks.push_back(point(letter, rest + ":"));
          } else {
            annex.blocks.push_back(dash(entry.item->label + ":"));
          }
          break;
        }
      }
    }
  }
  return annex;
}

}  // namespace

Document build_plan_document(const Campaign& campaign, const OrgUnit& issuer,
                             const OrgUnit* parent) {
  const json& plan = campaign.plan;
  const auto issued_on = parse_iso_date(plan_string(plan, "issued_on"));

  Document doc;
  doc.header = detail::header_for(issuer, parent, "KH", plan_string(plan, "number"),
                                  plan_string(plan, "place"), issued_on, campaign.year);
  // The plan's own header fields win over what the org tree suggests.
  const std::string issuer_name = plan_string(plan, "issuer_name");
  if (!issuer_name.empty()) {
    const std::string committee = "ỦY BAN NHÂN DÂN ";
    const std::string upper = vietnamese_upper(issuer_name);
    if (upper.rfind(committee, 0) == 0) {
      doc.header.issuer_lines = {"ỦY BAN NHÂN DÂN", upper.substr(committee.size())};
    } else {
      doc.header.issuer_lines = {upper};
    }
  }
  const std::string parent_agency = plan_string(plan, "parent_agency");
  if (!parent_agency.empty()) doc.header.parent_agency = vietnamese_upper(parent_agency);

  doc.title = "KẾ HOẠCH";
  doc.summary_line = "Tổ chức " + week_name(campaign.year);
  doc.file_stem = "ke-hoach-" + ascii_slug(plan_string(plan, "number", issuer.name)) + "-" +
                  std::to_string(campaign.year);

  auto& body = doc.body;
  const std::string basis = plan_string(plan, "legal_basis");
  if (!basis.empty()) body.push_back(paragraph(basis));

  body.push_back(section("I.", "Mục đích, yêu cầu"));
  const auto purposes = string_list(plan, "purposes");
  for (std::size_t i = 0; i < purposes.size(); ++i) {
    body.push_back(clause(std::to_string(i + 1) + ".", purposes[i], false));
  }

  body.push_back(section("II.", "Nội dung, thời gian tổ chức"));
  body.push_back(clause("1.", "Chủ đề", true));
  const std::string theme = campaign.theme();
  if (!theme.empty()) body.push_back(paragraph(quoted(theme)));
  body.push_back(clause("2.", "Thời gian tổ chức", true));
  body.push_back(paragraph("Tuần lễ được tổ chức từ ngày " +
                           format_vietnamese_date(campaign.period_start) + " đến ngày " +
                           format_vietnamese_date(campaign.period_end) + "."));
  body.push_back(clause("3.", "Các hoạt động trong Tuần lễ", true));
  const std::string intro = plan_string(plan, "activities_intro");
  if (!intro.empty()) body.push_back(paragraph(intro));
  if (plan.is_object() && plan.contains("directions") && plan.at("directions").is_array()) {
    std::size_t index = 0;
    for (const auto& direction : plan.at("directions")) {
      const std::string letter = plan_string(direction, "letter", vietnamese_point_letter(index));
      body.push_back(point(letter + ")", plan_string(direction, "text")));
      ++index;
    }
  }

  body.push_back(section("III.", "Tổ chức thực hiện"));
  if (plan.is_object() && plan.contains("assignments") && plan.at("assignments").is_array()) {
    int number = 1;
    for (const auto& assignment : plan.at("assignments")) {
      body.push_back(
          clause(std::to_string(number++) + ".", plan_string(assignment, "title"), true));
      const auto tasks = string_list(assignment, "tasks");
      if (tasks.size() == 1) {
        body.push_back(paragraph(tasks[0]));
        continue;
      }
      for (std::size_t i = 0; i < tasks.size(); ++i) {
        body.push_back(point(vietnamese_point_letter(i) + ")", tasks[i]));
      }
    }
  }
  const std::string closing = plan_string(plan, "closing");
  if (!closing.empty()) body.push_back(paragraph(closing));

  doc.recipients = string_list(plan, "recipients");
  if (doc.recipients.empty()) doc.recipients = {"Lưu: VT."};
  doc.signature = detail::default_signer(issuer);
  if (plan.is_object() && plan.contains("signer") && plan.at("signer").is_object()) {
    const json& signer = plan.at("signer");
    doc.signature = {vietnamese_upper(plan_string(signer, "authority")),
                     vietnamese_upper(plan_string(signer, "deputy")),
                     vietnamese_upper(plan_string(signer, "position")),
                     plan_string(signer, "name")};
  }
  doc.annexes.push_back(outline_annex(campaign, issuer));
  return doc;
}

}  // namespace llw::documents
