#pragma once
// The HTTP server. This header does not include RESTinio: only the web layer's .cpp files do.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/application.h"

namespace llw {

struct ServerConfig {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 4;
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413 (see transport_body_limit)
  // Connections held open at once; further ones wait in the kernel's queue. Lowered at start to
  // leave kDescriptorReserve descriptors under the open-file limit (which run() raises to its
  // hard limit). Together with transport_body_limit it bounds the memory that requests can hold
  // before they are authenticated: max_connections × transport_body_limit(max_body_bytes).
  std::size_t max_connections = 256;
  // The listener's self-check (web/transport/listener_watch.h); 0 turns it off. Under systemd
  // with WatchdogSec the interval is at most a third of the watchdog period.
  std::chrono::milliseconds self_check_interval{10'000};
  std::chrono::milliseconds self_check_timeout{3'000};
  // Reverse proxies whose X-Forwarded-For names the client (see web/client_address.h); each
  // entry an IP address or a comma-separated list. The server throws std::invalid_argument on
  // an entry that is not an address.
  std::vector<std::string> trusted_proxies;
};

// The most a request body may be before the transport closes the connection at its headers,
// without reading it (RESTinio cannot answer at that point): a little over the largest body a
// route accepts, so that a body just over the limit still gets its 413 and message.
std::size_t transport_body_limit(std::size_t max_body_bytes);

// Runs until SIGINT/SIGTERM (or `stop` is called from another thread). `on_ready` runs once the
// socket listens (tests wait for it; the CLI prints the address).
class HttpServer {
 public:
  HttpServer(Application& app, ServerConfig config);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Blocks. Returns after stop() or a signal.
  void run(const std::function<void()>& on_ready = {});
  // Starts on a background thread and returns once listening (for tests and benchmarks).
  void start_in_background();
  void stop();
  std::uint16_t port() const;  // the bound port (useful with port 0)

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace llw
