#include "cli/setup_commands.h"

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>

#include "app/campaigns.h"
#include "cli/command_support.h"
#include "demo/demo_data.h"

namespace llw::cli {

namespace {

namespace fs = std::filesystem;

struct SetupOptions {
  std::string db;
  std::string forms_dir = default_forms_dir();
  std::string scale = "commune";
  int year = default_demo_year;
  bool reset = false;
};

int cmd_init(const std::string& db, const std::string& forms_dir) {
  auto app = make_app(db, forms_dir);
  int loaded = 0;
  if (fs::is_directory(forms_dir)) {
    for (const auto& entry : fs::directory_iterator(forms_dir)) {
      if (entry.path().extension() != ".json") continue;
      app.campaigns().form(entry.path().stem().string());  // parses, checks and stores it
      ++loaded;
    }
  }
  if (loaded == 0) {
    throw UserError("no form definitions (*.json) found in " + forms_dir + "; pass --forms DIR");
  }
  std::cout << "Database ready: " << db << " (" << loaded << " form" << (loaded == 1 ? "" : "s")
            << " loaded from " << forms_dir << ")\n";
  return 0;
}

// Builds the demo into `target` and returns its figures; the caller times and prints them.
llw::DemoStats build_demo(const std::string& target, llw::DemoScale scale, int year,
                          const std::string& forms_dir) {
  auto app = make_app(target, forms_dir);
  return llw::make_demo(app, scale, year,
                        [](const std::string& line) { std::cout << line << "\n"; });
}

void remove_sqlite_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
}

// Demo data goes only into a database that holds none (a new file, or one with only its schema
// and forms), or replaces one when --reset is given. A SQLite demo is built in a file of its own
// beside the target and renamed over it once complete: a failure half-way leaves the target as
// it was. A PostgreSQL database must be empty (no units, no accounts); it is not reset.
int cmd_demo(const std::string& db, const std::string& scale_name, int year,
             const std::string& forms_dir, bool reset) {
  auto scale = llw::demo_scale_from_string(scale_name);
  if (!scale) throw UserError("unknown scale '" + scale_name + "': use commune, city or national");
  const bool postgresql = llw::is_postgresql_url(db);
  if (postgresql && reset) {
    throw UserError("--reset only replaces a SQLite file; for PostgreSQL create an empty database");
  }
  const bool exists = postgresql || (fs::exists(db) && fs::file_size(db) > 0);
  if (exists && !reset) {
    auto app = make_app(db, forms_dir);
    if (llw::database_holds_data(app)) {
      throw UserError(db +
                      " already holds data (units or accounts); demo data goes only into a "
                      "new database: use a new file" +
                      std::string(postgresql ? "" : ", or pass --reset to replace this one"));
    }
  }
  const auto started = std::chrono::steady_clock::now();
  llw::DemoStats stats;
  if (postgresql) {
    stats = build_demo(db, *scale, year, forms_dir);
  } else {
    const std::string building = db + ".demo-building";
    remove_sqlite_files(building);
    try {
      stats = build_demo(building, *scale, year, forms_dir);  // closed (and checkpointed) on return
    } catch (...) {
      remove_sqlite_files(building);
      throw;
    }
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(db + suffix);
    fs::rename(building, db);
    remove_sqlite_files(building);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::cout << "\nDemo database " << db << " (" << scale_name << " scale, " << year << ") built in "
            << std::fixed << std::setprecision(1) << seconds << " s\n";
  std::cout << "  units: " << stats.units << ", campaign " << stats.campaign_id << " issued by "
            << stats.issuer_code << ", reporting units: " << stats.reporting_units << "\n";
  std::cout << "  reports:";
  for (const auto& [state, count] : stats.reports_by_state)
    std::cout << " " << state << "=" << count;
  if (stats.previous_campaign_id != 0) {
    std::cout << "\n  last year's campaign " << stats.previous_campaign_id << " (" << year - 1
              << "), every report accepted";
  }
  std::cout << "\n\nDemo accounts (for trying the system only):\n";
  std::cout << "  " << pad("username", 16) << pad("password", 12) << pad("role", 13)
            << pad("unit", 20) << "unit name\n";
  for (const auto& a : stats.accounts) {
    std::cout << "  " << pad(a.username, 16) << pad(a.password, 12)
              << pad(std::string(llw::to_string(a.role)), 13)
              << pad(a.unit_code.empty() ? "-" : a.unit_code, 20) << a.unit_name << "\n";
  }
  std::cout << "\nSummary of the issuing unit: llw summary --db " << db << " --campaign "
            << stats.campaign_id << " --unit " << stats.issuer_code << "\n";
  return 0;
}

}  // namespace

std::function<int()> add_setup_commands(CLI::App& app) {
  auto o = std::make_shared<SetupOptions>();

  auto* init =
      app.add_subcommand("init", "Create or migrate a database and load the form definitions");
  add_db_option(init, o->db);
  add_forms_option(init, o->forms_dir);

  auto* demo = app.add_subcommand(
      "demo", "Fill a new database with realistic demo data and print the demo accounts");
  add_db_option(demo, o->db);
  demo->add_option("--scale", o->scale, "commune (one commune), city (Hải Phòng) or national")
      ->capture_default_str()
      ->check(CLI::IsMember({"commune", "city", "national"}));
  demo->add_option("--year", o->year,
                   "Year of the demo's campaign: its dates, name and plan texts fall in it")
      ->capture_default_str()
      ->check(CLI::Range(min_demo_year, max_demo_year));
  add_forms_option(demo, o->forms_dir);
  demo->add_flag("--reset", o->reset,
                 "Replace an existing SQLite file (the demo is built beside it and renamed over "
                 "it once complete)");

  return [o, init, demo]() -> int {
    if (init->parsed()) return cmd_init(o->db, o->forms_dir);
    if (demo->parsed()) return cmd_demo(o->db, o->scale, o->year, o->forms_dir, o->reset);
    return -1;
  };
}

}  // namespace llw::cli
