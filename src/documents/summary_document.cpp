// The consolidated report (báo cáo tổng hợp) of a node: completeness, every total, the weighted
// participation rate, activities by direction with a chart, commendations, the narrative, and
// the annex table unit by unit. Numbers come from the domain's Summary, untouched.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "documents/builder_support.h"
#include "domain/text.h"
#include "domain/year_comparison.h"

namespace llw::documents {

using detail::format_number;
using detail::OutlineEntry;

namespace {

// The consolidated narrative's part for section I (the node's own direction work).
constexpr const char* kDirectionPart = "direction";

double total_of(const Summary& s, const std::string& key) {
  const auto it = s.totals.find(key);
  return it == s.totals.end() ? 0.0 : it->second;
}

std::vector<std::string> addressees_of(const OrgUnit& node, const OrgUnit* parent) {
  if (!parent) return {};
  if (node.kind == UnitKind::province && parent->kind == UnitKind::country) {
    return {"Bộ Giáo dục và Đào tạo"};
  }
  if (parent->kind == UnitKind::province) {
    // A commune reports to the city's People's Committee and its Department of Education.
    const std::string where = lowercase_first(administrative_name(*parent));
    return {"Ủy ban nhân dân " + where, "Sở Giáo dục và Đào tạo " + where};
  }
  return {detail::running_name(*parent)};
}

std::string completeness_text(const Summary& s, const std::vector<AnnexRow>& annex) {
  std::string text = "Tổng số đơn vị phải báo cáo: " + format_number(s.expected) +
                     " đơn vị; đã báo cáo: " + format_number(s.submitted) + "/" +
                     format_number(s.expected) + " đơn vị (đúng hạn: " + format_number(s.on_time) +
                     ", muộn: " + format_number(s.late) + ")";
  if (s.missing_count == 0) return text + "; tất cả các đơn vị đã báo cáo.";
  text += "; chưa báo cáo: " + format_number(s.missing_count) + " đơn vị";
  if (s.missing.empty()) return text + ".";
  std::map<std::string, std::string> names;
  for (const auto& row : annex) names[row.unit_code] = row.unit_name;
  text += " (";
  for (std::size_t i = 0; i < s.missing.size(); ++i) {
    if (i > 0) text += ", ";
    const auto it = names.find(s.missing[i]);
    text += it == names.end() ? s.missing[i] : it->second;
  }
  const auto listed = static_cast<std::int64_t>(s.missing.size());
  if (s.missing_count > listed)
    text += " và " + format_number(s.missing_count - listed) + " đơn vị khác";
  return text + ").";
}

std::string activity_label(const ReportForm& form, const std::string& key) {
  for (const auto& a : form.activities()) {
    if (a.key == key) return a.label;
  }
  return key;
}

void add_activities(std::vector<Block>& out, const ReportForm& form, const Summary& s) {
  Table table;
  table.header_rows = {{"TT", "Hoạt động", "Số đơn vị tổ chức", "Số hoạt động", "Số buổi, số lớp",
                        "Số lượt người tham gia"}};
  table.column_widths = {0.8, 4.4, 1.3, 1.3, 1.3, 1.6};
  table.align = {Align::center, Align::left,  Align::right,
                 Align::right,  Align::right, Align::right};
  ActivityFigures sum;
  int number = 1;
  for (const auto& activity : form.activities()) {
    const auto it = s.activities.find(activity.key);
    const ActivityFigures f = it == s.activities.end() ? ActivityFigures{} : it->second;
    sum.units += f.units;
    sum.held += f.held;
    sum.sessions += f.sessions;
    sum.participants += f.participants;
    table.rows.push_back(
        {{std::to_string(number++), activity_label(form, activity.key), format_number(f.units),
          format_number(f.held), format_number(f.sessions), format_number(f.participants)}});
  }
  table.rows.push_back({{"", "Tổng cộng", "", format_number(sum.held), format_number(sum.sessions),
                         format_number(sum.participants)},
                        true});
  const detail::ActivityTotals totals{sum.held, sum.sessions, sum.participants};
  out.push_back(
      dash("Tổ chức các hoạt động học tập: " + detail::activities_sentence(totals) + "; cụ thể:"));
  out.push_back(table_block(std::move(table)));
  out.push_back(paragraph(std::string(detail::kActivitiesNote) + " " + detail::kPeopleNote, true));

  if (form.directions.empty()) return;
  Table by_direction;
  by_direction.header_rows = {{"Nội dung hoạt động (mục II.3 Kế hoạch)", "Số đơn vị",
                               "Số hoạt động", "Số buổi, số lớp", "Số lượt người tham gia"}};
  by_direction.column_widths = {5.0, 1.2, 1.3, 1.3, 1.6};
  by_direction.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
  BarChart chart;
  chart.title = "Số lượt người tham gia theo nội dung hoạt động của Kế hoạch";
  chart.unit = "lượt người";
  for (const auto& [key, label] : form.directions) {
    const auto it = s.directions.find(key);
    const ActivityFigures f = it == s.directions.end() ? ActivityFigures{} : it->second;
    std::string name = key;  // "a) Hoạt động …"
    name.append(") ").append(label);
    by_direction.rows.push_back({{name, format_number(f.units), format_number(f.held),
                                  format_number(f.sessions), format_number(f.participants)}});
    chart.labels.push_back(std::move(name));
    chart.values.push_back(static_cast<double>(f.participants));
  }
  out.push_back(dash("Theo nội dung hoạt động của Kế hoạch (mục II.3):"));
  out.push_back(table_block(std::move(by_direction)));
  out.push_back(chart_block(std::move(chart)));
}

void add_participation(std::vector<Block>& out, const OutlineEntry& entry, const Summary& s) {
  std::int64_t reported_units = 0;
  for (const GroupFigures& g : s.participation_groups) reported_units += g.units;
  out.push_back(dash("Tỷ lệ người tham gia: " +
                     detail::participation_text(s.participants, s.population, reported_units > 0) +
                     " (" + detail::kParticipationBasis + "); trong đó:"));
  for (const FormItem* item : entry.items) {
    const auto group =
        std::find_if(s.participation_groups.begin(), s.participation_groups.end(),
                     [&](const GroupFigures& g) { return g.group == item->population_group; });
    if (group == s.participation_groups.end()) continue;
    std::string line =
        group->label + ": " +
        detail::participation_text(group->participants, group->population, group->units > 0);
    if (group->units > 0) line += " (" + format_number(group->units) + " đơn vị có số liệu)";
    out.push_back(plus(line + ";"));
  }
}

void add_narrative(std::vector<Block>& out, const FormItem& item, const Summary& s,
                   const std::map<std::string, std::string>& consolidated, bool sole) {
  const std::string part = item.summary.substr(item.summary.find('.') + 1);
  std::string letter, rest;
  if (!sole) {
    out.push_back(detail::has_point_label(item.label, letter, rest) ? point(letter, rest + ":")
                                                                    : dash(item.label + ":"));
  }
  if (const auto it = consolidated.find(part);
      it != consolidated.end() && !detail::split_paragraphs(it->second).empty()) {
    for (auto& p : detail::split_paragraphs(it->second)) out.push_back(paragraph(p));
    return;
  }
  const auto texts = s.narratives.find(part);
  if (texts == s.narratives.end() || texts->second.empty()) {
    out.push_back(paragraph("Chưa có đơn vị nào báo cáo nội dung này."));
    return;
  }
  for (const UnitText& t : texts->second) {
    const auto paragraphs = detail::split_paragraphs(t.text);
    if (paragraphs.empty()) continue;
    out.push_back(plus(t.unit_name + ": " + paragraphs.front()));
    for (std::size_t i = 1; i < paragraphs.size(); ++i) out.push_back(paragraph(paragraphs[i]));
  }
  const auto count = s.narrative_counts.find(part);
  if (count != s.narrative_counts.end() &&
      count->second > static_cast<std::int64_t>(texts->second.size())) {
    out.push_back(paragraph(
        "(Còn " + format_number(count->second - static_cast<std::int64_t>(texts->second.size())) +
            " ý kiến khác của các đơn vị.)",
        true));
  }
}

void add_item(std::vector<Block>& out, const FormItem& item, const Summary& s,
              const std::map<std::string, std::string>& consolidated, bool sole) {
  const std::string& path = item.summary;
  if (item.type == ItemType::table) {
    // A table of quantities is summed per unit of measure; units never mix.
    const std::string quantities = detail::quantities_text(s, item.key);
    if (!quantities.empty()) out.push_back(dash(item.label + ": " + quantities + "."));
    return;
  }
  switch (item.aggregate) {
    case AggregateRule::sum:
      if (path.rfind("commendations.", 0) == 0) {
        const auto it = s.commendations.find(path.substr(14));
        out.push_back(dash(item.label + ": " +
                           format_number(it == s.commendations.end() ? 0 : it->second) + "."));
      } else {
        out.push_back(dash(item.label + ": " + format_number(total_of(s, item.key)) + "."));
      }
      return;
    case AggregateRule::count_yes:
      out.push_back(dash(item.label + ": " + format_number(total_of(s, item.key)) + " đơn vị."));
      return;
    case AggregateRule::weighted_rate: {
      const auto it = s.rates.find(item.key);
      out.push_back(dash(item.label + ": " +
                         format_percent((it == s.rates.end() ? 0 : it->second) / 100.0) + "."));
      return;
    }
    case AggregateRule::texts_by_unit:
      add_narrative(out, item, s, consolidated, sole);
      return;
    case AggregateRule::none:
      return;  // kept in the units' own reports only
  }
}

// Year over year: every numeric figure beside last year's of the same node and the change, as
// the domain computed them (year_comparison.h); nothing when there is no previous year.
void add_comparison(std::vector<Block>& out, const Campaign& campaign, const Summary& s) {
  if (!s.previous_year) return;
  const YearComparison& comparison = *s.previous_year;
  const std::string year = std::to_string(campaign.year);
  const std::string previous_year = std::to_string(comparison.year);
  Table table;
  table.header_rows = {
      {"TT", "Nội dung", "Năm " + year, "Năm trước (" + previous_year + ")", "Thay đổi"}};
  table.column_widths = {0.8, 4.1, 1.5, 1.5, 2.8};
  table.align = {Align::center, Align::left, Align::right, Align::right, Align::right};
  const auto shown = [](const FigureComparison& f, double value) {
    return f.rate ? format_vietnamese_percent(value / 100) : format_number(value);
  };
  int number = 1;
  for (const FigureComparison& f : comparison.figures) {
    table.rows.push_back(
        {{std::to_string(number++), f.label, shown(f, f.current),
          f.previous ? shown(f, *f.previous) : std::string(kNotApplicable), f.change}});
  }
  out.push_back(dash("So sánh với " + week_name(comparison.year) + ":"));
  out.push_back(table_block(std::move(table)));
  out.push_back(
      paragraph("Ghi chú: năm trước là số liệu của cùng đơn vị (đơn vị sáp nhập so với "
                "tổng số liệu của các đơn vị cũ); tỷ lệ so sánh theo điểm phần trăm; "
                "“" +
                    std::string(kNotApplicable) + "”: năm trước chưa có nội dung này.",
                true));
}

// Section I of a consolidated report: the node's own direction work before the units' reports,
// its plan when it issued the campaign's, then what its coordinator wrote of its directives.
void add_direction(std::vector<Block>& out, const Campaign& campaign, const OrgUnit& node,
                   const std::map<std::string, std::string>& consolidated) {
  const std::string citation = detail::plan_citation(campaign);
  if (node.code == campaign.issuer_code && !citation.empty()) {
    out.push_back(dash(detail::running_name(node) + " đã ban hành " + citation + " về tổ chức " +
                       campaign.name +
                       ", giao nhiệm vụ cho các cơ quan, đơn vị và đề nghị các đơn "
                       "vị báo cáo kết quả theo đề cương kèm theo Kế hoạch."));
  }
  if (const auto it = consolidated.find(kDirectionPart); it != consolidated.end()) {
    for (auto& p : detail::split_paragraphs(it->second)) out.push_back(paragraph(p));
  }
}

// The form's section titles are written for a unit ("Kế hoạch tiếp theo của đơn vị, nhà
// trường"); a consolidated report speaks of its own level.
std::string level_title(std::string title, const OrgUnit& node) {
  static const std::string unit_words = "của đơn vị, nhà trường";
  const std::string own = detail::is_government(node) ? "của địa phương" : "của đơn vị";
  for (auto at = title.find(unit_words); at != std::string::npos; at = title.find(unit_words)) {
    title.replace(at, unit_words.size(), own);
  }
  return title;
}

Annex annex_of(const Campaign& campaign, const OrgUnit& node, const Summary& summary,
               const std::vector<AnnexRow>& rows) {
  Annex annex;
  annex.label = "Phụ lục";
  annex.title = "KẾT QUẢ TỔ CHỨC " + vietnamese_upper(week_name(campaign.year));
  annex.subtitle = "Số liệu theo từng đơn vị của " + detail::running_name(node);
  // The annex is often printed on its own: it states the cut-off too.
  const std::string cutoff = figures_cutoff_text(summary);
  annex.note = "(Kèm theo Báo cáo của " + detail::running_name(node) +
               (cutoff.empty() ? "" : "; " + lowercase_first(cutoff)) + ")";
  annex.landscape = true;
  Table table;
  table.header_rows = {{"TT", "Đơn vị", "Tình trạng báo cáo", "Tin, bài, phóng sự",
                        "Pano, băng zôn", "Số hoạt động", "Số buổi, số lớp", "Số người tham gia",
                        "Số người của đơn vị", "Tỷ lệ tham gia", "Số tập thể được khen",
                        "Số cá nhân được khen"}};
  table.column_widths = {0.7, 3.6, 1.7, 1.2, 1.1, 1.1, 1.1, 1.3, 1.3, 1.1, 1.1, 1.1};
  table.align = {Align::center, Align::left,  Align::left,  Align::right,
                 Align::right,  Align::right, Align::right, Align::right,
                 Align::right,  Align::right, Align::right, Align::right};
  AnnexRow sum;
  int number = 1;
  const auto cells = [](const AnnexRow& r) {
    return std::vector<std::string>{format_number(r.news),
                                    format_number(r.banners),
                                    format_number(r.activities_held),
                                    format_number(r.sessions),
                                    format_number(r.participants),
                                    format_number(r.population),
                                    format_vietnamese_rate(static_cast<double>(r.participants),
                                                           static_cast<double>(r.population)),
                                    format_number(r.collectives),
                                    format_number(r.individuals)};
  };
  for (const AnnexRow& r : rows) {
    sum.news += r.news;
    sum.banners += r.banners;
    sum.activities_held += r.activities_held;
    sum.sessions += r.sessions;
    sum.participants += r.participants;
    sum.population += r.population;
    sum.collectives += r.collectives;
    sum.individuals += r.individuals;
    TableRow row{{std::to_string(number++), r.unit_name, status_label(r.status, r.late)}};
    for (auto& cell : cells(r)) row.cells.push_back(std::move(cell));
    table.rows.push_back(std::move(row));
  }
  TableRow total{{"", "Tổng cộng", ""}, true};
  for (auto& cell : cells(sum)) total.cells.push_back(std::move(cell));
  table.rows.push_back(std::move(total));
  annex.blocks.push_back(table_block(std::move(table)));
  annex.blocks.push_back(paragraph(std::string("Ghi chú: ") + detail::kActivitiesNote + " " +
                                       detail::kPeopleNote + " “" + std::string(kNotApplicable) +
                                       "”: " + std::string(kNotApplicableWords) +
                                       " (đơn vị không có số người để tính tỷ lệ).",
                                   true));
  return annex;
}

}  // namespace

AnnexRow annex_row_of(const Campaign& campaign, const OrgUnit& unit, const UnitReport& report) {
  if (!campaign.counts(report.status)) {
    AnnexRow row;
    row.unit_code = unit.code;
    row.unit_name = unit.name;
    row.status = report.status;
    row.late = report.late;
    return row;
  }
  return annex_row_of(campaign, unit, contribution_of(campaign, unit, report), report.status,
                      report.late);
}

AnnexRow annex_row_of(const Campaign& campaign, const OrgUnit& unit,
                      const Contribution& contribution, ReportStatus status, bool late) {
  AnnexRow row;
  row.unit_code = unit.code;
  row.unit_name = unit.name;
  row.status = status;
  row.late = late;
  const Summary s = summary_from_aggregate(campaign, unit, contribution);
  if (campaign.form) {
    for (const FormItem* item : campaign.form->items()) {
      const bool media = item->aggregate == AggregateRule::sum && item->activity.empty() &&
                         item->type == ItemType::count && item->summary == "totals." + item->key;
      if (!media) continue;
      (item->key == detail::kBannersItem ? row.banners : row.news) +=
          std::llround(total_of(s, item->key));
    }
  }
  for (const auto& [key, f] : s.activities) {
    row.activities_held += f.held;
    row.sessions += f.sessions;
  }
  row.participants = s.participants;
  row.population = s.population;
  const auto commended = [&](const char* key) {
    const auto it = s.commendations.find(key);
    return it == s.commendations.end() ? std::int64_t{0} : it->second;
  };
  row.collectives = commended("collectives");
  row.individuals = commended("individuals");
  return row;
}

Document build_summary_document(const Campaign& campaign, const ReportForm& form,
                                const OrgUnit& node, const OrgUnit* parent, const Summary& summary,
                                const std::vector<AnnexRow>& annex,
                                const std::map<std::string, std::string>& consolidated_narrative,
                                const DocumentOptions& options) {
  Document doc = detail::report_document(campaign, node, parent, "bao-cao-tong-hop", options);
  doc.addressees = addressees_of(node, parent);

  auto& body = doc.body;
  std::string name = detail::running_name(node);
  body.push_back(detail::report_opening(campaign, name, "tổ chức thực hiện"));
  // The cut-off: the figures below are those read at this moment (Summary::figures_at).
  if (const std::string cutoff = figures_cutoff_text(summary); !cutoff.empty()) {
    body.push_back(paragraph(cutoff + ".", true));
  }

  bool direction_done = false;
  for (const FormSection& section : form.sections) {
    for (Block& heading : detail::outline_headings(level_title(section.title, node))) {
      body.push_back(heading);
    }
    if (!direction_done) {
      add_direction(body, campaign, node, consolidated_narrative);
      body.push_back(dash(completeness_text(summary, annex)));
      direction_done = true;
    }
    const auto entries = detail::outline_entries(section);
    const bool sole =
        entries.size() == 1 && entries[0].item && entries[0].item->type == ItemType::narrative;
    for (const auto& entry : entries) {
      switch (entry.kind) {
        case OutlineEntry::Kind::activities:
          add_activities(body, form, summary);
          break;
        case OutlineEntry::Kind::participation:
          add_participation(body, entry, summary);
          break;
        case OutlineEntry::Kind::item:
          add_item(body, *entry.item, summary, consolidated_narrative, sole);
          break;
      }
    }
  }
  add_comparison(body, campaign, summary);
  body.push_back(paragraph("Trên đây là báo cáo kết quả tổ chức " + week_name(campaign.year) +
                           " của " + name + "./."));

  if (!doc.addressees.empty()) doc.recipients.push_back("Như trên;");
  doc.recipients.push_back("Lưu: VT.");
  if (options.signer) {
    doc.signature = *options.signer;
  } else if (node.code == campaign.issuer_code && campaign.plan.is_object() &&
             campaign.plan.contains("signer") && campaign.plan.at("signer").is_object()) {
    const auto& signer = campaign.plan.at("signer");
    doc.signature = {vietnamese_upper(detail::plan_string(signer, "authority")),
                     vietnamese_upper(detail::plan_string(signer, "deputy")),
                     vietnamese_upper(detail::plan_string(signer, "position")),
                     detail::plan_string(signer, "name")};
  } else {
    doc.signature = detail::default_signer(node);
  }
  doc.signature = detail::with_name_line(doc.signature);
  if (!annex.empty()) doc.annexes.push_back(annex_of(campaign, node, summary, annex));
  return doc;
}

}  // namespace llw::documents
