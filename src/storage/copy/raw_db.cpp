#include "storage/copy/raw_db.h"

#include "domain/error.h"
#include "storage/open_store.h"

namespace llw::copy {

std::string quoted(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void fail(const std::string& message) { throw Error(ErrorKind::internal, message); }

std::int64_t Db::count(const std::string& table) {
  return std::stoll(query("SELECT COUNT(*) FROM " + quoted(table)).at(0).at(0).value());
}

std::unique_ptr<Db> open_raw(const std::string& url, bool read_only) {
  if (is_postgresql_url(url)) return open_postgres_raw(url);
  return open_sqlite_raw(url, read_only);
}

}  // namespace llw::copy
