#include "storage/sql/sql_store.h"

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "domain/error.h"
#include "storage/sql/aggregate_shift.h"
#include "storage/sql/audit_params.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/migrations.h"
#include "storage/sql/rows.h"
#include "storage/sql/transaction.h"

namespace llw::sql {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Small helpers: paths, JSON columns, enum columns.

// Ancestors of the unit with this path, from the unit itself up to the root.
std::vector<std::int64_t> ancestors_from_path(std::string_view path) {
  auto ids = path_ids(path);
  std::reverse(ids.begin(), ids.end());
  return ids;
}

// Slots are integers kept in doubles; store integral values as JSON integers so the text stays
// exact and short, and drop zeros (a slot absent and a slot at zero mean the same). Written by hand
// rather than through a JSON tree: a rebuild writes one such text per node of the country.
std::string slots_to_text(const Contribution& slots) {
  std::string out = "{";
  for (const auto& [name, amount] : slots) {
    if (amount == 0) continue;
    if (out.size() > 1) out += ',';
    bool plain = std::all_of(name.begin(), name.end(), [](char c) {
      return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    });
    out += plain ? '"' + name + '"' : json(name).dump();
    out += ':';
    if (std::nearbyint(amount) == amount && std::fabs(amount) < 9.0e15) {
      out += std::to_string(static_cast<std::int64_t>(amount));
    } else {
      out += json(amount).dump();
    }
  }
  out += '}';
  return out;
}

// Parses the slots straight into the map (SAX): a summary reads one such row per request, and
// building a JSON tree first would double the cost. Keys arrive sorted (they were written from a
// sorted map), so each insert is a hint at the end.
class SlotsHandler : public nlohmann::json_sax<json> {
 public:
  explicit SlotsHandler(Contribution& slots) : slots_(slots) {}
  bool null() override { return unexpected(); }
  bool boolean(bool) override { return unexpected(); }
  bool number_integer(number_integer_t value) override { return put(static_cast<double>(value)); }
  bool number_unsigned(number_unsigned_t value) override { return put(static_cast<double>(value)); }
  bool number_float(number_float_t value, const string_t&) override { return put(value); }
  bool string(string_t&) override { return unexpected(); }
  bool binary(binary_t&) override { return unexpected(); }
  bool start_object(std::size_t) override { return ++depth_ == 1 || unexpected(); }
  bool key(string_t& name) override {
    key_ = std::move(name);
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return unexpected(); }
  bool end_array() override { return unexpected(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return unexpected();
  }

 private:
  bool put(double value) {
    slots_.emplace_hint(slots_.end(), std::move(key_), value);
    return true;
  }
  bool unexpected() {
    throw Error(ErrorKind::internal,
                "Dữ liệu tổng hợp trong cơ sở dữ liệu bị hỏng (aggregates.slots_json). Hãy chạy "
                "lại việc tính tổng hợp.");
  }

  Contribution& slots_;
  std::string key_;
  int depth_ = 0;
};

Contribution slots_from_text(const std::string& text) {
  Contribution slots;
  if (text.empty()) return slots;
  SlotsHandler handler(slots);
  json::sax_parse(text, &handler);
  return slots;
}

// Both maps are sorted by slot name, so the delta is merged in one pass instead of one lookup
// per slot (rebuilds merge every node into its parent).
void add_slots(Contribution& total, const Contribution& delta) {
  auto it = total.begin();
  for (const auto& [name, amount] : delta) {
    while (it != total.end() && it->first < name) ++it;
    if (it != total.end() && it->first == name) {
      it->second += amount;
      if (it->second == 0) it = total.erase(it);
    } else if (amount != 0) {
      it = total.emplace_hint(it, name, amount);
    }
  }
}

using PartCounts = std::map<std::string, std::int64_t>;

std::string counts_to_text(const PartCounts& counts) {
  json out = json::object();
  for (const auto& [part, n] : counts) {
    if (n != 0) out[part] = n;
  }
  return out.dump();
}

PartCounts counts_from_text(const std::string& text) {
  PartCounts counts;
  if (text.empty()) return counts;
  const json parsed = json::parse(text);
  for (const auto& [part, n] : parsed.items()) counts[part] = n.get<std::int64_t>();
  return counts;
}

void add_counts(PartCounts& total, const PartCounts& delta) {
  for (const auto& [part, n] : delta) {
    auto it = total.try_emplace(part, 0).first;
    it->second += n;
    if (it->second == 0) total.erase(it);
  }
}

std::string status_list_text(const std::vector<ReportStatus>& states) {
  json out = json::array();
  for (auto s : states) out.push_back(std::string(to_string(s)));
  return out.dump();
}

std::set<std::string> counted_set_from_text(const std::string& text) {
  std::set<std::string> states;
  for (const auto& s : json::parse(text)) states.insert(s.get<std::string>());
  return states;
}

std::string not_found_unit_message(const std::string& code) {
  return "Không tìm thấy đơn vị có mã '" + code + "'. Hãy kiểm tra lại mã đơn vị.";
}

std::string missing_parent_message(const std::string& code) {
  return "Không tìm thấy đơn vị cấp trên có mã '" + code +
         "'. Hãy tạo đơn vị cấp trên trước hoặc sửa mã đơn vị cấp trên.";
}

std::string duplicate_code_message(const std::string& code) {
  return "Mã đơn vị '" + code + "' đã được dùng cho một đơn vị khác. Hãy chọn mã khác.";
}

Error stale_version(std::int64_t current) {
  return Error(ErrorKind::conflict,
               "Báo cáo đã được người khác lưu (phiên bản " + std::to_string(current) +
                   "). Hãy tải lại để xem bản mới nhất; dữ liệu của bạn chưa bị ghi đè.",
               "version");
}

// ---------------------------------------------------------------------------------------------
// Bulk statements. A BatchStatement is one INSERT/UPDATE/DELETE over a relation `v` of rows
// added one at a time; its SQL names that relation `{rows}`:
//
//   INSERT INTO t (a, b) SELECT v.a, v.b FROM {rows} WHERE true ON CONFLICT …
//
// With array batches (PostgreSQL) `{rows}` is `unnest(:p0::bigint[], :p1::text[]) AS v(a, b)`:
// rows accumulate as array literals and flush() runs the statement once for all of them, so that
// 100,000 rows are a few round trips instead of 100,000 (binding SOCI vectors instead would
// re-send the first batch on re-execution, SOCI issues 910/1167). Otherwise (SQLite) `{rows}` is
// `(SELECT :p0 AS a, :p1 AS b) AS v` and every add_row() executes the prepared statement for that
// one row at once. Either way it is the same SQL text, and flush() must be called before anything
// reads what the rows write.

enum class ColumnType { integer, text };

struct BatchColumn {
  const char* name;
  ColumnType type;
};

class BatchStatement {
 public:
  BatchStatement(soci::session& sql, const Dialect& dialect, std::vector<BatchColumn> columns,
                 const std::string& text)
      : arrays_(dialect.array_batches),
        columns_(std::move(columns)),
        integers_(columns_.size()),
        texts_(columns_.size()),
        indicators_(columns_.size(), soci::i_ok),
        statement_(sql) {
    std::string rows;
    if (arrays_) {
      rows = "unnest(";
      std::string names;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        rows += (i ? ", :p" : ":p") + std::to_string(i) +
                (columns_[i].type == ColumnType::integer ? "::bigint[]" : "::text[]");
        names += (i ? ", " : "") + std::string(columns_[i].name);
        statement_.exchange(soci::use(texts_[i]));
      }
      rows += ") AS v(" + names + ")";
      reset_arrays();
    } else {
      rows = "(SELECT ";
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        rows += (i ? ", :p" : ":p") + std::to_string(i) + " AS " + columns_[i].name;
        if (columns_[i].type == ColumnType::integer) {
          statement_.exchange(soci::use(integers_[i], indicators_[i]));
        } else {
          statement_.exchange(soci::use(texts_[i], indicators_[i]));
        }
      }
      rows += ") AS v";
    }
    std::string sql_text = text;
    auto at = sql_text.find("{rows}");
    if (at == std::string::npos) throw std::logic_error("batch statement without {rows}");
    sql_text.replace(at, 6, rows);
    statement_.alloc();
    statement_.prepare(sql_text);
    statement_.define_and_bind();
  }

  // Column values of the row being built, by position.
  void set(std::size_t i, long long value) {
    if (arrays_) {
      append_element(i, std::to_string(value));
    } else {
      integers_[i] = value;
      indicators_[i] = soci::i_ok;
    }
  }
  void set(std::size_t i, const std::string& value) {
    if (arrays_) {
      std::string quoted = "\"";
      for (char c : value) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      quoted += '"';
      append_element(i, quoted);
    } else {
      texts_[i] = value;
      indicators_[i] = soci::i_ok;
    }
  }
  void set(std::size_t i, const std::optional<long long>& value) {
    if (value) {
      set(i, *value);
    } else if (arrays_) {
      append_element(i, "NULL");
    } else {
      indicators_[i] = soci::i_null;
    }
  }

  // Sets every column in order and adds the row.
  template <typename... Values>
  void add(const Values&... values) {
    std::size_t i = 0;
    (set(i++, values), ...);
    add_row();
  }

  void add_row() {
    if (arrays_) {
      ++pending_;
    } else {
      statement_.execute(true);
    }
  }

  std::size_t pending() const { return pending_; }

  // Runs the statement for the rows added since the last flush (array batches only; a no-op
  // otherwise). Returns the number of rows the database reports as affected.
  long long flush() {
    if (!arrays_ || pending_ == 0) return 0;
    for (auto& array : texts_) array += '}';
    long long affected = 0;
    try {
      statement_.execute(true);
      affected = statement_.get_affected_rows();
    } catch (...) {
      // A statement kept on a connection must not carry a failed batch into the next use.
      reset_arrays();
      throw;
    }
    reset_arrays();
    return affected;
  }

  void flush_if_full(std::size_t rows = 5000) {
    if (pending_ >= rows) flush();
  }

 private:
  void reset_arrays() {
    for (auto& array : texts_) array.assign(1, '{');
    pending_ = 0;
  }
  void append_element(std::size_t i, const std::string& element) {
    if (texts_[i].size() > 1) texts_[i] += ',';
    texts_[i] += element;
  }

  bool arrays_;
  std::vector<BatchColumn> columns_;
  // Bound by reference into the statement: sized once, never resized.
  std::vector<long long> integers_;
  std::vector<std::string> texts_;  // SQLite: text values; PostgreSQL: the array literals
  std::vector<soci::indicator> indicators_;
  std::size_t pending_ = 0;
  soci::statement statement_;
};

// Plain INSERTs of many rows into one table (no ON CONFLICT): where the dialect has COPY
// (PostgreSQL), rows accumulate in COPY's text format and flush() sends them in one COPY, which
// costs the server less than parsing array literals (the national demo's 600,000 report texts);
// otherwise the rows go through a BatchStatement with `insert_sql`. Either way, flush() before
// anything reads the rows.
class BulkInsert {
 public:
  BulkInsert(soci::session& sql, const Dialect& dialect, const std::string& table,
             const std::vector<BatchColumn>& columns, const std::string& insert_sql)
      : sql_(sql), copy_in_(dialect.copy_in) {
    if (copy_in_ == nullptr) {
      batch_.emplace(sql, dialect, columns, insert_sql);
      return;
    }
    copy_sql_ = "COPY " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      copy_sql_ += (i ? ", " : "") + std::string(columns[i].name);
    }
    copy_sql_ += ") FROM STDIN";
  }

  template <typename... Values>
  void add(const Values&... values) {
    if (batch_) {
      batch_->add(values...);
      return;
    }
    bool first = true;
    ((append(values, first), first = false), ...);
    data_ += '\n';
  }

  void flush() {
    if (batch_) {
      batch_->flush();
      return;
    }
    if (data_.empty()) return;
    copy_in_(sql_, copy_sql_, data_);
    data_.clear();
  }

 private:
  void append(long long value, bool first) {
    if (!first) data_ += '\t';
    data_ += std::to_string(value);
  }
  // COPY text format: backslash, tab, newline and carriage return are escaped.
  void append(const std::string& value, bool first) {
    if (!first) data_ += '\t';
    for (char c : value) {
      switch (c) {
        case '\\':
          data_ += "\\\\";
          break;
        case '\t':
          data_ += "\\t";
          break;
        case '\n':
          data_ += "\\n";
          break;
        case '\r':
          data_ += "\\r";
          break;
        default:
          data_ += c;
      }
    }
  }

  soci::session& sql_;
  void (*copy_in_)(soci::session&, const std::string&, const std::string&);
  std::string copy_sql_;
  std::string data_;
  std::optional<BatchStatement> batch_;
};

// ---------------------------------------------------------------------------------------------
// Row shapes. Each binds typed into() targets (never rowset<row>, whose SQLite types depend on
// the declared column type) and converts to the domain type.

// The rows several files read (units, reports, accounts) are in rows.h; these are this file's.

const std::string kReportColumns = std::string("SELECT ") + kReportColumnList + kReportFrom;

// The sign-in read: an account with its password hash.
const std::string kUserColumns =
    std::string("SELECT ") + kUserColumnList + ", us.password_hash" + kUserFrom;

struct StoredUserRow {
  UserRow user;
  std::string password_hash;

  void bind(soci::statement& st) {
    user.bind(st);
    st.exchange(soci::into(password_hash));
  }

  StoredUser to_stored_user() const { return StoredUser{user.to_user(), password_hash}; }
};

// A campaign with its issuer's code and path: `SELECT kCampaignColumnList kCampaignFrom …`. The
// issuer is `i`, so a query can join a unit `u` as well.
constexpr const char* kCampaignColumnList =
    "c.id, c.name, c.year, c.issuer_unit_id, i.code, i.path, c.period_start, c.period_end, "
    "c.deadline, c.lock_date, c.reporting_kinds, c.counted_states, c.plan_json, c.form_id, "
    "c.summary_source";
constexpr const char* kCampaignFrom = " FROM campaigns c JOIN units i ON i.id = c.issuer_unit_id ";
const std::string kCampaignColumns = std::string("SELECT ") + kCampaignColumnList + kCampaignFrom;

struct CampaignRow {
  long long id = 0;
  std::string name;
  int year = 0;
  long long issuer_unit_id = 0;
  std::string issuer_code, issuer_path, period_start, period_end, deadline, lock_date;
  std::string reporting_kinds, counted_states, plan_json, form_id, summary_source;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(year));
    st.exchange(soci::into(issuer_unit_id));
    st.exchange(soci::into(issuer_code));
    st.exchange(soci::into(issuer_path));
    st.exchange(soci::into(period_start));
    st.exchange(soci::into(period_end));
    st.exchange(soci::into(deadline));
    st.exchange(soci::into(lock_date));
    st.exchange(soci::into(reporting_kinds));
    st.exchange(soci::into(counted_states));
    st.exchange(soci::into(plan_json));
    st.exchange(soci::into(form_id));
    st.exchange(soci::into(summary_source));
  }

  Campaign to_campaign() const {
    Campaign c;
    c.id = id;
    c.name = name;
    c.year = year;
    c.issuer_unit_id = issuer_unit_id;
    c.issuer_code = issuer_code;
    c.issuer_path = issuer_path;
    c.period_start = date_column(period_start);
    c.period_end = date_column(period_end);
    c.deadline = date_column(deadline);
    c.lock_date = date_column(lock_date);
    c.reporting_kinds.clear();
    for (const auto& k : json::parse(reporting_kinds)) {
      c.reporting_kinds.push_back(kind_column(k.get<std::string>()));
    }
    c.counted_states.clear();
    for (const auto& s : json::parse(counted_states)) {
      c.counted_states.push_back(status_column(s.get<std::string>()));
    }
    c.plan = json::parse(plan_json);
    c.form_id = form_id;
    c.summary_source = summary_source_from_string(summary_source).value_or(SummarySource::live);
    return c;
  }
};

}  // namespace

// The writers a Connection keeps (connection_pool.h declares them).
// ---------------------------------------------------------------------------------------------
// Aggregate rows: read-modify-write of a node's sums inside the caller's write transaction.

struct AggregateDelta {
  Contribution slots;
  long long reporting_units = 0;
  long long counted_units = 0;
  PartCounts narrative_counts;

  bool empty() const {
    return slots.empty() && reporting_units == 0 && counted_units == 0 && narrative_counts.empty();
  }
};

// Read-modify-write of aggregate rows with statements prepared once per connection. Used inside
// the caller's write transaction. The row is read with the dialect's row lock (PostgreSQL: FOR
// UPDATE), so concurrent writers of several servers add their deltas one after the other; a row
// that does not exist yet is first created empty (ON CONFLICT DO NOTHING, so two writers creating
// it at once both end up locking the one row) and then read and locked like any other.
class AggregateWriter {
 public:
  AggregateWriter(soci::session& sql, const Dialect& dialect)
      : select_((sql.prepare << std::string("SELECT slots_json, reporting_units, counted_units, "
                                            "narrative_counts_json FROM aggregates "
                                            "WHERE campaign_id = :c AND unit_id = :u") +
                                    dialect.lock_for_update,
                 soci::into(slots_), soci::into(reporting_), soci::into(counted_),
                 soci::into(counts_), soci::use(campaign_id_), soci::use(unit_id_))),
        create_((sql.prepare << "INSERT INTO aggregates (campaign_id, unit_id) VALUES (:c, :u) "
                                "ON CONFLICT (campaign_id, unit_id) DO NOTHING",
                 soci::use(campaign_id_), soci::use(unit_id_))),
        update_((sql.prepare << "UPDATE aggregates SET slots_json = :s, reporting_units = :r, "
                                "counted_units = :n, narrative_counts_json = :t "
                                "WHERE campaign_id = :c AND unit_id = :u",
                 soci::use(slots_), soci::use(reporting_), soci::use(counted_), soci::use(counts_),
                 soci::use(campaign_id_), soci::use(unit_id_))) {}

  // Adds `delta` to the node's row, creating the row when the node has none yet.
  void add(long long campaign_id, long long unit_id, const AggregateDelta& delta) {
    campaign_id_ = campaign_id;
    unit_id_ = unit_id;
    if (!read()) {
      create_.execute(true);
      if (!read()) throw std::logic_error("aggregate row missing after its creation");
    }
    Contribution slots = slots_from_text(slots_);
    add_slots(slots, delta.slots);
    PartCounts counts = counts_from_text(counts_);
    add_counts(counts, delta.narrative_counts);
    slots_ = slots_to_text(slots);
    counts_ = counts_to_text(counts);
    reporting_ += delta.reporting_units;
    counted_ += delta.counted_units;
    update_.execute(true);
  }

 private:
  bool read() {
    slots_.clear();
    counts_.clear();
    reporting_ = 0;
    counted_ = 0;
    if (!select_.execute(true)) return false;
    // Step past the only row so the kept statement releases its read of the table (SQLite).
    std::string slots = slots_, counts = counts_;
    long long reporting = reporting_, counted = counted_;
    while (select_.fetch()) {
    }
    slots_ = std::move(slots);
    counts_ = std::move(counts);
    reporting_ = reporting;
    counted_ = counted;
    return true;
  }

  // Bound by reference into the statements below, so declared before them.
  long long campaign_id_ = 0;
  long long unit_id_ = 0;
  std::string slots_, counts_;
  long long reporting_ = 0, counted_ = 0;
  soci::statement select_;
  soci::statement create_;
  soci::statement update_;
};

// Replaces whole aggregate rows (new campaigns, rebuilds), in batches.
class AggregatePutter {
 public:
  AggregatePutter(soci::session& sql, const Dialect& dialect)
      : batch_(sql, dialect,
               {{"campaign_id", ColumnType::integer},
                {"unit_id", ColumnType::integer},
                {"slots_json", ColumnType::text},
                {"reporting_units", ColumnType::integer},
                {"counted_units", ColumnType::integer},
                {"narrative_counts_json", ColumnType::text}},
               "INSERT INTO aggregates (campaign_id, unit_id, slots_json, reporting_units, "
               "counted_units, narrative_counts_json) SELECT v.campaign_id, v.unit_id, "
               "v.slots_json, v.reporting_units, v.counted_units, v.narrative_counts_json "
               "FROM {rows} WHERE true ON CONFLICT (campaign_id, unit_id) DO UPDATE SET "
               "slots_json = excluded.slots_json, reporting_units = excluded.reporting_units, "
               "counted_units = excluded.counted_units, "
               "narrative_counts_json = excluded.narrative_counts_json") {}

  void put(long long campaign_id, long long unit_id, const Contribution& slots, long long reporting,
           long long counted, const PartCounts& counts) {
    batch_.add(campaign_id, unit_id, slots_to_text(slots), reporting, counted,
               counts_to_text(counts));
    batch_.flush_if_full();
  }

  void flush() { batch_.flush(); }

 private:
  BatchStatement batch_;
};

// Creates and updates units inside the caller's write transaction with batch statements, so that
// importing a whole country (110,000 units) is one transaction of a few statements (PostgreSQL)
// or of re-executed prepared statements (SQLite). Ids are assigned here, before the rows are
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
                 {"search_key", ColumnType::text}},
                "INSERT INTO units (id, code, name, kind, level, parent_id, path, "
                "population_json, email, search_key) SELECT v.id, v.code, v.name, v.kind, "
                "v.level, v.parent_id, v.path, v.population_json, v.email, v.search_key "
                "FROM {rows} WHERE true"),
        update_(sql, dialect,
                {{"code", ColumnType::text},
                 {"name", ColumnType::text},
                 {"kind", ColumnType::text},
                 {"level", ColumnType::text},
                 {"population_json", ColumnType::text},
                 {"email", ColumnType::text},
                 {"search_key", ColumnType::text}},
                "UPDATE units SET name = v.name, kind = v.kind, level = v.level, "
                "population_json = v.population_json, email = v.email, "
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
                input.email, unit_search_key(input.name, input.code));
    insert_.flush_if_full();
    created_[input.code] = {id, path};
    return id;
  }

  // Updates the descriptive fields of an existing unit (code and place in the tree stay).
  void update(const UnitInput& input) {
    update_.add(input.code, input.name, std::string(to_string(input.kind)),
                std::string(to_string(input.level)), json(input.population).dump(), input.email,
                unit_search_key(input.name, input.code));
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

// Replaces the narrative texts of one report (texts of counted reports only; an empty map removes
// them) and returns the change in texts per part, for the aggregates' counters.
class NarrativeWriter {
 public:
  NarrativeWriter(soci::session& sql, const Dialect& dialect)
      : parts_((sql.prepare << "SELECT part FROM report_narratives "
                               "WHERE campaign_id = :c AND unit_id = :u",
                soci::into(part_), soci::use(campaign_id_), soci::use(unit_id_))),
        delete_((sql.prepare << "DELETE FROM report_narratives "
                                "WHERE campaign_id = :c AND unit_id = :u",
                 soci::use(campaign_id_), soci::use(unit_id_))),
        insert_(sql, dialect, columns(), insert_sql()) {}

  // The columns and statement of a narrative insert, shared with bulk_put_reports.
  static std::vector<BatchColumn> columns() {
    return {{"campaign_id", ColumnType::integer},
            {"unit_id", ColumnType::integer},
            {"part", ColumnType::text},
            {"path", ColumnType::text},
            {"unit_code", ColumnType::text},
            {"unit_name", ColumnType::text},
            {"text", ColumnType::text}};
  }
  static std::string insert_sql() {
    return "INSERT INTO report_narratives (campaign_id, unit_id, part, path, unit_code, "
           "unit_name, text) SELECT v.campaign_id, v.unit_id, v.part, v.path, v.unit_code, "
           "v.unit_name, v.text FROM {rows} WHERE true";
  }

  // `unit_path`, `unit_code` and `unit_name` are copied into every row (see the schema).
  PartCounts replace(long long campaign_id, long long unit_id, const std::string& unit_path,
                     const std::string& unit_code, const std::string& unit_name,
                     const std::map<std::string, std::string>& texts, bool know_none_stored) {
    campaign_id_ = campaign_id;
    unit_id_ = unit_id;
    PartCounts change;
    if (!know_none_stored) {
      parts_.execute(false);
      while (parts_.fetch()) change[part_] -= 1;
      if (!change.empty()) delete_.execute(true);
    }
    for (const auto& [part, text] : texts) {
      if (text.empty()) continue;
      insert_.add(campaign_id, unit_id, part, unit_path, unit_code, unit_name, text);
      change[part] += 1;
    }
    insert_.flush();
    std::erase_if(change, [](const auto& entry) { return entry.second == 0; });
    return change;
  }

 private:
  long long campaign_id_ = 0, unit_id_ = 0;
  std::string part_;
  soci::statement parts_;
  soci::statement delete_;
  BatchStatement insert_;
};

// Writes the version history, one row per saved version; flush() before the history is read.
class VersionWriter {
 public:
  VersionWriter(soci::session& sql, const Dialect& dialect)
      : insert_(sql, dialect,
                {{"campaign_id", ColumnType::integer},
                 {"unit_id", ColumnType::integer},
                 {"version", ColumnType::integer},
                 {"status", ColumnType::text},
                 {"values_json", ColumnType::text},
                 {"action", ColumnType::text},
                 {"at", ColumnType::integer},
                 {"by", ColumnType::integer},
                 {"comment", ColumnType::text}},
                "INSERT INTO report_versions (campaign_id, unit_id, version, status, "
                "values_json, action, at, by, comment) SELECT v.campaign_id, v.unit_id, "
                "v.version, v.status, v.values_json, v.action, v.at, v.by, v.comment FROM {rows} "
                "WHERE true ON CONFLICT (campaign_id, unit_id, version) DO UPDATE SET "
                "status = excluded.status, values_json = excluded.values_json, "
                "action = excluded.action, at = excluded.at, by = excluded.by, "
                "comment = excluded.comment") {}

  void append(const UnitReport& report, const std::string& values_json, const std::string& action) {
    std::optional<long long> by;
    if (report.updated_by) by = *report.updated_by;
    insert_.add(static_cast<long long>(report.campaign_id), static_cast<long long>(report.unit_id),
                static_cast<long long>(report.version), std::string(to_string(report.status)),
                values_json, action, static_cast<long long>(report.updated_at), by, report.comment);
  }

  void flush() { insert_.flush(); }
  void flush_if_full(std::size_t rows) { insert_.flush_if_full(rows); }

 private:
  BatchStatement insert_;
};

// The compare-and-swap UPDATE of a report, prepared once per connection. Where the dialect allows
// an UPDATE in a WITH clause (PostgreSQL), the same statement also appends the version to the
// history, from the row it updated: a save is then one round trip fewer (writes_history()); and
// with `with_audit`, it appends an audit entry too, so that a statement on its own, needing no
// transaction around it, is the whole of an uncounted save.
class ReportUpdater {
 public:
  enum class Audit { apart, in_statement };

  ReportUpdater(soci::session& sql, const Dialect& dialect, Audit audit = Audit::apart)
      : writes_history_(dialect.data_modifying_cte), update_(sql) {
    if (audit == Audit::in_statement && !writes_history_) {
      throw std::logic_error("an audit entry in the save's statement needs a data-modifying WITH");
    }
    const std::string update =
        "UPDATE reports SET status = :status, version = :version, values_json = :vals, "
        "submitted_at = :submitted, late = :late, updated_at = :at, updated_by = :by, "
        "counted = :counted, comment = :comment "
        "WHERE campaign_id = :c AND unit_id = :u AND version = :expected";
    update_.exchange(soci::use(status_));
    update_.exchange(soci::use(version_));
    update_.exchange(soci::use(values_));
    update_.exchange(soci::use(submitted_at_, submitted_ind_));
    update_.exchange(soci::use(late_));
    update_.exchange(soci::use(updated_at_));
    update_.exchange(soci::use(updated_by_, updated_by_ind_));
    update_.exchange(soci::use(counted_));
    update_.exchange(soci::use(comment_));
    update_.exchange(soci::use(campaign_id_));
    update_.exchange(soci::use(unit_id_));
    update_.exchange(soci::use(expected_));
    std::string text = update;
    if (writes_history_) {
      // The same history row as VersionWriter writes (and the same upsert).
      update_.exchange(soci::use(action_));
      const std::string history =
          "INSERT INTO report_versions (campaign_id, unit_id, version, status, values_json, "
          "action, at, by, comment) SELECT campaign_id, unit_id, version, status, "
          "values_json, :action, updated_at, updated_by, comment FROM saved "
          "ON CONFLICT (campaign_id, unit_id, version) DO UPDATE SET "
          "status = excluded.status, values_json = excluded.values_json, "
          "action = excluded.action, at = excluded.at, by = excluded.by, "
          "comment = excluded.comment";
      text = "WITH saved AS (" + update +
             " RETURNING campaign_id, unit_id, version, status, values_json, updated_at, "
             "updated_by, comment) ";
      if (audit == Audit::in_statement) {
        // The entry is inserted once per row saved, so a lost compare-and-swap leaves no entry
        // behind; the affected rows counted are the entry's.
        audit_.bind(update_);
        text += ", history AS (" + history + " RETURNING 1) INSERT INTO audit_log (" +
                kAuditColumnList + ") SELECT " + kAuditValues + " FROM saved";
      } else {
        text += history;
      }
    }
    update_.alloc();
    update_.prepare(text);
    update_.define_and_bind();
  }

  // True when update() also wrote the history row of the version it stored.
  bool writes_history() const { return writes_history_; }

  // True when the row still had `expected_version` and now holds the report (and, when
  // writes_history(), its history has the version with `action`).
  // With Audit::in_statement, `audit` is the entry stored with it.
  bool update(const UnitReport& report, const std::string& values_json, int counted,
              long long expected_version, const std::string& action,
              const AuditEntry* audit = nullptr) {
    if (audit != nullptr) audit_.set(*audit);
    status_ = std::string(to_string(report.status));
    version_ = report.version;
    values_ = values_json;
    submitted_at_ = report.submitted_at.value_or(0);
    submitted_ind_ = report.submitted_at ? soci::i_ok : soci::i_null;
    late_ = report.late ? 1 : 0;
    updated_at_ = report.updated_at;
    updated_by_ = report.updated_by.value_or(0);
    updated_by_ind_ = report.updated_by ? soci::i_ok : soci::i_null;
    counted_ = counted;
    comment_ = report.comment;
    campaign_id_ = report.campaign_id;
    unit_id_ = report.unit_id;
    expected_ = expected_version;
    action_ = action;
    update_.execute(true);
    return update_.get_affected_rows() == 1;
  }

 private:
  bool writes_history_;
  std::string status_, values_, comment_, action_;
  long long version_ = 0, submitted_at_ = 0, updated_at_ = 0, updated_by_ = 0;
  soci::indicator submitted_ind_ = soci::i_null, updated_by_ind_ = soci::i_null;
  int late_ = 0, counted_ = 0;
  long long campaign_id_ = 0, unit_id_ = 0, expected_ = 0;
  AuditParams audit_;
  soci::statement update_;
};

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

namespace {

struct UnitTextRow {
  UnitText text;
  void bind(soci::statement& st) {
    st.exchange(soci::into(text.unit_code));
    st.exchange(soci::into(text.unit_name));
    st.exchange(soci::into(text.text));
  }
};

struct CountersRow {
  long long reporting_units = 0;
  long long counted_units = 0;
  std::string narrative_counts;
  void bind(soci::statement& st) {
    st.exchange(soci::into(reporting_units));
    st.exchange(soci::into(counted_units));
    st.exchange(soci::into(narrative_counts));
  }
};

// What write_report reads before it writes.
struct CurrentReportRow {
  long long version = 0;
  int counted = 0;
  std::string path, code, name;
  std::string counted_states;  // the campaign's, read in the same round trip
  void bind(soci::statement& st) {
    st.exchange(soci::into(version));
    st.exchange(soci::into(counted));
    st.exchange(soci::into(path));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(counted_states));
  }
};

// A report with its campaign and unit, in one row (find_report_in_context).
struct ReportInContextRow {
  CampaignRow campaign;
  UnitRow unit;
  ReportRow report;
  void bind(soci::statement& st) {
    campaign.bind(st);
    unit.bind(st);
    report.bind(st);
  }
};

// The current version of a report (the message of a lost compare-and-swap names it).
struct VersionOnlyRow {
  long long version = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(version)); }
};

}  // namespace

namespace {

// Runs `SELECT <unit columns> FROM units … <tail>` with the given parameters (bound in order).
template <typename... Params>
std::vector<OrgUnit> query_units(Connection& connection, const std::string& tail,
                                 const Params&... params) {
  std::vector<OrgUnit> units;
  connection.prepared<UnitRow, Params...>(std::string("SELECT ") + kUnitColumns + kUnitFrom + tail)
      .each([&](const UnitRow& row) { units.push_back(row.to_unit()); }, params...);
  return units;
}

template <typename... Params>
std::optional<OrgUnit> query_unit(Connection& connection, const std::string& tail,
                                  const Params&... params) {
  auto row =
      connection
          .prepared<UnitRow, Params...>(std::string("SELECT ") + kUnitColumns + kUnitFrom + tail)
          .one(params...);
  if (!row) return std::nullopt;
  return row->to_unit();
}

template <typename... Params>
std::optional<StoredUser> query_user(Connection& connection, const std::string& tail,
                                     const Params&... params) {
  auto row = connection.prepared<StoredUserRow, Params...>(kUserColumns + tail).one(params...);
  if (!row) return std::nullopt;
  return row->to_stored_user();
}

// The campaign's counted states as stored; Error{not_found} when there is no such campaign.
std::set<std::string> counted_states_of(Connection& connection, long long campaign_id) {
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
void bump_revision(Connection& connection, long long campaign_id) {
  connection.sql << "UPDATE campaigns SET revision = revision + 1 WHERE id = :id",
      soci::use(campaign_id);
}

Error constraint_conflict(const std::string& field) {
  if (field == "code") {
    return Error(ErrorKind::conflict,
                 "Mã đơn vị này vừa được dùng cho một đơn vị khác. Hãy chọn mã khác.", "code");
  }
  if (field == "username") {
    return Error(ErrorKind::conflict, "Tên đăng nhập này vừa được dùng. Hãy chọn tên khác.",
                 "username");
  }
  return Error(ErrorKind::conflict,
               "Không lưu được vì dữ liệu mâu thuẫn với dữ liệu đã có (trùng mã hoặc tham chiếu "
               "tới mục không tồn tại). Hãy tải lại trang và kiểm tra lại.",
               field);
}

}  // namespace

template <typename Attempt>
auto SqlStore::with_retries(Attempt&& attempt) {
  constexpr int kAttempts = 5;
  for (int n = 1;; ++n) {
    try {
      return attempt();
    } catch (const soci::soci_error& e) {
      ErrorClass error = dialect_.classify ? dialect_.classify(e) : ErrorClass{};
      if (error.kind == ErrorClass::Kind::constraint) throw constraint_conflict(error.field);
      if (error.kind == ErrorClass::Kind::unavailable) throw database_unavailable();
      if (error.kind != ErrorClass::Kind::retry || n == kAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(n * n));
    }
  }
}

// Runs `body(connection)` as one write transaction, begun as the dialect says, committed when
// `body` returns and rolled back when it throws, so a failing write changes nothing. SQLite (one
// writer per file): the writes of this process that arrive together share one transaction and
// one commit (group_commit.h), each in a savepoint of its own, and each returns only once that
// commit is done. A constraint the database enforces (and the code did not check first, or
// another server got in between) becomes Error{conflict}; a deadlock or serialization failure the
// database resolved by aborting this transaction runs the whole body again, a few times.
template <typename Body>
auto SqlStore::write_transaction(Body&& body, WriteSize size) {
  // The use case's audit entry commits with the changes it is about. (Resolved here: under group
  // commit the body runs on another writer's thread.)
  const AuditEntry* audit = staged_audit_entry();
  using Result = decltype(body(std::declval<Connection&>()));
  if (group_commit_) {
    std::conditional_t<std::is_void_v<Result>, bool, std::optional<Result>> result{};
    with_retries([&] {
      group_commit_->run(
          [&](Connection& connection) {
            if constexpr (std::is_void_v<Result>) {
              body(connection);
            } else {
              result = body(connection);
            }
            if (audit) connection.audit_inserter().insert(*audit);
          },
          size == WriteSize::large ? GroupCommit<ConnectionPool>::Sharing::alone
                                   : GroupCommit<ConnectionPool>::Sharing::shared);
    });
    if (audit) staged_audit_committed();
    if constexpr (!std::is_void_v<Result>) return std::move(*result);
  } else {
    auto connection = pool_->acquire();
    return with_retries([&] {
      Transaction tx(connection->sql, dialect_.begin_write);
      auto audit_and_commit = [&] {
        if (audit) connection->audit_inserter().insert(*audit);
        tx.commit();
        if (audit) staged_audit_committed();
      };
      if constexpr (std::is_void_v<Result>) {
        body(*connection);
        audit_and_commit();
      } else {
        auto result = body(*connection);
        audit_and_commit();
        return result;
      }
    });
  }
}

void SqlStore::with_session(const std::function<void(soci::session&)>& body) {
  auto connection = pool_->acquire();
  body(connection->sql);
}

void SqlStore::with_write_session(const std::function<void(soci::session&)>& body) {
  write_transaction([&](Connection& connection) { body(connection.sql); });
}

// -----------------------------------------------------------------------------------------------
// Opening.

SqlStore::SqlStore(const Dialect& dialect, int pool_size,
                   const std::function<void(soci::session&, int)>& open)
    : dialect_(dialect) {
  pool_size = std::max(pool_size, 1);
  pool_ = std::make_unique<ConnectionPool>(static_cast<std::size_t>(pool_size), dialect_);
  for (int i = 0; i < pool_size; ++i) open(pool_->at(static_cast<std::size_t>(i)).sql, i);
  if (dialect_.serialize_writers) {
    group_commit_ = std::make_unique<GroupCommit<ConnectionPool>>(*pool_, dialect_.begin_write);
  }
}

SqlStore::~SqlStore() = default;

bool SqlStore::unreachable(const std::exception& failure) const {
  const auto* error = dynamic_cast<const soci::soci_error*>(&failure);
  return error != nullptr && dialect_.classify != nullptr &&
         dialect_.classify(*error).kind == ErrorClass::Kind::unavailable;
}

// -----------------------------------------------------------------------------------------------
// Org units.

std::optional<OrgUnit> SqlStore::find_unit(std::string_view code) {
  auto connection = pool_->acquire();
  return query_unit(*connection, "WHERE u.code = :code", std::string(code));
}

std::optional<OrgUnit> SqlStore::find_unit_by_id(std::int64_t id) {
  auto connection = pool_->acquire();
  return query_unit(*connection, "WHERE u.id = :id", static_cast<long long>(id));
}

std::vector<OrgUnit> SqlStore::children(std::int64_t parent_id) {
  auto connection = pool_->acquire();
  return query_units(*connection, "WHERE u.parent_id = :parent ORDER BY u.name, u.code",
                     static_cast<long long>(parent_id));
}

OrgUnit SqlStore::insert_unit(const UnitInput& input) {
  long long id = write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    UnitWriter writer(sql, dialect_);
    if (writer.find(input.code)) {
      throw Error(ErrorKind::conflict, duplicate_code_message(input.code), "code");
    }
    long long id = writer.insert(input);
    writer.flush();
    // The bulk writer (imports, which carry no signer) leaves the signer lines empty.
    if (!input.signer.empty()) {
      sql << "UPDATE units SET signer_authority = :authority, signer_deputy = :deputy, "
             "signer_position = :position, signer_name = :signer WHERE id = :id",
          soci::use(input.signer.authority, "authority"), soci::use(input.signer.deputy, "deputy"),
          soci::use(input.signer.position, "position"), soci::use(input.signer.name, "signer"),
          soci::use(id, "id");
    }
    return id;
  });
  return *find_unit_by_id(id);
}

OrgUnit SqlStore::update_unit(const UnitInput& input) {
  write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    UnitWriter writer(sql, dialect_);
    if (!writer.find(input.code)) {
      throw Error(ErrorKind::not_found, not_found_unit_message(input.code), "code");
    }
    writer.update(input);
    writer.flush();
    // Pages and summaries show units' names: every cached one must be recomputed.
    sql << "UPDATE campaigns SET revision = revision + 1";
  });
  return *find_unit(input.code);
}

std::pair<int, int> SqlStore::upsert_units(const std::vector<UnitInput>& inputs) {
  return write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        UnitWriter writer(sql, dialect_);
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
        if (!inputs.empty()) sql << "UPDATE campaigns SET revision = revision + 1";
        return counts;
      },
      WriteSize::large);
}

std::vector<std::int64_t> SqlStore::ancestor_ids(std::int64_t unit_id) {
  auto connection = pool_->acquire();
  auto row = connection->prepared<TextRow, long long>("SELECT path FROM units WHERE id = :id")
                 .one(unit_id);
  if (!row) return {};
  return ancestors_from_path(row->value);
}

std::vector<OrgUnit> SqlStore::units_in_subtree(std::string_view path,
                                                const std::vector<UnitKind>& kinds) {
  if (kinds.empty()) return {};
  auto connection = pool_->acquire();
  soci::session& sql = connection->sql;
  std::string low(path);
  std::string high = path_upper_bound(low);
  // One placeholder per kind: the values are still bound, never spliced into the text.
  UnitRow row;
  soci::statement st(sql);
  row.bind(st);
  st.exchange(soci::use(low));
  st.exchange(soci::use(high));
  std::vector<std::string> kind_names;
  kind_names.reserve(kinds.size());
  for (auto kind : kinds) kind_names.emplace_back(to_string(kind));
  std::string placeholders;
  for (std::size_t i = 0; i < kind_names.size(); ++i) {
    placeholders += (i ? ", :k" : ":k") + std::to_string(i);
    st.exchange(soci::use(kind_names[i]));
  }
  st.alloc();
  st.prepare(std::string("SELECT ") + kUnitColumns + kUnitFrom +
             "WHERE u.path >= :low AND u.path < :high AND u.kind IN (" + placeholders +
             ") ORDER BY u.path");
  st.define_and_bind();
  st.execute(false);
  std::vector<OrgUnit> units;
  while (st.fetch()) units.push_back(row.to_unit());
  return units;
}

std::int64_t SqlStore::count_units() {
  auto connection = pool_->acquire();
  soci::session& sql = connection->sql;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM units", soci::into(n);
  return n;
}

// -----------------------------------------------------------------------------------------------
// Accounts and sessions.

std::optional<StoredUser> SqlStore::find_user(std::string_view username) {
  auto connection = pool_->acquire();
  return query_user(*connection, "WHERE us.username = :username", std::string(username));
}

User SqlStore::insert_user(const User& user, const std::string& password_hash) {
  long long id = write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    long long id = 0;
    int taken = 0;
    sql << "SELECT COUNT(*) FROM users WHERE username = :username", soci::into(taken),
        soci::use(user.username);
    if (taken != 0) {
      throw Error(ErrorKind::conflict,
                  "Tên đăng nhập '" + user.username + "' đã được dùng. Hãy chọn tên khác.",
                  "username");
    }
    long long unit_id = user.unit_id.value_or(0);
    soci::indicator unit_ind = user.unit_id ? soci::i_ok : soci::i_null;
    std::string role(to_string(user.role));
    int disabled = user.disabled ? 1 : 0;
    long long now = static_cast<long long>(std::time(nullptr));
    sql << "INSERT INTO users (username, display_name, password_hash, role, unit_id, disabled, "
           "created_at) VALUES (:username, :display, :hash, :role, :unit, :disabled, :at) "
           "RETURNING id",
        soci::into(id), soci::use(user.username), soci::use(user.display_name),
        soci::use(password_hash), soci::use(role), soci::use(unit_id, unit_ind),
        soci::use(disabled), soci::use(now);
    return id;
  });
  auto connection = pool_->acquire();
  return query_user(*connection, "WHERE us.id = :id", id)->user;
}

void SqlStore::insert_session(const std::string& token_hash, std::int64_t user_id,
                              Timestamp expires_at) {
  write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    long long user = user_id;
    long long expires = expires_at;
    sql << "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (:token, :user, :exp)",
        soci::use(token_hash), soci::use(user), soci::use(expires);
  });
}

std::optional<User> SqlStore::user_for_session(const std::string& token_hash, Timestamp now) {
  auto connection = pool_->acquire();
  long long at = now;
  auto stored = query_user(*connection,
                           "JOIN sessions s ON s.user_id = us.id WHERE s.token_hash = :token "
                           "AND s.expires_at > :now AND us.disabled = 0",
                           token_hash, at);
  if (!stored) return std::nullopt;
  return stored->user;
}

void SqlStore::delete_session(const std::string& token_hash) {
  write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    sql << "DELETE FROM sessions WHERE token_hash = :token", soci::use(token_hash);
  });
}

// -----------------------------------------------------------------------------------------------
// Campaigns and forms.

std::int64_t SqlStore::insert_campaign(const Campaign& campaign,
                                       const std::vector<OrgUnit>& reporting_units) {
  return write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        std::string name = campaign.name;
        int year = campaign.year;
        long long issuer = campaign.issuer_unit_id;
        std::string start = format_iso_date(campaign.period_start);
        std::string end = format_iso_date(campaign.period_end);
        std::string deadline = format_iso_date(campaign.deadline);
        std::string lock = format_iso_date(campaign.lock_date);
        json kinds = json::array();
        for (auto kind : campaign.reporting_kinds) kinds.push_back(std::string(to_string(kind)));
        std::string kinds_text = kinds.dump();
        std::string counted_text = status_list_text(campaign.counted_states);
        std::string plan_text = campaign.plan.dump();
        std::string form_id = campaign.form_id;
        std::string source(to_string(campaign.summary_source));
        long long campaign_id = 0;
        sql << "INSERT INTO campaigns (name, year, issuer_unit_id, period_start, period_end, "
               "deadline, lock_date, reporting_kinds, counted_states, plan_json, form_id, "
               "summary_source) VALUES (:name, :year, :issuer, :start, :end, :deadline, :lock, "
               ":kinds, :counted, :plan, :form, :source) RETURNING id",
            soci::into(campaign_id), soci::use(name), soci::use(year), soci::use(issuer),
            soci::use(start), soci::use(end), soci::use(deadline), soci::use(lock),
            soci::use(kinds_text), soci::use(counted_text), soci::use(plan_text),
            soci::use(form_id), soci::use(source);

        // One not_started row per reporting unit; each adds what the domain says a report not
        // started contributes ("expected", its kind's and its state's counters) to every node above
        // it, summed in memory and written once per node.
        bool not_started_counts =
            std::find(campaign.counted_states.begin(), campaign.counted_states.end(),
                      ReportStatus::not_started) != campaign.counted_states.end();
        long long counted = not_started_counts ? 1 : 0;
        BatchStatement insert_report(
            sql, dialect_,
            {{"campaign_id", ColumnType::integer},
             {"unit_id", ColumnType::integer},
             {"path", ColumnType::text},
             {"counted", ColumnType::integer}},
            "INSERT INTO reports (campaign_id, unit_id, path, status, version, values_json, late, "
            "updated_at, counted) SELECT v.campaign_id, v.unit_id, v.path, 'not_started', 0, '{}', "
            "0, 0, v.counted FROM {rows} WHERE true");
        struct NodeSums {
          Contribution slots;
          long long units = 0;
        };
        std::unordered_map<long long, NodeSums> sums;
        sums.reserve(reporting_units.size() + reporting_units.size() / 8);
        for (const auto& unit : reporting_units) {
          long long unit_id = unit.id;
          std::string path = unit.path;
          if (path.empty()) {
            sql << "SELECT path FROM units WHERE id = :id", soci::into(path), soci::use(unit_id);
          }
          insert_report.add(campaign_id, unit_id, path, counted);
          insert_report.flush_if_full(20000);
          const Contribution contribution =
              contribution_of(campaign, unit, not_started_report(campaign, unit));
          for (auto ancestor : path_ids(path)) {
            NodeSums& node = sums[ancestor];
            add_slots(node.slots, contribution);
            node.units += 1;
          }
        }
        insert_report.flush();
        AggregatePutter aggregates(sql, dialect_);
        for (const auto& [node, sum] : sums) {
          aggregates.put(campaign_id, node, sum.slots, sum.units,
                         not_started_counts ? sum.units : 0, {});
        }
        aggregates.flush();
        return static_cast<std::int64_t>(campaign_id);
      },
      WriteSize::large);
}

std::optional<Campaign> SqlStore::find_campaign(std::int64_t id) {
  auto connection = pool_->acquire();
  auto row =
      connection
          ->prepared<CampaignRow, long long>(std::string(kCampaignColumns) + "WHERE c.id = :id")
          .one(id);
  if (!row) return std::nullopt;
  return row->to_campaign();
}

std::vector<Campaign> SqlStore::list_campaigns() {
  auto connection = pool_->acquire();
  soci::session& sql = connection->sql;
  CampaignRow row;
  soci::statement st(sql);
  row.bind(st);
  st.alloc();
  st.prepare(std::string(kCampaignColumns) + "ORDER BY c.year DESC, c.id DESC");
  st.define_and_bind();
  st.execute(false);
  std::vector<Campaign> campaigns;
  while (st.fetch()) campaigns.push_back(row.to_campaign());
  return campaigns;
}

void SqlStore::put_form(const std::string& form_id, const std::string& definition_json) {
  write_transaction([&](Connection& connection) {
    soci::session& sql = connection.sql;
    sql << "INSERT INTO forms (id, definition) VALUES (:id, :definition) "
           "ON CONFLICT (id) DO UPDATE SET definition = excluded.definition",
        soci::use(form_id), soci::use(definition_json);
  });
}

std::optional<std::string> SqlStore::find_form(const std::string& form_id) {
  auto connection = pool_->acquire();
  soci::session& sql = connection->sql;
  std::string definition;
  sql << "SELECT definition FROM forms WHERE id = :id", soci::into(definition), soci::use(form_id);
  if (!sql.got_data()) return std::nullopt;
  return definition;
}

// -----------------------------------------------------------------------------------------------
// Reports.

std::optional<UnitReport> SqlStore::find_report(std::int64_t campaign_id, std::int64_t unit_id) {
  auto connection = pool_->acquire();
  auto row = connection
                 ->prepared<ReportRow, long long, long long>(
                     std::string(kReportColumns) + "WHERE r.campaign_id = :c AND r.unit_id = :u")
                 .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  return row->to_report();
}

namespace {

Error report_not_found() {
  return Error(ErrorKind::not_found,
               "Đơn vị này không phải gửi báo cáo trong đợt này. Hãy kiểm tra lại đơn vị.", "unit");
}

// Stores the report's new version, and its history row, if the row still has the version the
// writer read; false (nothing written) when another write got there first.
bool store_version(Connection& connection, const ReportWrite& write, const std::string& values_text,
                   int counted) {
  const std::string action = write.action.empty() ? "save" : write.action;
  ReportUpdater& updater = connection.report_updater();
  if (!updater.update(write.report, values_text, counted, write.expected_version, action)) {
    return false;
  }
  if (!updater.writes_history()) {
    VersionWriter& versions = connection.versions();
    versions.append(write.report, values_text, action);
    versions.flush();
  }
  return true;
}

}  // namespace

std::optional<ReportInContext> SqlStore::find_report_in_context(std::int64_t campaign_id,
                                                                const std::string& unit_code) {
  auto connection = pool_->acquire();
  auto row = connection
                 ->prepared<ReportInContextRow, long long, std::string>(
                     std::string("SELECT ") + kCampaignColumnList + ", " + kUnitColumns + ", " +
                     kReportColumnList + kReportFrom +
                     "LEFT JOIN units p ON p.id = u.parent_id "
                     "JOIN campaigns c ON c.id = r.campaign_id "
                     "JOIN units i ON i.id = c.issuer_unit_id "
                     // The unit's id first, so the report is found by its key whatever the
                     // planner believes about the campaign's share of the reports table.
                     "WHERE r.campaign_id = :c AND r.unit_id = (SELECT id FROM units "
                     "WHERE code = :code)")
                 .one(campaign_id, unit_code);
  if (!row) return std::nullopt;
  return ReportInContext{row->campaign.to_campaign(), row->unit.to_unit(), row->report.to_report()};
}

void SqlStore::write_report(const ReportWrite& write,
                            const std::map<std::string, std::string>& narratives_if_counted) {
  const UnitReport& report = write.report;
  if (write.uncounted_before_and_after && !write.notify_reviewers) {
    write_uncounted_report(write);
    return;
  }
  // Serialize before taking the lock: the JSON text is the bulk of the work of a save.
  std::string values_text = report.values.dump();
  write_transaction([&](Connection& connection) {
    long long cid = report.campaign_id;
    long long uid = report.unit_id;
    // One round trip for everything the write needs to know (on PostgreSQL each statement is
    // one; a save is a handful of them plus the commit).
    auto& read_current = connection.prepared<CurrentReportRow, long long, long long>(
        "SELECT r.version, r.counted, u.path, u.code, u.name, c.counted_states FROM reports r "
        "JOIN units u ON u.id = r.unit_id JOIN campaigns c ON c.id = r.campaign_id "
        "WHERE r.campaign_id = :c AND r.unit_id = :u");
    auto current = read_current.one(cid, uid);
    if (!current) throw report_not_found();
    if (current->version != write.expected_version) throw stale_version(current->version);

    auto counted_states = counted_set_from_text(current->counted_states);
    int counted = counted_states.count(std::string(to_string(report.status))) ? 1 : 0;
    // The UPDATE's version condition repeats the check above as the compare-and-swap itself, so
    // the guarantee holds even if a writer of another process got in between.
    if (!store_version(connection, write, values_text, counted)) {
      // Another server's save committed after the read above (PostgreSQL, READ COMMITTED): the
      // message names the version that won, which a fresh read sees.
      auto winner = read_current.one(cid, uid);
      throw stale_version(winner ? winner->version : current->version);
    }
    if (write.notify_reviewers) insert_submit_notifications(connection.sql, report, current->path);

    AggregateDelta delta;
    delta.slots = write.delta;
    delta.counted_units = counted - current->counted;
    // Narrative rows exist only for counted reports, so a draft save of a report that was not
    // counted has none to replace and touches no aggregate: the fast path.
    if (current->counted || counted) {
      static const std::map<std::string, std::string> none;
      delta.narrative_counts = connection.narratives().replace(
          cid, uid, current->path, current->code, current->name,
          counted ? narratives_if_counted : none, !current->counted);
    }
    if (!delta.empty()) {
      auto ids =
          write.ancestor_ids.empty() ? ancestors_from_path(current->path) : write.ancestor_ids;
      for (auto node : ids) connection.aggregates().add(cid, node, delta);
    }
    // A report counted before or after this write changes what summaries show (figures, texts
    // or the missing list); a change of state between uncounted ones changes the dashboard's
    // counters. A draft saved again leaves every summary as it was.
    if (current->counted || counted || !delta.empty()) bump_revision(connection, cid);
  });
}

void SqlStore::write_uncounted_report(const ReportWrite& write) {
  std::string values_text = write.report.values.dump();
  // Lost: name the version that won (or say the report is gone).
  auto lost = [&](Connection& connection) {
    auto current = connection
                       .prepared<VersionOnlyRow, long long, long long>(
                           "SELECT version FROM reports WHERE campaign_id = :c AND unit_id = :u")
                       .one(write.report.campaign_id, write.report.unit_id);
    if (!current) return report_not_found();
    return stale_version(current->version);
  };
  if (dialect_.data_modifying_cte) {
    // One statement, atomic by itself: the version, its history row and the staged audit entry,
    // with no BEGIN and COMMIT round trips around it.
    with_retries([&] {
      auto connection = pool_->acquire();
      const AuditEntry* audit = staged_audit_entry();
      ReportUpdater& updater =
          audit ? connection->audited_report_updater() : connection->report_updater();
      const std::string action = write.action.empty() ? "save" : write.action;
      if (!updater.update(write.report, values_text, /*counted=*/0, write.expected_version, action,
                          audit)) {
        throw lost(*connection);
      }
      if (audit) staged_audit_committed();
    });
    return;
  }
  write_transaction([&](Connection& connection) {
    if (!store_version(connection, write, values_text, /*counted=*/0)) throw lost(connection);
  });
}

namespace {

struct IdRevisionRow {
  long long id = 0, revision = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(revision));
  }
};

}  // namespace

std::vector<std::pair<std::int64_t, std::int64_t>> SqlStore::campaign_revisions() {
  auto connection = pool_->acquire();
  std::vector<std::pair<std::int64_t, std::int64_t>> revisions;
  connection
      ->prepared<IdRevisionRow>("SELECT id, revision FROM campaigns ORDER BY year DESC, id DESC")
      .each([&](const IdRevisionRow& row) { revisions.emplace_back(row.id, row.revision); });
  return revisions;
}

std::optional<std::int64_t> SqlStore::campaign_revision(std::int64_t campaign_id) {
  auto connection = pool_->acquire();
  auto row =
      connection->prepared<CountRow, long long>("SELECT revision FROM campaigns WHERE id = :id")
          .one(campaign_id);
  if (!row) return std::nullopt;
  return row->value;
}

namespace {

struct VersionRow {
  long long version = 0;
  std::string status, action;
  long long at = 0;
  long long by = 0;
  soci::indicator by_ind = soci::i_ok;
  std::string by_name;
  soci::indicator name_ind = soci::i_ok;
  std::string comment;
  void bind(soci::statement& st) {
    st.exchange(soci::into(version));
    st.exchange(soci::into(status));
    st.exchange(soci::into(action));
    st.exchange(soci::into(at));
    st.exchange(soci::into(by, by_ind));
    st.exchange(soci::into(by_name, name_ind));
    st.exchange(soci::into(comment));
  }
};

}  // namespace

std::vector<ReportVersion> SqlStore::report_history(std::int64_t campaign_id, std::int64_t unit_id,
                                                    int limit) {
  auto connection = pool_->acquire();
  std::vector<ReportVersion> versions;
  connection
      ->prepared<VersionRow, long long, long long, int>(
          "SELECT v.version, v.status, v.action, v.at, v.by, us.display_name, v.comment "
          "FROM report_versions v LEFT JOIN users us ON us.id = v.by "
          "WHERE v.campaign_id = :c AND v.unit_id = :u ORDER BY v.version DESC LIMIT :n")
      .each(
          [&](const VersionRow& row) {
            ReportVersion entry;
            entry.version = row.version;
            entry.status = status_column(row.status);
            entry.action = row.action;
            entry.at = row.at;
            if (row.by_ind == soci::i_ok) entry.by = row.by;
            if (row.name_ind == soci::i_ok) entry.by_name = row.by_name;
            entry.comment = row.comment;
            versions.push_back(std::move(entry));
          },
          campaign_id, unit_id, std::max(limit, 0));
  return versions;
}

// -----------------------------------------------------------------------------------------------
// Consolidated figures.

Contribution SqlStore::aggregate(std::int64_t campaign_id, std::int64_t unit_id) {
  auto connection = pool_->acquire();
  auto row = connection
                 ->prepared<TextRow, long long, long long>(
                     "SELECT slots_json FROM aggregates WHERE campaign_id = :c AND unit_id = :u")
                 .one(campaign_id, unit_id);
  if (!row) return {};
  return slots_from_text(row->value);
}

namespace {

// The stored counters of the node whose path this is (its last id); nullopt when the path names
// no node with an aggregate row.
std::optional<CountersRow> node_counters(Connection& connection, long long campaign_id,
                                         std::string_view path) {
  auto ids = path_ids(path);
  if (ids.empty()) return std::nullopt;
  return connection
      .prepared<CountersRow, long long, long long>(
          "SELECT reporting_units, counted_units, narrative_counts_json FROM aggregates "
          "WHERE campaign_id = :c AND unit_id = :u")
      .one(campaign_id, ids.back());
}

}  // namespace

std::optional<Store::AggregateCounters> SqlStore::aggregate_counters(std::int64_t campaign_id,
                                                                     std::int64_t unit_id) {
  auto connection = pool_->acquire();
  auto row = connection
                 ->prepared<CountersRow, long long, long long>(
                     "SELECT reporting_units, counted_units, narrative_counts_json FROM aggregates "
                     "WHERE campaign_id = :c AND unit_id = :u")
                 .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  return AggregateCounters{row->reporting_units, row->counted_units,
                           counts_from_text(row->narrative_counts)};
}

std::pair<std::vector<std::string>, std::int64_t> SqlStore::missing_units(std::int64_t campaign_id,
                                                                          std::string_view path,
                                                                          int limit) {
  auto connection = pool_->acquire();
  std::string low(path);
  std::string high = path_upper_bound(low);
  int n = std::max(limit, 0);
  std::vector<std::string> codes;
  if (n > 0) {
    connection
        ->prepared<TextRow, long long, std::string, std::string, int>(
            "SELECT u.code FROM reports r JOIN units u ON u.id = r.unit_id "
            "WHERE r.campaign_id = :c AND r.counted = 0 AND r.path >= :low AND r.path < :high "
            "ORDER BY r.path LIMIT :n")
        .each([&](const TextRow& row) { codes.push_back(row.value); }, campaign_id, low, high, n);
  }
  std::int64_t total = static_cast<std::int64_t>(codes.size());
  if (static_cast<int>(codes.size()) == n) {
    // The list may be cut: the node's counters give the total without scanning the subtree.
    if (auto counters = node_counters(*connection, campaign_id, path)) {
      total = counters->reporting_units - counters->counted_units;
    } else {
      long long count = 0;
      long long cid = campaign_id;
      connection->sql << "SELECT COUNT(*) FROM reports WHERE campaign_id = :c AND counted = 0 "
                         "AND path >= :low AND path < :high",
          soci::into(count), soci::use(cid), soci::use(low), soci::use(high);
      total = count;
    }
  }
  return {std::move(codes), total};
}

std::pair<std::vector<UnitText>, std::int64_t> SqlStore::narratives(std::int64_t campaign_id,
                                                                    std::string_view path,
                                                                    std::string_view part,
                                                                    int limit,
                                                                    std::int64_t offset) {
  auto connection = pool_->acquire();
  std::string low(path);
  std::string high = path_upper_bound(low);
  std::string part_name(part);
  int n = std::max(limit, 0);
  const long long skip = std::max<std::int64_t>(offset, 0);
  std::vector<UnitText> texts;
  if (n > 0) {
    connection
        ->prepared<UnitTextRow, long long, std::string, std::string, std::string, int, long long>(
            "SELECT unit_code, unit_name, text FROM report_narratives "
            "WHERE campaign_id = :c AND part = :part AND path >= :low AND path < :high "
            "ORDER BY path LIMIT :n OFFSET :skip")
        .each([&](const UnitTextRow& row) { texts.push_back(row.text); }, campaign_id, part_name,
              low, high, n, skip);
  }
  std::int64_t total = skip + static_cast<std::int64_t>(texts.size());
  if (static_cast<int>(texts.size()) == n || (skip > 0 && texts.empty())) {
    if (auto counters = node_counters(*connection, campaign_id, path)) {
      auto counts = counts_from_text(counters->narrative_counts);
      auto it = counts.find(part_name);
      total = it == counts.end() ? 0 : it->second;
    } else {
      long long count = 0;
      long long cid = campaign_id;
      connection->sql << "SELECT COUNT(*) FROM report_narratives WHERE campaign_id = :c "
                         "AND part = :part AND path >= :low AND path < :high",
          soci::into(count), soci::use(cid), soci::use(part_name), soci::use(low), soci::use(high);
      total = count;
    }
  }
  return {std::move(texts), total};
}

namespace {

// The path, code and name of units by id, for the rows that copy them. Array dialects fetch a
// chunk of ids per statement (prefetch); SQLite looks each id up when asked.
class UnitInfoLookup {
 public:
  struct Info {
    std::string path, code, name;
  };

  UnitInfoLookup(soci::session& sql, const Dialect& dialect)
      : sql_(sql),
        arrays_(dialect.array_batches),
        select_((sql.prepare << "SELECT path, code, name FROM units WHERE id = :id",
                 soci::into(info_.path), soci::into(info_.code), soci::into(info_.name),
                 soci::use(id_))) {}

  void prefetch(const std::vector<long long>& ids) {
    if (!arrays_ || ids.empty()) return;
    std::string array = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i) array += ',';
      array += std::to_string(ids[i]);
    }
    array += '}';
    long long id = 0;
    Info info;
    soci::statement st = (sql_.prepare << "SELECT id, path, code, name FROM units "
                                          "WHERE id = ANY(:ids::bigint[])",
                          soci::into(id), soci::into(info.path), soci::into(info.code),
                          soci::into(info.name), soci::use(array));
    st.execute(false);
    while (st.fetch()) known_[id] = info;
  }

  std::optional<Info> find(long long id) {
    if (arrays_) {
      auto it = known_.find(id);
      if (it == known_.end()) return std::nullopt;
      return it->second;
    }
    id_ = id;
    if (!select_.execute(true)) return std::nullopt;
    return info_;
  }

  void clear() { known_.clear(); }

 private:
  soci::session& sql_;
  bool arrays_;
  std::unordered_map<long long, Info> known_;
  long long id_ = 0;
  Info info_;
  soci::statement select_;
};

}  // namespace

void SqlStore::bulk_put_reports(
    const std::vector<UnitReport>& reports,
    const std::vector<std::map<std::string, std::string>>& narratives_if_counted) {
  write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        std::map<long long, std::set<std::string>> counted_by_campaign;
        UnitInfoLookup units(sql, dialect_);
        BatchStatement upsert(
            sql, dialect_,
            {{"campaign_id", ColumnType::integer},
             {"unit_id", ColumnType::integer},
             {"path", ColumnType::text},
             {"status", ColumnType::text},
             {"version", ColumnType::integer},
             {"values_json", ColumnType::text},
             {"submitted_at", ColumnType::integer},
             {"late", ColumnType::integer},
             {"updated_at", ColumnType::integer},
             {"updated_by", ColumnType::integer},
             {"counted", ColumnType::integer}},
            "INSERT INTO reports (campaign_id, unit_id, path, status, version, values_json, "
            "submitted_at, late, updated_at, updated_by, counted) SELECT v.campaign_id, v.unit_id, "
            "v.path, v.status, v.version, v.values_json, v.submitted_at, v.late, v.updated_at, "
            "v.updated_by, v.counted FROM {rows} WHERE true "
            "ON CONFLICT (campaign_id, unit_id) DO UPDATE SET path = excluded.path, "
            "status = excluded.status, version = excluded.version, "
            "values_json = excluded.values_json, submitted_at = excluded.submitted_at, "
            "late = excluded.late, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by, counted = excluded.counted");
        BatchStatement delete_texts(
            sql, dialect_, {{"campaign_id", ColumnType::integer}, {"unit_id", ColumnType::integer}},
            "DELETE FROM report_narratives WHERE (campaign_id, unit_id) IN "
            "(SELECT v.campaign_id, v.unit_id FROM {rows})");
        BulkInsert insert_texts(sql, dialect_, "report_narratives", NarrativeWriter::columns(),
                                NarrativeWriter::insert_sql());
        // Local writers, not the connection's kept ones: a failure half-way must leave no batch
        // behind in a statement that outlives this transaction.
        VersionWriter versions(sql, dialect_);
        static const std::map<std::string, std::string> none;

        // Chunks of reports: rows of one chunk are flushed table by table, in the order the foreign
        // keys need (reports before their history and texts, old texts deleted before new ones).
        constexpr std::size_t kChunk = 5000;
        for (std::size_t from = 0; from < reports.size(); from += kChunk) {
          std::size_t to = std::min(reports.size(), from + kChunk);
          std::vector<long long> ids;
          ids.reserve(to - from);
          for (std::size_t i = from; i < to; ++i) ids.push_back(reports[i].unit_id);
          units.clear();
          units.prefetch(ids);
          for (std::size_t i = from; i < to; ++i) {
            const UnitReport& report = reports[i];
            long long cid = report.campaign_id;
            long long uid = report.unit_id;
            auto known = counted_by_campaign.find(cid);
            if (known == counted_by_campaign.end()) {
              known = counted_by_campaign.emplace(cid, counted_states_of(connection, cid)).first;
            }
            auto unit = units.find(uid);
            if (!unit) {
              throw Error(ErrorKind::not_found,
                          "Không tìm thấy đơn vị số " + std::to_string(uid) + " của báo cáo thứ " +
                              std::to_string(i + 1) + ". Hãy kiểm tra lại dữ liệu nhập.",
                          "unit");
            }
            std::string status(to_string(report.status));
            long long counted = known->second.count(status) ? 1 : 0;
            std::string values_text = report.values.dump();
            std::optional<long long> submitted_at, updated_by;
            if (report.submitted_at) submitted_at = *report.submitted_at;
            if (report.updated_by) updated_by = *report.updated_by;
            upsert.add(cid, uid, unit->path, status, static_cast<long long>(report.version),
                       values_text, submitted_at, static_cast<long long>(report.late ? 1 : 0),
                       static_cast<long long>(report.updated_at), updated_by, counted);
            if (report.version > 0) versions.append(report, values_text, "import");
            delete_texts.add(cid, uid);
            const auto& texts =
                counted && i < narratives_if_counted.size() ? narratives_if_counted[i] : none;
            for (const auto& [part, text] : texts) {
              if (text.empty()) continue;
              insert_texts.add(cid, uid, part, unit->path, unit->code, unit->name, text);
            }
          }
          upsert.flush();
          versions.flush();
          delete_texts.flush();
          insert_texts.flush();
        }
        for (const auto& [campaign_id, states] : counted_by_campaign) {
          bump_revision(connection, campaign_id);
        }
      },
      WriteSize::large);
}

void SqlStore::rebuild_aggregates(
    std::int64_t campaign_id,
    const std::function<Contribution(const OrgUnit&, const UnitReport&)>& contribution) {
  write_transaction(
      [&](Connection& connection) {
        soci::session& sql = connection.sql;
        long long cid = campaign_id;
        auto counted_states = counted_states_of(connection, cid);
        // Units may have moved since the rows were written: refresh the copied paths first, only
        // where they differ (rewriting every row would rewrite every report's values too).
        sql << "UPDATE reports SET path = u.path FROM units u "
               "WHERE u.id = reports.unit_id AND reports.campaign_id = :c AND reports.path <> "
               "u.path",
            soci::use(cid);
        sql << "UPDATE report_narratives SET path = u.path FROM units u "
               "WHERE u.id = report_narratives.unit_id AND report_narratives.campaign_id = :c "
               "AND report_narratives.path <> u.path",
            soci::use(cid);

        std::unordered_map<long long, PartCounts> texts_by_unit;
        {
          long long uid = 0;
          std::string part;
          soci::statement st = (sql.prepare << "SELECT unit_id, part FROM report_narratives "
                                               "WHERE campaign_id = :c",
                                soci::into(uid), soci::into(part), soci::use(cid));
          st.execute(false);
          while (st.fetch()) texts_by_unit[uid][part] += 1;
        }

        // Reports in path order visit the tree depth-first, so the open nodes form a stack from the
        // root to the current unit: a node's sums are complete when the walk leaves its subtree,
        // then they are written and added into its parent. Memory stays proportional to the depth.
        struct OpenNode {
          long long id = 0;
          std::string path;
          Contribution slots;
          long long reporting = 0;
          long long counted = 0;
          PartCounts texts;
        };
        std::vector<OpenNode> open;
        sql << "DELETE FROM aggregates WHERE campaign_id = :c", soci::use(cid);
        AggregatePutter aggregates(sql, dialect_);
        auto close_top = [&] {
          OpenNode node = std::move(open.back());
          open.pop_back();
          aggregates.put(cid, node.id, node.slots, node.reporting, node.counted, node.texts);
          if (!open.empty()) {
            OpenNode& parent = open.back();
            add_slots(parent.slots, node.slots);
            parent.reporting += node.reporting;
            parent.counted += node.counted;
            add_counts(parent.texts, node.texts);
          }
        };

        std::vector<std::pair<long long, int>> counted_fixes;
        UnitRow unit_row;
        ReportRow report_row;
        int stored_counted = 0;
        soci::statement st(sql);
        unit_row.bind(st);
        report_row.bind(st);
        st.exchange(soci::into(stored_counted));
        st.exchange(soci::use(cid));
        st.alloc();
        st.prepare(
            std::string("SELECT ") + kUnitColumns + ", " + kReportColumnList + ", r.counted" +
            kReportFrom +
            "LEFT JOIN units p ON p.id = u.parent_id WHERE r.campaign_id = :c ORDER BY r.path");
        st.define_and_bind();
        st.execute(false);
        while (st.fetch()) {
          OrgUnit unit = unit_row.to_unit();
          UnitReport report = report_row.to_report();
          while (!open.empty() && unit.path.rfind(open.back().path, 0) != 0) close_top();
          auto ids = path_ids(unit.path);
          std::string prefix = open.empty() ? "/" : open.back().path;
          for (std::size_t depth = open.size(); depth < ids.size(); ++depth) {
            prefix += std::to_string(ids[depth]) + "/";
            open.push_back(OpenNode{ids[depth], prefix, {}, 0, 0, {}});
          }
          OpenNode& self = open.back();
          int counted = counted_states.count(report_row.status) ? 1 : 0;
          if (counted != stored_counted) counted_fixes.emplace_back(report_row.unit_id, counted);
          add_slots(self.slots, contribution(unit, report));
          self.reporting += 1;
          self.counted += counted;
          if (counted) {
            if (auto it = texts_by_unit.find(report_row.unit_id); it != texts_by_unit.end()) {
              add_counts(self.texts, it->second);
            }
          }
        }
        while (!open.empty()) close_top();

        aggregates.flush();

        BatchStatement fix(
            sql, dialect_,
            {{"campaign_id", ColumnType::integer},
             {"unit_id", ColumnType::integer},
             {"counted", ColumnType::integer}},
            "UPDATE reports SET counted = v.counted FROM {rows} "
            "WHERE reports.campaign_id = v.campaign_id AND reports.unit_id = v.unit_id");
        for (const auto& [unit_id, value] : counted_fixes) {
          fix.add(cid, unit_id, static_cast<long long>(value));
          fix.flush_if_full(20000);
        }
        fix.flush();
        sql << "DELETE FROM pending_recounts WHERE campaign_id = :c", soci::use(cid);
        bump_revision(connection, cid);
      },
      WriteSize::large);
}

std::vector<std::int64_t> SqlStore::campaigns_pending_recount() {
  auto connection = pool_->acquire();
  std::vector<std::int64_t> ids;
  connection->prepared<CountRow>("SELECT campaign_id FROM pending_recounts ORDER BY campaign_id")
      .each([&](const CountRow& row) { ids.push_back(row.value); });
  return ids;
}

// -----------------------------------------------------------------------------------------------
// Aggregate arithmetic for members in other files (aggregate_shift.h).

void add_to_aggregates(soci::session& sql, const Dialect& dialect, long long campaign_id,
                       const std::vector<long long>& unit_ids, const Contribution& delta) {
  if (delta.empty() || unit_ids.empty()) return;
  AggregateWriter writer(sql, dialect);
  AggregateDelta change;
  change.slots = delta;
  for (long long unit_id : unit_ids) writer.add(campaign_id, unit_id, change);
}

struct AggregateAdder::Writer {
  AggregateWriter rows;
};

AggregateAdder::AggregateAdder(soci::session& sql, const Dialect& dialect)
    : writer_(new Writer{AggregateWriter(sql, dialect)}) {}

AggregateAdder::~AggregateAdder() = default;

void AggregateAdder::add(long long campaign_id, const std::vector<std::int64_t>& unit_ids,
                         const Contribution& slots, long long reporting_units,
                         long long counted_units) {
  AggregateDelta delta;
  delta.slots = slots;
  delta.reporting_units = reporting_units;
  delta.counted_units = counted_units;
  for (long long unit_id : unit_ids) writer_->rows.add(campaign_id, unit_id, delta);
}

std::vector<std::int64_t> ancestor_ids_of_path(std::string_view path) {
  return ancestors_from_path(path);
}

bool shift_aggregate(soci::session& sql, const Dialect& dialect, long long campaign_id,
                     long long from_unit, const std::vector<long long>& subtract_from,
                     const std::vector<long long>& add_to) {
  std::string slots, counts;
  long long reporting = 0, counted = 0;
  sql << "SELECT slots_json, reporting_units, counted_units, narrative_counts_json "
         "FROM aggregates WHERE campaign_id = :c AND unit_id = :u",
      soci::into(slots), soci::into(reporting), soci::into(counted), soci::into(counts),
      soci::use(campaign_id), soci::use(from_unit);
  if (!sql.got_data()) return false;
  AggregateDelta plus{slots_from_text(slots), reporting, counted, counts_from_text(counts)};
  AggregateDelta minus{plus.slots, -reporting, -counted, plus.narrative_counts};
  for (auto& [name, amount] : minus.slots) amount = -amount;
  for (auto& [part, n] : minus.narrative_counts) n = -n;
  AggregateWriter writer(sql, dialect);
  for (long long unit_id : subtract_from) writer.add(campaign_id, unit_id, minus);
  for (long long unit_id : add_to) writer.add(campaign_id, unit_id, plus);
  return true;
}

}  // namespace llw::sql
