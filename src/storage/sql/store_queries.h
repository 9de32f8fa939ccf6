#pragma once
// Reads several files of the SQL store make on a leased connection, prepared once per connection.
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
#include "storage/sql/connection_pool.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"

namespace llw::sql {

// Runs `SELECT <unit columns> FROM units … <tail>` with the given parameters (bound in order).
template <typename... Params>
inline std::vector<OrgUnit> query_units(Connection& connection, const std::string& tail,
                                        const Params&... params) {
  std::vector<OrgUnit> units;
  connection.prepared<UnitRow, Params...>(std::string("SELECT ") + kUnitColumns + kUnitFrom + tail)
      .each([&](const UnitRow& row) { units.push_back(row.to_unit()); }, params...);
  return units;
}

template <typename... Params>
inline std::optional<OrgUnit> query_unit(Connection& connection, const std::string& tail,
                                         const Params&... params) {
  auto row =
      connection
          .prepared<UnitRow, Params...>(std::string("SELECT ") + kUnitColumns + kUnitFrom + tail)
          .one(params...);
  if (!row) return std::nullopt;
  return row->to_unit();
}

template <typename... Params>
inline std::optional<StoredUser> query_user(Connection& connection, const std::string& tail,
                                            const Params&... params) {
  auto row = connection.prepared<StoredUserRow, Params...>(kUserColumns + tail).one(params...);
  if (!row) return std::nullopt;
  return row->to_stored_user();
}

// The campaign's counted states as stored; Error{not_found} when there is no such campaign.
inline std::set<std::string> counted_states_of(Connection& connection, long long campaign_id) {
  auto row =
      connection.prepared<TextRow, long long>("SELECT counted_states FROM campaigns WHERE id = :id")
          .one(campaign_id);
  if (!row) {
    throw Error(ErrorKind::not_found,
                "Không tìm thấy đợt báo cáo số " + std::to_string(campaign_id) +
                    ". Hãy kiểm tra lại đường dẫn.",
                "campaign");
  }
  return counted_set_from_text(row->value);
}

// Marks every cached summary of the campaign stale (see campaigns.revision).
inline void bump_revision(Connection& connection, long long campaign_id) {
  connection.write<long long>("UPDATE campaigns SET revision = revision + 1 WHERE id = :id")
      .run(campaign_id);
}

// Marks every cached summary of every campaign stale (a change of the unit tree).
inline void bump_all_revisions(Connection& connection) {
  connection.write<>("UPDATE campaigns SET revision = revision + 1").run();
}

}  // namespace llw::sql
