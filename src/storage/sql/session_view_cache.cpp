#include "storage/sql/session_view_cache.h"

namespace llw::sql {

namespace {
constexpr std::size_t kViewsKept = 20'000;
}  // namespace

SessionViewCache::SessionViewCache(SessionViews& source, std::shared_ptr<const ChangeFeed> changes)
    : source_(source), kept_(std::move(changes), kViewsKept) {}

std::optional<SessionView> SessionViewCache::session_view(const std::string& token_hash,
                                                          Timestamp now, std::int64_t campaign_id) {
  return kept_.get(
      {token_hash, campaign_id}, [&] { return source_.session_view(token_hash, now, campaign_id); },
      [&](const SessionView& view) { return now < view.expires_at; });
}

}  // namespace llw::sql
