// `llw`: the command line. Each command opens the database, builds the Application and calls one
// use case; the CLI acts as a system administrator. Exit codes: 0 ok, 1 user error (message on
// stderr), 2 usage. The commands are registered by family (*_commands.h, serve_command.h); this
// file parses the line, runs the chosen command and reports its errors, once for all of them.
#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <vector>

#include "cli/command_support.h"
#include "cli/directory_commands.h"
#include "cli/figures_commands.h"
#include "cli/ops_commands.h"
#include "cli/remind_commands.h"
#include "cli/serve_command.h"
#include "cli/setup_commands.h"
#include "domain/error.h"

int main(int argc, char** argv) {
  CLI::App cli{
      "LLW: Lifelong Learning Week reporting (plans, unit reports, consolidated summaries)"};
  cli.require_subcommand(1);
  cli.set_help_all_flag("--help-all", "Show help for every command");

  // In the order `llw --help` lists them; each runs its command when it was chosen, else -1.
  const std::vector<std::function<int()>> families = {
      llw::cli::add_setup_commands(cli),      // init, demo
      llw::cli::add_serve_command(cli),       // serve
      llw::cli::add_directory_commands(cli),  // user add, import-units
      llw::cli::add_figures_commands(cli),    // recount, summary, export
      llw::cli::add_ops_commands(cli),        // copy-db, backup
      llw::cli::add_remind_command(cli),      // remind
  };

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
    for (const auto& run : families) {
      if (const int code = run(); code >= 0) return code;
    }
  } catch (const llw::cli::UserError& e) {
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
