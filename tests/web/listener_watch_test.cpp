// The listener's self-check, in a process of its own (it lowers the process's open-file limit):
// an accept that fails for want of a descriptor leaves RESTinio 0.6.16 deaf for good; the watch
// notices and reopens the listener on the same port.

#include "web/transport/listener_watch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "storage/open_store.h"
#include "web/server.h"
#include "web/transport/descriptor_limit.h"

namespace llw::test {
namespace {

using namespace std::chrono_literals;

// Makes one accept fail with EMFILE: fills every descriptor under a lowered soft limit, frees
// one for a client socket that connects, lets the server try to accept it, then gives all back.
void make_one_accept_fail(std::uint16_t port) {
  rlimit original{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &original), 0);
  int highest = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    highest = std::max(highest, std::stoi(entry.path().filename().string()));
  }
  rlimit lowered = original;
  lowered.rlim_cur = static_cast<rlim_t>(highest + 32);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  std::vector<int> fillers;
  while (true) {
    const int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0) break;
    fillers.push_back(fd);
  }
  ASSERT_FALSE(fillers.empty());
  close(fillers.back());
  fillers.pop_back();
  const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  ASSERT_GE(client, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connect(client, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  std::this_thread::sleep_for(300ms);  // the server's accept runs now, and fails
  close(client);
  for (const int fd : fillers) close(fd);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &original), 0);
}

class ListenerWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("llw-listener-test-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    store_ = open_sqlite_store((dir_ / "llw.db").string());
    app_ = std::make_unique<Application>(store_, ApplicationConfig{}, system_clock());
  }
  void TearDown() override {
    server_.reset();
    app_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void start(std::chrono::milliseconds self_check_interval) {
    ServerConfig config;
    config.port = 0;
    config.threads = 2;
    config.self_check_interval = self_check_interval;
    config.self_check_timeout = 300ms;
    server_ = std::make_unique<HttpServer>(*app_, config);
    server_->start_in_background();
  }
  ProbeResult probe() const { return probe_listener("127.0.0.1", server_->port(), 500ms, nullptr); }
  // Whether the server answers /api/v1/health within `patience`.
  bool answers_within(std::chrono::milliseconds patience) const {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < deadline) {
      if (probe() == ProbeResult::answered) return true;
    }
    return false;
  }

  std::filesystem::path dir_;
  std::shared_ptr<Store> store_;
  std::unique_ptr<Application> app_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(ListenerWatchTest, WithoutTheSelfCheckAFailedAcceptLeavesTheServerDeaf) {
  // The library's behaviour the watch exists for. Should a RESTinio upgrade fix it, this test
  // fails and the watch may go.
  start(0ms);
  ASSERT_EQ(probe(), ProbeResult::answered);
  make_one_accept_fail(server_->port());
  EXPECT_FALSE(answers_within(2s));
}

TEST_F(ListenerWatchTest, AListenerThatStoppedAcceptingIsReopenedOnTheSamePort) {
  start(200ms);
  const std::uint16_t port = server_->port();
  ASSERT_EQ(probe(), ProbeResult::answered);
  make_one_accept_fail(port);
  EXPECT_TRUE(answers_within(10s));
  EXPECT_EQ(server_->port(), port);
  // And it stays reopened: several requests in a row.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(probe(), ProbeResult::answered);
}

// A socket that listens and never accepts: what a deaf listener looks like from outside.
class DeafListener {
 public:
  DeafListener() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    listen(fd_, 64);
    socklen_t length = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~DeafListener() { close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

struct WatchCounts {
  std::atomic<int> reopened{0};
  std::atomic<int> healthy{0};
};

// Runs a watch against a deaf listener for a while with the given state of the server.
void watch_a_deaf_listener(bool at_capacity, bool progressing, WatchCounts& counts) {
  DeafListener deaf;
  ListenerWatchHooks hooks;
  hooks.accepted_count = [] { return std::uint64_t{0}; };
  hooks.at_capacity = [=] { return at_capacity; };
  hooks.progressing = [=] { return progressing; };
  hooks.reopen = [&] { ++counts.reopened; };
  hooks.healthy = [&] { ++counts.healthy; };
  ListenerWatch watch("127.0.0.1", deaf.port(), 20ms, 50ms, std::move(hooks));
  std::this_thread::sleep_for(400ms);
}

TEST(ListenerWatchDecisionTest, ADeafListenerBelowTheCapIsReopenedAndNotCalledHealthy) {
  WatchCounts counts;
  watch_a_deaf_listener(false, true, counts);
  EXPECT_GT(counts.reopened, 0);
  EXPECT_EQ(counts.healthy, 0);
}

TEST(ListenerWatchDecisionTest, AtTheCapItIsLeftAloneAndHealthyOnlyWhileItAnswersOthers) {
  WatchCounts answering;
  watch_a_deaf_listener(true, true, answering);
  EXPECT_EQ(answering.reopened, 0);
  EXPECT_GT(answering.healthy, 0);
  WatchCounts stuck;
  watch_a_deaf_listener(true, false, stuck);
  EXPECT_EQ(stuck.reopened, 0);
  EXPECT_EQ(stuck.healthy, 0);  // systemd's watchdog restarts a server that answers nothing
}

TEST(ConnectionCapTest, LeavesTheReserveUnderTheOpenFileLimit) {
  EXPECT_EQ(connection_cap(256, 65536), 256u);
  EXPECT_EQ(connection_cap(256, 128), 128u - kDescriptorReserve);
  EXPECT_EQ(connection_cap(256, 20), 4u);  // never none at all
  EXPECT_GE(raise_open_file_limit(), 128u);
}

TEST(SelfCheckHostTest, AWildcardBindIsCheckedOnTheLoopback) {
  EXPECT_EQ(self_check_host("0.0.0.0"), "127.0.0.1");
  EXPECT_EQ(self_check_host("::"), "::1");
  EXPECT_EQ(self_check_host("10.0.0.5"), "10.0.0.5");
}

}  // namespace
}  // namespace llw::test
