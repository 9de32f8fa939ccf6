#pragma once
// The pool that leases the SQL store's connections (connection.h) to requests.

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/error.h"
#include "storage/sql/connection.h"
#include "storage/sql/dialect.h"

namespace llw::sql {

// A fixed set of connections; a caller leases one and returns it when the lease ends. A connection
// whose use failed because the server went away (PostgreSQL restarted) is reconnected before it is
// leased again; while the server cannot be reached, acquire() throws Error{unavailable}.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, Connection& connection)
        : pool_(&pool), connection_(&connection), unwinding_(std::uncaught_exceptions()) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      // Ended by an exception: was it the connection that failed?
      if (std::uncaught_exceptions() > unwinding_) {
        const Dialect& dialect = *connection_->dialect;
        if (dialect.connection_lost && dialect.connection_lost(connection_->sql)) {
          connection_->lost = true;
        }
      }
      pool_->release(*connection_);
    }
    Connection* operator->() const { return connection_; }
    Connection& operator*() const { return *connection_; }

   private:
    ConnectionPool* pool_;
    Connection* connection_;
    int unwinding_;
  };

  ConnectionPool(std::size_t size, const Dialect& dialect) {
    for (std::size_t i = 0; i < size; ++i) {
      connections_.push_back(std::make_unique<Connection>());
      connections_.back()->dialect = &dialect;
      idle_.push_back(connections_.back().get());
    }
  }

  std::size_t size() const { return connections_.size(); }
  Connection& at(std::size_t i) { return *connections_[i]; }

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    Connection* connection = idle_.back();
    idle_.pop_back();
    lock.unlock();
    if (connection->lost) {
      try {
        connection->forget_statements();
        connection->sql.reconnect();
        connection->lost = false;
      } catch (const std::exception&) {
        release(*connection);
        throw database_unavailable();
      }
    }
    return Lease(*this, *connection);
  }

 private:
  void release(Connection& connection) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(&connection);
    }
    available_.notify_one();
  }

  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace llw::sql
