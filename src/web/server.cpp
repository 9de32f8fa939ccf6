// The RESTinio side of the web layer: socket, thread pool, signals, and the conversion between
// RESTinio's request/response and the plain HttpRequest/HttpResponse the routes work on. This is
// the only file that includes RESTinio (it is slow to compile; keep it that way).

#include "web/server.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <restinio/all.hpp>
#include <thread>
#include <vector>

#include "app/evidence.h"
#include "documents/spooled_file.h"
#include "domain/error.h"
#include "web/api_routes.h"
#include "web/client_address.h"
#include "web/http_errors.h"
#include "web/pages/page_routes.h"
#include "web/request_target.h"
#include "web/transport/descriptor_limit.h"
#include "web/transport/listener_watch.h"
#include "web/transport/systemd_notify.h"

namespace llw {

namespace {

// Counts the connections accepted and open, for the listener's self-check and its cap.
class ConnectionTracker {
 public:
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    const auto cause = notice.cause();
    if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
      ++accepted_;
      ++open_;
    } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
      --open_;
    }
  }
  std::uint64_t accepted() const { return accepted_; }
  std::int64_t open() const { return open_; }

 private:
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::int64_t> open_{0};
};

// Thread-safe traits (strands per connection) for a pool of threads running one io_context, with
// RESTinio's cap on parallel connections and our connection tracker.
struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;
  using connection_state_listener_t = ConnectionTracker;
};
using RestinioServer = restinio::http_server_t<Traits>;

// The longest request target (path and query) and header line the server reads; longer ones get
// 414 and 431.
constexpr std::size_t kMaxUrlBytes = 8 * 1024;
constexpr std::size_t kMaxFieldBytes = 16 * 1024;

HttpResponse respond_to(ApiRoutes& routes, PageRoutes& pages, const TrustedProxies& proxies,
                        const restinio::request_handle_t& req) {
  HttpRequest request;
  const auto& header = req->header();
  request.method = header.method().c_str();
  // HEAD is answered as GET; handle() sends the headers without the body.
  if (request.method == "HEAD") request.method = "GET";

  if (header.request_target().size() > kMaxUrlBytes) {
    return protocol_error_response(
        414, "Địa chỉ yêu cầu quá dài (tối đa 8 KB). Hãy kiểm tra lại đường dẫn.", "path");
  }
  bool header_too_large = false;
  header.for_each_field([&](const auto& field) {
    header_too_large = header_too_large || field.name().size() > kMaxFieldBytes ||
                       field.value().size() > kMaxFieldBytes;
  });
  if (header_too_large) {
    return protocol_error_response(
        431, "Một dòng tiêu đề của yêu cầu quá dài (tối đa 16 KB). Hãy xóa cookie rồi thử lại.",
        "header");
  }

  auto segments = decoded_segments(std::string_view(header.path().data(), header.path().size()));
  if (!segments) {
    return error_response(Error(ErrorKind::bad_input,
                                "Đường dẫn có mã %-escape không hợp lệ. Hãy kiểm tra lại địa chỉ.",
                                "path"));
  }
  request.segments = std::move(*segments);

  auto query = decoded_query(std::string_view(header.query().data(), header.query().size()));
  if (!query) {
    return error_response(Error(ErrorKind::bad_input,
                                "Tham số truy vấn không hợp lệ. Hãy kiểm tra lại phần sau dấu ?.",
                                "query"));
  }
  request.query = std::move(*query);

  request.authorization = header.get_field_or(restinio::http_field::authorization, "");
  request.content_type = header.get_field_or(restinio::http_field::content_type, "");
  // Taken from the transport's request rather than copied (an upload is up to 10 MB): RESTinio
  // only hands out a const reference, but the request object is ours alone from here and its
  // body is not read again.
  request.body = std::move(const_cast<std::string&>(req->body()));
  request.file_name = header.get_field_or("X-File-Name", "");
  request.caption = header.get_field_or("X-Caption", "");
  std::string forwarded_for;
  if (!proxies.empty()) {
    // Several X-Forwarded-For lines are one comma-separated list (RFC 9110, 5.3).
    header.for_each_value_of("X-Forwarded-For", [&](const auto& value) {
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for.append(value.data(), value.size());
      return restinio::http_header_fields_t::continue_enumeration();
    });
  }
  const std::string peer = req->remote_endpoint().address().to_string();
  request.client_address = client_address(peer, forwarded_for, proxies);
  if (!proxies.empty()) {
    const auto canonical = canonical_ip_address(peer);
    request.secure = canonical && proxies.contains(*canonical) &&
                     header.get_field_or("X-Forwarded-Proto", "") == "https";
  }
  request.cookie = header.get_field_or(restinio::http_field::cookie, "");
  request.host = header.get_field_or(restinio::http_field::host, "");
  // Everything outside /api is the web application's pages and static files.
  if (request.segments.empty() || request.segments[0] != "api") return pages.handle(request);
  return routes.handle(request);
}

}  // namespace

std::size_t transport_body_limit(std::size_t max_body_bytes) {
  // An evidence upload (a file of up to Evidence::kMaxFileBytes) is the largest body a route takes.
  return std::max(max_body_bytes, Evidence::kMaxFileBytes) + 64 * 1024;
}

struct HttpServer::Impl {
  Impl(Application& app, ServerConfig server_config)
      : config(std::move(server_config)),
        proxies(config.trusted_proxies),
        routes(app, config.max_body_bytes),
        pages(app, config.max_body_bytes) {}

  ServerConfig config;
  std::size_t connection_cap = 0;  // set in run(), from the open-file limit
  std::shared_ptr<ConnectionTracker> tracker = std::make_shared<ConnectionTracker>();
  TrustedProxies proxies;
  ApiRoutes routes;
  PageRoutes pages;
  restinio::asio_ns::io_context io_context;
  std::unique_ptr<RestinioServer> server;
  // Servers whose listener was closed by the self-check; their open connections finish on them.
  std::vector<std::unique_ptr<RestinioServer>> retired;
  std::atomic<std::uint16_t> bound_port{0};
  std::atomic<std::uint64_t> answered{0};    // responses built, for the self-check's "progressing"
  std::uint64_t answered_at_last_check = 0;  // the watch thread's own
  std::atomic<bool> stop_requested{false};

  // For start_in_background: the thread, and the hand-over of "listening" or the open error.
  std::thread background;
  std::mutex ready_mutex;
  std::condition_variable ready_changed;
  bool ready = false;
  std::exception_ptr start_error;

  restinio::request_handling_status_t handle(const restinio::request_handle_t& req) {
    HttpResponse response;
    try {
      response = respond_to(routes, pages, proxies, req);
    } catch (const std::exception& e) {
      std::cerr << "llw: request failed: " << e.what() << '\n';
      response = internal_error_response();
    } catch (...) {
      std::cerr << "llw: request failed with an unknown exception\n";
      response = internal_error_response();
    }
    ++answered;
    if (req->header().method() == restinio::http_method_head()) response.body.clear();
    auto builder = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
        reason_phrase(response.status)});
    if (!response.content_type.empty()) {
      builder.append_header(restinio::http_field::content_type, response.content_type);
    }
    const auto& security_headers =
        response.is_page ? page_security_headers() : api_security_headers();
    // A response may bring its own Content-Security-Policy (an SVG drawing needs inline styles).
    const bool own_csp =
        std::any_of(response.headers.begin(), response.headers.end(),
                    [](const auto& h) { return h.first == "Content-Security-Policy"; });
    for (const auto& [name, value] : security_headers) {
      if (own_csp && name == "Content-Security-Policy") continue;
      builder.append_header(name, value);
    }
    for (const auto& [name, value] : response.headers) builder.append_header(name, value);
    if (response.body_file && response.body.empty() &&
        req->header().method() != restinio::http_method_head()) {
      // From disk by sendfile, through a descriptor of our own (the file is already unlinked;
      // it lives until RESTinio closes this descriptor after the last byte).
      const int fd = ::dup(response.body_file->descriptor());
      if (fd < 0) {
        std::cerr << "llw: cannot send a file: " << std::strerror(errno) << '\n';
        return req->create_response(restinio::status_internal_server_error()).done();
      }
      builder.set_body(restinio::sendfile(restinio::file_descriptor_holder_t{fd},
                                          restinio::file_meta_t{response.body_file->size(),
                                                                std::chrono::system_clock::now()},
                                          1 << 20)
                           .timelimit(std::chrono::minutes(10)));
    } else {
      builder.set_body(std::move(response.body));
    }
    return builder.done();
  }

  void create_server(std::uint16_t port) {
    restinio::server_settings_t<Traits> settings;
    settings.address(config.bind_address)
        .port(port)
        .max_parallel_connections(connection_cap)
        .connection_state_listener(tracker)
        .request_handler([this](const restinio::request_handle_t& req) { return handle(req); })
        .acceptor_post_bind_hook([this](restinio::asio_ns::ip::tcp::acceptor& acceptor) {
          bound_port = acceptor.local_endpoint().port();
        })
        // Without TCP_NODELAY small responses wait for Nagle's delayed ACK (~40 ms each).
        .socket_options_setter([](restinio::socket_options_t& options) {
          options.set_option(restinio::asio_ns::ip::tcp::no_delay{true});
        })
        // The transport's header limits sit above ours (kMaxUrlBytes, kMaxFieldBytes), so that a
        // long address or header gets its 414/431 answer; only absurd ones are cut off.
        .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                      .max_url_size(4 * kMaxUrlBytes)
                                      .max_field_name_size(4 * kMaxFieldBytes)
                                      .max_field_value_size(4 * kMaxFieldBytes)
                                      .max_field_count(100)
                                      .max_body_size(transport_body_limit(config.max_body_bytes)))
        .read_next_http_message_timelimit(std::chrono::seconds(60))
        .write_http_response_timelimit(std::chrono::seconds(30))
        .handle_request_timeout(std::chrono::seconds(30));
    server = std::make_unique<RestinioServer>(restinio::external_io_context(io_context),
                                              std::move(settings));
  }

  // Runs on an io_context thread (stop() posts it there), so `server` exists.
  void request_stop() {
    if (stop_requested.exchange(true)) return;
    systemd_notify("STOPPING=1");
    server->close_async([this] { io_context.stop(); },
                        [this](const std::exception_ptr&) { io_context.stop(); });
  }

  // Runs on an io_context thread (the watch posts it there): a new listener on the same port.
  void reopen_listener() {
    if (stop_requested) return;
    try {
      server->close_sync();
      retired.push_back(std::move(server));
      create_server(bound_port);
      server->open_sync();
      std::cerr << "llw: listening again on port " << bound_port << '\n';
    } catch (const std::exception& e) {
      std::cerr << "llw: reopening the listener failed: " << e.what() << '\n';
    }
  }

  std::unique_ptr<ListenerWatch> start_watch() {
    auto interval = config.self_check_interval;
    if (const auto watchdog = systemd_watchdog_period()) {
      interval = std::min(interval, std::max(*watchdog / 3, std::chrono::milliseconds(100)));
    }
    if (interval.count() <= 0) return nullptr;
    ListenerWatchHooks hooks;
    hooks.accepted_count = [tracker = tracker] { return tracker->accepted(); };
    hooks.at_capacity = [this] {
      return tracker->open() >= static_cast<std::int64_t>(connection_cap);
    };
    hooks.reopen = [this] { restinio::asio_ns::post(io_context, [this] { reopen_listener(); }); };
    hooks.healthy = [] { systemd_notify("WATCHDOG=1"); };
    hooks.progressing = [this] {
      const std::uint64_t now = answered;
      const bool moved = now != answered_at_last_check;
      answered_at_last_check = now;
      return moved;
    };
    return std::make_unique<ListenerWatch>(self_check_host(config.bind_address), bound_port,
                                           interval, config.self_check_timeout, std::move(hooks));
  }

  void run(const std::function<void()>& on_ready, bool handle_signals) {
    connection_cap = llw::connection_cap(config.max_connections, raise_open_file_limit());
    create_server(config.port);
    server->open_sync();  // binds and listens now, so errors surface here

    // restinio::run only reacts to SIGINT; a service manager stops us with SIGTERM.
    std::optional<restinio::asio_ns::signal_set> signals;
    if (handle_signals) {
      signals.emplace(io_context, SIGINT, SIGTERM);
      signals->async_wait([this](const restinio::asio_ns::error_code& ec, int) {
        if (!ec) request_stop();
      });
    }
    if (on_ready) on_ready();
    systemd_notify("READY=1");
    auto watch = start_watch();

    // Keeps run() going while nothing is pending (a listener whose accept failed has no pending
    // operation; the self-check reopens it); stop() ends it with io_context.stop().
    auto keep_running = restinio::asio_ns::make_work_guard(io_context);
    std::vector<std::thread> pool;
    const unsigned threads = std::max(1u, config.threads);
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { io_context.run(); });
    io_context.run();
    for (auto& thread : pool) thread.join();
    watch.reset();
    if (signals) signals->cancel();
    server.reset();
    retired.clear();
  }
};

HttpServer::HttpServer(Application& app, ServerConfig config)
    : impl_(new Impl(app, std::move(config))) {}

HttpServer::~HttpServer() {
  if (impl_->background.joinable()) {
    stop();
    impl_->background.join();
  }
  delete impl_;
}

void HttpServer::run(const std::function<void()>& on_ready) { impl_->run(on_ready, true); }

void HttpServer::start_in_background() {
  impl_->background = std::thread([impl = impl_] {
    try {
      impl->run(
          [impl] {
            std::lock_guard lock(impl->ready_mutex);
            impl->ready = true;
            impl->ready_changed.notify_all();
          },
          false);
    } catch (...) {
      std::lock_guard lock(impl->ready_mutex);
      impl->start_error = std::current_exception();
      impl->ready_changed.notify_all();
    }
  });
  std::unique_lock lock(impl_->ready_mutex);
  impl_->ready_changed.wait(lock, [this] { return impl_->ready || impl_->start_error; });
  if (impl_->start_error) {
    lock.unlock();
    impl_->background.join();
    std::rethrow_exception(impl_->start_error);
  }
}

void HttpServer::stop() {
  restinio::asio_ns::post(impl_->io_context, [impl = impl_] { impl->request_stop(); });
}

std::uint16_t HttpServer::port() const { return impl_->bound_port; }

}  // namespace llw
