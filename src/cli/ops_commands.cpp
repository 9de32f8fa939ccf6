#include "cli/ops_commands.h"

#include <iomanip>
#include <iostream>
#include <memory>

#include "storage/backup.h"
#include "storage/copy_database.h"

namespace llw::cli {

namespace {

struct OpsOptions {
  std::string from, to, under;
  bool merge = false;
  std::string db, out;
};

int run_copy_db(const OpsOptions& o) {
  CopyOptions options;
  options.merge = o.merge;
  options.under_code = o.under;
  bool header = false;
  auto report = copy_database(o.from, o.to, options, [&](const TableCopy& t) {
    if (!header) {
      std::cout << std::left << std::setw(26) << "table" << std::right << std::setw(10) << "source"
                << std::setw(10) << "copied" << std::setw(10) << "target"
                << "  checksum (source)\n";
      header = true;
    }
    std::cout << std::left << std::setw(26) << t.table << std::right << std::setw(10)
              << t.source_rows << std::setw(10) << t.copied_rows << std::setw(10)
              << t.target_rows_after << "  " << t.source_checksum << "\n";
  });
  std::int64_t rows = 0;
  for (const auto& t : report.tables) rows += t.copied_rows;
  std::cout << "Đã chép " << rows << " dòng của " << report.tables.size()
            << " bảng; số dòng và tổng kiểm tra từng bảng đã được đối chiếu ở đích.\n";
  return 0;
}

int run_backup(const OpsOptions& o) {
  auto result = backup_sqlite(o.db, o.out);
  std::cout << "Đã sao lưu " << o.db << " vào " << o.out << " (" << result.pages << " trang, "
            << result.bytes << " byte; kiểm tra toàn vẹn: ok).\n";
  return 0;
}

}  // namespace

std::function<int()> add_ops_commands(CLI::App& app) {
  auto options = std::make_shared<OpsOptions>();

  auto* copy = app.add_subcommand(
      "copy-db",
      "Copy a whole database (SQLite ↔ PostgreSQL), verifying row counts and checksums per "
      "table; --merge adds it to a non-empty one");
  copy->add_option("--from", options->from, "Source: SQLite file or postgresql:// URL")->required();
  copy->add_option("--to", options->to, "Target: SQLite file or postgresql:// URL")->required();
  copy->add_flag("--merge", options->merge,
                 "Add to a database that has data; ids are renumbered, unit codes and "
                 "usernames must not collide");
  copy->add_option("--under", options->under,
                   "With --merge: code of the target unit the source's root units attach under");

  auto* backup = app.add_subcommand(
      "backup", "Back up a live SQLite database with SQLite's online backup API");
  backup->add_option("--db", options->db, "SQLite database file (default: $LLW_DB)")
      ->envname("LLW_DB")
      ->required();
  backup->add_option("-o,--output", options->out, "Backup file to create (must not exist)")
      ->required();

  return [options, copy, backup]() -> int {
    if (copy->parsed()) return run_copy_db(*options);
    if (backup->parsed()) return run_backup(*options);
    return -1;
  };
}

}  // namespace llw::cli
