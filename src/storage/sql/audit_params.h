#pragma once
// An audit_log row as statement parameters, shared by the entry's own INSERT (sql_audit_log.cpp)
// and the report write that carries it inside its statement (sql_store.cpp). Internal to the
// storage library.

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <string>

#include "domain/store.h"

namespace llw::sql {

// `INSERT INTO audit_log (kAuditColumnList) … kAuditValues`, with AuditParams bound in this order.
// The values are cast, so they also type a `SELECT kAuditValues FROM …` (PostgreSQL leaves an
// untyped parameter in a select list as text).
inline constexpr const char* kAuditColumnList =
    "at, user_id, username, address, action, unit_id, unit_path, target, detail, outcome";
inline constexpr const char* kAuditValues =
    "CAST(:audit_at AS BIGINT), CAST(:audit_user_id AS BIGINT), :audit_username, :audit_address, "
    ":audit_action, CAST(:audit_unit_id AS BIGINT), :audit_unit_path, :audit_target, "
    ":audit_detail, :audit_outcome";

struct AuditParams {
  long long at = 0, user_id = 0, unit_id = 0;
  soci::indicator user_ind = soci::i_null, unit_ind = soci::i_null;
  std::string username, address, action, unit_path, target, detail, outcome;

  // Binds the parameters by reference: the object must outlive the statement's executions.
  void bind(soci::statement& st) {
    st.exchange(soci::use(at));
    st.exchange(soci::use(user_id, user_ind));
    st.exchange(soci::use(username));
    st.exchange(soci::use(address));
    st.exchange(soci::use(action));
    st.exchange(soci::use(unit_id, unit_ind));
    st.exchange(soci::use(unit_path));
    st.exchange(soci::use(target));
    st.exchange(soci::use(detail));
    st.exchange(soci::use(outcome));
  }

  void set(const AuditEntry& entry) {
    at = entry.at;
    user_id = entry.user_id.value_or(0);
    user_ind = entry.user_id ? soci::i_ok : soci::i_null;
    unit_id = entry.unit_id.value_or(0);
    unit_ind = entry.unit_id ? soci::i_ok : soci::i_null;
    username = entry.username;
    address = entry.address;
    action = entry.action;
    unit_path = entry.unit_path;
    target = entry.target;
    detail = entry.detail;
    outcome = entry.outcome.empty() ? "ok" : entry.outcome;
  }
};

// The INSERT of one audit entry, prepared once and run for each entry.
class AuditInserter {
 public:
  explicit AuditInserter(soci::session& sql) : statement_(sql) {
    params_.bind(statement_);
    statement_.alloc();
    statement_.prepare(std::string("INSERT INTO audit_log (") + kAuditColumnList + ") VALUES (" +
                       kAuditValues + ")");
    statement_.define_and_bind();
  }

  void insert(const AuditEntry& entry) {
    params_.set(entry);
    statement_.execute(true);
  }

 private:
  AuditParams params_;  // bound by reference: declared (built) before the statement
  soci::statement statement_;
};

}  // namespace llw::sql
