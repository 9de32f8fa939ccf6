// SqlNotificationStore and the writers of in-app notifications: the notices of a submit to the
// coordinators of the units above (inserted inside write_report's transaction), and a user's list,
// unread count and marking read. Every statement is prepared once per connection; the unread count,
// which every page asks, is one range of a partial index.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_notification_store.h"

namespace llw::sql {
namespace {

// "/1/17/342/" → the ids of the units above 342 (1 and 17), without it.
std::vector<std::int64_t> ancestors_above(const std::string& path) {
  std::vector<std::int64_t> ids = path_ids(path);
  if (!ids.empty()) ids.pop_back();  // the unit itself
  return ids;
}

}  // namespace

void insert_submit_notifications(Connection& connection, const UnitReport& report,
                                 const std::string& unit_path) {
  const std::vector<std::int64_t> above = ancestors_above(unit_path);
  if (above.empty()) return;
  // One text per depth of the tree (a placeholder per unit above), every value bound.
  std::vector<ParamValue> values{
      static_cast<long long>(report.campaign_id), static_cast<long long>(report.unit_id),
      static_cast<long long>(report.version), static_cast<long long>(report.updated_at)};
  std::string list;
  for (const auto id : above) {
    list += (list.empty() ? ":a" : ", :a") + std::to_string(values.size());
    values.emplace_back(static_cast<long long>(id));
  }
  connection
      .prepared_list<NoRow>(
          "INSERT INTO notifications (user_id, campaign_id, unit_id, kind, version, at) "
          "SELECT id, :c, :u, 'submit', :v, :at FROM users WHERE role = 'coordinator' AND "
          "disabled = 0 AND unit_id IN (" +
              list + ")",
          values)
      .run(values);
}

void insert_unit_notifications(Connection& connection, const UnitReport& report,
                               const std::string& kind) {
  // The unit's own accounts learn of a return, an accept or a reopen (kind: the action).
  const long long cid = report.campaign_id, uid = report.unit_id;
  connection
      .write<long long, long long, std::string, long long, long long, long long>(
          "INSERT INTO notifications (user_id, campaign_id, unit_id, kind, version, at) "
          "SELECT id, :c, :u, :k, :v, :at FROM users WHERE role IN ('reporter', 'coordinator') "
          "AND disabled = 0 AND unit_id = :u2")
      .run(cid, uid, kind, report.version, report.updated_at, uid);
}

namespace {

struct NotificationRow {
  long long id = 0, campaign_id = 0, unit_id = 0, version = 0, at = 0, read_at = 0;
  soci::indicator read_indicator = soci::i_ok;
  std::string code, name, kind, comment;
  soci::indicator comment_indicator = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(campaign_id));
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(at));
    st.exchange(soci::into(read_at, read_indicator));
    st.exchange(soci::into(comment, comment_indicator));
  }
};

}  // namespace

std::vector<Notification> SqlNotificationStore::notifications(std::int64_t user_id, int limit) {
  // The notification page and the API list: prepared once per connection.
  std::vector<Notification> list;
  auto connection = context_.pool().acquire();
  const long long user = user_id, max = std::clamp(limit, 1, 1000);
  connection
      ->prepared<NotificationRow, long long, long long>(
          "SELECT n.id, n.campaign_id, n.unit_id, u.code, u.name, n.kind, n.version, n.at, "
          "n.read_at, v.comment FROM notifications n JOIN units u ON u.id = n.unit_id "
          "LEFT JOIN report_versions v ON v.campaign_id = n.campaign_id AND "
          "v.unit_id = n.unit_id AND v.version = n.version "
          "WHERE n.user_id = :user ORDER BY n.id DESC LIMIT :max")
      .each(
          [&](const NotificationRow& row) {
            Notification notification;
            notification.id = row.id;
            notification.user_id = user_id;
            notification.campaign_id = row.campaign_id;
            notification.unit_id = row.unit_id;
            notification.unit_code = row.code;
            notification.unit_name = row.name;
            notification.kind = row.kind;
            notification.version = row.version;
            notification.at = row.at;
            if (row.read_indicator == soci::i_ok) notification.read_at = row.read_at;
            if (row.comment_indicator == soci::i_ok) notification.comment = row.comment;
            list.push_back(std::move(notification));
          },
          user, max);
  return list;
}

std::int64_t SqlNotificationStore::unread_notifications(std::int64_t user_id) {
  // Asked by every page a signed-in user opens (its navigation): prepared once per connection.
  auto connection = context_.pool().acquire();
  const auto row =
      connection
          ->prepared<CountRow, long long>(
              "SELECT COUNT(*) FROM notifications WHERE user_id = :user AND read_at IS NULL")
          .one(user_id);
  return row ? row->value : 0;
}

void SqlNotificationStore::mark_notifications_read(std::int64_t user_id, std::int64_t up_to_id,
                                                   Timestamp at) {
  context_.with_write_connection([&](Connection& connection) {
    connection
        .write<long long, long long, long long>(
            "UPDATE notifications SET read_at = :at WHERE user_id = :user AND id <= :last AND "
            "read_at IS NULL")
        .run(at, user_id, up_to_id);
  });
}

}  // namespace llw::sql
