// The writers a Connection keeps, made on first use (connection.h).
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/error.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/batch_statement.h"
#include "storage/sql/connection.h"
#include "storage/sql/report_writers.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

// The writers of a connection, made on first use (connection_pool.h).
Connection::Connection() = default;
Connection::~Connection() = default;

void Connection::forget_statements() {
  statements_.clear();
  aggregates_.reset();
  narratives_.reset();
  versions_.reset();
  report_updater_.reset();
  audited_report_updater_.reset();
  audit_inserter_.reset();
}

AggregateWriter& Connection::aggregates() {
  if (!aggregates_) aggregates_ = std::make_unique<AggregateWriter>(sql, *dialect);
  return *aggregates_;
}
NarrativeWriter& Connection::narratives() {
  if (!narratives_) narratives_ = std::make_unique<NarrativeWriter>(sql, *dialect);
  return *narratives_;
}
VersionWriter& Connection::versions() {
  if (!versions_) versions_ = std::make_unique<VersionWriter>(sql, *dialect);
  return *versions_;
}
ReportUpdater& Connection::report_updater() {
  if (!report_updater_) report_updater_ = std::make_unique<ReportUpdater>(sql, *dialect);
  return *report_updater_;
}
ReportUpdater& Connection::audited_report_updater() {
  if (!audited_report_updater_) {
    audited_report_updater_ =
        std::make_unique<ReportUpdater>(sql, *dialect, ReportUpdater::Audit::in_statement);
  }
  return *audited_report_updater_;
}
AuditInserter& Connection::audit_inserter() {
  if (!audit_inserter_) audit_inserter_ = std::make_unique<AuditInserter>(sql);
  return *audit_inserter_;
}

}  // namespace llw::sql
