#pragma once
// Where the SQL of the two backends differs. Everything else in sql_store.cpp is one SQL text
// that SQLite 3.40 and PostgreSQL 15 both run (placeholders are SOCI's ":name" in both).

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
class soci_error;
}  // namespace soci

namespace llw::sql {

class TextRows;

// How a driver error of the backend is to be handled by a write transaction.
struct ErrorClass {
  // unavailable: the connection to the database is lost or the database is restarting.
  enum class Kind { other, constraint, retry, unavailable };
  Kind kind = Kind::other;
  // For constraint violations that name a known unique constraint: the input field it guards
  // ("code", "username"), so that two servers racing on one new code get the same conflict as
  // the up-front check gives.
  std::string field;
};

struct Dialect {
  // "sqlite" or "postgresql", for messages.
  const char* name = "";
  // Starts a write transaction. SQLite must take the file's write lock up front (BEGIN
  // IMMEDIATE) or two deferred writers can deadlock on the upgrade; PostgreSQL writes under READ
  // COMMITTED with row locks (see lock_for_update).
  const char* begin_write = "BEGIN";
  // Appended to a SELECT that reads a row the transaction is about to rewrite from what it read
  // (aggregate rows). PostgreSQL: " FOR UPDATE", so that writers of several servers queue on
  // the row and each adds its delta to the sum the previous one committed. SQLite: nothing, its
  // writers are serialized by the write lock.
  const char* lock_for_update = "";
  // Bulk statements (units, report rows, aggregates, history) bind whole columns as arrays and
  // run once per batch through `unnest(:a::bigint[], :b::text[], …)` (PostgreSQL, where every
  // statement is a network round trip), or run once per row as a re-executed prepared statement
  // (SQLite, in-process: a row costs a few microseconds). See BatchStatement.
  bool array_batches = false;
  // Writers of this process queue in-process (SQLite has one writer per file; the queue keeps them
  // out of SQLite's sleeping busy handler) and share transactions: group commit, one sync for the
  // writes that arrive together (group_commit.h). PostgreSQL writers run concurrently.
  bool serialize_writers = false;
  // New unit ids come from the sequence units_id_seq (PostgreSQL: several servers insert units
  // concurrently) instead of MAX(id) + 1 under the write lock (SQLite).
  bool unit_id_sequence = false;
  // Classifies a driver error (constraint violation, retryable deadlock or serialization failure,
  // lost connection).
  ErrorClass (*classify)(const soci::soci_error& error) = nullptr;
  // Whether the session's connection to the server is gone (PostgreSQL after a restart of the
  // server or a network failure): the pool then reconnects it before its next use. nullptr where
  // a connection cannot be lost (SQLite, in-process).
  bool (*connection_lost)(soci::session& sql) = nullptr;
  // Sends rows in COPY's text format (`data`: tab-separated fields, one row per line) with
  // `copy_sql` ("COPY t (a, b) FROM STDIN") through the driver's COPY protocol, inside the
  // caller's transaction; throws soci::soci_error when the server refuses them. PostgreSQL: the
  // bulk path for the largest loads (report texts), cheaper for the server than parsing array
  // literals. nullptr where the backend has none (SQLite runs a BatchStatement per row).
  void (*copy_in)(soci::session& sql, const std::string& copy_sql,
                  const std::string& data) = nullptr;
  // A WITH clause may hold an UPDATE whose RETURNING rows feed the INSERT that follows
  // (PostgreSQL; not SQLite): a report's compare-and-swap and its history row are then one
  // statement, one round trip of a save instead of two.
  bool data_modifying_cte = false;
  // Streams the rows of `query` (placeholders $1, $2, … given `params` as text) to `visit`, a
  // batch of about `batch_rows` at a time, inside the caller's transaction: the server produces
  // the next batch while `visit` handles this one, so the reading and the handling overlap, and
  // memory holds two batches whatever the result's size. PostgreSQL: a cursor, each FETCH sent
  // before the previous batch is handled. nullptr where a backend reads in-process (SQLite): the
  // caller then reads in pages of its own.
  void (*stream_rows)(soci::session& sql, const std::string& query,
                      const std::vector<std::string>& params, int batch_rows,
                      const std::function<void(const TextRows&)>& visit) = nullptr;
};

}  // namespace llw::sql
