// The data export use case (Application::data_export): a node's subtree unit by unit as XLSX
// (a "Tổng hợp" sheet with the summary's totals, then one sheet per level) or CSV (units only).
// Both are written to temporary files, never held in memory (DocumentFile::spooled).

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <thread>

#include "app/application.h"
#include "app/document_downloads.h"
#include "app/documents.h"
#include "app/row_pipe.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "documents/csv_writer.h"
#include "documents/data_table.h"
#include "documents/document.h"
#include "documents/xlsx_writer.h"
#include "domain/consolidated_report.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/text.h"
#include "domain/workflow.h"
#include "domain/year_comparison.h"

namespace llw {
namespace {

// A CSV export goes to its file in pieces of about this size.
constexpr std::size_t kSpoolPieceBytes = 256 * 1024;
// Below this many reporting units a CSV export is read by one thread.
constexpr double kShardMinimumUnits = 5000;
constexpr unsigned kMaxShards = 4;

void require_data_format(DocumentFormat format) {
  if (format == DocumentFormat::xlsx || format == DocumentFormat::csv) return;
  throw Error(ErrorKind::bad_input,
              "Số liệu chỉ tải được dưới dạng .xlsx hoặc .csv; văn bản .docx hoặc .pdf nằm ở mục "
              "\"Tải báo cáo\".",
              "format");
}

// The report's date of submission in Vietnam, as ISO text.
std::optional<std::string> submitted_on(const UnitReport& report) {
  if (!report.submitted_at) return std::nullopt;
  return format_timestamp(*report.submitted_at).substr(0, 10);
}

// Takes the report's values (the walk gives each report once), so they are not copied.
documents::UnitDataRow data_row_of(const Campaign& campaign, const OrgUnit& unit,
                                   UnitReport& report) {
  documents::UnitDataRow row;
  row.level = documents::level_name(unit.kind);
  row.code = unit.code;
  row.name = unit.name;
  row.parent_code = unit.parent_code;
  row.status = report.status;
  row.late = report.late;
  row.submitted_on = submitted_on(report);
  // The rate as the summary counts it: only a counted report has participants and population.
  const Participation participation = participation_of(campaign, unit, report);
  row.participants = std::llround(participation.participants);
  row.population = std::llround(participation.population);
  row.values = std::move(report.values);
  return row;
}

// The values a data row reads of a report: its grid's items and the participant counts the rate
// is computed from. The narratives and tables, most of a report's bytes, are not parsed.
ReportValueKeys grid_value_keys(const ReportForm& form,
                                const std::vector<documents::DataColumn>& columns) {
  ReportValueKeys keys;
  keys.only.emplace();
  for (const documents::DataColumn& column : columns) {
    if (column.item != nullptr) keys.only->insert(column.item->key);
  }
  for (const FormItem* item : form.items()) {
    if (!item->population_group.empty()) keys.only->insert(item->key);
  }
  return keys;
}

// The node's consolidated line of the "Tổng hợp" sheet, column by column: every total the
// summary API shows under the same item's column, the weighted participation rate last.
std::vector<documents::DataCell> summary_cells(const std::vector<documents::DataColumn>& columns,
                                               const OrgUnit& node, const Summary& summary) {
  std::vector<documents::DataCell> cells;
  for (const documents::DataColumn& column : columns) {
    const std::string& key = column.key;
    if (key == "unit_code") {
      cells.emplace_back(node.code);
    } else if (key == "unit_name") {
      cells.emplace_back(node.name);
    } else if (key == "parent_code") {
      cells.emplace_back(node.parent_code);
    } else if (key == "status") {
      cells.emplace_back("Đã báo cáo " + std::to_string(summary.submitted) + "/" +
                         std::to_string(summary.expected));
    } else if (key == "late") {
      cells.emplace_back(static_cast<double>(summary.late));
    } else if (key == "participation_rate") {
      cells.emplace_back(summary.participation_rate);
    } else if (const auto it = summary.totals.find(key); it != summary.totals.end()) {
      cells.emplace_back(it->second);
    } else {
      cells.emplace_back();
    }
  }
  return cells;
}

// Year over year on the "Tổng hợp" sheet, below the rest: a table of four columns (the figure,
// this year's, "Năm <last year>", "Thay đổi"), rates in percent, "—" for a figure last year did
// not have (year_comparison.h).
void write_comparison(documents::XlsxWriter& writer, std::size_t sheet, std::size_t width, int year,
                      const YearComparison& comparison) {
  using documents::DataCell;
  const auto row = [&](DataCell a, DataCell b, DataCell c, DataCell d) {
    std::vector<DataCell> cells(width);
    cells[0] = std::move(a);
    cells[1] = std::move(b);
    cells[2] = std::move(c);
    cells[3] = std::move(d);
    writer.write_row(sheet, cells);
  };
  writer.write_row(sheet, std::vector<DataCell>(width));
  row("So sánh với năm " + std::to_string(comparison.year), {}, {}, {});
  row(std::string("Nội dung"), "Năm " + std::to_string(year),
      "Năm " + std::to_string(comparison.year), std::string("Thay đổi"));
  for (const FigureComparison& f : comparison.figures) {
    row(f.rate ? f.label + " (%)" : f.label, f.current,
        f.previous ? DataCell(*f.previous) : DataCell(std::string(kNotApplicable)), f.change);
  }
}

// The "Tổng hợp" sheet: the node's consolidated line, then, after an empty row, its cut-off
// ("Số liệu tính đến …", Summary::figures_at) in the first column, then the comparison with last
// year when there is one.
void write_totals(documents::XlsxWriter& writer, std::size_t sheet,
                  const std::vector<documents::DataColumn>& columns, const OrgUnit& node, int year,
                  const Summary& summary) {
  writer.write_row(sheet, summary_cells(columns, node, summary));
  const std::string cutoff = figures_cutoff_text(summary);
  if (!cutoff.empty()) {
    writer.write_row(sheet, std::vector<documents::DataCell>(columns.size()));
    std::vector<documents::DataCell> note(columns.size());
    note.front() = cutoff;
    writer.write_row(sheet, note);
  }
  if (summary.previous_year && columns.size() >= 4) {
    write_comparison(writer, sheet, columns.size(), year, *summary.previous_year);
  }
}

// The rows of the XLSX's level sheets: a sheet per level, added when its first row comes.
class LevelSheets {
 public:
  LevelSheets(documents::XlsxWriter& writer, const std::vector<documents::DataColumn>& columns)
      : writer_(writer), columns_(columns) {}
  void write(const std::string& level, const std::vector<documents::DataCell>& cells) {
    auto it = sheets_.find(level);
    if (it == sheets_.end()) it = sheets_.emplace(level, writer_.add_sheet(level, columns_)).first;
    writer_.write_row(it->second, cells);
  }

 private:
  documents::XlsxWriter& writer_;
  const std::vector<documents::DataColumn>& columns_;
  std::map<std::string, std::size_t> sheets_;
};

using DataRows = std::vector<std::pair<std::string, std::vector<documents::DataCell>>>;

// A child that consolidates, as the accepted summary counts it: the figures of its accepted
// consolidated report (the summary of its snapshot, as the "Tổng hợp" sheet shows a node), or
// only its name and state while it is not accepted (it then adds nothing).
std::vector<documents::DataCell> consolidated_child_cells(
    const Campaign& campaign, const OrgUnit& node, const ChildFigures& child,
    const std::vector<documents::DataColumn>& columns) {
  OrgUnit unit = child.unit;
  unit.parent_code = node.code;
  Summary figures;
  if (child.snapshot) figures = summary_from_aggregate(campaign, unit, child.snapshot->slots);
  std::vector<documents::DataCell> cells = summary_cells(columns, unit, figures);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string& key = columns[c].key;
    if (key == "status") {
      cells[c] = status_label(child.consolidated_status, false) + " (báo cáo tổng hợp, " +
                 std::to_string(figures.submitted) + "/" + std::to_string(figures.expected) +
                 " đơn vị)";
    } else if (key == "late") {
      cells[c] = std::string(child.late ? "Có" : "Không");
    } else if (key == "submitted_on") {
      cells[c] = child.submitted_at
                     ? documents::DataCell(format_timestamp(*child.submitted_at).substr(0, 10))
                     : documents::DataCell();
    } else if (!child.snapshot && key != "unit_code" && key != "unit_name" &&
               key != "parent_code") {
      cells[c] = documents::DataCell();
    }
  }
  return cells;
}

// What a summary in "accepted" mode adds up, one row per part: the node's own report and every
// direct reporting unit's report as they stand, and every child that consolidates through its
// accepted consolidated report (the rows of accepted_annex, with every column).
DataRows accepted_rows(Store& store, const Campaign& campaign, const OrgUnit& node,
                       const std::vector<documents::DataColumn>& columns) {
  const ReportForm& form = *campaign.form;
  DataRows rows;
  const auto add_report = [&](const OrgUnit& unit) {
    if (auto report = store.reports().find_report(campaign.id, unit.id)) {
      documents::UnitDataRow row = data_row_of(campaign, unit, *report);
      rows.emplace_back(row.level, documents::data_row(form, columns, row));
    }
  };
  add_report(node);
  for (const ChildFigures& child : store.reporting_up().child_figures(campaign.id, node.id)) {
    if (child.consolidates()) {
      rows.emplace_back(documents::level_name(child.unit.kind),
                        consolidated_child_cells(campaign, node, child, columns));
    } else if (const auto unit = store.units().find_unit_by_id(child.unit.id)) {
      add_report(*unit);
    }
  }
  return rows;
}

// The node's children in path order, cut into at most `count` consecutive runs of about equal
// numbers of reporting units: each run is one contiguous stretch of the subtree's path order.
std::vector<std::vector<OrgUnit>> child_runs(Store& store, std::int64_t campaign_id,
                                             const OrgUnit& node, unsigned count) {
  std::vector<OrgUnit> children = store.units().children(node.id);
  std::sort(children.begin(), children.end(),
            [](const OrgUnit& a, const OrgUnit& b) { return a.path < b.path; });
  std::vector<double> weights;
  double total = 0;
  for (const OrgUnit& child : children) {
    const Contribution slots = store.aggregates().aggregate(campaign_id, child.id);
    const auto it = slots.find("expected");
    weights.push_back(it == slots.end() ? 0.0 : it->second);
    total += weights.back();
  }
  std::vector<std::vector<OrgUnit>> runs(1);
  double taken = 0;
  for (std::size_t i = 0; i < children.size(); ++i) {
    // A new run starts once this one holds its share of the units.
    if (!runs.back().empty() && runs.size() < count &&
        taken >= total * static_cast<double>(runs.size()) / count) {
      runs.emplace_back();
    }
    runs.back().push_back(std::move(children[i]));
    taken += weights[i];
  }
  return runs;
}

}  // namespace

DocumentFile DocumentDownloads::data_export(const User& actor, std::int64_t campaign_id,
                                            const std::string& unit_code, DocumentFormat format) {
  SummaryOptions no_lists;
  no_lists.missing_limit = 0;
  no_lists.narrative_limit = 0;
  const Summary figures =
      app_.summaries().summary(actor, campaign_id, unit_code, no_lists);  // read_summary
  require_data_format(format);
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(unit_code);
  const ReportForm& form = *campaign.form;
  const std::vector<documents::DataColumn> columns = documents::data_columns(form);
  const ReportValueKeys keys = grid_value_keys(form, columns);

  DocumentFile file;
  file.content_type = std::string(content_type_of(format));
  file.file_name = "so-lieu-" + documents::ascii_slug(node.name) + "-" +
                   std::to_string(campaign.year) + "." + std::string(to_string(format));

  if (figures.source == SummarySource::accepted) {
    // The rows the summary adds up: a few hundred at most, written at once.
    const DataRows rows = accepted_rows(*store_, campaign, node, columns);
    if (format == DocumentFormat::csv) {
      auto csv = std::make_shared<documents::SpooledFile>();
      std::string text = documents::csv_header(columns);
      for (const auto& [level, cells] : rows) documents::append_csv_row(text, level, cells);
      csv->append(text);
      file.spooled = std::move(csv);
      return file;
    }
    documents::XlsxWriter writer;
    const std::size_t totals = writer.add_sheet("Tổng hợp", columns);
    write_totals(writer, totals, columns, node, campaign.year, figures);
    LevelSheets sheets(writer, columns);
    for (const auto& [level, cells] : rows) sheets.write(level, cells);
    file.spooled = std::make_shared<documents::SpooledFile>(writer.finish_file());
    return file;
  }

  if (format == DocumentFormat::csv) {
    // Units only: a machine reading the CSV sums the columns itself. A large subtree is read by
    // several threads at once, each over a run of the node's children into a file of its own;
    // the files are joined in order (copy_file_range), so the rows keep the subtree's path order.
    const unsigned shards = figures.expected < kShardMinimumUnits
                                ? 1u
                                : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxShards);
    const auto runs = child_runs(*store_, campaign.id, node, shards);
    std::vector<documents::SpooledFile> parts(runs.size());
    std::vector<std::exception_ptr> errors(runs.size());
    const auto write_run = [&](std::size_t index) {
      try {
        std::string buffer;
        const auto write_row = [&](const OrgUnit& unit, UnitReport& report) {
          documents::UnitDataRow row = data_row_of(campaign, unit, report);
          documents::append_csv_row(buffer, row.level, documents::data_row(form, columns, row));
          if (buffer.size() >= kSpoolPieceBytes) {
            parts[index].append(buffer);
            buffer.clear();
          }
        };
        if (index == 0) {
          buffer = documents::csv_header(columns);
          // The node's own report comes first, as in path order.
          if (auto own = store_->reports().find_report(campaign.id, node.id)) write_row(node, *own);
        }
        for (const OrgUnit& child : runs[index]) {
          store_->reports().for_each_report_in_subtree(campaign.id, child.path, keys, write_row);
        }
        parts[index].append(buffer);
      } catch (...) {
        errors[index] = std::current_exception();
      }
    };
    std::vector<std::thread> helpers;
    for (std::size_t i = 1; i < runs.size(); ++i) helpers.emplace_back(write_run, i);
    write_run(0);
    for (auto& helper : helpers) helper.join();
    for (const auto& error : errors) {
      if (error) std::rethrow_exception(error);
    }
    for (std::size_t i = 1; i < parts.size(); ++i) {
      parts[0].append_from(parts[i], 0, parts[i].size());
    }
    file.spooled = std::make_shared<documents::SpooledFile>(std::move(parts[0]));
    return file;
  }

  // Two threads: this one reads the store and turns reports into cells, the pipe's thread lays
  // cells out as XML and deflates them into the sheets' temporary files. They take about the
  // same time, so a national export takes about half as long; a bounded queue between them
  // keeps memory flat, and nothing of the subtree is held.
  documents::XlsxWriter writer;
  const std::size_t totals = writer.add_sheet("Tổng hợp", columns);
  write_totals(writer, totals, columns, node, campaign.year, figures);
  LevelSheets sheets(writer, columns);
  RowPipe pipe([&](const std::string& level, const std::vector<documents::DataCell>& cells) {
    sheets.write(level, cells);
  });
  store_->reports().for_each_report_in_subtree(
      campaign.id, node.path, keys, [&](const OrgUnit& unit, UnitReport& report) {
        documents::UnitDataRow row = data_row_of(campaign, unit, report);
        pipe.push(std::move(row.level), documents::data_row(form, columns, row));
      });
  pipe.finish();
  file.spooled = std::make_shared<documents::SpooledFile>(writer.finish_file());
  return file;
}

}  // namespace llw
