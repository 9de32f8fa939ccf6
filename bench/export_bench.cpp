// Benchmark of the data export and the consolidated report through the real store: opens a demo
// database (build it with `llw demo --scale national --db FILE`), then times the Application's
// data_export of a node's subtree as XLSX and CSV (national target: XLSX under 10 s and 500 MB)
// and the consolidated report of a commune as DOCX and PDF. Prints one line per figure, with the
// process's peak resident memory (VmHWM) after each.
//
//   llw_export_bench --db FILE [--campaign 1] [--unit VN] [--commune HP-ANHUNG] [--csv]

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "app/application.h"
#include "app/document_downloads.h"
#include "storage/open_store.h"

namespace {

using BenchClock = std::chrono::steady_clock;

double ms_since(BenchClock::time_point start) {
  return std::chrono::duration<double, std::milli>(BenchClock::now() - start).count();
}

// CPU time of this process (user + system), ms: on a machine shared with other work the wall
// time overstates what the export costs, and both are printed.
double cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

long peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, unit = "VN", commune = "HP-ANHUNG";
  std::int64_t campaign = 1;
  bool csv = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc)
      db = argv[++i];
    else if (arg == "--campaign" && i + 1 < argc)
      campaign = std::atoll(argv[++i]);
    else if (arg == "--unit" && i + 1 < argc)
      unit = argv[++i];
    else if (arg == "--commune" && i + 1 < argc)
      commune = argv[++i];
    else if (arg == "--csv")
      csv = true;
  }
  if (db.empty()) {
    std::fprintf(stderr,
                 "usage: llw_export_bench --db FILE [--campaign ID] [--unit CODE] "
                 "[--commune CODE] [--csv]\n");
    return 2;
  }
  llw::ApplicationConfig config;
  config.forms_dir = std::string(LLW_SOURCE_DIR) + "/forms";
  // The bench keeps the store too, to time the store's share of an export on its own.
  const std::shared_ptr<llw::Store> store = llw::open_store(db);
  llw::Application app(store, config, llw::system_clock());
  llw::User admin;
  admin.username = "bench";
  admin.role = llw::Role::admin;
  std::printf("after opening the store: peak RSS %ld MB\n", peak_rss_mb());

  // Wall and CPU time of one step.
  struct Step {
    BenchClock::time_point wall = BenchClock::now();
    double cpu = cpu_ms();
    std::string figures() const {
      char text[80];
      std::snprintf(text, sizeof text, "%.0f ms (CPU %.0f ms)", ms_since(wall), cpu_ms() - cpu);
      return text;
    }
  };

  for (const auto format : {llw::DocumentFormat::docx, llw::DocumentFormat::pdf}) {
    Step step;
    const auto file = app.documents().summary_document(admin, campaign, commune, format);
    std::printf("consolidated report of %s, %s through the store: %s, %zu bytes\n", commune.c_str(),
                std::string(llw::to_string(format)).c_str(), step.figures().c_str(),
                file.bytes.size());
  }

  {
    // The store's share: the same walk with nothing done per row.
    Step step;
    std::size_t rows = 0;
    store->reports().for_each_report_in_subtree(
        campaign, store->units().find_unit(unit)->path,
        [&](const llw::OrgUnit&, llw::UnitReport&) { ++rows; });
    std::printf("reading the %zu reports of %s from the store: %s\n", rows, unit.c_str(),
                step.figures().c_str());
  }
  {
    Step step;
    const auto xlsx = app.documents().data_export(admin, campaign, unit, llw::DocumentFormat::xlsx);
    std::printf(
        "XLSX export of %s through the store: %s (target < 10000 ms), %zu bytes; peak RSS "
        "%ld MB (target < 500 MB)\n",
        unit.c_str(), step.figures().c_str(), xlsx.size(), peak_rss_mb());
  }
  if (csv) {
    Step step;
    const auto file = app.documents().data_export(admin, campaign, unit, llw::DocumentFormat::csv);
    std::printf("CSV export of %s through the store: %s, %zu bytes; peak RSS %ld MB\n",
                unit.c_str(), step.figures().c_str(), file.size(), peak_rss_mb());
  }
  return 0;
}
