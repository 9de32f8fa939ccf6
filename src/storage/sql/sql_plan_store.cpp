// SqlPlanStore, the PlanStore port (migration 025): the editions of each node's plan, drafts
// written with a compare-and-swap on version, issued editions kept with their documents (base64
// text, so both backends store them the same way). Nothing here is on a hot path except
// issued_plan_dates_above, one indexed query per save or submit.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <array>

#include "domain/error.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_plan_store.h"
#include "storage/sql/store_queries.h"

namespace llw::sql {
namespace {

using nlohmann::json;

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string to_base64(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                   (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) | std::uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

[[noreturn]] void corrupt(const std::string& what) {
  throw Error(ErrorKind::internal, "Dữ liệu kế hoạch trong cơ sở dữ liệu không hợp lệ (" + what +
                                       "). Hãy báo cho quản trị hệ thống.");
}

std::string from_base64(const std::string& text) {
  std::array<int, 256> value{};
  value.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) value[std::uint8_t(kAlphabet[i])] = int(i);
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const int v = value[std::uint8_t(c)];
    if (v < 0) corrupt("base64");
    buffer = (buffer << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

Error stale_plan(long long current) {
  return Error(ErrorKind::conflict,
               "Kế hoạch vừa được người khác lưu hoặc ban hành (phiên bản hiện tại: " +
                   std::to_string(current) +
                   "). Hãy tải lại để xem bản mới nhất rồi sửa tiếp; chưa có gì bị mất.",
               "version");
}

// The columns of a level_plans row, read with typed into()s.
struct PlanColumns {
  long long edition = 0, version = 0, updated_at = 0, issued_at = 0;
  std::string status, number, issued_on, deadline, lock_date, content, updated_by;
  soci::indicator issued_on_ind = soci::i_ok, issued_at_ind = soci::i_ok;

  LevelPlan to_plan(std::int64_t campaign_id, std::int64_t unit_id) const {
    LevelPlan plan;
    plan.campaign_id = campaign_id;
    plan.unit_id = unit_id;
    plan.edition = int(edition);
    plan.version = version;
    const auto parsed_status = plan_status_from_string(status);
    if (!parsed_status) corrupt("status = '" + status + "'");
    plan.status = *parsed_status;
    plan.number = number;
    if (issued_on_ind == soci::i_ok) plan.issued_on = parse_iso_date(issued_on);
    plan.deadline = date_column(deadline);
    plan.lock_date = date_column(lock_date);
    plan.content = json::parse(content, nullptr, false);
    if (plan.content.is_discarded()) corrupt("content_json");
    plan.updated_at = updated_at;
    plan.updated_by = updated_by;
    if (issued_at_ind == soci::i_ok) plan.issued_at = issued_at;
    return plan;
  }
};

constexpr const char* kPlanColumns =
    "p.edition, p.version, p.status, p.number, p.issued_on, p.deadline, p.lock_date, "
    "p.content_json, p.updated_at, p.updated_by, p.issued_at, u.code";

void bind(soci::statement& st, PlanColumns& row, std::string& code) {
  st.exchange(soci::into(row.edition));
  st.exchange(soci::into(row.version));
  st.exchange(soci::into(row.status));
  st.exchange(soci::into(row.number));
  st.exchange(soci::into(row.issued_on, row.issued_on_ind));
  st.exchange(soci::into(row.deadline));
  st.exchange(soci::into(row.lock_date));
  st.exchange(soci::into(row.content));
  st.exchange(soci::into(row.updated_at));
  st.exchange(soci::into(row.updated_by));
  st.exchange(soci::into(row.issued_at, row.issued_at_ind));
  st.exchange(soci::into(code));
}

}  // namespace

namespace {

// A plan's edition with its node's code and id, without its documents.
struct PlanRow {
  PlanColumns plan;
  std::string code;
  long long unit_id = 0;
  void bind(soci::statement& st) {
    ::llw::sql::bind(st, plan, code);
    st.exchange(soci::into(unit_id));
  }
};

// The editions `where` picks (with its two parameters), without their documents, in `order`.
std::vector<LevelPlan> read_plans(Connection& connection, std::int64_t campaign_id,
                                  const std::string& where, const std::string& order,
                                  long long first, long long second) {
  std::vector<LevelPlan> found;
  connection
      .prepared<PlanRow, long long, long long>(
          std::string("SELECT ") + kPlanColumns +
          ", p.unit_id FROM level_plans p JOIN units u ON u.id = p.unit_id WHERE " + where +
          " ORDER BY " + order)
      .each(
          [&](const PlanRow& row) {
            found.push_back(row.plan.to_plan(campaign_id, row.unit_id));
            found.back().unit_code = row.code;
          },
          first, second);
  return found;
}

}  // namespace

std::vector<LevelPlan> SqlPlanStore::level_plans(std::int64_t campaign_id, std::int64_t unit_id) {
  // Every plan page and every plan check asks: prepared once per connection.
  auto connection = context_.pool().acquire();
  return read_plans(*connection, campaign_id, "p.campaign_id = :c AND p.unit_id = :u", "p.edition",
                    campaign_id, unit_id);
}

namespace {

// One edition of a plan with its issued documents (level_plan_edition).
struct EditionRow {
  PlanColumns plan;
  std::string code, docx, pdf;

  void bind(soci::statement& st) {
    llw::sql::bind(st, plan, code);
    st.exchange(soci::into(docx));
    st.exchange(soci::into(pdf));
  }
};

}  // namespace

std::optional<LevelPlan> SqlPlanStore::level_plan_edition(std::int64_t campaign_id,
                                                          std::int64_t unit_id, int edition) {
  // A plan's page and its documents ask: prepared once per connection.
  auto connection = context_.pool().acquire();
  const auto row =
      connection
          ->prepared<EditionRow, long long, long long, long long>(
              std::string("SELECT ") + kPlanColumns +
              ", p.docx_b64, p.pdf_b64 FROM level_plans p JOIN units u ON u.id = p.unit_id "
              "WHERE p.campaign_id = :c AND p.unit_id = :u AND p.edition = :e")
          .one(campaign_id, unit_id, edition);
  if (!row) return std::nullopt;
  LevelPlan found = row->plan.to_plan(campaign_id, unit_id);
  found.unit_code = row->code;
  found.docx = from_base64(row->docx);
  found.pdf = from_base64(row->pdf);
  return found;
}

namespace {

// An edition's state as the compare-and-swap checks it.
struct StatusVersionRow {
  std::string status;
  long long version = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(status));
    st.exchange(soci::into(version));
  }
};

}  // namespace

void insert_level_plan(Connection& connection, const LevelPlan& plan) {
  long long cid = plan.campaign_id, uid = plan.unit_id, edition = plan.edition,
            version = plan.version, at = plan.updated_at;
  std::string status(to_string(plan.status)),
      number = plan.number, deadline = format_iso_date(plan.deadline),
      lock = format_iso_date(plan.lock_date),
      content = plan.content.dump(-1, ' ', false, json::error_handler_t::replace),
      by = plan.updated_by, docx = to_base64(plan.docx), pdf = to_base64(plan.pdf);
  std::optional<std::string> issued_on;
  if (plan.issued_on) issued_on = format_iso_date(*plan.issued_on);
  std::optional<long long> issued_at;
  if (plan.status == PlanStatus::issued) issued_at = plan.issued_at;
  connection
      .write<long long, long long, long long, long long, std::string, std::string,
             Nullable<std::string>, std::string, std::string, std::string, long long, std::string,
             Nullable<long long>, std::string, std::string>(
          "INSERT INTO level_plans (campaign_id, unit_id, edition, version, status, number, "
          "issued_on, deadline, lock_date, content_json, updated_at, updated_by, issued_at, "
          "docx_b64, pdf_b64) VALUES (:c, :u, :e, :v, :s, :n, :o, :d, :l, :t, :a, :b, :i, :x, "
          ":p)")
      .run(cid, uid, edition, version, status, number, issued_on, deadline, lock, content, at, by,
           issued_at, docx, pdf);
}

std::vector<LevelPlan> SqlPlanStore::latest_level_plans(std::int64_t campaign_id) {
  auto connection = context_.pool().acquire();
  return read_plans(*connection, campaign_id,
                    "p.campaign_id = :c AND p.edition = (SELECT MAX(q.edition) FROM level_plans q "
                    "WHERE q.campaign_id = :c2 AND q.unit_id = p.unit_id)",
                    "u.path", campaign_id, campaign_id);
}

void SqlPlanStore::write_level_plan(const LevelPlan& plan, std::int64_t expected_version) {
  context_.with_write_connection([&](Connection& connection) {
    long long cid = plan.campaign_id, uid = plan.unit_id, edition = plan.edition,
              version = plan.version, expected = expected_version;
    const auto stored = connection
                            .prepared<StatusVersionRow, long long, long long, long long>(
                                "SELECT status, version FROM level_plans WHERE campaign_id = :c "
                                "AND unit_id = :u AND edition = :e")
                            .one(cid, uid, edition);
    const bool exists = stored.has_value();
    const long long current = exists ? stored->version : 0;
    if (current != expected || version != expected + 1 || (exists && stored->status != "draft")) {
      throw stale_plan(current);
    }
    std::string status(to_string(plan.status)),
        number = plan.number, deadline = format_iso_date(plan.deadline),
        lock = format_iso_date(plan.lock_date),
        content = plan.content.dump(-1, ' ', false, json::error_handler_t::replace),
        by = plan.updated_by, docx = to_base64(plan.docx), pdf = to_base64(plan.pdf);
    long long at = plan.updated_at;
    std::optional<std::string> issued_on;
    if (plan.issued_on) issued_on = format_iso_date(*plan.issued_on);
    std::optional<long long> issued_at;
    if (plan.status == PlanStatus::issued) issued_at = plan.issued_at;
    if (exists) {
      // The version and the status in the WHERE clause are the compare-and-swap: a concurrent
      // writer that got here first makes this update match no row.
      const long long changed =
          connection
              .write<long long, std::string, std::string, Nullable<std::string>, std::string,
                     std::string, std::string, long long, std::string, Nullable<long long>,
                     std::string, std::string, long long, long long, long long, long long>(
                  "UPDATE level_plans SET version = :v, status = :s, number = :n, "
                  "issued_on = :o, deadline = :d, lock_date = :l, content_json = :t, "
                  "updated_at = :a, updated_by = :b, issued_at = :i, docx_b64 = :x, "
                  "pdf_b64 = :p WHERE campaign_id = :c AND unit_id = :u AND edition = :e "
                  "AND version = :expected AND status = 'draft'")
              .run(version, status, number, issued_on, deadline, lock, content, at, by, issued_at,
                   docx, pdf, cid, uid, edition, expected);
      if (changed != 1) throw stale_plan(current + 1);
    } else {
      insert_level_plan(connection, plan);
    }
    // Issuing changes the dates of the units below: cached summaries (lateness) are stale.
    if (plan.status == PlanStatus::issued) {
      bump_revision(connection, cid);
      // Every account of a unit below the node finds the plan among its notices, in the same
      // transaction. The prefix is the node's stored path (digits and slashes only).
      const auto node_path =
          connection.prepared<TextRow, long long>("SELECT path FROM units WHERE id = :u").one(uid);
      const std::string below = (node_path ? node_path->value : std::string()) + "%";
      connection
          .write<long long, long long, long long, long long, std::string, long long>(
              "INSERT INTO notifications (user_id, campaign_id, unit_id, kind, version, at) "
              "SELECT us.id, :c, :u, 'plan', :e, :at FROM users us JOIN units un ON "
              "un.id = us.unit_id WHERE us.disabled = 0 AND un.path LIKE :below AND un.id <> :u2")
          .run(cid, uid, edition, at, below, uid);
    }
  });
}

namespace {

// An issued edition's dates with its node, as issued_plans and issued_plan_dates_above read it.
struct IssuedDatesRow {
  long long unit_id = 0, edition = 0;
  std::string code, path, deadline, lock;

  void bind(soci::statement& st) {
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(path));
    st.exchange(soci::into(edition));
    st.exchange(soci::into(deadline));
    st.exchange(soci::into(lock));
  }

  IssuedPlanDates to_dates() const {
    return {unit_id, code, path, int(edition), date_column(deadline), date_column(lock)};
  }
};

constexpr const char* kIssuedDates =
    "SELECT u.id, u.code, u.path, p.edition, p.deadline, p.lock_date "
    "FROM level_plans p JOIN units u ON u.id = p.unit_id "
    "WHERE p.campaign_id = :c AND p.status = 'issued' ";

}  // namespace

std::vector<IssuedPlanDates> SqlPlanStore::issued_plans(std::int64_t campaign_id) {
  std::vector<IssuedPlanDates> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<IssuedDatesRow, long long>(std::string(kIssuedDates) +
                                            "ORDER BY u.path, p.edition")
      .each(
          [&](const IssuedDatesRow& row) {
            // Editions come in order: a later one of the same node replaces the earlier.
            if (!found.empty() && found.back().unit_id == row.unit_id) {
              found.back() = row.to_dates();
            } else {
              found.push_back(row.to_dates());
            }
          },
          campaign_id);
  return found;
}

std::vector<IssuedPlanDates> SqlPlanStore::issued_plan_dates_above(std::int64_t campaign_id,
                                                                   const std::string& unit_path) {
  // Every report save and submit asks (the dates a unit works under): prepared once per
  // connection.
  std::vector<IssuedPlanDates> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<IssuedDatesRow, long long, std::string, std::string>(
          std::string(kIssuedDates) +
          "AND length(u.path) < length(CAST(:p1 AS TEXT)) "
          "AND substr(CAST(:p2 AS TEXT), 1, length(u.path)) = u.path")
      .each([&](const IssuedDatesRow& row) { found.push_back(row.to_dates()); }, campaign_id,
            unit_path, unit_path);
  return found;
}

}  // namespace llw::sql
