#include "cli/command_support.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "documents/pdf_signature.h"

namespace llw::cli {

namespace fs = std::filesystem;

std::string default_forms_dir() {
  if (fs::is_directory("forms")) return "forms";
#ifdef LLW_DEFAULT_FORMS_DIR
  return LLW_DEFAULT_FORMS_DIR;
#else
  return "forms";
#endif
}

Application make_app(const std::string& db, const std::string& forms_dir,
                     const StoreOptions& store_options, const std::string& trusted_roots_dir) {
  ApplicationConfig config;
  config.forms_dir = forms_dir;
  if (!trusted_roots_dir.empty() && !fs::is_directory(trusted_roots_dir)) {
    throw UserError("--trusted-roots: " + trusted_roots_dir + " is not a folder");
  }
  if (!trusted_roots_dir.empty()) {
    try {
      documents::TrustedRoots::load(trusted_roots_dir);  // told here, before anything starts
    } catch (const std::exception& e) {
      throw UserError(std::string("--trusted-roots: ") + e.what());
    }
  }
  config.trusted_roots_dir = trusted_roots_dir;
  return Application(open_store(db, store_options), config, system_clock());
}

CLI::Option* add_db_option(CLI::App* command, std::string& db) {
  return command
      ->add_option("--db", db,
                   "Database: a SQLite file path or postgresql://user:pass@host:port/db "
                   "(default: $LLW_DB)")
      ->envname("LLW_DB")
      ->required();
}

CLI::Option* add_forms_option(CLI::App* command, std::string& forms_dir) {
  return command->add_option("--forms", forms_dir, "Directory of form definitions (*.json)")
      ->capture_default_str();
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

std::string pad(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text + " " : text + std::string(width - chars, ' ');
}

}  // namespace llw::cli
