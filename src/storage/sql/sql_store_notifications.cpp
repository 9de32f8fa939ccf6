// SqlStore members for in-app notifications: the notices of a submit to the coordinators of the
// units above (inserted inside write_report's transaction), and a user's list, unread count and
// marking read. Plain SOCI statements (a submit is rare next to draft saves) except the unread
// count, which every page asks: one range of a partial index, prepared once per connection.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_store.h"

namespace llw::sql {
namespace {

// "/1/17/342/" → "1,17" (the ancestors of 342, without it): an IN list of integers read from
// the stored path, so nothing typed by a user reaches the statement's text.
std::string ancestors_above(const std::string& path) {
  std::vector<std::int64_t> ids = path_ids(path);
  if (!ids.empty()) ids.pop_back();  // the unit itself
  std::string list;
  for (const auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  return list;
}

}  // namespace

void SqlStore::insert_submit_notifications(soci::session& sql, const UnitReport& report,
                                           const std::string& unit_path) {
  const std::string above = ancestors_above(unit_path);
  if (above.empty()) return;
  long long cid = report.campaign_id, uid = report.unit_id, version = report.version,
            at = report.updated_at;
  sql << "INSERT INTO notifications (user_id, campaign_id, unit_id, kind, version, at) "
         "SELECT id, :c, :u, 'submit', :v, :at FROM users WHERE role = 'coordinator' AND "
         "disabled = 0 AND unit_id IN (" +
             above + ")",
      soci::use(cid), soci::use(uid), soci::use(version), soci::use(at);
}

std::vector<Notification> SqlStore::notifications(std::int64_t user_id, int limit) {
  std::vector<Notification> list;
  with_session([&](soci::session& sql) {
    long long user = user_id, max = std::clamp(limit, 1, 1000);
    long long id = 0, cid = 0, uid = 0, version = 0, at = 0, read_at = 0;
    soci::indicator read_ind = soci::i_ok;
    std::string code, name, kind;
    soci::statement st =
        (sql.prepare << "SELECT n.id, n.campaign_id, n.unit_id, u.code, u.name, n.kind, "
                        "n.version, n.at, n.read_at FROM notifications n "
                        "JOIN units u ON u.id = n.unit_id WHERE n.user_id = :user "
                        "ORDER BY n.id DESC LIMIT :max",
         soci::into(id), soci::into(cid), soci::into(uid), soci::into(code), soci::into(name),
         soci::into(kind), soci::into(version), soci::into(at), soci::into(read_at, read_ind),
         soci::use(user), soci::use(max));
    st.execute(false);
    while (st.fetch()) {
      Notification notification;
      notification.id = id;
      notification.user_id = user_id;
      notification.campaign_id = cid;
      notification.unit_id = uid;
      notification.unit_code = code;
      notification.unit_name = name;
      notification.kind = kind;
      notification.version = version;
      notification.at = at;
      if (read_ind == soci::i_ok) notification.read_at = read_at;
      list.push_back(std::move(notification));
    }
  });
  return list;
}

std::int64_t SqlStore::unread_notifications(std::int64_t user_id) {
  // Asked by every page a signed-in user opens (its navigation): prepared once per connection.
  auto connection = pool_->acquire();
  const auto row =
      connection
          ->prepared<CountRow, long long>(
              "SELECT COUNT(*) FROM notifications WHERE user_id = :user AND read_at IS NULL")
          .one(user_id);
  return row ? row->value : 0;
}

void SqlStore::mark_notifications_read(std::int64_t user_id, std::int64_t up_to_id, Timestamp at) {
  with_write_session([&](soci::session& sql) {
    long long user = user_id, last = up_to_id, when = at;
    sql << "UPDATE notifications SET read_at = :at WHERE user_id = :user AND id <= :last AND "
           "read_at IS NULL",
        soci::use(when), soci::use(user), soci::use(last);
  });
}

}  // namespace llw::sql
