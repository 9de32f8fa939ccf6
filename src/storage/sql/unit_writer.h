#pragma once
// The unit writer of the SQL store's unit inserts and upserts: ids, paths and search keys written
// with the row, statements prepared once per write.

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
#include "storage/sql/batch_statement.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_text.h"

namespace llw::sql {

// written, so that a unit's path, which ends with its own id, is written with the row instead of
// by a second UPDATE: from MAX(id) + 1 under SQLite's write lock, or from the units_id_seq
// sequence on PostgreSQL, where several servers may insert units at once. flush() must be called
// before anything reads the units written.
class UnitWriter {
 public:
  UnitWriter(soci::session& sql, const Dialect& dialect)
      : sql_(sql),
        dialect_(dialect),
        select_((sql.prepare << "SELECT id, path FROM units WHERE code = :code",
                 soci::into(found_id_), soci::into(found_path_), soci::use(code_))),
        insert_(sql, dialect,
                {{"id", ColumnType::integer},
                 {"code", ColumnType::text},
                 {"name", ColumnType::text},
                 {"kind", ColumnType::text},
                 {"level", ColumnType::text},
                 {"parent_id", ColumnType::integer},
                 {"path", ColumnType::text},
                 {"population_json", ColumnType::text},
                 {"email", ColumnType::text},
                 {"phone", ColumnType::text},
                 {"search_key", ColumnType::text}},
                "INSERT INTO units (id, code, name, kind, level, parent_id, path, "
                "population_json, email, phone, search_key) SELECT v.id, v.code, v.name, v.kind, "
                "v.level, v.parent_id, v.path, v.population_json, v.email, v.phone, v.search_key "
                "FROM {rows} WHERE true"),
        update_(sql, dialect,
                {{"code", ColumnType::text},
                 {"name", ColumnType::text},
                 {"kind", ColumnType::text},
                 {"level", ColumnType::text},
                 {"population_json", ColumnType::text},
                 {"email", ColumnType::text},
                 {"phone", ColumnType::text},
                 {"search_key", ColumnType::text}},
                // An import without a telephone keeps the one the unit has.
                "UPDATE units SET name = v.name, kind = v.kind, level = v.level, "
                "population_json = v.population_json, email = v.email, "
                "phone = CASE WHEN v.phone = '' THEN units.phone ELSE v.phone END, "
                "search_key = v.search_key FROM {rows} WHERE units.code = v.code") {
    if (!dialect_.unit_id_sequence) {
      long long max_id = 0;
      sql << "SELECT COALESCE(MAX(id), 0) FROM units", soci::into(max_id);
      next_id_ = max_id + 1;
    }
  }

  // Looks up the stored units among these codes in a few statements instead of one per code
  // (array dialects only; SQLite looks each code up when asked, in microseconds).
  void prefetch(const std::vector<UnitInput>& inputs) {
    if (!dialect_.array_batches) return;
    std::vector<std::string> codes;
    codes.reserve(inputs.size() * 2);
    for (const auto& input : inputs) {
      codes.push_back(input.code);
      if (!input.parent_code.empty()) codes.push_back(input.parent_code);
    }
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    constexpr std::size_t kChunk = 10000;
    for (std::size_t from = 0; from < codes.size(); from += kChunk) {
      std::string array = "{";
      std::size_t to = std::min(codes.size(), from + kChunk);
      for (std::size_t i = from; i < to; ++i) {
        if (i > from) array += ',';
        array += '"';
        for (char c : codes[i]) {
          if (c == '"' || c == '\\') array += '\\';
          array += c;
        }
        array += '"';
        looked_up_.insert(codes[i]);
      }
      array += '}';
      std::string code, path;
      long long id = 0;
      soci::statement st = (sql_.prepare << "SELECT code, id, path FROM units "
                                            "WHERE code = ANY(:codes::text[])",
                            soci::into(code), soci::into(id), soci::into(path), soci::use(array));
      st.execute(false);
      while (st.fetch()) known_[code] = {id, path};
    }
  }

  // The id and path of the unit with this code, created earlier in this batch or stored before.
  std::optional<std::pair<long long, std::string>> find(const std::string& code) {
    if (auto it = created_.find(code); it != created_.end()) return it->second;
    if (auto it = known_.find(code); it != known_.end()) return it->second;
    if (looked_up_.count(code) != 0) return std::nullopt;
    code_ = code;
    if (!select_.execute(true)) return std::nullopt;
    return std::make_pair(found_id_, found_path_);
  }

  // Inserts a unit whose code is not used yet; Error{not_found, field "parent"} when the parent
  // code names no unit. `expected_inserts` (at least 1) sizes the block of ids taken from the
  // sequence. Returns the new id.
  long long insert(const UnitInput& input, std::size_t expected_inserts = 1) {
    std::string parent_path;
    std::optional<long long> parent_id;
    if (!input.parent_code.empty()) {
      auto parent = find(input.parent_code);
      if (!parent) {
        throw Error(ErrorKind::not_found, missing_parent_message(input.parent_code), "parent");
      }
      parent_id = parent->first;
      parent_path = parent->second;
    }
    long long id = next_id(expected_inserts);
    std::string path =
        (parent_path.empty() ? std::string("/") : parent_path) + std::to_string(id) + "/";
    insert_.add(id, input.code, input.name, std::string(to_string(input.kind)),
                std::string(to_string(input.level)), parent_id, path, json(input.population).dump(),
                input.email, input.phone, unit_search_key(input.name, input.code));
    insert_.flush_if_full();
    created_[input.code] = {id, path};
    return id;
  }

  // Updates the descriptive fields of an existing unit (code and place in the tree stay).
  void update(const UnitInput& input) {
    update_.add(input.code, input.name, std::string(to_string(input.kind)),
                std::string(to_string(input.level)), json(input.population).dump(), input.email,
                input.phone, unit_search_key(input.name, input.code));
    update_.flush_if_full();
  }

  void flush() {
    insert_.flush();
    update_.flush();
  }

 private:
  long long next_id(std::size_t expected_inserts) {
    if (!dialect_.unit_id_sequence) return next_id_++;
    if (reserved_.empty()) {
      // A block of ids in one round trip; ids left unused stay unused (gaps are harmless).
      long long count = static_cast<long long>(std::clamp<std::size_t>(expected_inserts, 1, 10000));
      long long id = 0;
      soci::statement st = (sql_.prepare << "SELECT nextval('units_id_seq') "
                                            "FROM generate_series(1, :n)",
                            soci::into(id), soci::use(count));
      st.execute(false);
      while (st.fetch()) reserved_.push_back(id);
      std::reverse(reserved_.begin(), reserved_.end());
    }
    long long id = reserved_.back();
    reserved_.pop_back();
    return id;
  }

  soci::session& sql_;
  const Dialect& dialect_;
  long long next_id_ = 1;
  std::vector<long long> reserved_;  // sequence ids taken but not used yet, next one last
  std::unordered_map<std::string, std::pair<long long, std::string>> created_;
  std::unordered_map<std::string, std::pair<long long, std::string>> known_;
  std::set<std::string> looked_up_;
  // Bound by reference into the statements below, so declared before them.
  long long found_id_ = 0;
  std::string found_path_;
  std::string code_;
  soci::statement select_;
  BatchStatement insert_;
  BatchStatement update_;
};

}  // namespace llw::sql
