#pragma once
// The HTTP server. This header does not include RESTinio: only the web layer's .cpp files do.

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
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413
  // Reverse proxies whose X-Forwarded-For names the client (see web/client_address.h); each
  // entry an IP address or a comma-separated list. The server throws std::invalid_argument on
  // an entry that is not an address.
  std::vector<std::string> trusted_proxies;
};

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
