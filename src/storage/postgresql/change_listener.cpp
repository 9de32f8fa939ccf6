#include "storage/postgresql/change_listener.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <utility>

namespace llw {
namespace {

// A listening connection, closed when it goes.
struct Listening {
  PGconn* connection = nullptr;
  ~Listening() {
    if (connection != nullptr) PQfinish(connection);
  }
};

// Connects and LISTENs; false when either fails (the server is down or restarting).
bool listen(Listening& listening, const std::string& conninfo) {
  listening.connection = PQconnectdb(conninfo.c_str());
  if (PQstatus(listening.connection) != CONNECTION_OK) return false;
  PGresult* result =
      PQexec(listening.connection, (std::string("LISTEN ") + ChangeListener::kChannel).c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  return ok;
}

}  // namespace

ChangeListener::ChangeListener(std::string conninfo, std::shared_ptr<sql::ChangeFeed> feed)
    : conninfo_(std::move(conninfo)), feed_(std::move(feed)), wake_fd_(eventfd(0, EFD_CLOEXEC)) {
  if (wake_fd_ < 0) throw std::runtime_error("eventfd failed");
  thread_ = std::thread([this] { run(); });
}

ChangeListener::~ChangeListener() {
  stopping_ = true;
  const std::uint64_t one = 1;
  if (write(wake_fd_, &one, sizeof one) < 0) {
    // The thread still sees stopping_ within its next wait.
  }
  thread_.join();
  close(wake_fd_);
}

void ChangeListener::run() {
  constexpr int kRetryMs = 1000;
  while (!stopping_) {
    Listening listening;
    if (listen(listening, conninfo_)) {
      feed_->set_listening(true);
      const int socket = PQsocket(listening.connection);
      while (!stopping_) {
        pollfd waits[2] = {{socket, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        if (poll(waits, 2, -1) < 0) continue;  // interrupted by a signal
        if (stopping_) break;
        if (PQconsumeInput(listening.connection) == 0) break;  // the connection was lost
        bool heard = false;
        while (PGnotify* notice = PQnotifies(listening.connection)) {
          heard = true;
          PQfreemem(notice);
        }
        if (heard) feed_->changed();
      }
      feed_->set_listening(false);
    }
    if (stopping_) break;
    pollfd wait = {wake_fd_, POLLIN, 0};
    poll(&wait, 1, kRetryMs);
  }
}

}  // namespace llw
