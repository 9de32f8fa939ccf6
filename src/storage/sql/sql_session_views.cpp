// SqlSessionViews, the SessionViews port (domain/session_view.h): the account of a session
// and what the frame of every page needs, read in one statement. The subqueries are an index
// lookup each (sessions by token hash, notifications by user and read_at, campaigns by id) and a
// pass over the campaigns table, which holds a handful of rows per year.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include "storage/sql/connection_pool.h"
#include "storage/sql/rows.h"
#include "storage/sql/sql_session_views.h"

namespace llw::sql {

namespace {

struct SessionViewRow {
  UserRow user;
  long long expires_at = 0;
  long long unread = 0;
  long long campaigns = 0;
  long long revisions = 0;
  long long campaign_revision = -1;  // -1: no such campaign

  void bind(soci::statement& st) {
    user.bind(st);
    st.exchange(soci::into(expires_at));
    st.exchange(soci::into(unread));
    st.exchange(soci::into(campaigns));
    st.exchange(soci::into(revisions));
    st.exchange(soci::into(campaign_revision));
  }
};

const std::string kSessionView =
    std::string("SELECT ") + kUserColumnList + ", s.expires_at" +
    ", (SELECT COUNT(*) FROM notifications n WHERE n.user_id = us.id AND n.read_at IS NULL)"
    ", (SELECT COUNT(*) FROM campaigns)"
    ", (SELECT CAST(COALESCE(SUM(revision), 0) AS BIGINT) FROM campaigns)"
    ", COALESCE((SELECT revision FROM campaigns WHERE id = :campaign), -1)" +
    kUserFrom +
    "JOIN sessions s ON s.user_id = us.id WHERE s.token_hash = :token AND s.expires_at > :now "
    "AND us.disabled = 0";

}  // namespace

std::optional<SessionView> SqlSessionViews::session_view(const std::string& token_hash,
                                                         Timestamp now, std::int64_t campaign_id) {
  auto connection = context_.pool().acquire();
  const long long campaign = campaign_id, at = now;
  const auto row =
      connection->prepared<SessionViewRow, long long, std::string, long long>(kSessionView)
          .one(campaign, token_hash, at);
  if (!row) return std::nullopt;
  SessionView view;
  view.user = row->user.to_user();
  view.expires_at = row->expires_at;
  view.unread_notifications = row->unread;
  view.campaigns = CampaignsFingerprint{row->campaigns, row->revisions};
  if (campaign_id != 0 && row->campaign_revision >= 0)
    view.campaign_revision = row->campaign_revision;
  return view;
}

}  // namespace llw::sql
