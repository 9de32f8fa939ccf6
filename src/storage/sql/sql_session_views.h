#pragma once
// The SessionViews port: what a signed-in page view reads first, in one statement.
// Defined in sql_session_views.cpp.

#include "domain/session_view.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlSessionViews : public SessionViews {
 public:
  explicit SqlSessionViews(SqlContext& context) : context_(context) {}

  std::optional<SessionView> session_view(const std::string& token_hash, Timestamp now,
                                          std::int64_t campaign_id) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
