// SqlUnitStore::edit_unit: editing a unit in the tree and moving it, with everything that copies
// its path or sums its subtree kept exact in the same transaction.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "storage/sql/aggregate_shift.h"
#include "storage/sql/aggregate_writers.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_unit_store.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/store_rows.h"
#include "storage/sql/store_text.h"
#include "storage/sql/unit_writer.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

namespace {

// The ids of a materialized path, root first, as the statements bind them.
std::vector<long long> ids_in_path(const std::string& path) {
  const std::vector<std::int64_t> ids = path_ids(path);
  return {ids.begin(), ids.end()};
}

// Ids in `a` that are not in `b`.
std::vector<long long> without(const std::vector<long long>& a, const std::vector<long long>& b) {
  std::vector<long long> out;
  for (long long id : a) {
    if (std::find(b.begin(), b.end(), id) == b.end()) out.push_back(id);
  }
  return out;
}

struct LockedUnit {
  long long id = 0;
  std::string path;
  std::string name;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(path));
    st.exchange(soci::into(name));
  }
};

// The unit with this code, row-locked for the rest of the transaction on PostgreSQL (SQLite's
// writers are serialized anyway).
std::optional<LockedUnit> lock_unit(Connection& connection, const std::string& code) {
  return connection
      .prepared<LockedUnit, std::string>(
          std::string("SELECT id, path, name FROM units WHERE code = :code") +
          connection.dialect->lock_for_update)
      .one(code);
}

// Rewrites the `path_column` of the rows of `table` in the subtree `old_prefix` to start with
// `new_prefix` instead; `scope` narrows the rows (one campaign) so that an index range serves.
void rewrite_paths(Connection& connection, const std::string& table, const std::string& path_column,
                   const std::string& scope, std::optional<long long> campaign_id,
                   const std::string& old_prefix, const std::string& new_prefix) {
  // Every path of the subtree lies in [old_prefix, upper): paths are digits and '/', so the
  // prefix with its last byte ('/') incremented sorts after all of them.
  std::string upper = old_prefix;
  upper.back() = static_cast<char>(upper.back() + 1);
  const long long rest_from = static_cast<long long>(old_prefix.size()) + 1;  // 1-based
  const std::string text = "UPDATE " + table + " SET " + path_column +
                           " = CAST(:prefix AS TEXT) || " + "substr(" + path_column +
                           ", CAST(:rest AS INTEGER)) WHERE " + scope + path_column +
                           " >= :lower AND " + path_column + " < :upper";
  if (campaign_id) {
    connection.write<std::string, long long, long long, std::string, std::string>(text).run(
        new_prefix, rest_from, *campaign_id, old_prefix, upper);
  } else {
    connection.write<std::string, long long, std::string, std::string>(text).run(
        new_prefix, rest_from, old_prefix, upper);
  }
}

}  // namespace

OrgUnit SqlUnitStore::edit_unit(const UnitEdit& edit) {
  const UnitInput& input = edit.input;
  context_.with_write_connection([&](Connection& connection) {
    const auto unit = lock_unit(connection, input.code);
    if (!unit) {
      throw Error(ErrorKind::not_found,
                  "Không tìm thấy đơn vị có mã '" + input.code + "'. Hãy kiểm tra lại mã đơn vị.",
                  "code");
    }
    if (unit->path != edit.expected_path) {
      throw Error(ErrorKind::conflict,
                  "Đơn vị vừa được người khác chuyển sang đơn vị cấp trên khác. Hãy tải lại "
                  "trang rồi thử lại; chưa có gì thay đổi.",
                  "parent");
    }

    std::optional<LockedUnit> parent;
    if (!edit.new_parent_code.empty()) {
      parent = lock_unit(connection, edit.new_parent_code);
      if (!parent) {
        throw Error(ErrorKind::not_found,
                    "Không tìm thấy đơn vị cấp trên có mã '" + edit.new_parent_code +
                        "'. Hãy kiểm tra lại mã đơn vị cấp trên.",
                    "parent");
      }
      // Checked again here, under the locks: another move may have changed the tree since the
      // caller looked.
      if (parent->path.rfind(unit->path, 0) == 0) {
        throw Error(ErrorKind::validation_failed,
                    "Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị cấp dưới của nó; "
                    "hãy chọn đơn vị cấp trên khác.",
                    "parent");
      }
    }

    long long id = unit->id;
    std::string kind(to_string(input.kind)), level(to_string(input.level));
    std::string population = nlohmann::json(input.population).dump();
    std::string key = unit_search_key(input.name, input.code);
    connection
        .write<std::string, std::string, std::string, std::string, std::string, std::string,
               std::string, std::string, std::string, std::string, std::string, long long>(
            "UPDATE units SET name = :name, kind = :kind, level = :level, "
            "population_json = :population, email = :email, phone = :phone, "
            "signer_authority = :authority, signer_deputy = :deputy, "
            "signer_position = :position, signer_name = :signer, search_key = :key WHERE id = :id")
        .run(input.name, kind, level, population, input.email, input.phone, input.signer.authority,
             input.signer.deputy, input.signer.position, input.signer.name, key, id);

    std::vector<long long> campaigns;
    connection.prepared<CountRow>("SELECT id FROM campaigns ORDER BY id")
        .each([&](const CountRow& row) { campaigns.push_back(row.value); });

    // The narrative rows copy the unit's name (see the schema); one primary-key range per
    // campaign.
    if (unit->name != input.name) {
      for (long long campaign : campaigns) {
        connection
            .write<std::string, long long, long long>(
                "UPDATE report_narratives SET unit_name = :name "
                "WHERE campaign_id = :campaign AND unit_id = :id")
            .run(input.name, campaign, id);
      }
    }

    // The report's own change lands on the unit and its ancestors where it stands now; a move
    // below then carries the unit's whole row, this change included, to the new ancestors.
    const std::vector<long long> old_chain = ids_in_path(unit->path);
    for (const auto& [campaign, delta] : edit.report_deltas) {
      add_to_aggregates(connection, campaign, old_chain, delta);
    }

    if (parent) {
      const std::string new_path = parent->path + std::to_string(id) + "/";
      if (new_path != unit->path) {
        // Ancestors both above the old and the new place keep their sums; only the others change.
        std::vector<long long> old_above(old_chain.begin(), old_chain.end() - 1);
        const std::vector<long long> new_above = ids_in_path(parent->path);
        const std::vector<long long> leaving = without(old_above, new_above);
        const std::vector<long long> joining = without(new_above, old_above);
        for (long long campaign : campaigns) {
          shift_aggregate(connection, campaign, id, leaving, joining);
          rewrite_paths(connection, "reports", "path", "campaign_id = :campaign AND ", campaign,
                        unit->path, new_path);
          rewrite_paths(connection, "report_narratives", "path", "campaign_id = :campaign AND ",
                        campaign, unit->path, new_path);
        }
        rewrite_paths(connection, "units", "path", "", std::nullopt, unit->path, new_path);
        connection
            .write<long long, long long>("UPDATE units SET parent_id = :parent WHERE id = :id")
            .run(parent->id, id);
      }
    }

    // Summaries show names, kinds and sums of the tree: every cached one must be recomputed.
    bump_all_revisions(connection);
  });
  return *find_unit(input.code);
}

// -----------------------------------------------------------------------------------------------
// Org units.

std::optional<OrgUnit> SqlUnitStore::find_unit(std::string_view code) {
  auto connection = context_.pool().acquire();
  return query_unit(*connection, "WHERE u.code = :code", std::string(code));
}

std::optional<OrgUnit> SqlUnitStore::find_unit_by_id(std::int64_t id) {
  auto connection = context_.pool().acquire();
  return query_unit(*connection, "WHERE u.id = :id", static_cast<long long>(id));
}

std::vector<OrgUnit> SqlUnitStore::children(std::int64_t parent_id) {
  auto connection = context_.pool().acquire();
  return query_units(*connection, "WHERE u.parent_id = :parent ORDER BY u.name, u.code",
                     static_cast<long long>(parent_id));
}

OrgUnit SqlUnitStore::insert_unit(const UnitInput& input) {
  long long id = context_.write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    UnitWriter writer(sql, context_.dialect());
    if (writer.find(input.code)) {
      throw Error(ErrorKind::conflict, duplicate_code_message(input.code), "code");
    }
    long long id = writer.insert(input);
    writer.flush();
    // The bulk writer (imports, which carry no signer) leaves the signer lines empty.
    if (!input.signer.empty()) {
      connection
          .write<std::string, std::string, std::string, std::string, long long>(
              "UPDATE units SET signer_authority = :authority, signer_deputy = :deputy, "
              "signer_position = :position, signer_name = :signer WHERE id = :id")
          .run(input.signer.authority, input.signer.deputy, input.signer.position,
               input.signer.name, id);
    }
    return id;
  });
  return *find_unit_by_id(id);
}

OrgUnit SqlUnitStore::update_unit(const UnitInput& input) {
  context_.write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    UnitWriter writer(sql, context_.dialect());
    if (!writer.find(input.code)) {
      throw Error(ErrorKind::not_found, not_found_unit_message(input.code), "code");
    }
    writer.update(input);
    writer.flush();
    // Pages and summaries show units' names: every cached one must be recomputed.
    bump_all_revisions(connection);
  });
  return *find_unit(input.code);
}

std::pair<int, int> SqlUnitStore::upsert_units(const std::vector<UnitInput>& inputs) {
  return context_.write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        UnitWriter writer(sql, context_.dialect());
        writer.prefetch(inputs);
        std::pair<int, int> counts{0, 0};
        for (std::size_t i = 0; i < inputs.size(); ++i) {
          const auto& input = inputs[i];
          if (writer.find(input.code)) {
            writer.update(input);
            ++counts.second;
          } else {
            writer.insert(input, inputs.size() - i);
            ++counts.first;
          }
        }
        writer.flush();
        // Pages and summaries show units' names: every cached one must be recomputed.
        if (!inputs.empty()) bump_all_revisions(connection);
        return counts;
      },
      WriteSize::large);
}

std::vector<std::int64_t> SqlUnitStore::ancestor_ids(std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  auto row = connection->prepared<TextRow, long long>("SELECT path FROM units WHERE id = :id")
                 .one(unit_id);
  if (!row) return {};
  return ancestors_from_path(row->value);
}

std::vector<OrgUnit> SqlUnitStore::search_units(std::string_view path, const std::string& key,
                                                int limit) {
  auto connection = context_.pool().acquire();
  soci::session& sql = connection->sql;
  std::string low(path);
  std::string high = path_upper_bound(low);
  std::string pattern = contains_pattern(key);
  long long count = std::clamp(limit, 1, 1000);
  UnitRow row;
  soci::statement st(sql);
  row.bind(st);
  st.exchange(soci::use(low));
  st.exchange(soci::use(high));
  st.exchange(soci::use(pattern));
  st.exchange(soci::use(count));
  st.alloc();
  // The subtree's range of the path index, filtered by the stored key (as the unit list's
  // search does, sql_report_listing.cpp).
  st.prepare(std::string("SELECT ") + kUnitColumns + kUnitFrom +
             "WHERE u.path >= :low AND u.path < :high AND u.search_key LIKE :pattern "
             "ESCAPE '\\' ORDER BY u.path LIMIT :n");
  st.define_and_bind();
  st.execute(false);
  std::vector<OrgUnit> units;
  while (st.fetch()) units.push_back(row.to_unit());
  return units;
}

std::vector<OrgUnit> SqlUnitStore::units_in_subtree(std::string_view path,
                                                    const std::vector<UnitKind>& kinds) {
  if (kinds.empty()) return {};
  auto connection = context_.pool().acquire();
  std::string low(path);
  // One placeholder per kind: the values are still bound, never spliced into the text, and there
  // is one text per number of kinds.
  std::vector<ParamValue> values{low, path_upper_bound(low)};
  std::string placeholders;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    placeholders += (i ? ", :k" : ":k") + std::to_string(i);
    values.emplace_back(std::string(to_string(kinds[i])));
  }
  std::vector<OrgUnit> units;
  connection
      ->prepared_list<UnitRow>(std::string("SELECT ") + kUnitColumns + kUnitFrom +
                                   "WHERE u.path >= :low AND u.path < :high AND u.kind IN (" +
                                   placeholders + ") ORDER BY u.path",
                               values)
      .each([&](const UnitRow& row) { units.push_back(row.to_unit()); }, values);
  return units;
}

std::int64_t SqlUnitStore::count_units() {
  auto connection = context_.pool().acquire();
  const auto n = connection->prepared<CountRow>("SELECT COUNT(*) FROM units").one();
  return n ? n->value : 0;
}

}  // namespace llw::sql
