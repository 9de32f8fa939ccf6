#include "cli/figures_commands.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "app/api_json.h"
#include "app/document_downloads.h"
#include "app/summaries.h"
#include "cli/command_support.h"
#include "cli/system_user.h"

namespace llw::cli {

namespace {

struct FiguresOptions {
  std::string db;
  std::string forms_dir = default_forms_dir();
  std::int64_t campaign = 0;
  std::string unit;
  bool as_json = false;
  std::string format, kind = "summary", out;
};

std::string format_number(double value) {
  std::ostringstream out;
  if (std::floor(value) == value && std::fabs(value) < 9e15) {
    out << static_cast<long long>(value);
  } else {
    out << std::fixed << std::setprecision(2) << value;
  }
  return out.str();
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

std::function<int()> add_figures_commands(CLI::App& app) {
  auto o = std::make_shared<FiguresOptions>();

  auto* recount = app.add_subcommand(
      "recount",
      "Recompute every campaign's consolidated figures from its reports (after an upgrade)");
  add_db_option(recount, o->db);
  recount->add_option("--forms", o->forms_dir, "Directory of form definitions (*.json)")
      ->check(CLI::ExistingDirectory);

  auto* summary =
      app.add_subcommand("summary", "Print the consolidated summary of a unit's subtree");
  add_db_option(summary, o->db);
  summary->add_option("--campaign", o->campaign, "Campaign id")->required();
  summary->add_option("--unit", o->unit, "Org unit code")->required();
  summary->add_flag("--json", o->as_json, "Print the API's JSON document instead of a table");
  add_forms_option(summary, o->forms_dir);

  auto* export_command = app.add_subcommand(
      "export",
      "Write the plan, a unit's report or a consolidated report (docx, pdf), or the "
      "data of a unit's subtree (xlsx, csv)");
  add_db_option(export_command, o->db);
  export_command->add_option("--campaign", o->campaign, "Campaign id")->required();
  export_command->add_option("--unit", o->unit, "Org unit code (not needed for --kind plan)");
  export_command->add_option("--format", o->format, "docx, pdf, xlsx or csv")
      ->required()
      ->check(CLI::IsMember({"docx", "pdf", "xlsx", "csv"}));
  export_command
      ->add_option("--kind", o->kind,
                   "plan, report (the unit's own) or summary (consolidated); docx and pdf only")
      ->capture_default_str()
      ->check(CLI::IsMember({"plan", "report", "summary"}));
  export_command->add_option("-o,--output", o->out, "Output file")->required();
  add_forms_option(export_command, o->forms_dir);

  return [o, recount, summary, export_command]() -> int {
    if (recount->parsed()) return cmd_recount(o->db, o->forms_dir);
    if (summary->parsed()) {
      return cmd_summary(o->db, o->campaign, o->unit, o->as_json, o->forms_dir);
    }
    if (export_command->parsed()) {
      return cmd_export(o->db, o->campaign, o->unit, o->format, o->kind, o->out, o->forms_dir);
    }
    return -1;
  };
}

}  // namespace llw::cli
