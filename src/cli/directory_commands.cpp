#include "cli/directory_commands.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "app/accounts.h"
#include "app/units.h"
#include "cli/command_support.h"
#include "cli/system_user.h"

namespace llw::cli {

namespace {

struct DirectoryOptions {
  std::string db;
  std::string forms_dir = default_forms_dir();
  std::string username, unit, role, name;
  std::string file;
};

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

}  // namespace

std::function<int()> add_directory_commands(CLI::App& app) {
  auto o = std::make_shared<DirectoryOptions>();

  auto* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "Create an account; the password is read from standard input (one line)");
  add_db_option(user_add, o->db);
  user_add->add_option("--username", o->username, "Login name, e.g. xa.anhung")->required();
  user_add->add_option("--role", o->role, "admin, coordinator, reporter or viewer")->required();
  user_add->add_option("--unit", o->unit, "Org unit code (required for every role but admin)");
  user_add->add_option("--name", o->name, "Display name");
  add_forms_option(user_add, o->forms_dir);

  auto* import = app.add_subcommand("import-units",
                                    "Import org units from a CSV or XLSX file (all or nothing)");
  add_db_option(import, o->db);
  import->add_option("file", o->file, "FILE.csv or FILE.xlsx")
      ->required()
      ->check(CLI::ExistingFile);
  add_forms_option(import, o->forms_dir);

  return [o, user_add, import]() -> int {
    if (user_add->parsed()) {
      return cmd_user_add(o->db, o->username, o->unit, o->role, o->name, o->forms_dir);
    }
    if (import->parsed()) return cmd_import_units(o->db, o->file, o->forms_dir);
    return -1;
  };
}

}  // namespace llw::cli
