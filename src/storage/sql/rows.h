#pragma once
// Row shapes and column conversions shared by the ports' files (internal to the storage library). A
// row binds typed into() targets (never rowset<row>, whose SQLite types depend on the declared
// column type) in the order of its column list, and converts to the domain type. A stored value the
// domain does not know is a corrupt database: reading it throws Error{internal} naming the column,
// rather than passing on a made-up value.

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "domain/campaign.h"
#include "domain/clock.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/user.h"

namespace llw::sql {

// ---------------------------------------------------------------------------------------------
// Column conversions.

[[noreturn]] void corrupt_column(std::string_view what, std::string_view value);

UnitKind kind_column(const std::string& text);
SchoolLevel level_column(const std::string& text);
ReportStatus status_column(const std::string& text);
Role role_column(const std::string& text);
std::chrono::year_month_day date_column(const std::string& text);

// Every string that starts with `prefix` lies in [prefix, path_upper_bound(prefix)): comparing
// bytes, the prefix with its last byte incremented is the first string after all of them. Paths
// are ASCII digits and '/', so the increment never overflows; an empty prefix matches every path
// (all start with '/').
std::string path_upper_bound(std::string prefix);

// LIKE's pattern for "contains `key`" (with ESCAPE '\\'): its own wildcards and the escape
// character escaped, so a typed "%" or "_" is only itself.
std::string contains_pattern(const std::string& key);

// ---------------------------------------------------------------------------------------------
// Rows.

// Single-column rows.
struct CountRow {
  long long value = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(value)); }
};

struct TextRow {
  std::string value;
  void bind(soci::statement& st) { st.exchange(soci::into(value)); }
};

// A unit with its parent's code: `SELECT kUnitColumns kUnitFrom …`, or joined from another table
// as `… JOIN units u ON … LEFT JOIN units p ON p.id = u.parent_id`.
inline constexpr const char* kUnitColumns =
    "u.id, u.code, u.name, u.kind, u.level, u.parent_id, p.code, u.path, u.population_json, "
    "u.email, u.signer_authority, u.signer_deputy, u.signer_position, u.signer_name, u.phone";
inline constexpr const char* kUnitFrom = " FROM units u LEFT JOIN units p ON p.id = u.parent_id ";

struct UnitRow {
  long long id = 0;
  std::string code, name, kind, level;
  long long parent_id = 0;
  soci::indicator parent_ind = soci::i_ok;
  std::string parent_code;
  soci::indicator parent_code_ind = soci::i_ok;
  std::string path, population_json, email;
  UnitSigner signer;
  std::string phone;

  void bind(soci::statement& st);
  OrgUnit to_unit() const;
};

// A unit's report in a campaign: `SELECT kReportColumnList kReportFrom …`.
inline constexpr const char* kReportColumnList =
    "r.campaign_id, r.unit_id, u.code, r.status, r.version, r.values_json, r.submitted_at, "
    "r.late, r.updated_at, r.updated_by, r.comment";
inline constexpr const char* kReportFrom = " FROM reports r JOIN units u ON u.id = r.unit_id ";

struct ReportRow {
  long long campaign_id = 0, unit_id = 0;
  std::string unit_code, status;
  long long version = 0;
  std::string values_json;
  long long submitted_at = 0;
  soci::indicator submitted_ind = soci::i_ok;
  int late = 0;
  long long updated_at = 0;
  long long updated_by = 0;
  soci::indicator updated_by_ind = soci::i_ok;
  std::string comment;

  void bind(soci::statement& st);
  // `keys`: the values to parse (selected_values.h); the others are left out.
  UnitReport to_report(const ReportValueKeys& keys = {}) const;
};

// An account with its unit's code and path: `SELECT kUserColumnList kUserFrom …`. The password hash
// is not among the columns: only the sign-in read asks for it.
inline constexpr const char* kUserColumnList =
    "us.id, us.username, us.display_name, us.role, us.unit_id, un.code, un.path, us.disabled, "
    "us.must_change_password";
inline constexpr const char* kUserFrom = " FROM users us LEFT JOIN units un ON un.id = us.unit_id ";

struct UserRow {
  long long id = 0;
  std::string username, display_name, role;
  long long unit_id = 0;
  soci::indicator unit_ind = soci::i_ok;
  std::string unit_code;
  soci::indicator code_ind = soci::i_ok;
  std::string unit_path;
  soci::indicator path_ind = soci::i_ok;
  int disabled = 0;
  int must_change_password = 0;

  void bind(soci::statement& st);
  User to_user() const;
};

// ---------------------------------------------------------------------------------------------
// Running a query once.

// Runs `text` on `sql` with the given soci::use() parameters (bound in order, after the row's
// into() targets) and calls visit(row) for every row read. For statements a connection does not
// keep prepared (see Prepared in sql_store.cpp for those it does).
template <typename Row, typename Visit, typename... Uses>
void for_each_row(soci::session& sql, const std::string& text, Visit&& visit, Uses&&... uses) {
  Row row;
  soci::statement st(sql);
  row.bind(st);
  (st.exchange(std::forward<Uses>(uses)), ...);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) visit(std::as_const(row));
}

}  // namespace llw::sql
