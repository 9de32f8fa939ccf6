#pragma once
// The SessionViews port (domain/session_view.h) answered from memory while nothing it was read
// from has changed (kept_reads.h, change_feed.h): a page view of a signed-in user then costs no
// round trip to the database. A view is kept per session and campaign and served until the
// change count moves or the session expires. A refusal (unknown, expired, disabled) is never kept.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "domain/session_view.h"
#include "storage/sql/change_feed.h"
#include "storage/sql/kept_reads.h"

namespace llw::sql {

class SessionViewCache : public SessionViews {
 public:
  SessionViewCache(SessionViews& source, std::shared_ptr<const ChangeFeed> changes);

  std::optional<SessionView> session_view(const std::string& token_hash, Timestamp now,
                                          std::int64_t campaign_id) override;

 private:
  SessionViews& source_;
  KeptReads<std::pair<std::string, std::int64_t>, SessionView> kept_;
};

}  // namespace llw::sql
