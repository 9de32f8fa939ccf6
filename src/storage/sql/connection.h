#pragma once
// One open database connection of the SQL store with the statements it has prepared. Every file of
// the store prepares a statement once per connection (Connection::prepared, Connection::write for
// statements returning no rows) and re-executes it with new values; the store's own writers
// (aggregates, narratives, versions, report updates, audit entries) are kept the same way and made
// on first use (connection.cpp).

#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/sql/dialect.h"
#include "storage/sql/prepared_statement.h"

namespace llw::sql {

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
}  // namespace llw::sql
