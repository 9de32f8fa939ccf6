#include "storage/copy/table_plan.h"

#include <algorithm>
#include <map>

#include "domain/error.h"

namespace llw::copy {
namespace {

// Columns that hold ids without a declared foreign key, by the naming convention of every
// migration: the audit log keeps the ids of accounts and units it names (they may be gone since),
// the aggregates the unit of each row, and the tables written by an account its id in *_by. A
// materialized path (`path`, `unit_path`) is a list of unit ids. A merge rewrites them through
// the same id maps as the declared keys. A text column of those names holds no id
// (level_plans.updated_by is a username), nor does a text key (form_id), the same in every
// database: they are kept.
Rewrite undeclared_rewrite(const Column& column) {
  const std::string& name = column.name;
  if (name == "path" || name == "unit_path") return {Rewrite::Kind::path, "units"};
  if (!column.integer) return {};
  if (name == "unit_id" || name == "parent_id" || name == "issuer_unit_id")
    return {Rewrite::Kind::id_of, "units"};
  if (name == "user_id" || name == "updated_by" || name == "by" || name == "granted_by")
    return {Rewrite::Kind::id_of, "users"};
  if (name == "campaign_id") return {Rewrite::Kind::id_of, "campaigns"};
  if (name.size() > 3 && name.ends_with("_id")) return {Rewrite::Kind::unknown, ""};
  return {};
}

const ForeignKey* declared_key(const TablePlan& plan, const std::string& column) {
  for (const ForeignKey& key : plan.foreign_keys) {
    for (const auto& [from, to] : key.columns) {
      if (from == column) return &key;
    }
  }
  return nullptr;
}

std::string referenced_column(const ForeignKey& key, const std::string& column) {
  for (const auto& [from, to] : key.columns) {
    if (from == column) return to;
  }
  return {};
}

bool has_integer_id_key(const TablePlan& plan) {
  return plan.primary_key == std::vector<std::string>{"id"} &&
         std::any_of(plan.columns.begin(), plan.columns.end(),
                     [](const Column& c) { return c.name == "id" && c.integer; });
}

// A column's rewrite: its own id, or through its declared key the rewrite of the column it
// references (the referenced table's own id, or what that column is itself: a composite key to
// reports(campaign_id, unit_id) holds a campaign's and a unit's ids), or the naming convention
// for a column the schema declares no key for. `planned` holds the tables ordered before.
Rewrite rewrite_of(const TablePlan& plan, const Column& column,
                   const std::map<std::string, const TablePlan*>& planned) {
  if (column.name == "id") return plan.own_id ? Rewrite{Rewrite::Kind::own_id, ""} : Rewrite{};
  const ForeignKey* key = declared_key(plan, column.name);
  if (!key) return undeclared_rewrite(column);
  const std::string to = referenced_column(*key, column.name);
  const TablePlan* parent = key->table == plan.name ? &plan : nullptr;
  if (auto found = planned.find(key->table); !parent && found != planned.end())
    parent = found->second;
  if (!parent) return {};  // a table the copy does not write
  if (to == "id" && parent->own_id) return {Rewrite::Kind::id_of, parent->name};
  for (std::size_t i = 0; i < parent->columns.size() && i < parent->rewrites.size(); ++i) {
    if (parent->columns[i].name == to) return parent->rewrites[i];
  }
  return {};
}

std::set<std::string> column_names(const std::vector<Column>& columns) {
  std::set<std::string> out;
  for (const auto& c : columns) out.insert(c.name);
  return out;
}

TablePlan read_table(Db& source, Db& target, const std::string& name,
                     const std::vector<std::string>& target_tables) {
  if (std::find(target_tables.begin(), target_tables.end(), name) == target_tables.end())
    throw Error(ErrorKind::conflict, "Cơ sở dữ liệu đích không có bảng " + name +
                                         ". Hãy cập nhật cả hai bằng cùng một phiên bản llw.");
  TablePlan plan;
  plan.name = name;
  plan.columns = source.columns(name);
  if (column_names(plan.columns) != column_names(target.columns(name)))
    throw Error(ErrorKind::conflict, "Bảng " + name +
                                         " có các cột khác nhau ở hai cơ sở dữ liệu. Hãy cập "
                                         "nhật cả hai bằng cùng một phiên bản llw.");
  plan.primary_key = source.primary_key(name);
  plan.foreign_keys = source.foreign_keys(name);
  plan.own_id = has_integer_id_key(plan);
  for (const ForeignKey& key : plan.foreign_keys) plan.depends_on.insert(key.table);
  for (const Column& column : plan.columns) {
    if (declared_key(plan, column.name)) continue;
    if (Rewrite rewrite = undeclared_rewrite(column); !rewrite.table.empty())
      plan.depends_on.insert(rewrite.table);
  }
  const bool self_reference = std::any_of(plan.foreign_keys.begin(), plan.foreign_keys.end(),
                                          [&](const ForeignKey& key) { return key.table == name; });
  plan.depends_on.erase(name);
  std::string keys;
  for (const auto& key : plan.primary_key) keys += (keys.empty() ? "" : ", ") + quoted(key);
  // A tree references itself: parents first, which the path length gives.
  if (self_reference && column_names(plan.columns).count("path") != 0)
    plan.order_by = "LENGTH(\"path\")" + (keys.empty() ? "" : ", " + keys);
  else
    plan.order_by = keys;
  return plan;
}

}  // namespace

std::vector<TablePlan> in_dependency_order(std::vector<TablePlan> plans) {
  std::set<std::string> pending;
  for (const TablePlan& plan : plans) pending.insert(plan.name);
  std::vector<TablePlan> ordered;
  while (!plans.empty()) {
    auto ready = std::find_if(plans.begin(), plans.end(), [&](const TablePlan& plan) {
      return std::none_of(plan.depends_on.begin(), plan.depends_on.end(),
                          [&](const std::string& d) { return pending.count(d) != 0; });
    });
    if (ready == plans.end())
      fail("Các bảng tham chiếu vòng tròn nhau; không sắp được thứ tự chép.");
    pending.erase(ready->name);
    ordered.push_back(std::move(*ready));
    plans.erase(ready);
  }
  return ordered;
}

std::vector<TablePlan> plan_tables(Db& source, Db& target) {
  std::vector<TablePlan> plans;
  const auto target_tables = target.tables();
  for (const std::string& name : source.tables()) {
    if (name != "schema_migrations")
      plans.push_back(read_table(source, target, name, target_tables));
  }
  plans = in_dependency_order(std::move(plans));
  // Rewrites in copy order, so a key's referenced column already has its own.
  std::map<std::string, const TablePlan*> planned;
  for (TablePlan& plan : plans) {
    bool rewrites_anything = false;
    for (const Column& column : plan.columns) {
      plan.rewrites.push_back(rewrite_of(plan, column, planned));
      rewrites_anything = rewrites_anything || plan.rewrites.back().kind != Rewrite::Kind::keep;
    }
    plan.global = !rewrites_anything && !plan.primary_key.empty();
    planned[plan.name] = &plan;
  }
  return plans;
}

}  // namespace llw::copy
