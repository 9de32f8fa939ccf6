// SqlSignedCopyStore (the SignedCopyStore port, domain/signed_copy_store.h): a row per uploaded
// signed copy, its PDF in the row's blob (binary_column.h), written in one transaction. A unit
// report's copies are rows of signed_copies (migration 037), a consolidated report's of
// consolidated_signed_copies (migration 039): the same columns, each table's rows bound by a
// foreign key to the report they are a copy of.
#include "storage/sql/sql_signed_copy_store.h"

#include "storage/sql/binary_column.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_queries.h"
#include "storage/sql/write_transaction.h"

namespace llw::sql {

namespace {

constexpr const char* kCopyColumns =
    "SELECT id, campaign_id, unit_id, report_version, status, signer, signer_name, issuer, "
    "serial, valid_from, valid_until, signed_at, detail, sha256, size, uploaded_by, uploaded_at "
    "FROM ";

// The table of a kind's copies.
std::string table_of(SignedCopyKind kind) {
  return kind == SignedCopyKind::consolidated ? "consolidated_signed_copies" : "signed_copies";
}

struct CopyRow {
  SignedCopy copy;
  long long id = 0, campaign_id = 0, unit_id = 0, version = 0, size = 0, by = 0, at = 0;
  soci::indicator by_indicator = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(campaign_id));
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(version));
    st.exchange(soci::into(copy.status));
    st.exchange(soci::into(copy.signer));
    st.exchange(soci::into(copy.signer_name));
    st.exchange(soci::into(copy.issuer));
    st.exchange(soci::into(copy.serial));
    st.exchange(soci::into(copy.valid_from));
    st.exchange(soci::into(copy.valid_until));
    st.exchange(soci::into(copy.signed_at));
    st.exchange(soci::into(copy.detail));
    st.exchange(soci::into(copy.sha256));
    st.exchange(soci::into(size));
    st.exchange(soci::into(by, by_indicator));
    st.exchange(soci::into(at));
  }

  SignedCopy to_copy(SignedCopyKind kind) const {
    SignedCopy result = copy;
    result.id = id;
    result.kind = kind;
    result.campaign_id = campaign_id;
    result.unit_id = unit_id;
    result.report_version = version;
    result.size = size;
    if (by_indicator == soci::i_ok) result.uploaded_by = by;
    result.uploaded_at = at;
    return result;
  }
};

}  // namespace

SignedCopy SqlSignedCopyStore::add(const SignedCopy& copy, const std::string& pdf) {
  const std::string table = table_of(copy.kind);
  const long long id = context_.write_transaction([&](Connection& connection) {
    Nullable<long long> by(copy.uploaded_by ? std::optional<long long>(*copy.uploaded_by)
                                            : std::nullopt);
    const long long inserted =
        connection
            .prepared<CountRow, long long, long long, long long, std::string, std::string,
                      std::string, std::string, std::string, std::string, std::string, std::string,
                      std::string, std::string, long long, Nullable<long long>, long long>(
                "INSERT INTO " + table +
                " (campaign_id, unit_id, report_version, status, signer, "
                "signer_name, issuer, serial, valid_from, valid_until, signed_at, detail, sha256, "
                "size, uploaded_by, uploaded_at) VALUES (:c, :u, :v, :st, :si, :sn, :is, :se, "
                ":vf, :vu, :sa, :d, :h, :sz, :by, :at) RETURNING id")
            .one(copy.campaign_id, copy.unit_id, copy.report_version, copy.status, copy.signer,
                 copy.signer_name, copy.issuer, copy.serial, copy.valid_from, copy.valid_until,
                 copy.signed_at, copy.detail, copy.sha256, static_cast<long long>(pdf.size()), by,
                 copy.uploaded_at)
            .value()
            .value;
    write_blob(connection.sql, context_.dialect(), table, "pdf", "id", inserted, pdf);
    if (copy.kind == SignedCopyKind::consolidated) bump_revision(connection, copy.campaign_id);
    return inserted;
  });
  SignedCopy stored = copy;
  stored.id = id;
  stored.size = static_cast<std::int64_t>(pdf.size());
  return stored;
}

std::optional<SignedCopy> SqlSignedCopyStore::latest(SignedCopyKind kind, std::int64_t campaign_id,
                                                     std::int64_t unit_id) {
  auto connection = context_.pool().acquire();
  const auto row = connection
                       ->prepared<CopyRow, long long, long long>(
                           kCopyColumns + table_of(kind) +
                           " WHERE campaign_id = :c AND unit_id = :u ORDER BY id DESC LIMIT 1")
                       .one(campaign_id, unit_id);
  if (!row) return std::nullopt;
  return row->to_copy(kind);
}

std::optional<std::string> SqlSignedCopyStore::file(SignedCopyKind kind, std::int64_t campaign_id,
                                                    std::int64_t unit_id, std::int64_t id) {
  const std::string table = table_of(kind);
  auto connection = context_.pool().acquire();
  const auto owner =
      connection
          ->prepared<CountRow, long long, long long, long long>(
              "SELECT id FROM " + table + " WHERE campaign_id = :c AND unit_id = :u AND id = :id")
          .one(campaign_id, unit_id, id);
  if (!owner) return std::nullopt;
  return read_blob(connection->sql, context_.dialect(), table, "pdf", "id",
                   static_cast<long long>(id));
}

bool SqlSignedCopyStore::required(std::int64_t campaign_id) {
  auto connection = context_.pool().acquire();
  const auto row = connection
                       ->prepared<CountRow, long long>(
                           "SELECT required FROM signed_copy_policies WHERE campaign_id = :c")
                       .one(campaign_id);
  return row && row->value != 0;
}

void SqlSignedCopyStore::set_required(std::int64_t campaign_id, bool required) {
  context_.write_transaction([&](Connection& connection) {
    connection
        .write<long long, long long>(
            "INSERT INTO signed_copy_policies (campaign_id, required) VALUES (:c, :r) "
            "ON CONFLICT (campaign_id) DO UPDATE SET required = excluded.required")
        .run(campaign_id, required ? 1 : 0);
    bump_revision(connection, campaign_id);
  });
}

}  // namespace llw::sql
