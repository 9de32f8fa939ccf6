#pragma once
// What every `llw` command shares: its --db and --forms options, opening the Application on the
// chosen database, and the error a command reports to the user (printed by main.cpp, exit 1).

#include <CLI/CLI.hpp>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "app/application.h"
#include "storage/open_store.h"

namespace llw::cli {

// A user error: printed as is, exit code 1.
struct UserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ./forms when run from the repository, else the forms installed with the program.
std::string default_forms_dir();

// The Application on `db` (a SQLite file or a postgresql:// URL) with the forms of `forms_dir`
// and the trusted roots of signed reports in `trusted_roots_dir` (none when empty; UserError when
// the folder cannot be read or a file in it holds no certificate).
Application make_app(const std::string& db, const std::string& forms_dir,
                     const StoreOptions& store_options = {},
                     const std::string& trusted_roots_dir = {});

// Every command's --db: a SQLite file or a PostgreSQL URL, or the LLW_DB environment variable.
CLI::Option* add_db_option(CLI::App* command, std::string& db);
// A command's --forms directory, shown with its default.
CLI::Option* add_forms_option(CLI::App* command, std::string& forms_dir);

// The whole file; UserError when it cannot be read.
std::string read_file(const std::string& path);
// ".csv" for "Units.CSV".
std::string lowercase_extension(const std::string& path);
// Pads by code points so Vietnamese names line up in a terminal.
std::string pad(const std::string& text, std::size_t width);

}  // namespace llw::cli
