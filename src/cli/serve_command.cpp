#include "cli/serve_command.h"

#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/command_support.h"
#include "cli/remind_commands.h"
#include "web/client_address.h"
#include "web/server.h"

namespace llw::cli {

namespace {

struct ServeOptions {
  std::string db;
  std::string forms_dir = default_forms_dir();
  std::string trusted_roots;
  std::string bind = "127.0.0.1";
  int port = 8080;
  unsigned threads = 0;
  std::string durability = "full";
  std::vector<std::string> trusted_proxies;
  std::size_t max_connections = ServerConfig{}.max_connections;
  MailOptions mail;
};

int cmd_serve(const std::string& db, const std::string& bind, int port, unsigned threads,
              const std::string& forms_dir, const std::string& trusted_roots,
              const std::string& durability, const MailOptions& mail,
              const std::vector<std::string>& trusted_proxies, std::size_t max_connections) {
  if (port < 0 || port > 65535) throw UserError("--port must be between 0 and 65535");
  llw::StoreOptions store_options;
  store_options.synchronous = durability == "full" ? "FULL" : "NORMAL";
  if (threads == 0) {
    // A worker thread serves one request at a time and waits while the database works. SQLite
    // is in-process and has one writer at a time, whose commits wait for the disk (durability
    // full): the saves that arrive during a sync share the next commit (group commit), so enough
    // threads must be parsing and waiting that a batch forms; 16 gave 2,900 saves/s at p99 50 ms
    // where 4 gave 2,200 at p99 250 ms (docs/performance.md). With
    // PostgreSQL every statement is a round trip and every save waits for its commit's WAL flush
    // (~5 ms on this project's disk), so a process needs more requests in flight for the
    // server's group commit to flush several saves at once; more threads than 8 per process cost
    // more CPU per save in context switches than they gained (docs/performance.md).
    threads = llw::is_postgresql_url(db) ? 8 : 16;
  }
  store_options.pool_size = static_cast<int>(threads) + 2;
  auto app = make_app(db, forms_dir, store_options, trusted_roots);
  llw::ServerConfig config;
  config.bind_address = bind;
  config.port = static_cast<std::uint16_t>(port);
  config.threads = threads;
  config.trusted_proxies = trusted_proxies;
  config.max_connections = max_connections;
  try {
    llw::TrustedProxies checked(trusted_proxies);
  } catch (const std::invalid_argument& e) {
    throw UserError(std::string("--trusted-proxy: ") + e.what());
  }
  llw::HttpServer server(app, config);
  // E-mail reminders on their schedule, when a mail server is given; stopped with the server.
  auto reminders = start_reminder_schedule(app, mail);
  server.run([&] {
    std::cout << "LLW is listening on http://" << bind << ":" << server.port()
              << "/ (Ctrl+C to stop)" << std::endl;
  });
  return 0;
}

}  // namespace

std::function<int()> add_serve_command(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "Run the web server (JSON API and pages)");
  add_db_option(serve, o->db);
  serve->add_option("--port", o->port, "TCP port (0 picks a free one)")->capture_default_str();
  serve->add_option("--bind", o->bind, "Address to listen on")->capture_default_str();
  serve
      ->add_option("--threads", o->threads,
                   "Worker threads (and database connections + 2); 0: 16 with SQLite, 8 with "
                   "PostgreSQL")
      ->capture_default_str();
  serve
      ->add_option("--durability", o->durability,
                   "SQLite commits: full (synced to disk before the answer, survives a power "
                   "failure; saves that arrive together share one sync) or normal (WAL, survives "
                   "a crash of the process, may lose the last saves on a power failure)")
      ->capture_default_str()
      ->check(CLI::IsMember({"normal", "full"}));
  add_forms_option(serve, o->forms_dir);
  serve->add_option("--trusted-roots", o->trusted_roots,
                    "Folder of PEM certificates (*.pem, *.crt, *.cer) of the certification "
                    "authorities whose signers a signed report PDF is trusted from (e.g. the "
                    "VGCA root); without it every signature is shown as \"untrusted issuer\"");
  serve
      ->add_option("--trusted-proxy", o->trusted_proxies,
                   "Address of a reverse proxy (nginx) whose X-Forwarded-For names the client, "
                   "for sign-in limits and the audit log; repeat it or give a comma list. "
                   "From any other peer the header is ignored")
      ->delimiter(',');
  serve
      ->add_option("--max-connections", o->max_connections,
                   "Client connections open at once (more wait in the queue); lowered to stay "
                   "under the open-file limit. Bounds memory before sign-in: connections × "
                   "(1 MiB + 64 KiB) of request bodies")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{4}, std::size_t{100000}));
  add_mail_options(serve, o->mail, true);

  return [o, serve]() -> int {
    if (!serve->parsed()) return -1;
    return cmd_serve(o->db, o->bind, o->port, o->threads, o->forms_dir, o->trusted_roots,
                     o->durability, o->mail, o->trusted_proxies, o->max_connections);
  };
}

}  // namespace llw::cli
