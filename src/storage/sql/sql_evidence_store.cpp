// SqlEvidenceStore (the EvidenceStore port, domain/evidence_store.h): evidence files in the
// database, content-addressed, and the attachments of reports. The bytes are read as
// binary_column.h says; a file's row, with its two blobs, is inserted in one statement through
// the backend's own API (sqlite3, libpq), the blobs bound as bytes without a copy.
#include "storage/sql/sql_evidence_store.h"

#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "storage/sql/binary_column.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

namespace {

// SQLite: the file's row through the connection's own handle (the blobs bound as bytes), inside
// the write transaction the connection is in.
void insert_file_sqlite(soci::session& session, const EvidenceFile& file, Timestamp at) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  sqlite_api::sqlite3* db = backend->conn_;
  sqlite_api::sqlite3_stmt* statement = nullptr;
  const char* text =
      "INSERT INTO evidence_files (sha256, kind, content_type, size, content, thumbnail, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING";
  if (sqlite_api::sqlite3_prepare_v2(db, text, -1, &statement, nullptr) != 0) {
    throw std::runtime_error(std::string("evidence: ") + sqlite_api::sqlite3_errmsg(db));
  }
  auto bind_text = [&](int index, const std::string& value) {
    sqlite_api::sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()),
                                  nullptr);
  };
  auto bind_blob = [&](int index, const std::string& value) {
    sqlite_api::sqlite3_bind_blob(statement, index, value.data(), static_cast<int>(value.size()),
                                  nullptr);
  };
  bind_text(1, file.sha256);
  bind_text(2, file.kind);
  bind_text(3, file.content_type);
  sqlite_api::sqlite3_bind_int64(statement, 4, static_cast<long long>(file.content.size()));
  bind_blob(5, file.content);
  if (file.thumbnail.empty()) {
    sqlite_api::sqlite3_bind_null(statement, 6);
  } else {
    bind_blob(6, file.thumbnail);
  }
  sqlite_api::sqlite3_bind_int64(statement, 7, at);
  const int result = sqlite_api::sqlite3_step(statement);
  sqlite_api::sqlite3_finalize(statement);
  if (result != 101 /* SQLITE_DONE */) {
    throw std::runtime_error(std::string("evidence: ") + sqlite_api::sqlite3_errmsg(db));
  }
}

// PostgreSQL: the file's row through the connection's own libpq handle, the blobs sent as binary
// parameters (no hex text of twice the size, no copy of it by SOCI), inside the transaction the
// connection is in.
void insert_file_postgresql(soci::session& session, const EvidenceFile& file, Timestamp at) {
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
  const std::string size = std::to_string(file.content.size());
  const std::string created = std::to_string(at);
  const std::array<const char*, 7> values = {
      file.sha256.c_str(),
      file.kind.c_str(),
      file.content_type.c_str(),
      size.c_str(),
      file.content.data(),
      file.thumbnail.empty() ? nullptr : file.thumbnail.data(),
      created.c_str()};
  const std::array<int, 7> lengths = {
      0, 0, 0, 0, static_cast<int>(file.content.size()), static_cast<int>(file.thumbnail.size()),
      0};
  const std::array<int, 7> binary = {0, 0, 0, 0, 1, 1, 0};
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexecParams(conn,
                   "INSERT INTO evidence_files (sha256, kind, content_type, size, content, "
                   "thumbnail, created_at) VALUES ($1, $2, $3, $4::bigint, $5::bytea, $6::bytea, "
                   "$7::bigint) ON CONFLICT (sha256) DO NOTHING",
                   7, nullptr, values.data(), lengths.data(), binary.data(), 0),
      &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(std::string("evidence: ") + PQerrorMessage(conn));
  }
}

constexpr const char* kAttachmentSelect =
    "SELECT e.id, e.campaign_id, e.unit_id, e.file_sha256, e.caption, e.original_name, e.kind, "
    "f.content_type, f.size, CASE WHEN f.thumbnail IS NULL THEN 0 ELSE 1 END, e.taken_at, "
    "e.added_by, e.added_at, e.removed, e.item_key, e.added_version, e.removed_version, "
    "e.removed_at";
constexpr const char* kAttachmentFrom =
    " FROM evidence e JOIN evidence_files f ON f.sha256 = e.file_sha256 ";
const std::string kAttachmentColumns = std::string(kAttachmentSelect) + kAttachmentFrom;

// A gallery's photos: the attachment's columns, its unit's code and name, and whether the node
// (the first parameter) picked it for its annex; the photos of one campaign (the second) in a
// subtree's path range (the third and fourth), not removed. `evidence_first` starts from the
// campaign's photos (CROSS JOIN fixes SQLite's order; PostgreSQL plans it as the inner join it
// is) instead of from the subtree's reports: see few_campaign_photos.
std::string gallery_photos_sql(bool evidence_first) {
  return std::string(kAttachmentSelect) +
         ", u.code, u.name, CASE WHEN a.evidence_id IS NULL THEN 0 ELSE 1 END FROM evidence e " +
         (evidence_first ? "CROSS JOIN reports r " : "JOIN reports r ") +
         "JOIN evidence_files f ON f.sha256 = e.file_sha256 "
         "JOIN units u ON u.id = e.unit_id "
         "LEFT JOIN evidence_annex a ON a.campaign_id = e.campaign_id AND a.unit_id = :node "
         "AND a.evidence_id = e.id "
         "WHERE r.campaign_id = e.campaign_id AND r.unit_id = e.unit_id AND e.campaign_id = :c "
         "AND r.path >= :low AND r.path < :high AND e.kind = 'photo' AND e.removed = 0 ";
}

std::string count_photos_sql(bool evidence_first) {
  return std::string("SELECT COUNT(*) FROM evidence e ") +
         (evidence_first ? "CROSS JOIN reports r " : "JOIN reports r ") +
         "WHERE r.campaign_id = e.campaign_id AND r.unit_id = e.unit_id AND e.campaign_id = :c "
         "AND r.path >= :low AND r.path < :high AND e.kind = 'photo' AND e.removed = 0";
}

// Below this many photos in the whole campaign, a gallery reads them all and keeps its subtree's:
// cheaper than probing every report of a large subtree, which SQLite otherwise starts from (the
// country's gallery took 0.8 s on the national demo without a photo). Above it, the subtree's
// reports come first, which is the cheaper side for the communes that open galleries most.
constexpr long long kFewPhotos = 2000;

// The photos a node picked for its annex, still attached in its subtree: driven by the node's
// picks (at most a few dozen). CROSS JOIN keeps SQLite from starting at the subtree's reports,
// which for the country is a scan of every report (200 ms on the national demo); PostgreSQL
// plans it as the inner join it is. Parameters: the campaign, the node, the path range, the limit.
const std::string kAnnexPhotos =
    std::string(kAttachmentSelect) +
    ", u.code, u.name, 1 FROM evidence_annex a CROSS JOIN evidence e "
    "JOIN evidence_files f ON f.sha256 = e.file_sha256 "
    "JOIN reports r ON r.campaign_id = e.campaign_id AND r.unit_id = e.unit_id "
    "JOIN units u ON u.id = e.unit_id "
    "WHERE a.campaign_id = :c AND a.unit_id = :node AND e.id = a.evidence_id "
    "AND e.campaign_id = a.campaign_id AND r.path >= :low AND r.path < :high "
    "AND e.kind = 'photo' AND e.removed = 0 ORDER BY r.path, e.id LIMIT :n";

struct AttachmentRow {
  long long id = 0, campaign_id = 0, unit_id = 0, size = 0, added_by = 0, added_at = 0;
  long long added_version = 0, removed_version = 0, removed_at = 0;
  std::string sha256, caption, original_name, kind, content_type, taken_at, item_key;
  int has_thumbnail = 0, removed = 0;
  soci::indicator taken_at_indicator = soci::i_null, added_by_indicator = soci::i_null;
  soci::indicator item_key_indicator = soci::i_null, removed_version_indicator = soci::i_null;
  soci::indicator removed_at_indicator = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(campaign_id));
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(sha256));
    st.exchange(soci::into(caption));
    st.exchange(soci::into(original_name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(content_type));
    st.exchange(soci::into(size));
    st.exchange(soci::into(has_thumbnail));
    st.exchange(soci::into(taken_at, taken_at_indicator));
    st.exchange(soci::into(added_by, added_by_indicator));
    st.exchange(soci::into(added_at));
    st.exchange(soci::into(removed));
    st.exchange(soci::into(item_key, item_key_indicator));
    st.exchange(soci::into(added_version));
    st.exchange(soci::into(removed_version, removed_version_indicator));
    st.exchange(soci::into(removed_at, removed_at_indicator));
  }

  EvidenceAttachment to_attachment() const {
    EvidenceAttachment a;
    a.id = id;
    a.campaign_id = campaign_id;
    a.unit_id = unit_id;
    a.sha256 = sha256;
    a.caption = caption;
    a.original_name = original_name;
    a.kind = kind;
    a.content_type = content_type;
    a.size = size;
    a.has_thumbnail = has_thumbnail != 0;
    if (taken_at_indicator == soci::i_ok) a.taken_at = taken_at;
    if (added_by_indicator == soci::i_ok) a.added_by = added_by;
    a.added_at = added_at;
    a.removed = removed != 0;
    if (item_key_indicator == soci::i_ok) a.item_key = item_key;
    a.added_version = added_version;
    if (removed_version_indicator == soci::i_ok) a.removed_version = removed_version;
    if (removed_at_indicator == soci::i_ok) a.removed_at = removed_at;
    return a;
  }
};

struct GalleryRow {
  AttachmentRow attachment;
  std::string unit_code, unit_name;
  int in_annex = 0;

  void bind(soci::statement& st) {
    attachment.bind(st);
    st.exchange(soci::into(unit_code));
    st.exchange(soci::into(unit_name));
    st.exchange(soci::into(in_annex));
  }

  GalleryPhoto to_photo() const {
    return GalleryPhoto{attachment.to_attachment(), unit_code, unit_name, in_annex != 0, {}};
  }
};

// An attachment's columns, then its unit's code and name.
struct UnitAttachmentRow {
  AttachmentRow attachment;
  std::string unit_code, unit_name;

  void bind(soci::statement& st) {
    attachment.bind(st);
    st.exchange(soci::into(unit_code));
    st.exchange(soci::into(unit_name));
  }
};

std::optional<EvidenceAttachment> read_attachment(Connection& connection, long long campaign_id,
                                                  long long unit_id, long long id) {
  const auto row =
      connection
          .prepared<AttachmentRow, long long, long long, long long>(
              kAttachmentColumns + "WHERE e.campaign_id = :c AND e.unit_id = :u AND e.id = :id")
          .one(campaign_id, unit_id, id);
  if (!row) return std::nullopt;
  return row->to_attachment();
}

bool few_campaign_photos(Connection& connection, long long campaign_id) {
  return connection
             .prepared<CountRow, long long, long long>(
                 "SELECT COUNT(*) FROM (SELECT 1 FROM evidence WHERE campaign_id = :c "
                 "AND kind = 'photo' AND removed = 0 LIMIT :n) few")
             .one(campaign_id, kFewPhotos)
             .value()
             .value < kFewPhotos;
}

// Thrown inside a write transaction that must leave nothing behind, not even the audit entry the
// use case staged for it (which a committed transaction would store as a success).
struct NothingToWrite {};

}  // namespace

std::optional<EvidenceAttachment> SqlEvidenceStore::attach(const EvidenceFile& file,
                                                           const EvidenceAttachment& attachment,
                                                           int max_per_report) {
  const bool sqlite = is_sqlite(context_.dialect());
  std::optional<long long> id;
  try {
    id = context_.write_transaction([&](Connection& connection) {
      const long long campaign_id = attachment.campaign_id;
      const long long unit_id = attachment.unit_id;
      // The report's row is locked on PostgreSQL, so two uploads at once count each other.
      if (!sqlite) {
        connection
            .prepared<CountRow, long long, long long>(
                "SELECT unit_id FROM reports WHERE campaign_id = :c AND unit_id = :u FOR UPDATE")
            .one(campaign_id, unit_id);
      }
      const long long attached = connection
                                     .prepared<CountRow, long long, long long>(
                                         "SELECT COUNT(*) FROM evidence WHERE campaign_id = :c "
                                         "AND unit_id = :u AND removed = 0")
                                     .one(campaign_id, unit_id)
                                     .value()
                                     .value;
      if (attached >= max_per_report) throw NothingToWrite{};
      if (sqlite) {
        insert_file_sqlite(connection.sql, file, attachment.added_at);
      } else {
        insert_file_postgresql(connection.sql, file, attachment.added_at);
      }
      Nullable<std::string> taken_at(attachment.taken_at);
      Nullable<long long> added_by(
          attachment.added_by ? std::optional<long long>(*attachment.added_by) : std::nullopt);
      Nullable<std::string> item_key(attachment.item_key);
      // The report's version is read in the same statement, so the history places the
      // attachment between the versions it came between.
      return std::optional<long long>(
          connection
              .prepared<CountRow, long long, long long, std::string, std::string, std::string,
                        std::string, Nullable<std::string>, Nullable<std::string>,
                        Nullable<long long>, long long, long long, long long>(
                  "INSERT INTO evidence (campaign_id, unit_id, file_sha256, caption, "
                  "original_name, kind, item_key, taken_at, added_by, added_at, added_version) "
                  "VALUES (:c, :u, :h, :caption, :name, :kind, :item, :taken, :by, :at, "
                  "(SELECT r.version FROM reports r WHERE r.campaign_id = :rc AND r.unit_id = "
                  ":ru)) RETURNING id")
              .one(campaign_id, unit_id, file.sha256, attachment.caption, attachment.original_name,
                   file.kind, item_key, taken_at, added_by, attachment.added_at, campaign_id,
                   unit_id)
              .value()
              .value);
    });
  } catch (const NothingToWrite&) {
    return std::nullopt;
  }
  return find_attachment(attachment.campaign_id, attachment.unit_id, *id);
}

std::vector<EvidenceAttachment> SqlEvidenceStore::attachments(std::int64_t campaign_id,
                                                              std::int64_t unit_id) {
  std::vector<EvidenceAttachment> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<AttachmentRow, long long, long long>(
          kAttachmentColumns +
          "WHERE e.campaign_id = :c AND e.unit_id = :u AND e.removed = 0 ORDER BY e.id")
      .each([&](const AttachmentRow& row) { found.push_back(row.to_attachment()); }, campaign_id,
            unit_id);
  return found;
}

std::vector<EvidenceAttachment> SqlEvidenceStore::attachment_history(std::int64_t campaign_id,
                                                                     std::int64_t unit_id) {
  std::vector<EvidenceAttachment> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<AttachmentRow, long long, long long>(
          kAttachmentColumns + "WHERE e.campaign_id = :c AND e.unit_id = :u ORDER BY e.id")
      .each([&](const AttachmentRow& row) { found.push_back(row.to_attachment()); }, campaign_id,
            unit_id);
  return found;
}

std::optional<EvidenceAttachment> SqlEvidenceStore::find_attachment(std::int64_t campaign_id,
                                                                    std::int64_t unit_id,
                                                                    std::int64_t id) {
  auto connection = context_.pool().acquire();
  return read_attachment(*connection, campaign_id, unit_id, id);
}

std::optional<std::string> SqlEvidenceStore::file_content(const std::string& sha256,
                                                          bool thumbnail) {
  auto connection = context_.pool().acquire();
  return read_blob(connection->sql, context_.dialect(), "evidence_files",
                   thumbnail ? "thumbnail" : "content", "sha256", sha256);
}

bool SqlEvidenceStore::remove_attachment(std::int64_t campaign_id, std::int64_t unit_id,
                                         std::int64_t id, std::optional<std::int64_t> removed_by,
                                         Timestamp at) {
  try {
    context_.write_transaction([&](Connection& connection) {
      Nullable<long long> by(removed_by ? std::optional<long long>(*removed_by) : std::nullopt);
      if (connection
              .write<Nullable<long long>, long long, long long, long long, long long>(
                  "UPDATE evidence SET removed = 1, removed_by = :by, removed_at = :at, "
                  "removed_version = (SELECT r.version FROM reports r WHERE r.campaign_id = "
                  "evidence.campaign_id AND r.unit_id = evidence.unit_id) "
                  "WHERE campaign_id = :c AND unit_id = :u AND id = :id AND removed = 0")
              .run(by, at, campaign_id, unit_id, id) != 1) {
        throw NothingToWrite{};
      }
    });
  } catch (const NothingToWrite&) {
    return false;
  }
  return true;
}

std::vector<std::string> SqlEvidenceStore::other_units_with_file(const std::string& sha256,
                                                                 std::int64_t unit_id, int limit) {
  std::vector<std::string> codes;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<TextRow, std::string, long long, long long>(
          "SELECT DISTINCT u.code FROM evidence e JOIN units u ON u.id = e.unit_id "
          "WHERE e.file_sha256 = :h AND e.unit_id <> :u AND e.removed = 0 ORDER BY u.code "
          "LIMIT :n")
      .each([&](const TextRow& row) { codes.push_back(row.value); }, sha256, unit_id,
            static_cast<long long>(std::max(limit, 0)));
  return codes;
}

std::vector<int> SqlEvidenceStore::earlier_years_with_file(const std::string& sha256, int year,
                                                           int limit) {
  std::vector<int> years;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<CountRow, std::string, long long, long long>(
          "SELECT DISTINCT c.year FROM evidence e JOIN campaigns c ON c.id = e.campaign_id "
          "WHERE e.file_sha256 = :h AND c.year < :y AND e.removed = 0 ORDER BY c.year DESC "
          "LIMIT :n")
      .each([&](const CountRow& row) { years.push_back(static_cast<int>(row.value)); }, sha256,
            static_cast<long long>(year), static_cast<long long>(std::max(limit, 0)));
  return years;
}

std::vector<GalleryPhoto> SqlEvidenceStore::subtree_photos(std::int64_t campaign_id,
                                                           const std::string& path,
                                                           std::int64_t annex_unit_id,
                                                           std::int64_t offset, int limit) {
  std::vector<GalleryPhoto> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<GalleryRow, long long, long long, std::string, std::string, long long, long long>(
          gallery_photos_sql(few_campaign_photos(*connection, campaign_id)) +
          "ORDER BY r.path, e.id LIMIT :n OFFSET :o")
      .each([&](const GalleryRow& row) { found.push_back(row.to_photo()); }, annex_unit_id,
            campaign_id, path, path_upper_bound(path), static_cast<long long>(std::max(limit, 0)),
            static_cast<long long>(std::max<std::int64_t>(offset, 0)));
  return found;
}

std::vector<UnitAttachment> SqlEvidenceStore::subtree_attachments(std::int64_t campaign_id,
                                                                  const std::string& path) {
  std::vector<UnitAttachment> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<UnitAttachmentRow, long long, std::string, std::string>(
          kAttachmentSelect + std::string(", u.code, u.name") + kAttachmentFrom +
          "JOIN reports r ON r.campaign_id = e.campaign_id AND r.unit_id = e.unit_id "
          "JOIN units u ON u.id = e.unit_id WHERE e.campaign_id = :c AND r.path >= :low AND "
          "r.path < :high AND e.removed = 0 ORDER BY r.path, e.id")
      .each(
          [&](const UnitAttachmentRow& row) {
            found.push_back(
                UnitAttachment{row.attachment.to_attachment(), row.unit_code, row.unit_name});
          },
          campaign_id, path, path_upper_bound(path));
  return found;
}

std::int64_t SqlEvidenceStore::count_subtree_photos(std::int64_t campaign_id,
                                                    const std::string& path) {
  auto connection = context_.pool().acquire();
  return connection
      ->prepared<CountRow, long long, std::string, std::string>(
          count_photos_sql(few_campaign_photos(*connection, campaign_id)))
      .one(campaign_id, path, path_upper_bound(path))
      .value()
      .value;
}

bool SqlEvidenceStore::set_in_annex(std::int64_t campaign_id, std::int64_t unit_id,
                                    const std::string& path, std::int64_t evidence_id,
                                    bool in_annex, std::optional<std::int64_t> by, Timestamp at) {
  try {
    context_.write_transaction([&](Connection& connection) {
      const bool in_subtree =
          connection
              .prepared<CountRow, long long, long long, std::string, std::string>(
                  "SELECT COUNT(*) FROM evidence e JOIN reports r ON r.campaign_id = "
                  "e.campaign_id AND r.unit_id = e.unit_id WHERE e.id = :id AND e.campaign_id = "
                  ":c AND r.path >= :low AND r.path < :high AND e.kind = 'photo' AND "
                  "e.removed = 0")
              .one(evidence_id, campaign_id, path, path_upper_bound(path))
              .value()
              .value > 0;
      if (!in_subtree) throw NothingToWrite{};
      if (in_annex) {
        Nullable<long long> added_by(by ? std::optional<long long>(*by) : std::nullopt);
        connection
            .write<long long, long long, long long, Nullable<long long>, long long>(
                "INSERT INTO evidence_annex (campaign_id, unit_id, evidence_id, added_by, "
                "added_at) VALUES (:c, :u, :e, :by, :at) ON CONFLICT DO NOTHING")
            .run(campaign_id, unit_id, evidence_id, added_by, at);
      } else {
        connection
            .write<long long, long long, long long>(
                "DELETE FROM evidence_annex WHERE campaign_id = :c AND unit_id = :u AND "
                "evidence_id = :e")
            .run(campaign_id, unit_id, evidence_id);
      }
    });
  } catch (const NothingToWrite&) {
    return false;
  }
  return true;
}

std::vector<GalleryPhoto> SqlEvidenceStore::annex_photos(std::int64_t campaign_id,
                                                         std::int64_t unit_id,
                                                         const std::string& path, int limit) {
  std::vector<GalleryPhoto> found;
  auto connection = context_.pool().acquire();
  connection
      ->prepared<GalleryRow, long long, long long, std::string, std::string, long long>(
          kAnnexPhotos)
      .each([&](const GalleryRow& row) { found.push_back(row.to_photo()); }, campaign_id, unit_id,
            path, path_upper_bound(path), static_cast<long long>(std::max(limit, 0)));
  return found;
}

}  // namespace llw::sql
