#pragma once
// The storage port of what every signed-in page view reads first, in one round trip to the
// database (on PostgreSQL each round trip costs about as much as the rest of a cached page):
// the session's account, its unread notices, a fingerprint of every campaign's revision and the
// revision of the campaign the page is about. Implemented by the SQL store
// (src/storage/sql/sql_session_views.cpp), on both backends.

#include <cstdint>
#include <optional>
#include <string>

#include "clock.h"
#include "user.h"

namespace llw {

// Campaigns are never deleted and their revisions only grow, so two equal fingerprints mean
// that no campaign was added or changed in between.
struct CampaignsFingerprint {
  std::int64_t count = 0;
  std::int64_t revisions = 0;  // the sum of every campaign's revision
  bool operator==(const CampaignsFingerprint&) const = default;
};

struct SessionView {
  User user;
  Timestamp expires_at = 0;               // when the session ends
  std::int64_t unread_notifications = 0;  // the account's unread notices, whatever its role
  CampaignsFingerprint campaigns;
  // The revision of the campaign asked for; empty when there is no such campaign (or none was
  // asked for).
  std::optional<std::int64_t> campaign_revision;
};

class SessionViews {
 public:
  virtual ~SessionViews() = default;

  // The session of `token_hash` if it is unexpired at `now` and its account enabled (as
  // Store::user_for_session), with the rest of the view read in the same statement.
  // `campaign_id` 0 asks for no campaign.
  virtual std::optional<SessionView> session_view(const std::string& token_hash, Timestamp now,
                                                  std::int64_t campaign_id) = 0;
};

}  // namespace llw
