#include "storage/copy_database.h"

// The copy itself: every table in the order table_plan.h gives, streamed from the source and
// written to the target in batches, then read back and verified by row count and checksum;
// with merge, ids renumbered and every reference to them rewritten. The connections are
// copy/raw_db.h's, below SOCI.

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/error.h"
#include "storage/copy/checksum.h"
#include "storage/copy/raw_db.h"
#include "storage/copy/table_plan.h"
#include "storage/open_store.h"

namespace llw {
namespace copy {
namespace {

Checksum checksum_of(Db& db, const std::string& table, const std::vector<Column>& columns,
                     std::int64_t* rows) {
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + quoted(c.name);
  Checksum sum;
  std::int64_t n = 0;
  db.stream("SELECT " + list + " FROM " + quoted(table), [&](const Row& row) {
    sum.add(row);
    ++n;
  });
  if (rows) *rows = n;
  return sum;
}

std::string first_values(const std::vector<Row>& rows, std::size_t limit = 5) {
  std::string out;
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i)
    out += (i ? ", " : "") + rows[i][0].value_or("");
  if (rows.size() > limit) out += ", …";
  return out;
}

// Values of column 0 of `source_rows` that also occur in `target` column `column` of `table`.
std::vector<Row> collisions(Db& source, Db& target, const std::string& table,
                            const std::string& column) {
  std::set<std::string> theirs;
  for (auto& row : target.query("SELECT " + quoted(column) + " FROM " + quoted(table), {}))
    if (row[0]) theirs.insert(*row[0]);
  std::vector<Row> both;
  for (auto& row : source.query(
           "SELECT " + quoted(column) + " FROM " + quoted(table) + " ORDER BY " + quoted(column),
           {}))
    if (row[0] && theirs.count(*row[0])) both.push_back(row);
  return both;
}

class Copier {
 public:
  Copier(Db& source, Db& target, const CopyOptions& options)
      : source_(source), target_(target), options_(options) {}

  CopyReport run(const std::function<void(const TableCopy&)>& progress) {
    auto plans = plan_tables(source_, target_);
    check_target(plans);
    CopyReport report;
    for (const TablePlan& plan : plans) {
      report.tables.push_back(copy(plan));
      if (progress) progress(report.tables.back());
    }
    for (const TablePlan& plan : plans) target_.fix_sequences(plan.name, plan.columns);
    return report;
  }

 private:
  void check_target(const std::vector<TablePlan>& plans) {
    if (!options_.merge) {
      for (const TablePlan& plan : plans) {
        if (plan.global) continue;
        if (std::int64_t rows = target_.count(plan.name); rows > 0)
          throw Error(ErrorKind::bad_input,
                      "Cơ sở dữ liệu đích đã có dữ liệu (bảng " + plan.name + " có " +
                          std::to_string(rows) +
                          " dòng). Hãy chép vào một cơ sở dữ liệu trống, hoặc thêm --merge "
                          "(và --under MÃ_ĐƠN_VỊ) để gộp vào dữ liệu đang có.",
                      "to");
      }
      return;
    }
    for (const TablePlan& plan : plans) {
      for (std::size_t i = 0; i < plan.columns.size(); ++i) {
        if (plan.rewrites[i].kind == Rewrite::Kind::unknown)
          throw Error(ErrorKind::bad_input,
                      "Không gộp được: chưa biết cột " + plan.name + "." + plan.columns[i].name +
                          " trỏ tới bảng nào nên không đánh số lại được. Hãy chép vào một cơ sở "
                          "dữ liệu trống (bỏ --merge).",
                      "merge");
      }
    }
    if (auto both = collisions(source_, target_, "units", "code"); !both.empty())
      throw Error(ErrorKind::bad_input,
                  "Không gộp được: " + std::to_string(both.size()) +
                      " mã đơn vị đã có ở cơ sở dữ liệu đích (" + first_values(both) +
                      "). Hãy đổi mã ở một bên cho khác nhau rồi chép lại.",
                  "merge");
    if (auto both = collisions(source_, target_, "users", "username"); !both.empty())
      throw Error(ErrorKind::bad_input,
                  "Không gộp được: " + std::to_string(both.size()) +
                      " tên đăng nhập đã có ở cơ sở dữ liệu đích (" + first_values(both) +
                      "). Hãy đổi tên đăng nhập ở một bên rồi chép lại.",
                  "merge");
    if (!options_.under_code.empty()) {
      auto under =
          target_.query("SELECT id, path FROM units WHERE code = $1", {options_.under_code});
      if (under.empty())
        throw Error(ErrorKind::bad_input,
                    "Không có đơn vị mã '" + options_.under_code +
                        "' ở cơ sở dữ liệu đích. Hãy ghi đúng mã của đơn vị cấp trên.",
                    "under");
      under_id_ = *under[0][0];
      under_path_ = *under[0][1];
    }
  }

  TableCopy copy(const TablePlan& plan) {
    TableCopy result;
    result.table = plan.name;
    std::vector<std::string> names;
    std::string list;
    for (const auto& c : plan.columns) {
      names.push_back(c.name);
      list += (list.empty() ? "" : ", ") + quoted(c.name);
    }
    const Checksum before =
        checksum_of(target_, plan.name, plan.columns, &result.target_rows_before);

    // Rows the target already has, for tables whose rows mean the same in both (forms).
    std::map<Row, Row> existing;
    std::vector<std::size_t> key_index;
    for (const auto& key : plan.primary_key)
      for (std::size_t i = 0; i < plan.columns.size(); ++i)
        if (plan.columns[i].name == key) key_index.push_back(i);
    auto key_of = [&](const Row& row) {
      Row key;
      for (auto i : key_index) key.push_back(row[i]);
      return key;
    };
    if (plan.global && result.target_rows_before > 0)
      target_.stream("SELECT " + list + " FROM " + quoted(plan.name),
                     [&](const Row& row) { existing.emplace(key_of(row), row); });

    std::vector<std::int64_t> ids;
    if (options_.merge && plan.own_id) ids = target_.new_ids(plan.name, source_.count(plan.name));
    std::size_t next_id = 0;
    auto& own_map = maps_[plan.name];

    Checksum source_sum, copied_sum;
    std::vector<Row> batch;
    auto flush = [&] {
      target_.insert(plan.name, names, batch);
      batch.clear();
    };
    source_.stream(
        "SELECT " + list + " FROM " + quoted(plan.name) +
            (plan.order_by.empty() ? "" : " ORDER BY " + plan.order_by),
        [&](const Row& row) {
          source_sum.add(row);
          ++result.source_rows;
          Row out = row;
          if (options_.merge) {
            if (plan.own_id) {
              if (next_id >= ids.size()) fail("Bảng " + plan.name + " đổi số dòng trong khi chép.");
              for (std::size_t i = 0; i < out.size(); ++i)
                if (plan.rewrites[i].kind == Rewrite::Kind::own_id && out[i])
                  own_map[std::stoll(*out[i])] = ids[next_id];
              ++next_id;
            }
            rewrite(plan, out);
          }
          if (plan.global) {
            auto found = existing.find(key_of(out));
            if (found != existing.end()) {
              if (found->second == out) return;  // already there, identical
              throw Error(ErrorKind::bad_input,
                          "Bảng " + plan.name + " đã có dòng khóa '" + key_of(out)[0].value_or("") +
                              "' với nội dung khác ở cơ sở dữ liệu đích. Hãy đối chiếu hai bên "
                              "trước khi chép.",
                          "to");
            }
          }
          copied_sum.add(out);
          ++result.copied_rows;
          batch.push_back(std::move(out));
          if (batch.size() >= 5000) flush();
        });
    flush();

    // Read back what the target holds now: it must be what it had plus exactly the rows written.
    const Checksum after = checksum_of(target_, plan.name, plan.columns, &result.target_rows_after);
    Checksum expected = before;
    expected.add(copied_sum);
    if (result.target_rows_after != result.target_rows_before + result.copied_rows ||
        !(after == expected))
      fail("Kiểm tra sau khi chép bảng " + plan.name + " không khớp (" +
           std::to_string(result.target_rows_after) + " dòng, cần " +
           std::to_string(result.target_rows_before + result.copied_rows) +
           "). Không có gì được ghi vào cơ sở dữ liệu đích.");
    result.source_checksum = source_sum.hex();
    result.copied_checksum = copied_sum.hex();
    return result;
  }

  // The new id of row `value` of table `space`.
  std::string mapped(const std::string& space, const std::string& table, const std::string& column,
                     const std::string& value) {
    auto& map = maps_[space];
    auto found = map.find(std::stoll(value));
    if (found == map.end())
      throw Error(ErrorKind::bad_input,
                  "Không gộp được: " + table + "." + column + " = " + value +
                      " không trỏ tới dòng nào của bảng " + space +
                      " trong cơ sở dữ liệu nguồn. Hãy sửa dữ liệu nguồn rồi chép lại.",
                  "from");
    return std::to_string(found->second);
  }

  void rewrite(const TablePlan& plan, Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string& column = plan.columns[i].name;
      const Rewrite& what = plan.rewrites[i];
      if (what.kind == Rewrite::Kind::own_id) {
        if (row[i]) row[i] = std::to_string(maps_[plan.name].at(std::stoll(*row[i])));
      } else if (what.kind == Rewrite::Kind::path) {
        if (!row[i] || row[i]->empty()) continue;
        std::string path = under_path_.empty() ? "/" : under_path_;
        std::size_t start = 1;
        const std::string& old = *row[i];
        while (start < old.size()) {
          std::size_t end = old.find('/', start);
          if (end == std::string::npos) end = old.size();
          path += mapped(what.table, plan.name, column, old.substr(start, end - start)) + "/";
          start = end + 1;
        }
        row[i] = path;
      } else if (what.kind == Rewrite::Kind::id_of) {
        if (row[i]) {
          row[i] = mapped(what.table, plan.name, column, *row[i]);
        } else if (plan.name == "units" && column == "parent_id" && !under_id_.empty()) {
          row[i] = under_id_;  // a root of the source attaches under the chosen unit
        }
      }
    }
  }

  Db& source_;
  Db& target_;
  const CopyOptions& options_;
  std::string under_id_;
  std::string under_path_;
  std::unordered_map<std::string, std::unordered_map<std::int64_t, std::int64_t>> maps_;
};

std::vector<std::string> migration_versions(Db& db) {
  std::vector<std::string> out;
  for (auto& row : db.query("SELECT version FROM schema_migrations ORDER BY version", {}))
    out.push_back(row[0].value_or(""));
  return out;
}

}  // namespace
}  // namespace copy

CopyReport copy_database(const std::string& from, const std::string& to, const CopyOptions& options,
                         const std::function<void(const TableCopy&)>& progress) {
  if (from == to)
    throw Error(ErrorKind::bad_input,
                "Nguồn và đích là cùng một cơ sở dữ liệu. Hãy chọn một đích khác.", "to");
  if (!is_postgresql_url(from) && !std::filesystem::exists(from))
    throw Error(ErrorKind::bad_input,
                "Không có tệp cơ sở dữ liệu nguồn '" + from + "'. Hãy ghi đúng đường dẫn.", "from");
  if (!options.under_code.empty() && !options.merge)
    throw Error(ErrorKind::bad_input, "--under chỉ dùng cùng với --merge.", "under");
  // Both sides at this build's schema: pending migrations are applied first.
  open_store(from).reset();
  open_store(to).reset();
  auto source = copy::open_raw(from, /*read_only=*/true);
  auto target = copy::open_raw(to, /*read_only=*/false);
  if (copy::migration_versions(*source) != copy::migration_versions(*target))
    throw Error(ErrorKind::conflict,
                "Hai cơ sở dữ liệu có các bản cập nhật lược đồ khác nhau. Hãy cập nhật cả hai bằng "
                "cùng một phiên bản llw.");
  // One snapshot of the source (a server may keep writing to it) and one transaction on the
  // target, committed only after every table has been verified.
  source->begin_read();
  target->begin_write();
  try {
    copy::Copier copier(*source, *target, options);
    CopyReport report = copier.run(progress);
    target->exec("COMMIT");
    source->exec("COMMIT");
    return report;
  } catch (...) {
    try {
      target->exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

}  // namespace llw
