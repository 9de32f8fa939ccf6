#pragma once
// One transaction on a SOCI session, begun with the given statement (a writer's begin is the
// dialect's, see Dialect::begin_write; SOCI's own transaction always issues a plain BEGIN),
// committed by commit() and rolled back when it goes out of scope before that, so a body that
// throws changes nothing.

// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

namespace llw::sql {

class Transaction {
 public:
  Transaction(soci::session& sql, const char* begin) : sql_(sql) { sql_ << begin; }
  ~Transaction() {
    if (open_) {
      try {
        sql_ << "ROLLBACK";
      } catch (...) {
        // The connection may already have rolled back (SQLite after SQLITE_FULL or a failed
        // statement) or be gone (PostgreSQL, which then rolls back by itself); nothing to undo.
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    sql_ << "COMMIT";
    open_ = false;
  }

 private:
  soci::session& sql_;
  bool open_ = true;
};

}  // namespace llw::sql
