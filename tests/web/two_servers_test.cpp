// Several servers on one database: two real `llw serve` processes (the executable, not threads of
// this test) share one database, and nothing a user relies on lives in one process's memory.
// Run on PostgreSQL (the deployment for several machines) and on SQLite (two processes on one
// WAL file, the same guarantees on one machine).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <barrier>
#include <fstream>
#include <set>
#include <thread>

#include "app/campaigns.h"
#include "demo/demo_data.h"
#include "http_client.h"
#include "storage/open_store.h"
#include "test_database.h"

namespace llw::test {
namespace {

using testing_support::Backend;

// `llw serve` on a free port in a child process; stopped with SIGTERM (as systemd does).
class ServerProcess {
 public:
  ServerProcess(const std::string& db, const std::filesystem::path& log) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) dup2(err, STDERR_FILENO);
      close(out[0]);
      const std::string forms = std::string(LLW_SOURCE_DIR) + "/forms";
      execl(LLW_EXECUTABLE, LLW_EXECUTABLE, "serve", "--db", db.c_str(), "--port", "0", "--bind",
            "127.0.0.1", "--threads", "4", "--forms", forms.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    // "LLW is listening on http://127.0.0.1:PORT/ …" once the server accepts connections.
    std::string line;
    pollfd fd{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&fd, 1, 20000) > 0) {
      char buffer[256];
      ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      line.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
    auto colon = line.rfind(':', line.find("/ "));
    if (line.find("listening") == std::string::npos || colon == std::string::npos)
      throw std::runtime_error("llw serve did not start: '" + line + "', see " + log.string());
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

class TwoServersTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = testing_support::make_test_database(GetParam());
    if (!database_) GTEST_SKIP() << testing_support::kPgSkipMessage;
    // The commune demo, written in-process; then the servers open the database themselves.
    {
      ApplicationConfig config;
      config.forms_dir = std::filesystem::path(LLW_SOURCE_DIR) / "forms";
      auto store = open_store(database_->url());
      Application app(store, config, system_clock());
      DemoStats stats = make_demo(app, DemoScale::commune);
      campaign_ = stats.campaign_id;
      issuer_ = stats.issuer_code;
      password_ = stats.accounts.front().password;  // the admin's
      // A unit whose report nobody has submitted, and complete values to submit for it.
      const Campaign campaign = app.campaigns().get_campaign(admin(), campaign_);
      for (const OrgUnit& u : store->units().units_in_subtree(
               store->units().find_unit(issuer_)->path, campaign.reporting_kinds)) {
        auto report = store->reports().find_report(campaign_, u.id);
        if (report && (report->status == ReportStatus::not_started ||
                       report->status == ReportStatus::draft)) {
          unit_ = u.code;
          complete_values_ = demo_report_values(*campaign.form, u, 42, true);
          break;
        }
      }
      ASSERT_FALSE(unit_.empty()) << "the demo has no open report";
    }
    a_ = std::make_unique<ServerProcess>(database_->url(), logs_.path() / "a.log");
    b_ = std::make_unique<ServerProcess>(database_->url(), logs_.path() / "b.log");
    ASSERT_NE(a_->port(), b_->port());
  }

  static User admin() {
    User user;
    user.username = "system";
    user.role = Role::admin;
    return user;
  }

  std::string token(const HttpClient& server) {
    const nlohmann::json body{{"username", "admin"}, {"password", password_}};
    HttpReply reply = server.send_json("POST", "/api/v1/auth/token", "", body.dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json().value("token", "");
  }
  std::string report_path() const {
    return "/api/v1/campaigns/" + std::to_string(campaign_) + "/reports/" + unit_;
  }
  std::string summary_path() const {
    return "/api/v1/campaigns/" + std::to_string(campaign_) + "/summary/" + issuer_;
  }
  std::int64_t version_on(const HttpClient& server, const std::string& token) {
    HttpReply reply = server.send_json("GET", report_path(), token);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json().value("version", std::int64_t{-1});
  }

  testing_support::TempDir logs_{"llw-two-servers"};
  std::unique_ptr<testing_support::TestDatabase> database_;
  std::unique_ptr<ServerProcess> a_, b_;
  std::int64_t campaign_ = 0;
  std::string issuer_, password_, unit_;
  nlohmann::json complete_values_;
};

TEST_P(TwoServersTest, ATokenFromOneServerWorksOnTheOtherUntilSignedOutOnEither) {
  HttpClient a(a_->port()), b(b_->port());
  const std::string from_a = token(a);
  HttpReply me = b.send_json("GET", "/api/v1/me", from_a);
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["user"].value("username", ""), "admin") << me.body;

  // Signing out on B ends the session on A too.
  EXPECT_LT(b.send_json("DELETE", "/api/v1/auth/token", from_a).status, 300);
  EXPECT_EQ(a.send_json("GET", "/api/v1/me", from_a).status, 401);
}

TEST_P(TwoServersTest, TwoSavesOfOneVersionOnTwoServersGiveOneSaveAndOneConflict) {
  HttpClient a(a_->port()), b(b_->port());
  const std::string ta = token(a), tb = token(b);
  for (int round = 0; round < 5; ++round) {
    const std::int64_t version = version_on(a, ta);
    ASSERT_EQ(version_on(b, tb), version);
    // Both requests leave at once, one to each server, with the same version.
    std::barrier start(2);
    HttpReply reply_a, reply_b;
    auto save = [&](const HttpClient& server, const std::string& token, int articles,
                    HttpReply& reply) {
      const nlohmann::json body{{"version", version}, {"values", {{"media_articles", articles}}}};
      start.arrive_and_wait();
      reply = server.send_json("PUT", report_path(), token, body.dump());
    };
    std::thread first([&] { save(a, ta, 100 + round, reply_a); });
    std::thread second([&] { save(b, tb, 200 + round, reply_b); });
    first.join();
    second.join();
    std::multiset<long> statuses{reply_a.status, reply_b.status};
    EXPECT_EQ(statuses, (std::multiset<long>{200, 409})) << reply_a.body << "\n" << reply_b.body;
    const HttpReply& loser = reply_a.status == 409 ? reply_a : reply_b;
    const HttpReply& winner = reply_a.status == 409 ? reply_b : reply_a;
    EXPECT_EQ(loser.json()["error"].value("current_version", std::int64_t{-1}), version + 1)
        << loser.body;
    // Both servers now read the winner's values.
    for (const HttpClient* server : {&a, &b}) {
      HttpReply now = server->send_json("GET", report_path(), ta);
      EXPECT_EQ(now.json().value("version", std::int64_t{-1}), version + 1);
      EXPECT_EQ(now.json()["values"], winner.json()["values"]);
    }
  }
}

TEST_P(TwoServersTest, ASubmitOnOneServerIsInTheOthersSummaryAtOnce) {
  HttpClient a(a_->port()), b(b_->port());
  const std::string ta = token(a), tb = token(b);
  // B has the summary cached (and serves it again from its cache).
  HttpReply before = b.send_json("GET", summary_path(), tb);
  ASSERT_EQ(before.status, 200) << before.body;
  ASSERT_EQ(b.send_json("GET", summary_path(), tb).body, before.body);
  const std::int64_t submitted = before.json().value("submitted", std::int64_t{-1});

  const nlohmann::json body{{"version", version_on(a, ta)}, {"values", complete_values_}};
  HttpReply saved = a.send_json("PUT", report_path(), ta, body.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  HttpReply submit = a.send_json("POST", report_path() + "/submit", ta);
  ASSERT_EQ(submit.status, 200) << submit.body;

  HttpReply after = b.send_json("GET", summary_path(), tb);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.json().value("submitted", std::int64_t{-1}), submitted + 1) << after.body;
  // A second submit of the same report, on the other server, is refused: counted once.
  EXPECT_EQ(b.send_json("POST", report_path() + "/submit", tb).status, 409);
  EXPECT_EQ(a.send_json("GET", summary_path(), ta).json().value("submitted", std::int64_t{-1}),
            submitted + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoServersTest,
                         ::testing::Values(Backend::postgresql, Backend::sqlite),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return std::string(testing_support::backend_name(info.param));
                         });

}  // namespace
}  // namespace llw::test
