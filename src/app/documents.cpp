// Documents and data exports: the plan, a unit's report, the consolidated report of any node and
// the units × items data of a subtree, as files. Access is checked exactly as for the data each
// one shows; the numbers come from the same store reads and domain arithmetic the API uses.
#include "app/documents.h"

#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/application.h"
#include "app/reporting_up.h"
#include "documents/builders.h"
#include "documents/csv_writer.h"
#include "documents/data_table.h"
#include "documents/docx_renderer.h"
#include "documents/pdf_renderer.h"
#include "documents/xlsx_writer.h"
#include "domain/access.h"
#include "domain/error.h"

namespace llw {
namespace {

// The unit's own signer (its settings) when any line is set; otherwise the builders choose (the
// plan's signer for the issuer's consolidated report, else the default block of the kind). The
// title lines are printed in capitals as Nghị định 30 wants, however they were typed.
documents::DocumentOptions signer_options(const OrgUnit& unit) {
  documents::DocumentOptions options;
  if (!unit.signer.empty()) {
    options.signer = documents::SignatureBlock{documents::vietnamese_upper(unit.signer.authority),
                                               documents::vietnamese_upper(unit.signer.deputy),
                                               documents::vietnamese_upper(unit.signer.position),
                                               unit.signer.name};
  }
  return options;
}

// Above this many reporting units a consolidated report carries no annex: a national annex would
// run to thousands of pages. Its figures stay complete; the unit-by-unit data is the data export.
constexpr std::int64_t kMaxAnnexRows = 3000;

// How many missing units and unit texts a consolidated report names.
constexpr int kDocumentMissingLimit = 200;
constexpr int kDocumentNarrativeLimit = 50;

void require_document_format(DocumentFormat format) {
  if (format == DocumentFormat::docx || format == DocumentFormat::pdf) return;
  throw Error(ErrorKind::bad_input,
              "Văn bản chỉ tải được dưới dạng .docx hoặc .pdf; số liệu dạng .xlsx hoặc .csv nằm ở "
              "mục \"Tải số liệu\".",
              "format");
}

void require_data_format(DocumentFormat format) {
  if (format == DocumentFormat::xlsx || format == DocumentFormat::csv) return;
  throw Error(ErrorKind::bad_input,
              "Số liệu chỉ tải được dưới dạng .xlsx hoặc .csv; văn bản .docx hoặc .pdf nằm ở mục "
              "\"Tải báo cáo\".",
              "format");
}

DocumentFile file_of(const documents::Document& document, DocumentFormat format) {
  DocumentFile file;
  file.bytes = format == DocumentFormat::pdf ? documents::render_pdf(document)
                                             : documents::render_docx(document);
  file.content_type = std::string(content_type_of(format));
  file.file_name = document.file_stem + "." + std::string(to_string(format));
  return file;
}

std::optional<OrgUnit> parent_of(Store& store, const OrgUnit& unit) {
  if (!unit.parent_id) return std::nullopt;
  return store.find_unit_by_id(*unit.parent_id);
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

// Rows handed from the thread that reads them to a thread that writes them, in order, in
// batches through a queue of bounded length. An exception on either side stops both and comes
// out of push() or finish() on the reading side.
class RowPipe {
 public:
  using Sink = std::function<void(const std::string&, const std::vector<documents::DataCell>&)>;

  explicit RowPipe(Sink sink) : sink_(std::move(sink)), thread_([this] { drain(); }) {}
  ~RowPipe() {
    // Abandoned by an exception on the reading side: stop the writer and wait for it.
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      stopped_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void push(std::string level, std::vector<documents::DataCell> cells) {
    batch_.emplace_back(std::move(level), std::move(cells));
    if (batch_.size() >= kBatchRows) hand_over();
  }

  // Waits until every row is written; rethrows the writer's exception.
  void finish() {
    if (!batch_.empty()) hand_over();
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
    thread_.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  using Batch = std::vector<std::pair<std::string, std::vector<documents::DataCell>>>;
  static constexpr std::size_t kBatchRows = 256;
  static constexpr std::size_t kMaxBatches = 8;

  void hand_over() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < kMaxBatches || stopped_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(batch_));
    batch_ = {};
    lock.unlock();
    changed_.notify_all();
  }

  void drain() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
        if (queue_.empty() || stopped_) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      changed_.notify_all();
      try {
        for (const auto& [level, cells] : batch) sink_(level, cells);
      } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
        stopped_ = true;
        changed_.notify_all();
        return;
      }
    }
  }

  Sink sink_;
  Batch batch_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool closed_ = false;   // no more batches will come
  bool stopped_ = false;  // stop now (an error, or the reading side gave up)
  std::exception_ptr error_;
  std::thread thread_;  // last: started once every other member is ready
};

}  // namespace

std::optional<DocumentFormat> document_format_from_string(std::string_view text) {
  if (text == "docx") return DocumentFormat::docx;
  if (text == "pdf") return DocumentFormat::pdf;
  if (text == "xlsx") return DocumentFormat::xlsx;
  if (text == "csv") return DocumentFormat::csv;
  return std::nullopt;
}

std::string_view to_string(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::docx:
      return "docx";
    case DocumentFormat::pdf:
      return "pdf";
    case DocumentFormat::xlsx:
      return "xlsx";
    case DocumentFormat::csv:
      return "csv";
  }
  return "bin";
}

std::string_view content_type_of(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case DocumentFormat::pdf:
      return "application/pdf";
    case DocumentFormat::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case DocumentFormat::csv:
      return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

Campaign Application::update_campaign_plan(const User& actor, std::int64_t campaign_id,
                                           const nlohmann::json& plan) {
  Campaign campaign = load_campaign(campaign_id);
  auto issuer = store_->find_unit_by_id(campaign.issuer_unit_id);
  if (!issuer) load_unit(campaign.issuer_code, "issuer");  // throws the usual not_found
  require_allowed(actor, Action::manage_campaign, *issuer);
  if (!plan.is_object()) {
    throw Error(ErrorKind::bad_input,
                "Nội dung kế hoạch phải là một đối tượng JSON gồm các trường của kế hoạch (số, "
                "ngày ban hành, mục đích, chủ đề, …).",
                "plan");
  }
  reject_unknown_plan_members(plan);
  // The theme is the campaign's: a plan's first save may set it, later ones quote it as it is
  // (the issuer changes it in the campaign's settings).
  const std::string theme = campaign.theme();
  nlohmann::json replaced = plan;
  if (!theme.empty()) {
    if (replaced.contains("theme") && replaced.at("theme") != theme) {
      const std::string message =
          "Chủ đề là của Tuần lễ (“" + theme +
          "”) và được trích nguyên văn; kế hoạch không thay được. Người ban hành đợt sửa chủ đề "
          "trong phần cài đặt đợt báo cáo.";
      throw Error(ErrorKind::validation_failed, message, "plan.theme", {{"plan.theme", message}});
    }
    replaced["theme"] = theme;
  }
  campaign.plan = std::move(replaced);
  validate_campaign(campaign);  // the plan's checks, and the rest still holds
  store_->update_campaign_plan(campaign.id, campaign.plan);
  return campaign;
}

DocumentFile Application::plan_document(const User& actor, std::int64_t campaign_id,
                                        DocumentFormat format) {
  Campaign campaign = get_campaign(actor, campaign_id);  // may_see_campaign
  require_document_format(format);
  auto issuer = store_->find_unit_by_id(campaign.issuer_unit_id);
  if (!issuer) load_unit(campaign.issuer_code, "issuer");
  const auto parent = parent_of(*store_, *issuer);
  return file_of(documents::build_plan_document(campaign, *issuer, parent ? &*parent : nullptr),
                 format);
}

DocumentFile Application::report_document(const User& actor, std::int64_t campaign_id,
                                          const std::string& unit_code, DocumentFormat format,
                                          const ReportDocumentOptions& options) {
  const UnitReport report = get_report(actor, campaign_id, unit_code);  // read_report
  require_document_format(format);
  const Campaign campaign = load_campaign(campaign_id);
  const OrgUnit unit = load_unit(unit_code);
  const auto parent = parent_of(*store_, unit);
  return file_of(documents::build_unit_report_document(campaign, *campaign.form, unit,
                                                       parent ? &*parent : nullptr, report,
                                                       options.mark_empty, signer_options(unit)),
                 format);
}

DocumentFile Application::summary_document(const User& actor, std::int64_t campaign_id,
                                           const std::string& unit_code, DocumentFormat format) {
  SummaryOptions limits;
  limits.missing_limit = kDocumentMissingLimit;
  limits.narrative_limit = kDocumentNarrativeLimit;
  const Summary figures = summary(actor, campaign_id, unit_code, limits);  // read_summary
  require_document_format(format);
  const Campaign campaign = load_campaign(campaign_id);
  const OrgUnit node = load_unit(unit_code);
  const auto parent = parent_of(*store_, node);

  // One row per reporting unit of the subtree, through the domain's contribution arithmetic, so
  // the annex's total row is the summary's figures.
  std::vector<documents::AnnexRow> annex;
  if (figures.source == SummarySource::accepted) {
    // Units below consolidating children count only through their accepted snapshots.
    annex = accepted_annex(*store_, campaign, node);
  } else if (figures.expected <= kMaxAnnexRows) {
    annex.reserve(static_cast<std::size_t>(figures.expected));
    store_->for_each_report_in_subtree(
        campaign.id, node.path, [&](const OrgUnit& unit, const UnitReport& report) {
          annex.push_back(documents::annex_row_of(campaign, unit, report));
        });
  }
  // The coordinator's consolidated narrative (written on the consolidated report page); a part
  // left empty falls back to the units' texts, gathered unit by unit.
  std::map<std::string, std::string> consolidated;
  if (auto stored = store_->find_consolidated_narrative(campaign.id, node.id)) {
    consolidated = std::move(stored->texts);
  }
  return file_of(
      documents::build_summary_document(campaign, *campaign.form, node, parent ? &*parent : nullptr,
                                        figures, annex, consolidated, signer_options(node)),
      format);
}

DocumentFile Application::data_export(const User& actor, std::int64_t campaign_id,
                                      const std::string& unit_code, DocumentFormat format) {
  SummaryOptions no_lists;
  no_lists.missing_limit = 0;
  no_lists.narrative_limit = 0;
  const Summary figures = summary(actor, campaign_id, unit_code, no_lists);  // read_summary
  require_data_format(format);
  const Campaign campaign = load_campaign(campaign_id);
  const OrgUnit node = load_unit(unit_code);
  const ReportForm& form = *campaign.form;
  const std::vector<documents::DataColumn> columns = documents::data_columns(form);

  DocumentFile file;
  file.content_type = std::string(content_type_of(format));
  file.file_name = "so-lieu-" + documents::ascii_slug(node.name) + "-" +
                   std::to_string(campaign.year) + "." + std::string(to_string(format));

  if (format == DocumentFormat::csv) {
    // Units only: a machine reading the CSV sums the columns itself.
    file.bytes = documents::csv_header(columns);
    store_->for_each_report_in_subtree(
        campaign.id, node.path, [&](const OrgUnit& unit, UnitReport& report) {
          const documents::UnitDataRow row = data_row_of(campaign, unit, report);
          documents::append_csv_row(file.bytes, row.level, documents::data_row(form, columns, row));
        });
    return file;
  }

  // Two threads: this one reads the store and turns reports into cells, the writer thread
  // lays cells out as XML for the writer's temporary files (and compresses them at the end).
  // They take about the same time, so a national export takes about half as long; a bounded
  // queue between them keeps memory flat, and nothing of the subtree is held.
  documents::XlsxWriter writer;
  const std::size_t totals = writer.add_sheet("Tổng hợp", columns);
  writer.write_row(totals, summary_cells(columns, node, figures));
  RowPipe pipe(
      [&, sheets = std::map<std::string, std::size_t>()](
          const std::string& level, const std::vector<documents::DataCell>& cells) mutable {
        auto it = sheets.find(level);
        if (it == sheets.end()) it = sheets.emplace(level, writer.add_sheet(level, columns)).first;
        writer.write_row(it->second, cells);
      });
  store_->for_each_report_in_subtree(
      campaign.id, node.path, [&](const OrgUnit& unit, UnitReport& report) {
        documents::UnitDataRow row = data_row_of(campaign, unit, report);
        pipe.push(std::move(row.level), documents::data_row(form, columns, row));
      });
  pipe.finish();
  file.bytes = writer.finish();
  return file;
}

}  // namespace llw
