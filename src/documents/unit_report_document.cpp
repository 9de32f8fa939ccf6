// A unit's report (BÁO CÁO) in the outline's shape: the form's sections as headings, each
// filled item in words and figures, learning activities as one table, the participation rate
// computed by the domain's own arithmetic.
#include <algorithm>

#include "documents/builder_support.h"

namespace llw::documents {

using detail::OutlineEntry;
using nlohmann::json;

namespace {

const json& value_of(const UnitReport& report, const std::string& key) {
  static const json null_value;
  if (!report.values.is_object()) return null_value;
  const auto it = report.values.find(key);
  return it == report.values.end() ? null_value : *it;
}

const std::string kEmpty = "Không có số liệu.";
const std::string kNoFigure = "Không có số liệu";  // a table cell left empty in the report

// The figures of this one report as the summary would count them (whatever its state), so the
// unit's rate is computed exactly as the consolidated one.
Summary own_figures(const Campaign& campaign, const OrgUnit& unit, const UnitReport& report) {
  UnitReport counted = report;
  counted.status =
      campaign.counted_states.empty() ? ReportStatus::submitted : campaign.counted_states.front();
  return summary_from_aggregate(campaign, unit, contribution_of(campaign, unit, counted));
}

void add_narrative(std::vector<Block>& out, const std::string& text) {
  for (auto& p : detail::split_paragraphs(text)) out.push_back(paragraph(p));
}

void add_table_item(std::vector<Block>& out, const FormItem& item, const json& rows,
                    bool mark_empty) {
  if (!rows.is_array() || rows.empty()) {
    if (mark_empty) out.push_back(dash(item.label + ": " + kEmpty));
    return;
  }
  out.push_back(dash(item.label + ":"));
  Table table;
  std::vector<std::string> header = {"TT"};
  table.column_widths = {0.8};
  table.align = {Align::center};
  for (const auto& column : item.columns) {
    header.push_back(column.label);
    const bool numeric = column.type == ItemType::count || column.type == ItemType::number ||
                         column.type == ItemType::percent;
    table.column_widths.push_back(column.type == ItemType::short_text ? 4.0 : 1.6);
    table.align.push_back(numeric ? Align::right : Align::left);
  }
  table.header_rows.push_back(header);
  int number = 1;
  for (const auto& row : rows) {
    TableRow r;
    r.cells.push_back(std::to_string(number++));
    for (const auto& column : item.columns) {
      r.cells.push_back(row.is_object() && row.contains(column.key)
                            ? detail::column_value_text(column, row.at(column.key))
                            : "");
    }
    table.rows.push_back(std::move(r));
  }
  out.push_back(table_block(std::move(table)));
}

void add_activities(std::vector<Block>& out, const OutlineEntry& entry, const UnitReport& report,
                    bool mark_empty) {
  Table table;
  table.header_rows = {{"TT", "Hoạt động", "Nội dung (mục II.3 Kế hoạch)", "Số buổi, số lớp",
                        "Số lượt người tham gia"}};
  table.column_widths = {0.8, 5.0, 1.6, 1.5, 1.7};
  table.align = {Align::center, Align::left, Align::center, Align::right, Align::right};
  detail::ActivityTotals totals;
  // An empty figure is not 0: the cell says so and the sum leaves it out.
  const auto figure = [](const std::optional<double>& v, std::int64_t& sum, std::int64_t& missing) {
    if (!v) {
      ++missing;
      return kNoFigure;
    }
    sum += static_cast<std::int64_t>(*v);
    return detail::format_number(*v);
  };
  const auto add_row = [&](const std::string& name, const std::string& direction,
                           const std::optional<double>& s, const std::optional<double>& p) {
    ++totals.held;
    table.rows.push_back({{std::to_string(totals.held), name, direction,
                           figure(s, totals.sessions, totals.sessions_missing),
                           figure(p, totals.participants, totals.participants_missing)}});
  };
  // Items of one activity, by measure.
  std::map<std::string, std::map<std::string, const FormItem*>> by_activity;
  std::vector<std::string> order;
  const FormItem* other_table = nullptr;
  for (const FormItem* item : entry.items) {
    if (item->type == ItemType::table) {
      other_table = item;
      continue;
    }
    if (!by_activity.count(item->activity)) order.push_back(item->activity);
    by_activity[item->activity][item->measure] = item;
  }
  const auto number_of = [&](const FormItem* item) -> std::optional<double> {
    const json& v = item ? value_of(report, item->key) : json();
    if (v.is_number()) return v.get<double>();
    return std::nullopt;
  };
  for (const auto& key : order) {
    auto& measures = by_activity[key];
    const FormItem* held_item = measures["held"];
    if (!held_item || value_of(report, held_item->key) != json(true)) continue;
    std::string direction = held_item->default_direction;
    if (const FormItem* d = measures["direction"]) {
      const json& v = value_of(report, d->key);
      if (v.is_string() && !v.get<std::string>().empty()) direction = v.get<std::string>();
    }
    add_row(held_item->label, direction, number_of(measures["sessions"]),
            number_of(measures["participants"]));
  }
  if (other_table) {
    const json& rows = value_of(report, other_table->key);
    for (const auto& row : rows.is_array() ? rows : json::array()) {
      if (!row.is_object()) continue;
      std::string name, direction;
      std::optional<double> s, p;
      for (const auto& column : other_table->columns) {
        if (!row.contains(column.key)) continue;
        const json& v = row.at(column.key);
        if (column.measure == "name" && v.is_string()) name = v.get<std::string>();
        if (column.measure == "direction" && v.is_string()) direction = v.get<std::string>();
        if (column.measure == "sessions" && v.is_number()) s = v.get<double>();
        if (column.measure == "participants" && v.is_number()) p = v.get<double>();
      }
      add_row(name, direction, s, p);
    }
  }
  if (totals.held == 0) {
    if (mark_empty) out.push_back(dash("Tổ chức các hoạt động học tập: " + kEmpty));
    return;
  }
  out.push_back(
      dash("Tổ chức các hoạt động học tập: " + detail::activities_sentence(totals) + "; cụ thể:"));
  const auto total = [](std::int64_t sum, std::int64_t missing, std::int64_t held) {
    return missing >= held ? kNoFigure : detail::format_number(static_cast<double>(sum));
  };
  table.rows.push_back(
      {{"", "Tổng cộng", "", total(totals.sessions, totals.sessions_missing, totals.held),
        total(totals.participants, totals.participants_missing, totals.held)},
       true});
  out.push_back(table_block(std::move(table)));
  out.push_back(paragraph(std::string(detail::kActivitiesNote) + " " + detail::kPeopleNote, true));
}

void add_participation(std::vector<Block>& out, const OutlineEntry& entry, const Summary& figures,
                       bool mark_empty) {
  std::vector<Block> groups;
  for (const FormItem* item : entry.items) {
    const auto group =
        std::find_if(figures.participation_groups.begin(), figures.participation_groups.end(),
                     [&](const GroupFigures& g) { return g.group == item->population_group; });
    if (group == figures.participation_groups.end()) continue;
    if (group->units == 0 && !mark_empty) continue;
    groups.push_back(
        plus(group->label + ": " +
             detail::participation_text(group->participants, group->population, group->units > 0) +
             ";"));
  }
  if (groups.empty()) {
    if (mark_empty) out.push_back(dash("Tỷ lệ người tham gia: " + kEmpty));
    return;
  }
  out.push_back(dash("Tỷ lệ người tham gia: " +
                     detail::participation_text(figures.participants, figures.population, true) +
                     " (" + detail::kParticipationBasis + "); trong đó:"));
  for (auto& g : groups) out.push_back(std::move(g));
}

void add_item(std::vector<Block>& out, const FormItem& item, const json& value, bool mark_empty,
              bool sole_narrative) {
  if (item.type == ItemType::table) {
    add_table_item(out, item, value, mark_empty);
    return;
  }
  const std::string text = detail::value_text(item, value);
  std::string letter, rest;
  const bool lettered = detail::has_point_label(item.label, letter, rest);
  const auto labelled = [&](const std::string& content) {
    return lettered ? point(letter, rest + ": " + content) : dash(item.label + ": " + content);
  };
  if (text.empty()) {
    if (!mark_empty) return;
    if (sole_narrative) {
      out.push_back(paragraph(kEmpty));
    } else {
      out.push_back(labelled(kEmpty));
    }
    return;
  }
  if (item.type != ItemType::narrative) {
    out.push_back(labelled(text + "."));
    return;
  }
  if (!sole_narrative) out.push_back(lettered ? point(letter, rest + ":") : dash(item.label + ":"));
  add_narrative(out, text);
}

}  // namespace

Document build_unit_report_document(const Campaign& campaign, const ReportForm& form,
                                    const OrgUnit& unit, const OrgUnit* parent,
                                    const UnitReport& report, bool mark_empty,
                                    const DocumentOptions& options) {
  Document doc = detail::report_document(campaign, unit, parent, "bao-cao", options);
  if (parent) doc.addressees = {detail::running_name(*parent)};

  const Summary figures = own_figures(campaign, unit, report);
  auto& body = doc.body;
  body.push_back(detail::report_opening(campaign, unit.name, "thực hiện"));

  for (const FormSection& section : form.sections) {
    for (Block& heading : detail::outline_headings(section.title)) body.push_back(heading);
    const auto entries = detail::outline_entries(section);
    const bool sole_narrative =
        entries.size() == 1 && entries[0].item && entries[0].item->type == ItemType::narrative;
    for (const auto& entry : entries) {
      switch (entry.kind) {
        case OutlineEntry::Kind::activities:
          add_activities(body, entry, report, mark_empty);
          break;
        case OutlineEntry::Kind::participation:
          add_participation(body, entry, figures, mark_empty);
          break;
        case OutlineEntry::Kind::item:
          add_item(body, *entry.item, value_of(report, entry.item->key), mark_empty,
                   sole_narrative);
          if (const std::string sums = detail::quantities_text(figures, entry.item->key);
              !sums.empty()) {
            body.push_back(paragraph("Cộng theo đơn vị tính: " + sums + "."));
          }
          break;
      }
    }
  }
  body.push_back(paragraph("Trên đây là báo cáo kết quả tổ chức " + week_name(campaign.year) +
                           " của " + unit.name + "./."));

  if (!doc.addressees.empty()) doc.recipients.push_back("Như trên;");
  doc.recipients.push_back("Lưu: VT.");
  doc.signature =
      detail::with_name_line(options.signer ? *options.signer : detail::default_signer(unit));
  return doc;
}

}  // namespace llw::documents
