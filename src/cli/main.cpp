// `llw`: the command line. Each command opens the database, builds the Application and calls one
// use case; the CLI acts as a system administrator. Exit codes: 0 ok, 1 user error (message on
// stderr), 2 usage.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "app/accounts.h"
#include "app/api_json.h"
#include "app/application.h"
#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/summaries.h"
#include "app/units.h"
#include "cli/ops_commands.h"
#include "cli/remind_commands.h"
#include "cli/system_user.h"
#include "demo/demo_data.h"
#include "domain/error.h"
#include "storage/open_store.h"
#include "web/client_address.h"
#include "web/server.h"

namespace fs = std::filesystem;

namespace {

// A user error: printed as is, exit code 1.
struct UserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string default_forms_dir() {
  if (fs::is_directory("forms")) return "forms";
#ifdef LLW_DEFAULT_FORMS_DIR
  return LLW_DEFAULT_FORMS_DIR;
#else
  return "forms";
#endif
}

using llw::cli::system_user;

llw::Application make_app(const std::string& db, const std::string& forms_dir,
                          const llw::StoreOptions& store_options = {}) {
  llw::ApplicationConfig config;
  config.forms_dir = forms_dir;
  return llw::Application(llw::open_store(db, store_options), config, llw::system_clock());
}

// Every command's --db: a SQLite file or a PostgreSQL URL, or the LLW_DB environment variable.
CLI::Option* add_db_option(CLI::App* command, std::string& db) {
  return command
      ->add_option("--db", db,
                   "Database: a SQLite file path or postgresql://user:pass@host:port/db "
                   "(default: $LLW_DB)")
      ->envname("LLW_DB")
      ->required();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string lowercase_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Pads by code points so Vietnamese names line up in a terminal.
std::string pad(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text + " " : text + std::string(width - chars, ' ');
}

std::string format_number(double value) {
  std::ostringstream out;
  if (std::floor(value) == value && std::fabs(value) < 9e15) {
    out << static_cast<long long>(value);
  } else {
    out << std::fixed << std::setprecision(2) << value;
  }
  return out.str();
}

// ---- Commands --------------------------------------------------------------------------------

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

int cmd_serve(const std::string& db, const std::string& bind, int port, unsigned threads,
              const std::string& forms_dir, const std::string& durability,
              const llw::cli::MailOptions& mail, const std::vector<std::string>& trusted_proxies,
              std::size_t max_connections) {
  if (port < 0 || port > 65535) throw UserError("--port must be between 0 and 65535");
  llw::StoreOptions store_options;
  store_options.synchronous = durability == "full" ? "FULL" : "NORMAL";
  if (threads == 0) {
    // A worker thread serves one request at a time and waits while the database works. SQLite
    // is in-process and has one writer at a time, whose commits wait for the disk (durability
    // full): the saves that arrive during a sync share the next commit (group commit), so enough
    // threads must be parsing and waiting that a batch forms; 16 gave 2,900 saves/s at p99 50 ms
    // where 4 gave 2,200 at p99 250 ms (docs/performance.md). With
    // PostgreSQL every statement is a round trip and every save waits for its commit's WAL flush
    // (~5 ms on this project's disk), so a process needs more requests in flight for the
    // server's group commit to flush several saves at once; more threads than 8 per process cost
    // more CPU per save in context switches than they gained (docs/performance.md).
    threads = llw::is_postgresql_url(db) ? 8 : 16;
  }
  store_options.pool_size = static_cast<int>(threads) + 2;
  auto app = make_app(db, forms_dir, store_options);
  llw::ServerConfig config;
  config.bind_address = bind;
  config.port = static_cast<std::uint16_t>(port);
  config.threads = threads;
  config.trusted_proxies = trusted_proxies;
  config.max_connections = max_connections;
  try {
    llw::TrustedProxies checked(trusted_proxies);
  } catch (const std::invalid_argument& e) {
    throw UserError(std::string("--trusted-proxy: ") + e.what());
  }
  llw::HttpServer server(app, config);
  // E-mail reminders on their schedule, when a mail server is given; stopped with the server.
  auto reminders = llw::cli::start_reminder_schedule(app, mail);
  server.run([&] {
    std::cout << "LLW is listening on http://" << bind << ":" << server.port()
              << "/ (Ctrl+C to stop)" << std::endl;
  });
  return 0;
}

int cmd_user_add(const std::string& db, const std::string& username, const std::string& unit,
                 const std::string& role_name, const std::string& name,
                 const std::string& forms_dir) {
  auto role = llw::role_from_string(role_name);
  if (!role)
    throw UserError("unknown role '" + role_name + "': use admin, coordinator, reporter or viewer");
  if (*role != llw::Role::admin && unit.empty()) {
    throw UserError("role '" + role_name + "' needs --unit CODE (only an admin has no unit)");
  }
  if (isatty(STDIN_FILENO)) std::cerr << "Password for " << username << ": " << std::flush;
  std::string password;
  if (!std::getline(std::cin, password)) throw UserError("no password on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto app = make_app(db, forms_dir);
  // An unknown unit code is Error{not_found} here, before the account's creation is attempted and
  // audited.
  if (!unit.empty()) app.units().get_unit(system_user(), unit);
  llw::User user = app.accounts().add_user(username, name, *role, unit, password);
  std::cout << "Created " << llw::to_string(user.role) << " '" << user.username << "'"
            << (user.unit_code.empty() ? std::string() : " at " + user.unit_code) << "\n";
  return 0;
}

int cmd_import_units(const std::string& db, const std::string& file, const std::string& forms_dir) {
  const std::string ext = lowercase_extension(file);
  std::string content_type;
  if (ext == ".csv") {
    content_type = "text/csv";
  } else if (ext == ".xlsx") {
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    throw UserError("unsupported file type '" + ext + "': use a .csv or .xlsx file");
  }
  const std::string body = read_file(file);
  auto app = make_app(db, forms_dir);
  llw::ImportResult result = app.units().import_units(system_user(), body, content_type);
  if (!result.errors.empty()) {
    std::cerr << "Nothing was imported: " << result.errors.size() << " error"
              << (result.errors.size() == 1 ? "" : "s") << " in " << file << "\n";
    for (const llw::ImportProblem& problem : result.errors) {
      std::cerr << "  " << (problem.row > 0 ? "row " + std::to_string(problem.row) : "file")
                << (problem.column.empty() ? "" : ", column " + problem.column) << ": "
                << problem.message << "\n";
    }
    return 1;
  }
  std::cout << "Imported " << file << ": " << result.created << " created, " << result.updated
            << " updated\n";
  return 0;
}

void print_summary(const llw::Summary& s) {
  std::cout << s.unit_name << " (" << s.unit_code << ")\n";
  std::cout << "  reports expected " << s.expected << ", submitted " << s.submitted << " (on time "
            << s.on_time << ", late " << s.late << "), missing " << s.missing_count << "\n";
  std::cout << "  participation " << s.participants << " / " << s.population << " = " << std::fixed
            << std::setprecision(2) << s.participation_rate * 100 << " %\n";
  std::cout.unsetf(std::ios::fixed);
  std::cout << "\n  " << pad("total", 32) << "value\n";
  for (const auto& [key, value] : s.totals) {
    std::cout << "  " << pad(key, 32) << format_number(value) << "\n";
  }
  std::cout << "\n  " << pad("activity", 32) << pad("units", 8) << pad("sessions", 10)
            << "participants\n";
  for (const auto& [key, f] : s.activities) {
    std::cout << "  " << pad(key, 32) << pad(std::to_string(f.units), 8)
              << pad(std::to_string(f.sessions), 10) << f.participants << "\n";
  }
  std::cout << "\n  " << pad("direction", 32) << pad("units", 8) << pad("sessions", 10)
            << "participants\n";
  for (const auto& [key, f] : s.directions) {
    std::cout << "  " << pad(key, 32) << pad(std::to_string(f.units), 8)
              << pad(std::to_string(f.sessions), 10) << f.participants << "\n";
  }
  if (!s.commendations.empty()) {
    std::cout << "\n  commendations:";
    for (const auto& [key, n] : s.commendations) std::cout << " " << key << "=" << n;
    std::cout << "\n";
  }
  if (!s.missing.empty()) {
    std::cout << "\n  not submitted (" << s.missing_count << "):";
    std::size_t shown = 0;
    for (const auto& code : s.missing) {
      if (shown++ == 20) {
        std::cout << " …";
        break;
      }
      std::cout << " " << code;
    }
    std::cout << "\n";
  }
  for (const auto& [part, texts] : s.narratives) {
    auto count = s.narrative_counts.count(part) ? s.narrative_counts.at(part) : 0;
    std::cout << "\n  " << part << " (" << count << " units)\n";
    std::size_t shown = 0;
    for (const auto& t : texts) {
      if (shown++ == 5) {
        std::cout << "    …\n";
        break;
      }
      std::cout << "    - " << t.unit_name << ": " << t.text << "\n";
    }
  }
}

int cmd_recount(const std::string& db, const std::string& forms_dir) {
  auto app = make_app(db, forms_dir);
  const int campaigns = app.summaries().recount_aggregates(system_user());
  std::cout << "Đã tính lại số liệu tổng hợp của " << campaigns << " đợt báo cáo.\n";
  return 0;
}

int cmd_summary(const std::string& db, std::int64_t campaign, const std::string& unit, bool json,
                const std::string& forms_dir) {
  auto app = make_app(db, forms_dir);
  llw::Summary summary = app.summaries().summary(system_user(), campaign, unit);
  if (json) {
    std::cout << llw::to_json(summary).dump(2) << "\n";
  } else {
    print_summary(summary);
  }
  return 0;
}

// Writes a document or a data export to `out`. docx/pdf: the plan, the unit's own report or the
// consolidated report of the unit (--kind); xlsx/csv: the data of the unit's subtree.
int cmd_export(const std::string& db, std::int64_t campaign, const std::string& unit,
               const std::string& format_name, const std::string& kind, const std::string& out,
               const std::string& forms_dir) {
  const auto format = llw::document_format_from_string(format_name);
  if (!format) throw UserError("unknown format '" + format_name + "': use docx, pdf, xlsx or csv");
  const bool data = *format == llw::DocumentFormat::xlsx || *format == llw::DocumentFormat::csv;
  if (unit.empty() && (data || kind != "plan")) {
    throw UserError("--unit CODE is required (only --kind plan works without one)");
  }
  auto app = make_app(db, forms_dir);
  const llw::User actor = system_user();
  llw::DocumentFile file;
  if (data) {
    file = app.documents().data_export(actor, campaign, unit, *format);
  } else if (kind == "plan") {
    file = app.documents().plan_document(actor, campaign, *format);
  } else if (kind == "report") {
    file = app.documents().report_document(actor, campaign, unit, *format);
  } else {
    file = app.documents().summary_document(actor, campaign, unit, *format);
  }
  if (file.spooled) {
    try {
      file.spooled->save_as(out);
    } catch (const llw::Error&) {
      throw UserError("cannot write " + out);
    }
  } else {
    std::ofstream output(out, std::ios::binary | std::ios::trunc);
    if (!output) throw UserError("cannot write " + out);
    output.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    output.close();
    if (!output) throw UserError("cannot write " + out);
  }
  std::cout << "Wrote " << out << " (" << file.size() << " bytes; suggested name " << file.file_name
            << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "LLW: Lifelong Learning Week reporting (plans, unit reports, consolidated summaries)"};
  cli.require_subcommand(1);
  cli.set_help_all_flag("--help-all", "Show help for every command");
  std::string db;
  std::string forms_dir = default_forms_dir();

  auto* init =
      cli.add_subcommand("init", "Create or migrate a database and load the form definitions");
  add_db_option(init, db);
  init->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();

  std::string scale = "commune";
  int demo_year = llw::default_demo_year;
  bool reset = false;
  auto* demo = cli.add_subcommand(
      "demo", "Fill a new database with realistic demo data and print the demo accounts");
  add_db_option(demo, db);
  demo->add_option("--scale", scale, "commune (one commune), city (Hải Phòng) or national")
      ->capture_default_str()
      ->check(CLI::IsMember({"commune", "city", "national"}));
  demo->add_option("--year", demo_year,
                   "Year of the demo's campaign: its dates, name and plan texts fall in it")
      ->capture_default_str()
      ->check(CLI::Range(llw::min_demo_year, llw::max_demo_year));
  demo->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();
  demo->add_flag("--reset", reset,
                 "Replace an existing SQLite file (the demo is built beside it and renamed over "
                 "it once complete)");

  std::string bind = "127.0.0.1";
  int port = 8080;
  unsigned threads = 0;
  auto* serve = cli.add_subcommand("serve", "Run the web server (JSON API and pages)");
  add_db_option(serve, db);
  serve->add_option("--port", port, "TCP port (0 picks a free one)")->capture_default_str();
  serve->add_option("--bind", bind, "Address to listen on")->capture_default_str();
  serve
      ->add_option("--threads", threads,
                   "Worker threads (and database connections + 2); 0: 16 with SQLite, 8 with "
                   "PostgreSQL")
      ->capture_default_str();
  std::string durability = "full";
  serve
      ->add_option("--durability", durability,
                   "SQLite commits: full (synced to disk before the answer, survives a power "
                   "failure; saves that arrive together share one sync) or normal (WAL, survives "
                   "a crash of the process, may lose the last saves on a power failure)")
      ->capture_default_str()
      ->check(CLI::IsMember({"normal", "full"}));
  serve->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();
  std::vector<std::string> trusted_proxies;
  serve
      ->add_option("--trusted-proxy", trusted_proxies,
                   "Address of a reverse proxy (nginx) whose X-Forwarded-For names the client, "
                   "for sign-in limits and the audit log; repeat it or give a comma list. "
                   "From any other peer the header is ignored")
      ->delimiter(',');
  std::size_t max_connections = llw::ServerConfig{}.max_connections;
  serve
      ->add_option("--max-connections", max_connections,
                   "Client connections open at once (more wait in the queue); lowered to stay "
                   "under the open-file limit. Bounds memory before sign-in: connections × "
                   "(1 MiB + 64 KiB) of request bodies")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{4}, std::size_t{100000}));
  llw::cli::MailOptions serve_mail;
  llw::cli::add_mail_options(serve, serve_mail, true);

  std::string username, unit, role, name;
  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "Create an account; the password is read from standard input (one line)");
  add_db_option(user_add, db);
  user_add->add_option("--username", username, "Login name, e.g. xa.anhung")->required();
  user_add->add_option("--role", role, "admin, coordinator, reporter or viewer")->required();
  user_add->add_option("--unit", unit, "Org unit code (required for every role but admin)");
  user_add->add_option("--name", name, "Display name");
  user_add->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();

  std::string file;
  auto* import = cli.add_subcommand("import-units",
                                    "Import org units from a CSV or XLSX file (all or nothing)");
  add_db_option(import, db);
  import->add_option("file", file, "FILE.csv or FILE.xlsx")->required()->check(CLI::ExistingFile);
  import->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();

  std::int64_t campaign = 0;
  bool as_json = false;
  auto* recount = cli.add_subcommand(
      "recount",
      "Recompute every campaign's consolidated figures from its reports (after an upgrade)");
  add_db_option(recount, db);
  recount->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->check(CLI::ExistingDirectory);
  auto* summary =
      cli.add_subcommand("summary", "Print the consolidated summary of a unit's subtree");
  add_db_option(summary, db);
  summary->add_option("--campaign", campaign, "Campaign id")->required();
  summary->add_option("--unit", unit, "Org unit code")->required();
  summary->add_flag("--json", as_json, "Print the API's JSON document instead of a table");
  summary->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();

  std::string export_format, export_kind = "summary", export_out;
  auto* export_command = cli.add_subcommand(
      "export",
      "Write the plan, a unit's report or a consolidated report (docx, pdf), or the "
      "data of a unit's subtree (xlsx, csv)");
  add_db_option(export_command, db);
  export_command->add_option("--campaign", campaign, "Campaign id")->required();
  export_command->add_option("--unit", unit, "Org unit code (not needed for --kind plan)");
  export_command->add_option("--format", export_format, "docx, pdf, xlsx or csv")
      ->required()
      ->check(CLI::IsMember({"docx", "pdf", "xlsx", "csv"}));
  export_command
      ->add_option("--kind", export_kind,
                   "plan, report (the unit's own) or summary (consolidated); docx and pdf only")
      ->capture_default_str()
      ->check(CLI::IsMember({"plan", "report", "summary"}));
  export_command->add_option("-o,--output", export_out, "Output file")->required();
  export_command->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();

  auto run_ops_command = llw::cli::add_ops_commands(cli);  // copy-db, backup
  auto run_remind_command = llw::cli::add_remind_command(cli);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    cli.exit(e);
    return 2;
  }

  try {
    if (int code = run_ops_command(); code >= 0) return code;
    if (int code = run_remind_command(); code >= 0) return code;
    if (*init) return cmd_init(db, forms_dir);
    if (*demo) return cmd_demo(db, scale, demo_year, forms_dir, reset);
    if (*serve)
      return cmd_serve(db, bind, port, threads, forms_dir, durability, serve_mail, trusted_proxies,
                       max_connections);
    if (*user_add) return cmd_user_add(db, username, unit, role, name, forms_dir);
    if (*import) return cmd_import_units(db, file, forms_dir);
    if (*summary) return cmd_summary(db, campaign, unit, as_json, forms_dir);
    if (*recount) return cmd_recount(db, forms_dir);
    if (*export_command) {
      return cmd_export(db, campaign, unit, export_format, export_kind, export_out, forms_dir);
    }
  } catch (const UserError& e) {
    std::cerr << "llw: " << e.what() << "\n";
    return 1;
  } catch (const llw::Error& e) {
    std::cerr << "llw: " << e.message();
    if (!e.field().empty()) std::cerr << " [" << e.field() << "]";
    std::cerr << "\n";
    for (const auto& [field, message] : e.fields()) {
      if (field != e.field()) std::cerr << "  " << field << ": " << message << "\n";
    }
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "llw: unexpected error: " << e.what() << "\n";
    return 1;
  }
  std::cerr << cli.help();
  return 2;
}
