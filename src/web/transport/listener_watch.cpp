#include "web/transport/listener_watch.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <string_view>

namespace llw {

namespace {

using Clock = std::chrono::steady_clock;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd entry{fd, events, 0};
  while (true) {
    const int ready = poll(&entry, 1, remaining_ms(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return false;
  }
}

}  // namespace

std::string self_check_host(const std::string& bind_address) {
  if (bind_address.empty() || bind_address == "0.0.0.0") return "127.0.0.1";
  if (bind_address == "::" || bind_address == "[::]") return "::1";
  return bind_address;
}

ProbeResult probe_listener(const std::string& host, std::uint16_t port,
                           std::chrono::milliseconds timeout,
                           const std::function<std::uint64_t()>& accepted_count) {
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
    return ProbeResult::refused;
  }
  const std::uint64_t accepted_before = accepted_count ? accepted_count() : 0;
  Socket socket(::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (socket.fd() < 0) {
    freeaddrinfo(found);
    return ProbeResult::no_descriptor;
  }
  const int connected = connect(socket.fd(), found->ai_addr, found->ai_addrlen);
  const int connect_errno = errno;
  freeaddrinfo(found);
  auto deadline = Clock::now() + timeout;
  if (connected != 0) {
    if (connect_errno != EINPROGRESS) return ProbeResult::refused;
    if (!wait_for(socket.fd(), POLLOUT, deadline)) return ProbeResult::not_accepted;
    int error = 0;
    socklen_t length = sizeof(error);
    getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) return ProbeResult::refused;
  }
  constexpr std::string_view request =
      "GET /api/v1/health HTTP/1.1\r\nHost: llw-self-check\r\nConnection: close\r\n\r\n";
  if (send(socket.fd(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return ProbeResult::refused;
  }
  deadline = Clock::now() + timeout;
  std::string answer;
  char buffer[256];
  while (answer.size() < 12 && wait_for(socket.fd(), POLLIN, deadline)) {
    const ssize_t got = recv(socket.fd(), buffer, sizeof(buffer), 0);
    if (got <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(got));
  }
  if (answer.rfind("HTTP/1.1 200", 0) == 0) return ProbeResult::answered;
  const std::uint64_t accepted_after = accepted_count ? accepted_count() : 0;
  return accepted_after != accepted_before ? ProbeResult::slow : ProbeResult::not_accepted;
}

ListenerWatch::ListenerWatch(std::string host, std::uint16_t port,
                             std::chrono::milliseconds interval, std::chrono::milliseconds timeout,
                             ListenerWatchHooks hooks)
    : host_(std::move(host)),
      port_(port),
      interval_(interval),
      timeout_(timeout),
      hooks_(std::move(hooks)),
      thread_([this] { loop(); }) {}

ListenerWatch::~ListenerWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ListenerWatch::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    const ProbeResult result = probe_listener(host_, port_, timeout_, hooks_.accepted_count);
    const bool progressing = hooks_.progressing && hooks_.progressing();
    bool healthy = result == ProbeResult::answered;
    switch (result) {
      case ProbeResult::answered:
        break;
      case ProbeResult::not_accepted:
      case ProbeResult::refused:
        if (hooks_.at_capacity && hooks_.at_capacity()) {
          healthy = progressing;  // full on purpose; healthy while it still answers
          break;
        }
        std::cerr << "llw: the listener on port " << port_
                  << " stopped accepting connections; reopening it\n";
        if (hooks_.reopen) hooks_.reopen();
        break;
      case ProbeResult::slow:
      case ProbeResult::no_descriptor:
        healthy = progressing;
        break;
    }
    if (healthy && hooks_.healthy) hooks_.healthy();
    lock.lock();
  }
}

}  // namespace llw
