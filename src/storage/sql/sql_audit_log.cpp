// SqlAuditLog, the audit log: append and read. There is deliberately no update or
// delete; the migration's triggers refuse them in the database as well.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "storage/sql/audit_params.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_audit_log.h"

namespace llw::sql {

void SqlAuditLog::append_audit(const AuditEntry& entry) {
  context_.with_write_connection(
      [&](Connection& connection) { connection.audit_inserter().insert(entry); });
}

void SqlAuditLog::stage_audit(const AuditEntry& entry) { context_.stage_audit(entry); }

std::optional<AuditEntry> SqlAuditLog::take_staged_audit() { return context_.take_staged_audit(); }

void SqlAuditLog::keep_reads_in_memory(const std::shared_ptr<const ChangeFeed>& changes) {
  newest_audit_id_ = std::make_unique<KeptReads<int, std::int64_t>>(changes, 1);
}

namespace {

// A row of the audit query.
struct AuditRow {
  long long id = 0, at = 0, user_id = 0, unit_id = 0;
  soci::indicator user_ind = soci::i_ok, unit_ind = soci::i_ok;
  std::string username, address, action, path, target, detail, outcome;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(at));
    st.exchange(soci::into(user_id, user_ind));
    st.exchange(soci::into(username));
    st.exchange(soci::into(address));
    st.exchange(soci::into(action));
    st.exchange(soci::into(unit_id, unit_ind));
    st.exchange(soci::into(path));
    st.exchange(soci::into(target));
    st.exchange(soci::into(detail));
    st.exchange(soci::into(outcome));
  }
  AuditEntry to_entry() const {
    AuditEntry entry;
    entry.id = id;
    entry.at = at;
    if (user_ind == soci::i_ok) entry.user_id = user_id;
    entry.username = username;
    entry.address = address;
    entry.action = action;
    if (unit_ind == soci::i_ok) entry.unit_id = unit_id;
    entry.unit_path = path;
    entry.target = target;
    entry.detail = detail;
    entry.outcome = outcome;
    return entry;
  }
};

// One run of the audit query over `source` (the whole log, or a subquery of its newest entries).
// Its text depends only on which filters are present, every value is bound: each distinct text is
// prepared once per connection.
std::vector<AuditEntry> run_audit_query(Connection& connection, const AuditQuery& query,
                                        const std::optional<long long>& newest) {
  std::vector<ParamValue> values;
  auto text_param = [&](const std::string& value) {
    values.emplace_back(value);
    return ":p" + std::to_string(values.size() - 1);
  };
  auto number_param = [&](long long value) {
    values.emplace_back(value);
    return ":p" + std::to_string(values.size() - 1);
  };
  const std::string columns =
      "id, at, user_id, username, address, action, unit_id, unit_path, target, detail, outcome";
  std::string source = " FROM audit_log";
  if (newest) {
    source = " FROM (SELECT " + columns + " FROM audit_log ORDER BY at DESC, id DESC LIMIT " +
             number_param(*newest) + ") newest";
  }
  std::string where = " WHERE 1 = 1";
  if (!query.path.empty()) {
    where += " AND unit_path >= " + text_param(query.path);
    where += " AND unit_path < " + text_param(path_upper_bound(query.path));
  }
  if (query.unit_id) where += " AND unit_id = " + number_param(*query.unit_id);
  if (!query.username.empty()) where += " AND username = " + text_param(query.username);
  if (!query.action.empty()) {
    if (query.action.back() == '.') {
      where += " AND action >= " + text_param(query.action);
      where += " AND action < " + text_param(path_upper_bound(query.action));
    } else {
      where += " AND action = " + text_param(query.action);
    }
  }
  if (query.from) where += " AND at >= " + number_param(*query.from);
  if (query.to) where += " AND at <= " + number_param(*query.to);
  const std::string limit = number_param(std::clamp(query.limit, 1, 100000));
  const std::string offset = number_param(std::max(query.offset, 0));

  std::vector<AuditEntry> entries;
  connection
      .prepared_list<AuditRow>("SELECT " + columns + source + where +
                                   " ORDER BY at DESC, id DESC LIMIT " + limit + " OFFSET " +
                                   offset,
                               values)
      .each([&](const AuditRow& row) { entries.push_back(row.to_entry()); }, values);
  return entries;
}

}  // namespace

// A page of the log, newest first. A subtree's range of the (unit_path, at) index must be sorted
// whole before its newest rows are known: 235,000 entries for the country's viewer. So the newest
// entries of the whole log (the (at) index, in order) are tried first: when a full page of matches
// is among the newest 20 × (offset + limit), it is the page, since every match left out is older
// than all of them. A small subtree rarely fills a page there and then takes its index range.
std::vector<AuditEntry> SqlAuditLog::query_audit(const AuditQuery& query) {
  std::vector<AuditEntry> entries;
  context_.with_connection([&](Connection& connection) {
    // The newest entries are read first, in widening windows (a reader of the whole country
    // finds its page among the newest twice as many; a commune's coordinator, whose entries are
    // sparse, needs the wider window or the whole log, which its path index answers).
    const long long wanted = std::clamp(query.limit, 1, 100000);
    const long long needed = std::max(query.offset, 0) + wanted;
    for (const long long window : {2 * needed, 20 * needed}) {
      entries = run_audit_query(connection, query, window);
      if (static_cast<long long>(entries.size()) >= wanted) return;
    }
    entries = run_audit_query(connection, query, std::nullopt);
  });
  return entries;
}

// How many entries the query's filters match, up to its limit. Each filter has an index holding
// the others' columns (migrations 005 and 029: (unit_path, at), (at), (username, unit_path, at),
// (action, unit_path, at)), so the count reads at most `limit` entries of one index range and
// never the table (docs/performance.md has the figures).
std::int64_t SqlAuditLog::count_audit(const AuditQuery& query) {
  // (condition, bound text or number) in the order the placeholders are numbered.
  std::vector<std::pair<std::string, std::string>> text_conditions;
  std::vector<std::pair<std::string, long long>> number_conditions;
  const auto range = [&](const std::string& column, const std::string& prefix) {
    text_conditions.emplace_back(column + " >= ", prefix);
    text_conditions.emplace_back(column + " < ", path_upper_bound(prefix));
  };
  if (!query.path.empty()) range("unit_path", query.path);
  if (!query.username.empty()) text_conditions.emplace_back("username = ", query.username);
  if (!query.action.empty() && query.action.back() == '.') range("action", query.action);
  if (!query.action.empty() && query.action.back() != '.') {
    text_conditions.emplace_back("action = ", query.action);
  }
  if (query.unit_id) number_conditions.emplace_back("unit_id = ", *query.unit_id);
  if (query.from) number_conditions.emplace_back("at >= ", *query.from);
  if (query.to) number_conditions.emplace_back("at <= ", *query.to);

  long long count = 0;
  context_.with_session([&](soci::session& sql) {
    soci::statement st(sql);
    std::string text = "SELECT 1 FROM audit_log";
    int n = 0;
    const auto add = [&](const std::string& condition) {
      text += (n == 0 ? " WHERE " : " AND ") + condition + ":c" + std::to_string(n);
      ++n;
    };
    for (auto& [condition, value] : text_conditions) {
      add(condition);
      st.exchange(soci::use(value));
    }
    for (auto& [condition, value] : number_conditions) {
      add(condition);
      st.exchange(soci::use(value));
    }
    // At most `limit` matches are counted: a range of the country's 250,000 entries would
    // take 300 ms on PostgreSQL, and no one pages through more than a few thousand.
    long long limit = std::clamp(query.limit, 1, 1000000);
    st.exchange(soci::use(limit));
    st.exchange(soci::into(count));
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM (" + text + " LIMIT :limit) counted");
    st.define_and_bind();
    st.execute(true);
  });
  return count;
}

std::int64_t SqlAuditLog::newest_audit_id() {
  // The audit and unit-tree pages key on it: prepared once per connection, and kept in memory
  // where other servers announce their writes (PostgreSQL).
  auto read = [&]() -> std::optional<std::int64_t> {
    auto connection = context_.pool().acquire();
    // The primary key's last entry: one step down the table's b-tree.
    const auto row =
        connection->prepared<CountRow>("SELECT COALESCE(MAX(id), 0) FROM audit_log").one();
    return row ? row->value : 0;
  };
  if (!newest_audit_id_) return *read();
  return *newest_audit_id_->get(0, read, [](std::int64_t) { return true; });
}

}  // namespace llw::sql
