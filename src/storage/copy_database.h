#pragma once
// Copies a whole LLW database to another one, SQLite or PostgreSQL either way (`llw copy-db`).
//
// Every table of the source is copied generically (the table list, columns, primary keys and
// the foreign keys the schema declares are read from the databases themselves, so tables added by
// later migrations are covered without a change here), each after the tables its foreign keys
// reference (copy/table_plan.h; a tree that references itself parents first), inside one write
// transaction on the target that is committed only after every table's row count and checksum
// have been verified by reading the target back.
// Both databases are first brought to this build's schema (open_store applies the pending
// migrations), and must then have the same migrations.
//
// Without `merge`, the target must be empty (a database that `llw init` created, holding only
// form definitions, counts as empty): rows keep their ids. With `merge`, the source is added to a
// database that already has data (a commune moved up into its city's database): no unit code or
// username may exist on both sides, every id is given a new value on the target and every
// reference to it is rewritten: a column with a declared foreign key through the key, one without
// by the migrations' naming convention (unit_id, parent_id, issuer_unit_id, user_id, updated_by,
// by, granted_by, campaign_id, and the materialized paths); the source's roots attach under the
// target unit `under_code` when it is given.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace llw {

struct CopyOptions {
  bool merge = false;
  // With merge: the code of the target unit under which the source's root units attach.
  std::string under_code;
};

struct TableCopy {
  std::string table;
  std::int64_t source_rows = 0;
  // Rows written; with merge, rows identical to one the target already had (a form definition)
  // are not written again.
  std::int64_t copied_rows = 0;
  std::int64_t target_rows_before = 0;
  std::int64_t target_rows_after = 0;
  // The order-independent checksum (sum of per-row hashes, 128 bits in hex) of the source's rows
  // and of the rows the target gained; equal unless ids were renumbered (merge).
  std::string source_checksum;
  std::string copied_checksum;
};

struct CopyReport {
  std::vector<TableCopy> tables;
};

// Throws Error{bad_input} for a refused copy (non-empty target without merge, colliding codes or
// usernames, unknown --under unit, same database on both sides), Error{conflict} when the schemas
// differ, Error{internal} when verification fails (nothing is committed then). `progress`, when
// given, is called once per table after it is copied.
CopyReport copy_database(const std::string& from, const std::string& to, const CopyOptions& options,
                         const std::function<void(const TableCopy&)>& progress = {});

}  // namespace llw
