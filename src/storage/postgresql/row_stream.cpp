#include "storage/postgresql/row_stream.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <memory>

#include "storage/sql/text_rows.h"

namespace llw {
namespace {

constexpr const char* kCursor = "llw_rows";

struct ResultFree {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

// A FETCH's rows.
class ResultRows : public sql::TextRows {
 public:
  explicit ResultRows(const PGresult* result) : result_(result) {}
  int size() const override { return PQntuples(result_); }
  std::optional<std::string_view> field(int row, int column) const override {
    if (PQgetisnull(result_, row, column) != 0) return std::nullopt;
    return std::string_view(PQgetvalue(result_, row, column),
                            static_cast<std::size_t>(PQgetlength(result_, row, column)));
  }

 private:
  const PGresult* result_;
};

// The driver's error as SOCI raises it, so that the store classifies it like any other (a lost
// connection makes the pool reconnect).
[[noreturn]] void fail(PGconn* conn, const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) state = PQstatus(conn) == CONNECTION_BAD ? "08006" : "XX000";
  const char* message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  throw soci::postgresql_soci_error(message, state);
}

// The one result of the command sent last; reads to its end so the connection is idle again.
Result result_of(PGconn* conn, ExecStatusType expected) {
  Result result(PQgetResult(conn));
  while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  if (!result || PQresultStatus(result.get()) != expected) fail(conn, result.get());
  return result;
}

// Sends the next FETCH without waiting for its rows.
void send_fetch(PGconn* conn, const std::string& fetch) {
  if (PQsendQuery(conn, fetch.c_str()) != 1) fail(conn, nullptr);
}

}  // namespace

void stream_postgres_rows(soci::session& sql, const std::string& query,
                          const std::vector<std::string>& params, int batch_rows,
                          const std::function<void(const sql::TextRows&)>& visit) {
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& param : params) values.push_back(param.c_str());
  const std::string declare = std::string("DECLARE ") + kCursor + " NO SCROLL CURSOR FOR " + query;
  if (PQsendQueryParams(conn, declare.c_str(), static_cast<int>(values.size()), nullptr,
                        values.data(), nullptr, nullptr, 0) != 1) {
    fail(conn, nullptr);
  }
  result_of(conn, PGRES_COMMAND_OK);
  const std::string fetch =
      "FETCH FORWARD " + std::to_string(batch_rows) + " FROM " + std::string(kCursor);
  send_fetch(conn, fetch);
  // A FETCH is in flight whenever the loop leaves by an exception of `visit`: its rows are read
  // and dropped, so the caller's ROLLBACK finds the connection idle.
  bool in_flight = true;
  struct Drain {
    PGconn* conn;
    bool& in_flight;
    ~Drain() {
      if (!in_flight) return;
      while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
    }
  } drain{conn, in_flight};
  for (;;) {
    in_flight = false;
    const Result batch = result_of(conn, PGRES_TUPLES_OK);
    const bool last = PQntuples(batch.get()) < batch_rows;
    // The server produces the next batch while this one is handled.
    if (!last) {
      send_fetch(conn, fetch);
      in_flight = true;
    }
    visit(ResultRows(batch.get()));
    if (last) break;
  }
  const std::string close = std::string("CLOSE ") + kCursor;
  if (PQsendQuery(conn, close.c_str()) != 1) fail(conn, nullptr);
  result_of(conn, PGRES_COMMAND_OK);
}

}  // namespace llw
