#pragma once
// A database connection of the SQL store with the statements it has prepared, and the pool that
// leases connections to requests. Every file of the store prepares a statement once per
// connection (Connection::prepared, Connection::write for statements returning no rows) and
// re-executes it with new values; the store's own writers
// (aggregates, narratives, versions, report updates, audit entries) are kept the same way and
// made on first use (sql_store.cpp).

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

#include "domain/error.h"
#include "storage/sql/dialect.h"

namespace llw::sql {

// A query prepared once on a connection and re-executed with new parameter values. The row and
// the parameters live here because SOCI binds them by reference at prepare time.
class PreparedBase {
 public:
  virtual ~PreparedBase() = default;
};

// A parameter that may be NULL: bound with its indicator.
template <typename T>
struct Nullable {
  T value{};
  soci::indicator indicator = soci::i_null;
  Nullable() = default;
  Nullable(const std::optional<T>& maybe)  // NOLINT(google-explicit-constructor)
      : value(maybe.value_or(T{})), indicator(maybe ? soci::i_ok : soci::i_null) {}
};

template <typename T>
void use_param(soci::statement& statement, T& param) {
  statement.exchange(soci::use(param));
}
template <typename T>
void use_param(soci::statement& statement, Nullable<T>& param) {
  statement.exchange(soci::use(param.value, param.indicator));
}

// The row of a statement that returns none (an INSERT, UPDATE or DELETE).
struct NoRow {
  void bind(soci::statement& /*statement*/) {}
};

// Calls visit(row) for every row of an executed statement. The statement is stepped to its end
// even when `visit` throws: a kept statement left on a row would hold an old snapshot of the
// database for the whole connection.
template <typename Row, typename Visit>
void visit_rows(soci::statement& statement, const Row& row, Visit&& visit) {
  try {
    while (statement.fetch()) visit(row);
  } catch (...) {
    while (statement.fetch()) {
    }
    throw;
  }
}

template <typename Row, typename... Params>
class Prepared : public PreparedBase {
 public:
  Prepared(soci::session& sql, const std::string& text) : statement_(sql) {
    row_.bind(statement_);
    std::apply([this](auto&... param) { (use_param(statement_, param), ...); }, params_);
    statement_.alloc();
    statement_.prepare(text);
    statement_.define_and_bind();
  }

  // The first row, if any. The statement is stepped to its end either way: a kept statement left
  // on a row would hold an old snapshot of the database for the whole connection.
  std::optional<Row> one(const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    statement_.execute(false);
    if (!statement_.fetch()) return std::nullopt;
    Row found = row_;
    while (statement_.fetch()) {
    }
    return found;
  }

  // Runs a statement that returns no rows; the number of rows it changed.
  long long run(const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    statement_.execute(true);
    return statement_.get_affected_rows();
  }

  template <typename Visit>
  void each(Visit&& visit, const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    statement_.execute(false);
    visit_rows(statement_, row_, std::forward<Visit>(visit));
  }

 private:
  std::tuple<Params...> params_;
  Row row_;
  soci::statement statement_;
};

// A parameter of a statement whose parameters are known only at run time (a query built from the
// filters present): a number or a text.
using ParamValue = std::variant<long long, std::string>;

// A query whose text, and so the number and kinds of its parameters, depends on which filters are
// present: one statement per distinct text, prepared once on a connection like Prepared. Each run
// gives values of the same kinds, in the same order, as the first.
template <typename Row>
class PreparedList : public PreparedBase {
 public:
  PreparedList(soci::session& sql, const std::string& text, std::vector<ParamValue> first)
      : params_(std::move(first)), statement_(sql) {
    row_.bind(statement_);
    // params_ never grows again: the addresses bound here stay valid.
    for (auto& param : params_) {
      std::visit([this](auto& value) { statement_.exchange(soci::use(value)); }, param);
    }
    statement_.alloc();
    statement_.prepare(text);
    statement_.define_and_bind();
  }

  template <typename Visit>
  void each(Visit&& visit, const std::vector<ParamValue>& values) {
    set(values);
    statement_.execute(false);
    visit_rows(statement_, row_, std::forward<Visit>(visit));
  }

  // Runs a statement that returns no rows; the number of rows it changed.
  long long run(const std::vector<ParamValue>& values) {
    set(values);
    statement_.execute(true);
    return statement_.get_affected_rows();
  }

 private:
  void set(const std::vector<ParamValue>& values) {
    if (values.size() != params_.size()) {
      throw std::logic_error("one SQL text run with a different number of parameters");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].index() != params_[i].index()) {
        throw std::logic_error("one SQL text run with parameters of other kinds");
      }
      params_[i] = values[i];  // same alternative: assigned in place
    }
  }

  std::vector<ParamValue> params_;
  Row row_;
  soci::statement statement_;
};

class AggregateWriter;
class NarrativeWriter;
class VersionWriter;
class ReportUpdater;
class AuditInserter;

// One open database connection with the statements it has prepared so far.
struct Connection {
  soci::session sql;  // first member: destroyed after every statement prepared on it
  const Dialect* dialect = nullptr;
  // Set when a use of the connection failed and the dialect found it lost; the pool reconnects it
  // before it leases it again.
  bool lost = false;

  Connection();
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The statement of this SQL text, prepared on this connection the first time it is asked for.
  template <typename Row, typename... Params>
  Prepared<Row, Params...>& prepared(const std::string& text) {
    auto& slot = statements_[text];
    if (!slot) slot = std::make_unique<Prepared<Row, Params...>>(sql, text);
    auto* typed = dynamic_cast<Prepared<Row, Params...>*>(slot.get());
    if (typed == nullptr) throw std::logic_error("one SQL text prepared with two row types");
    return *typed;
  }

  // The statement of this SQL text with the parameters `values` (see PreparedList), prepared on
  // this connection the first time it is asked for.
  template <typename Row>
  PreparedList<Row>& prepared_list(const std::string& text, const std::vector<ParamValue>& values) {
    auto& slot = statements_[text];
    if (!slot) slot = std::make_unique<PreparedList<Row>>(sql, text, values);
    auto* typed = dynamic_cast<PreparedList<Row>*>(slot.get());
    if (typed == nullptr) throw std::logic_error("one SQL text prepared with two row types");
    return *typed;
  }

  // The write (INSERT, UPDATE, DELETE) of this SQL text, prepared on this connection the first
  // time it is asked for; run() executes it.
  template <typename... Params>
  Prepared<NoRow, Params...>& write(const std::string& text) {
    return prepared<NoRow, Params...>(text);
  }

  // Drops every statement prepared on the session (before it reconnects: they belong to the old
  // connection).
  void forget_statements();

  AggregateWriter& aggregates();
  NarrativeWriter& narratives();
  VersionWriter& versions();
  ReportUpdater& report_updater();
  ReportUpdater& audited_report_updater();
  AuditInserter& audit_inserter();

 private:
  std::unordered_map<std::string, std::unique_ptr<PreparedBase>> statements_;
  std::unique_ptr<AggregateWriter> aggregates_;
  std::unique_ptr<NarrativeWriter> narratives_;
  std::unique_ptr<VersionWriter> versions_;
  std::unique_ptr<ReportUpdater> report_updater_;
  std::unique_ptr<ReportUpdater> audited_report_updater_;
  std::unique_ptr<AuditInserter> audit_inserter_;
};

// A fixed set of connections; a caller leases one and returns it when the lease ends. A connection
// whose use failed because the server went away (PostgreSQL restarted) is reconnected before it is
// leased again; while the server cannot be reached, acquire() throws Error{unavailable}.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, Connection& connection)
        : pool_(&pool), connection_(&connection), unwinding_(std::uncaught_exceptions()) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      // Ended by an exception: was it the connection that failed?
      if (std::uncaught_exceptions() > unwinding_) {
        const Dialect& dialect = *connection_->dialect;
        if (dialect.connection_lost && dialect.connection_lost(connection_->sql)) {
          connection_->lost = true;
        }
      }
      pool_->release(*connection_);
    }
    Connection* operator->() const { return connection_; }
    Connection& operator*() const { return *connection_; }

   private:
    ConnectionPool* pool_;
    Connection* connection_;
    int unwinding_;
  };

  ConnectionPool(std::size_t size, const Dialect& dialect) {
    for (std::size_t i = 0; i < size; ++i) {
      connections_.push_back(std::make_unique<Connection>());
      connections_.back()->dialect = &dialect;
      idle_.push_back(connections_.back().get());
    }
  }

  std::size_t size() const { return connections_.size(); }
  Connection& at(std::size_t i) { return *connections_[i]; }

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    Connection* connection = idle_.back();
    idle_.pop_back();
    lock.unlock();
    if (connection->lost) {
      try {
        connection->forget_statements();
        connection->sql.reconnect();
        connection->lost = false;
      } catch (const std::exception&) {
        release(*connection);
        throw database_unavailable();
      }
    }
    return Lease(*this, *connection);
  }

 private:
  void release(Connection& connection) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(&connection);
    }
    available_.notify_one();
  }

  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace llw::sql
