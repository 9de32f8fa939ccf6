#pragma once
// What `llw copy-db` learns about each table before copying it (table_plan.cpp): its columns,
// primary key and declared foreign keys read from the databases, the order tables are copied in
// (every table after the tables its declared foreign keys reference), the order of its rows (a
// tree's parents first), and what a merge rewrites in each column.

#include <set>
#include <string>
#include <vector>

#include "storage/copy/raw_db.h"

namespace llw::copy {

// What a merge does to a column's values.
struct Rewrite {
  enum class Kind {
    keep,     // copied unchanged
    own_id,   // the table's own integer id: given a new value on the target
    id_of,    // the id of a row of `table`: replaced by that row's new id
    path,     // a materialized path of unit ids: each id replaced
    unknown,  // an integer *_id column with no declared key and no known table: a merge refuses
  };
  Kind kind = Kind::keep;
  std::string table;  // id_of: the table whose ids the column holds
};

struct TablePlan {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;
  std::vector<ForeignKey> foreign_keys;  // as the source's schema declares them
  // The tables copied before this one: those its foreign keys reference, and those whose new ids
  // a merge puts into its columns.
  std::set<std::string> depends_on;
  std::vector<Rewrite> rewrites;  // one per column
  bool own_id = false;
  // No id of its own and nothing to rewrite (form definitions): rows are the same whichever
  // database holds them, so one already on the target is skipped when identical.
  bool global = false;
  std::string order_by;
};

// Every table of the source but schema_migrations, checked against the target's (same tables,
// same columns: Error{conflict} otherwise), in an order that copies each table after the tables
// it depends on. A table that references itself is not its own dependency: a tree with a
// materialized path is read parents first (shorter paths first). Tables that reference each
// other in a cycle cannot be ordered: Error{internal}.
std::vector<TablePlan> plan_tables(Db& source, Db& target);

// `plans` with each one after the tables it depends on (tables not among `plans` are ignored);
// among tables free to go, the earlier in `plans` goes first. Error{internal} for a cycle.
std::vector<TablePlan> in_dependency_order(std::vector<TablePlan> plans);

}  // namespace llw::copy
