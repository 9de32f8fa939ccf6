// Benchmark of the documents layer: a commune's consolidated report as DOCX and PDF (targets
// under 20 ms and 100 ms), and the XLSX of the national demo's size (110,000 unit rows: under
// 10 s and 500 MB). With --libreoffice it also times LibreOffice's DOCX → PDF conversion of the
// same report, for comparison. Prints one line per figure.
//
//   llw_documents_bench [--units N] [--libreoffice]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "documents/builders.h"
#include "documents/data_table.h"
#include "documents/docx_renderer.h"
#include "documents/pdf_renderer.h"
#include "documents/xlsx_writer.h"
#include "domain/form.h"
#include "domain/summary.h"

namespace {

using namespace llw;
using namespace llw::documents;
using BenchClock = std::chrono::steady_clock;

double ms_since(BenchClock::time_point start) {
  return std::chrono::duration<double, std::milli>(BenchClock::now() - start).count();
}

long peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Plausible values for every scalar item of the form, from the form alone.
nlohmann::json synthetic_values(const ReportForm& form, const OrgUnit& unit, std::mt19937& rng) {
  nlohmann::json values = nlohmann::json::object();
  std::uniform_int_distribution<int> small(0, 12);
  std::bernoulli_distribution coin(0.5);
  for (const FormItem* item : form.items()) {
    if (item->summary == "participation.participants") {
      const std::string group = item->key.substr(item->key.find('_') + 1);
      const auto it = unit.population.find(group);
      if (it != unit.population.end()) values[item->key] = it->second * 9 / 10;
      continue;
    }
    switch (item->type) {
      case ItemType::count:
        values[item->key] = item->measure == "participants" ? small(rng) * 40 : small(rng);
        break;
      case ItemType::yes_no:
        values[item->key] = coin(rng);
        break;
      case ItemType::narrative:
        values[item->key] =
            "Đơn vị đã triển khai đầy đủ các hoạt động theo Kế hoạch, thu hút "
            "đông đảo cán bộ, giáo viên, học sinh và nhân dân tham gia.";
        break;
      default:
        break;
    }
  }
  // Activities not held carry no sessions or participants (the form's rules).
  for (const FormItem* item : form.items()) {
    if (item->measure != "held" || values.value(item->key, false)) continue;
    for (const FormItem* other : form.items()) {
      if (other->activity == item->activity && other->type == ItemType::count) {
        values[other->key] = 0;
      }
    }
  }
  return values;
}

template <typename F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = BenchClock::now();
    f();
    times.push_back(ms_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t national_units = 110000;
  bool libreoffice = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--units" && i + 1 < argc) national_units = std::stoul(argv[++i]);
    if (arg == "--libreoffice") libreoffice = true;
  }
  const std::string root = LLW_SOURCE_DIR;
  const auto form = load_form(read_json(root + "/forms/llw-2025.json"), "forms/llw-2025.json");

  OrgUnit city;
  city.code = "HP";
  city.name = "Hải Phòng";
  city.kind = UnitKind::province;
  city.path = "/1/2/";
  OrgUnit commune;
  commune.id = 3;
  commune.code = "HP-ANHUNG";
  commune.name = "Xã An Hưng";
  commune.kind = UnitKind::commune;
  commune.path = "/1/2/3/";
  Campaign campaign;
  campaign.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
  campaign.year = 2025;
  campaign.issuer_code = commune.code;
  campaign.form = form;
  campaign.plan = read_json(root + "/tests/documents/seed_plan.json");

  // A commune as the demo has it: about 30 units, most reported.
  std::mt19937 rng(2025);
  Contribution total;
  std::vector<AnnexRow> annex;
  std::vector<std::pair<OrgUnit, UnitReport>> units;
  for (int i = 0; i < 32; ++i) {
    OrgUnit unit;
    unit.id = 100 + i;
    unit.code = commune.code + "-U" + std::to_string(i);
    unit.name =
        (i % 3 == 0 ? "Thôn " : "Trường Tiểu học ") + std::string("Số ") + std::to_string(i + 1);
    unit.kind = i % 3 == 0 ? UnitKind::village : UnitKind::school;
    unit.path = commune.path + std::to_string(unit.id) + "/";
    unit.population = i % 3 == 0 ? Population{{"residents", 400 + i * 7}}
                                 : Population{{"students", 500 + i * 11}, {"staff", 40 + i}};
    UnitReport report;
    report.unit_code = unit.code;
    report.status = i % 8 == 7 ? ReportStatus::draft : ReportStatus::submitted;
    report.late = i % 5 == 4;
    report.values = synthetic_values(*form, unit, rng);
    units.emplace_back(unit, report);
  }
  for (const auto& [unit, report] : units) add_into(total, contribution_of(campaign, unit, report));
  Summary summary = summary_from_aggregate(campaign, commune, total);
  for (const auto& [unit, report] : units) {
    annex.push_back(annex_row_of(campaign, unit, report));
    if (!campaign.counts(report.status)) {
      summary.missing.push_back(unit.code);
      continue;
    }
    for (const auto& [part, text] : narrative_texts(*form, report.values)) {
      summary.narratives[part].push_back({unit.code, unit.name, text});
    }
  }

  Document document;
  const double build_ms = median_ms(50, [&] {
    document = build_summary_document(campaign, *form, commune, &city, summary, annex, {});
  });
  std::string docx, pdf;
  render_pdf(document);  // warm the font cache once, as a running server has it
  const double docx_ms = median_ms(30, [&] { docx = render_docx(document); });
  const double pdf_ms = median_ms(15, [&] { pdf = render_pdf(document); });
  std::printf("commune summary: build %.2f ms\n", build_ms);
  std::printf("commune summary DOCX: %.2f ms (target < 20 ms), %zu bytes\n", docx_ms, docx.size());
  std::printf("commune summary PDF: %.2f ms (target < 100 ms), %zu bytes\n", pdf_ms, pdf.size());

  if (libreoffice) {
    const std::string dir = "/tmp/llw-bench-lo";
    std::system(("rm -rf " + dir + " && mkdir -p " + dir).c_str());
    std::ofstream(dir + "/summary.docx", std::ios::binary) << docx;
    const std::string command = "cd " + dir +
                                " && soffice --headless --norestore -env:UserInstallation=file://" +
                                dir + "/profile --convert-to pdf summary.docx >/dev/null 2>&1";
    std::system(command.c_str());  // the first run creates the profile; time the second
    const auto start = BenchClock::now();
    const int rc = std::system(command.c_str());
    std::printf("LibreOffice DOCX -> PDF of the same report: %.0f ms (rc %d)\n", ms_since(start),
                rc);
  }

  // The national demo's size: one row per unit, a sheet per level, streamed row by row as the
  // application streams them from the database (nothing holds all 110,000 rows).
  const long rss_before = peak_rss_kb();
  const auto start = BenchClock::now();
  const std::vector<DataColumn> columns = data_columns(*form);
  XlsxWriter writer;
  const std::size_t communes = writer.add_sheet("Xã, phường", columns);
  const std::size_t schools = writer.add_sheet("Trường học", columns);
  const std::size_t villages = writer.add_sheet("Thôn", columns);
  UnitDataRow row;
  for (std::size_t i = 0; i < national_units; ++i) {
    const auto& [unit, report] = units[i % units.size()];
    row.code = "VN-" + std::to_string(i);
    row.name = unit.name + " " + std::to_string(i);
    row.parent_code = "VN-" + std::to_string(i / 33 * 33);
    row.status = report.status;
    row.late = report.late;
    row.submitted_on = "2025-10-11";
    row.values = report.values;
    row.participants = 900;
    row.population = 1000;
    const std::size_t sheet = i % 33 == 0                      ? communes
                              : unit.kind == UnitKind::village ? villages
                                                               : schools;
    writer.write_row(sheet, data_row(*form, columns, row));
  }
  const std::string xlsx = writer.finish();
  const double xlsx_ms = ms_since(start);
  std::printf("XLSX of %zu units: %.0f ms (target < 10000 ms), %zu bytes\n", national_units,
              xlsx_ms, xlsx.size());
  std::printf("peak RSS before the XLSX: %ld MB\n", rss_before / 1024);
  std::printf("peak RSS (VmHWM): %ld MB (target < 500 MB)\n", peak_rss_kb() / 1024);
  return 0;
}
