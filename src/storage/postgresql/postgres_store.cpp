#include "storage/postgresql/postgres_store.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>

#include "domain/error.h"
#include "storage/postgresql/change_listener.h"
#include "storage/postgresql/row_stream.h"
#include "storage/sql/migrations.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/transaction.h"

namespace llw {
namespace {

// The unique constraints whose violation names an input field (PostgreSQL's default constraint
// names for the UNIQUE columns of migrations/postgresql/001_init.sql).
constexpr std::pair<const char*, const char*> kUniqueFields[] = {
    {"units_code_key", "code"},
    {"users_username_key", "username"},
    {"campaign_successors_pkey", "next_year"},  // migration 032
};

sql::ErrorClass classify(const soci::soci_error& error) {
  sql::ErrorClass result;
  const auto* e = dynamic_cast<const soci::postgresql_soci_error*>(&error);
  if (e == nullptr) return result;
  const std::string state = e->sqlstate();
  if (state.rfind("23", 0) == 0) {  // integrity constraint violation
    result.kind = sql::ErrorClass::Kind::constraint;
    const std::string message = e->what();
    for (const auto& [constraint, field] : kUniqueFields) {
      if (message.find(constraint) != std::string::npos) result.field = field;
    }
  } else if (state == "40001" || state == "40P01") {
    // serialization_failure, deadlock_detected: the server aborted this transaction so that the
    // other one could go on; running it again is safe.
    result.kind = sql::ErrorClass::Kind::retry;
  } else if (e->get_error_category() == soci::soci_error::connection_error || state == "57P01" ||
             state == "57P02" || state == "57P03") {
    // The connection is gone (SOCI names a lost connection 08000) or the server is shutting
    // down or starting up (admin_shutdown, crash_shutdown, cannot_connect_now).
    result.kind = sql::ErrorClass::Kind::unavailable;
  }
  return result;
}

bool connection_lost(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend == nullptr || backend->conn_ == nullptr ||
         PQstatus(backend->conn_) == CONNECTION_BAD;
}

// COPY … FROM STDIN on the session's own connection (see Dialect::copy_in).
void copy_in(soci::session& sql, const std::string& copy_sql, const std::string& data) {
  auto* native = static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
  auto fail = [&](const std::string& what) {
    throw soci::soci_error("COPY failed (" + what + "): " + PQerrorMessage(native));
  };
  PGresult* started = PQexec(native, copy_sql.c_str());
  const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
  PQclear(started);
  if (!copying) fail("start");
  // Pieces of at most 1 MiB: libpq buffers what it is given before sending.
  constexpr std::size_t kPiece = 1 << 20;
  bool sent = true;
  for (std::size_t at = 0; at < data.size() && sent; at += kPiece) {
    const std::size_t size = std::min(kPiece, data.size() - at);
    sent = PQputCopyData(native, data.data() + at, static_cast<int>(size)) == 1;
  }
  // Ends the COPY either way (an error message aborts it), so the connection is usable again.
  const bool ended = PQputCopyEnd(native, sent ? nullptr : "client failed to send rows") == 1;
  std::string error;
  while (PGresult* result = PQgetResult(native)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty()) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  if (!sent || !ended) fail("send");
  if (!error.empty()) throw soci::soci_error("COPY failed: " + error);
}

const sql::Dialect kPostgresql{
    .name = "postgresql",
    .begin_write = "BEGIN",
    .lock_for_update = " FOR UPDATE",
    .array_batches = true,
    .serialize_writers = false,
    .unit_id_sequence = true,
    .classify = &classify,
    .connection_lost = &connection_lost,
    .copy_in = &copy_in,
    .data_modifying_cte = true,
    .stream_rows = &stream_postgres_rows,
};

// The URL without its password, for messages and logs.
std::string redacted(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// Runs SQL text that may hold several statements (a migration file): only the simple query
// protocol (PQexec) accepts that.
void exec_script(soci::session& sql, const std::string& text, const std::string& name) {
  auto* native = static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
  PGresult* result = PQexec(native, text.c_str());
  ExecStatusType status = PQresultStatus(result);
  std::string message = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw Error(ErrorKind::internal,
                "Không áp dụng được bản cập nhật cơ sở dữ liệu " + name + ": " + message);
  }
}

void migrate(soci::session& sql, const std::vector<sql::Migration>& migrations) {
  sql::Transaction transaction(sql, "BEGIN");
  // Servers started at once take turns here; the second finds the migrations applied.
  sql << "SELECT pg_advisory_xact_lock(7151530001)";
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
  sql::apply_pending_migrations(sql, migrations, [&](const sql::Migration& migration) {
    exec_script(sql, migration.sql, migration.name);
  });
  transaction.commit();
}

// SOCI re-parses its connect string as space-separated key=value pairs, which mangles a URI, so
// libpq parses the URL and the store hands SOCI the equivalent key='value' string.
std::string conninfo_from_url(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? error : "out of memory";
    PQfreemem(error);
    throw Error(ErrorKind::bad_input,
                "Địa chỉ cơ sở dữ liệu PostgreSQL '" + redacted(url) +
                    "' không hợp lệ: " + message +
                    ". Hãy dùng dạng postgresql://người_dùng:mật_khẩu@máy:cổng/tên_cơ_sở_dữ_liệu.",
                "db");
  }
  std::string conninfo;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += option->keyword;
    conninfo += '=';
    // Quoted only when it must be: SOCI 4.0.3 mis-parses a quoted value at the end of the string.
    std::string value = option->val;
    if (!value.empty() && value.find_first_of(" \t'\\") == std::string::npos) {
      conninfo += value;
      continue;
    }
    conninfo += '\'';
    for (char c : value) {
      if (c == '\'' || c == '\\') conninfo += '\\';
      conninfo += c;
    }
    conninfo += '\'';
  }
  PQconninfoFree(options);
  return conninfo;
}

// A connection that failed, said without the URL's password (libpq's messages may quote the
// connection string).
Error connection_failure(const std::string& url, const soci::soci_error& e) {
  std::string message = e.what();
  auto colon = url.find(':', url.find("://") + 3);
  auto at = url.find('@');
  if (colon != std::string::npos && at != std::string::npos && colon < at) {
    std::string password = url.substr(colon + 1, at - colon - 1);
    for (auto pos = message.find(password); !password.empty() && pos != std::string::npos;
         pos = message.find(password)) {
      message.replace(pos, password.size(), "***");
    }
  }
  return Error(ErrorKind::internal, "Không kết nối được cơ sở dữ liệu PostgreSQL '" +
                                        redacted(url) + "': " + message +
                                        ". Hãy kiểm tra địa chỉ, tên đăng nhập và mật khẩu.");
}

}  // namespace

std::shared_ptr<Store> make_postgres_store(const std::string& url, const StoreOptions& options) {
  const std::string conninfo = conninfo_from_url(url);
  auto open = [&](soci::session& sql, int index) {
    sql.open(soci::postgresql, conninfo);
    if (index == 0) migrate(sql, sql::postgresql_migrations());
  };
  try {
    auto store = std::make_shared<sql::SqlStore>(kPostgresql, options.pool_size, open);
    // Other servers announce their writes (migration 028): a signed-in page reads its session
    // from memory until one of them, or this store, changes what it was read from.
    auto changes = std::make_shared<sql::ChangeFeed>();
    // The listener gives up a connection attempt after a few seconds (a host that does not
    // answer would otherwise hold it, and the server's shutdown, for minutes).
    const std::string listening = conninfo.find("connect_timeout=") == std::string::npos
                                      ? conninfo + " connect_timeout='3'"
                                      : conninfo;
    store->keep_reads_in_memory(changes, std::make_shared<ChangeListener>(listening, changes));
    return store;
  } catch (const soci::soci_error& e) {
    throw connection_failure(url, e);
  }
}

void migrate_postgres_database(const std::string& url,
                               const std::vector<sql::Migration>& migrations) {
  const std::string conninfo = conninfo_from_url(url);
  try {
    soci::session sql(soci::postgresql, conninfo);
    migrate(sql, migrations);
  } catch (const soci::soci_error& e) {
    throw connection_failure(url, e);
  }
}

}  // namespace llw
