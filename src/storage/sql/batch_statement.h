#pragma once
// Bulk statements of the SQL store (BatchStatement, BulkInsert): one statement text for a batch of
// rows, run once per row on SQLite and once per batch of arrays on PostgreSQL.

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "domain/store.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_text.h"

namespace llw::sql {

// ---------------------------------------------------------------------------------------------
// Bulk statements. A BatchStatement is one INSERT/UPDATE/DELETE over a relation `v` of rows
// added one at a time; its SQL names that relation `{rows}`:
//
//   INSERT INTO t (a, b) SELECT v.a, v.b FROM {rows} WHERE true ON CONFLICT …
//
// With array batches (PostgreSQL) `{rows}` is `unnest(:p0::bigint[], :p1::text[]) AS v(a, b)`:
// rows accumulate as array literals and flush() runs the statement once for all of them, so that
// 100,000 rows are a few round trips instead of 100,000 (binding SOCI vectors instead would
// re-send the first batch on re-execution, SOCI issues 910/1167). Otherwise (SQLite) `{rows}` is
// `(SELECT :p0 AS a, :p1 AS b) AS v` and every add_row() executes the prepared statement for that
// one row at once. Either way it is the same SQL text, and flush() must be called before anything
// reads what the rows write.

enum class ColumnType { integer, text };

struct BatchColumn {
  const char* name;
  ColumnType type;
};

class BatchStatement {
 public:
  BatchStatement(soci::session& sql, const Dialect& dialect, std::vector<BatchColumn> columns,
                 const std::string& text)
      : arrays_(dialect.array_batches),
        columns_(std::move(columns)),
        integers_(columns_.size()),
        texts_(columns_.size()),
        indicators_(columns_.size(), soci::i_ok),
        statement_(sql) {
    std::string rows;
    if (arrays_) {
      rows = "unnest(";
      std::string names;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        rows += (i ? ", :p" : ":p") + std::to_string(i) +
                (columns_[i].type == ColumnType::integer ? "::bigint[]" : "::text[]");
        names += (i ? ", " : "") + std::string(columns_[i].name);
        statement_.exchange(soci::use(texts_[i]));
      }
      rows += ") AS v(" + names + ")";
      reset_arrays();
    } else {
      rows = "(SELECT ";
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        rows += (i ? ", :p" : ":p") + std::to_string(i) + " AS " + columns_[i].name;
        if (columns_[i].type == ColumnType::integer) {
          statement_.exchange(soci::use(integers_[i], indicators_[i]));
        } else {
          statement_.exchange(soci::use(texts_[i], indicators_[i]));
        }
      }
      rows += ") AS v";
    }
    std::string sql_text = text;
    auto at = sql_text.find("{rows}");
    if (at == std::string::npos) throw std::logic_error("batch statement without {rows}");
    sql_text.replace(at, 6, rows);
    statement_.alloc();
    statement_.prepare(sql_text);
    statement_.define_and_bind();
  }

  // Column values of the row being built, by position.
  void set(std::size_t i, long long value) {
    if (arrays_) {
      append_element(i, std::to_string(value));
    } else {
      integers_[i] = value;
      indicators_[i] = soci::i_ok;
    }
  }
  void set(std::size_t i, const std::string& value) {
    if (arrays_) {
      std::string quoted = "\"";
      for (char c : value) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      quoted += '"';
      append_element(i, quoted);
    } else {
      texts_[i] = value;
      indicators_[i] = soci::i_ok;
    }
  }
  void set(std::size_t i, const std::optional<long long>& value) {
    if (value) {
      set(i, *value);
    } else if (arrays_) {
      append_element(i, "NULL");
    } else {
      indicators_[i] = soci::i_null;
    }
  }

  // Sets every column in order and adds the row.
  template <typename... Values>
  void add(const Values&... values) {
    std::size_t i = 0;
    (set(i++, values), ...);
    add_row();
  }

  void add_row() {
    if (arrays_) {
      ++pending_;
    } else {
      statement_.execute(true);
    }
  }

  std::size_t pending() const { return pending_; }

  // Runs the statement for the rows added since the last flush (array batches only; a no-op
  // otherwise). Returns the number of rows the database reports as affected.
  long long flush() {
    if (!arrays_ || pending_ == 0) return 0;
    for (auto& array : texts_) array += '}';
    long long affected = 0;
    try {
      statement_.execute(true);
      affected = statement_.get_affected_rows();
    } catch (...) {
      // A statement kept on a connection must not carry a failed batch into the next use.
      reset_arrays();
      throw;
    }
    reset_arrays();
    return affected;
  }

  void flush_if_full(std::size_t rows = 5000) {
    if (pending_ >= rows) flush();
  }

 private:
  void reset_arrays() {
    for (auto& array : texts_) array.assign(1, '{');
    pending_ = 0;
  }
  void append_element(std::size_t i, const std::string& element) {
    if (texts_[i].size() > 1) texts_[i] += ',';
    texts_[i] += element;
  }

  bool arrays_;
  std::vector<BatchColumn> columns_;
  // Bound by reference into the statement: sized once, never resized.
  std::vector<long long> integers_;
  std::vector<std::string> texts_;  // SQLite: text values; PostgreSQL: the array literals
  std::vector<soci::indicator> indicators_;
  std::size_t pending_ = 0;
  soci::statement statement_;
};

// Plain INSERTs of many rows into one table (no ON CONFLICT): where the dialect has COPY
// (PostgreSQL), rows accumulate in COPY's text format and flush() sends them in one COPY, which
// costs the server less than parsing array literals (the national demo's 600,000 report texts);
// otherwise the rows go through a BatchStatement with `insert_sql`. Either way, flush() before
// anything reads the rows.
class BulkInsert {
 public:
  BulkInsert(soci::session& sql, const Dialect& dialect, const std::string& table,
             const std::vector<BatchColumn>& columns, const std::string& insert_sql)
      : sql_(sql), copy_in_(dialect.copy_in) {
    if (copy_in_ == nullptr) {
      batch_.emplace(sql, dialect, columns, insert_sql);
      return;
    }
    copy_sql_ = "COPY " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      copy_sql_ += (i ? ", " : "") + std::string(columns[i].name);
    }
    copy_sql_ += ") FROM STDIN";
  }

  template <typename... Values>
  void add(const Values&... values) {
    if (batch_) {
      batch_->add(values...);
      return;
    }
    bool first = true;
    ((append(values, first), first = false), ...);
    data_ += '\n';
  }

  void flush() {
    if (batch_) {
      batch_->flush();
      return;
    }
    if (data_.empty()) return;
    copy_in_(sql_, copy_sql_, data_);
    data_.clear();
  }

 private:
  void append(long long value, bool first) {
    if (!first) data_ += '\t';
    data_ += std::to_string(value);
  }
  // COPY text format: backslash, tab, newline and carriage return are escaped.
  void append(const std::string& value, bool first) {
    if (!first) data_ += '\t';
    for (char c : value) {
      switch (c) {
        case '\\':
          data_ += "\\\\";
          break;
        case '\t':
          data_ += "\\t";
          break;
        case '\n':
          data_ += "\\n";
          break;
        case '\r':
          data_ += "\\r";
          break;
        default:
          data_ += c;
      }
    }
  }

  soci::session& sql_;
  void (*copy_in_)(soci::session&, const std::string&, const std::string&);
  std::string copy_sql_;
  std::string data_;
  std::optional<BatchStatement> batch_;
};

}  // namespace llw::sql
