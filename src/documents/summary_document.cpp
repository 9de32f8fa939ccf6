// The consolidated report (báo cáo tổng hợp) of a node: completeness, every total, the weighted
// participation rate, activities by direction with a chart, commendations, the narrative, and
// the annex table unit by unit. Numbers come from the domain's Summary, untouched.
#include <algorithm>
#include <cmath>
#include <functional>
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

// The form's media count items outside the activities: "Tin, bài, phóng sự" or the banners.
bool is_media_item(const FormItem& item) {
  return item.aggregate == AggregateRule::sum && item.activity.empty() &&
         item.type == ItemType::count && item.summary == "totals." + item.key;
}

bool is_banners_item(const FormItem& item) {
  return item.key == detail::kBannersItem ||
         std::find(item.previous_keys.begin(), item.previous_keys.end(), detail::kBannersItem) !=
             item.previous_keys.end();
}

// An item's words as a column heading: the detail after a group's name ("Tổng kết, khen thưởng:
// số tập thể được khen thưởng" heads its column "Số tập thể được khen thưởng").
std::string column_heading(const std::string& label) {
  const auto colon = label.rfind(": ");
  return capitalize_first(colon == std::string::npos ? label : label.substr(colon + 2));
}

// A figure column of the annex: its heading, its width and how a row's figures show in it.
struct AnnexColumn {
  std::string heading;
  double width = 1.1;
  std::function<std::string(const AnnexFigures&)> cell;
};

// The annex's figure columns. The columns of single items are headed by the items' labels in the
// campaign's pinned form (by key, a renamed item by its old key) and left out when it has no such
// item; the rest are the summary's own measures.
std::vector<AnnexColumn> annex_columns(const ReportForm& form) {
  std::vector<AnnexColumn> columns;
  bool news = false;
  const FormItem* banners = nullptr;
  const FormItem* collectives = nullptr;
  const FormItem* individuals = nullptr;
  for (const FormItem* item : form.items()) {
    if (is_media_item(*item) && is_banners_item(*item)) banners = item;
    if (is_media_item(*item) && !is_banners_item(*item)) news = true;
    if (item->summary == "commendations.collectives") collectives = item;
    if (item->summary == "commendations.individuals") individuals = item;
  }
  const auto count = [](std::int64_t AnnexFigures::*field) {
    return [field](const AnnexFigures& f) { return format_number(f.*field); };
  };
  if (news) columns.push_back({"Tin, bài, phóng sự", 1.2, count(&AnnexFigures::news)});
  if (banners) {
    columns.push_back({column_heading(banners->label), 1.2, count(&AnnexFigures::banners)});
  }
  columns.push_back({"Số hoạt động", 1.1, count(&AnnexFigures::activities_held)});
  columns.push_back({"Số buổi, số lớp", 1.1, count(&AnnexFigures::sessions)});
  columns.push_back({"Số người tham gia", 1.3, count(&AnnexFigures::participants)});
  columns.push_back({"Số người của đơn vị", 1.3, count(&AnnexFigures::population)});
  columns.push_back({"Tỷ lệ tham gia", 1.1, [](const AnnexFigures& f) {
                       return format_vietnamese_rate(static_cast<double>(f.participants),
                                                     static_cast<double>(f.population));
                     }});
  if (collectives) {
    columns.push_back({column_heading(collectives->label), 1.2, count(&AnnexFigures::collectives)});
  }
  if (individuals) {
    columns.push_back({column_heading(individuals->label), 1.2, count(&AnnexFigures::individuals)});
  }
  return columns;
}

void add_sum(AnnexFigures& sum, const AnnexFigures& f) {
  sum.news += f.news;
  sum.banners += f.banners;
  sum.activities_held += f.activities_held;
  sum.sessions += f.sessions;
  sum.participants += f.participants;
  sum.population += f.population;
  sum.collectives += f.collectives;
  sum.individuals += f.individuals;
}

Annex annex_of(const Campaign& campaign, const ReportForm& form, const OrgUnit& node,
               const Summary& summary, const AnnexRows& annex_rows) {
  Annex annex;
  annex.label = "Phụ lục";
  annex.title = "KẾT QUẢ TỔ CHỨC " + vietnamese_upper(week_name(campaign.year));
  annex.subtitle = "Số liệu theo từng đơn vị của " + detail::running_name(node);
  // The annex is often printed on its own: it states the cut-off too.
  const std::string cutoff = figures_cutoff_text(summary);
  annex.note = "(Kèm theo Báo cáo của " + detail::running_name(node) +
               (cutoff.empty() ? "" : "; " + lowercase_first(cutoff)) + ")";
  annex.landscape = true;
  const std::vector<AnnexColumn> columns = annex_columns(form);
  // Year over year (per unit): each unit's row is followed by last year's of the same unit.
  const bool compared = summary.previous_year != nullptr;
  const std::string year = std::to_string(campaign.year);
  const std::string previous_year = compared ? std::to_string(summary.previous_year->year) : "";
  Table table;
  table.header_rows = {{"TT", "Đơn vị"}};
  table.column_widths = {0.7, compared ? 3.0 : 3.6};
  table.align = {Align::center, Align::left};
  if (compared) {
    table.header_rows[0].emplace_back("Năm");
    table.column_widths.push_back(1.0);
    table.align.push_back(Align::center);
  }
  table.header_rows[0].emplace_back("Tình trạng báo cáo");
  table.column_widths.push_back(1.7);
  table.align.push_back(Align::left);
  for (const AnnexColumn& column : columns) {
    table.header_rows[0].push_back(column.heading);
    table.column_widths.push_back(column.width);
    table.align.push_back(Align::right);
  }
  const auto add_row = [&](std::vector<std::string> lead, const std::string& status,
                           const AnnexFigures* figures, bool bold) {
    TableRow row{std::move(lead), bold};
    row.cells.push_back(status);
    for (const AnnexColumn& column : columns) {
      row.cells.push_back(figures ? column.cell(*figures) : std::string(kNotApplicable));
    }
    table.rows.push_back(std::move(row));
  };
  AnnexFigures sum;
  int number = 1;
  for (const AnnexRow& r : annex_rows.rows) {
    add_sum(sum, r.figures);
    std::vector<std::string> lead{std::to_string(number++), r.unit_name};
    if (compared) lead.push_back(year);
    add_row(std::move(lead), status_label(r.status, r.late), &r.figures, false);
    if (compared) {
      add_row({"", "", previous_year}, "", r.previous ? &*r.previous : nullptr, false);
    }
  }
  if (compared) {
    add_row({"", "Tổng cộng", year}, "", &sum, true);
    add_row({"", "", previous_year}, "",
            annex_rows.previous_total ? &*annex_rows.previous_total : nullptr, true);
  } else {
    add_row({"", "Tổng cộng"}, "", &sum, true);
  }
  annex.blocks.push_back(table_block(std::move(table)));
  std::string note = std::string("Ghi chú: ") + detail::kActivitiesNote + " " +
                     detail::kPeopleNote + " “" + std::string(kNotApplicable) +
                     "”: " + std::string(kNotApplicableWords) +
                     " (đơn vị không có số người để tính tỷ lệ" +
                     (compared ? ", hoặc năm trước không có số liệu" : "") + ").";
  if (compared) {
    note += " Dòng năm " + previous_year +
            ": số liệu năm trước của đơn vị (đơn vị sáp nhập: tổng số liệu của các đơn vị cũ); "
            "dòng tổng cộng năm " +
            previous_year + " là số liệu năm trước của " + detail::running_name(node) +
            ", như bảng so sánh của báo cáo, nên có thể khác tổng các dòng trên.";
  }
  annex.blocks.push_back(paragraph(note, true));
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
  row.figures = annex_figures_of(campaign, unit, contribution);
  return row;
}

AnnexFigures annex_figures_of(const Campaign& campaign, const OrgUnit& unit,
                              const Contribution& contribution) {
  AnnexFigures row;
  const Summary s = summary_from_aggregate(campaign, unit, contribution);
  if (campaign.form) {
    for (const FormItem* item : campaign.form->items()) {
      if (!is_media_item(*item)) continue;
      (is_banners_item(*item) ? row.banners : row.news) += std::llround(total_of(s, item->key));
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
                                const AnnexRows& annex,
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
      body.push_back(dash(completeness_text(summary, annex.rows)));
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
  if (!annex.rows.empty()) doc.annexes.push_back(annex_of(campaign, form, node, summary, annex));
  return doc;
}

}  // namespace llw::documents
