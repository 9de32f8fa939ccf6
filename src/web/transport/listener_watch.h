#pragma once
// A self-check of the listening socket. RESTinio 0.6.16 arms its next accept only after a
// successful one: a failed accept (e.g. EMFILE) leaves the server alive but deaf for good. The
// watch connects to the server like a client every `interval` and asks for /api/v1/health; when
// the connection is not even accepted (and the server is not at its connection cap on purpose)
// it asks for the listener to be reopened. An answered check is a sign of health that the server
// passes on to systemd's watchdog; so is an unanswered one while other requests are still being
// answered (at the connection cap, or busy) — a server that answers nothing gets no ping, and
// systemd restarts it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace llw {

enum class ProbeResult {
  answered,      // HTTP 200 from /api/v1/health
  slow,          // accepted (the accept counter moved) but no answer in time: busy, not deaf
  not_accepted,  // connected in the kernel's queue, never accepted: deaf
  refused,       // nothing listens
  no_descriptor  // this process has no descriptor left to even try
};

struct ListenerWatchHooks {
  std::function<std::uint64_t()> accepted_count;  // connections accepted so far (all listeners)
  std::function<bool()> at_capacity;              // accepting is paused by the connection cap
  std::function<void()> reopen;                   // close and reopen the listener (async is fine)
  std::function<void()> healthy;                  // a sign of health (the watchdog ping)
  // Whether requests were answered since the last call: a server that is full or slow but still
  // answering is healthy; one that answers nothing is not.
  std::function<bool()> progressing;
};

// One check against host:port; `timeout` bounds connecting and the answer each.
ProbeResult probe_listener(const std::string& host, std::uint16_t port,
                           std::chrono::milliseconds timeout,
                           const std::function<std::uint64_t()>& accepted_count);

class ListenerWatch {
 public:
  ListenerWatch(std::string host, std::uint16_t port, std::chrono::milliseconds interval,
                std::chrono::milliseconds timeout, ListenerWatchHooks hooks);
  ~ListenerWatch();  // stops and joins the thread
  ListenerWatch(const ListenerWatch&) = delete;
  ListenerWatch& operator=(const ListenerWatch&) = delete;

 private:
  void loop();

  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds interval_;
  std::chrono::milliseconds timeout_;
  ListenerWatchHooks hooks_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The address a self-check connects to for a bind address: the loopback for "0.0.0.0"/"::".
std::string self_check_host(const std::string& bind_address);

}  // namespace llw
