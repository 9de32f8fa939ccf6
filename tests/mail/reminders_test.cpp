// Reminder e-mails end to end against a real SMTP server (aiosmtpd) on 127.0.0.1: exactly the
// units that have not submitted get one, each slot once (also after a restart), the Vietnamese
// subject and body arrive intact, and a mail server that is down marks nothing sent.
#include "app/reminders.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/accounts.h"
#include "app/audit_trail.h"
#include "app/campaigns.h"
#include "app/level_plans.h"
#include "app/reports.h"
#include "domain/error.h"
#include "mail/smtp_mailer.h"
#include "sample_data.h"
#include "storage/open_store.h"
#include "test_database.h"

namespace llw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing_support::vietnam_time;

// A port that refuses connections for as long as this lives: bound (so no other process can take
// it) but never listening. A mail server that is down.
class RefusingPort {
 public:
  RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("no port to refuse connections on");
    }
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() { close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_;
  int port_ = 0;
};

// The SMTP server the test talks to: a child process writing each message to a folder.
class SmtpSink {
 public:
  explicit SmtpSink(fs::path folder) : folder_(std::move(folder)) {
    fs::create_directories(folder_);
    pid_ = fork();
    if (pid_ == 0) {
      // Debian's interpreter, which has Debian's python3-aiosmtpd (another python3 may come
      // first on PATH).
      execl(LLW_PYTHON, LLW_PYTHON, LLW_SMTP_SINK, folder_.c_str(), nullptr);
      _exit(127);
    }
    // The sink binds a port of the kernel's choosing and then names it in "ready".
    for (int i = 0; i < 600 && !fs::exists(folder_ / "ready"); ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) break;  // it died: no point waiting
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream ready(folder_ / "ready");
    if (!(ready >> port_)) throw std::runtime_error("the SMTP sink did not start");
  }
  ~SmtpSink() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Every message received so far, in order.
  std::vector<json> messages() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder_)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<json> out;
    for (const auto& file : files) out.push_back(json::parse(std::ifstream(file)));
    return out;
  }

 private:
  fs::path folder_;
  int port_ = 0;
  pid_t pid_ = -1;
};

std::set<std::string> recipients(const std::vector<json>& messages, std::size_t from = 0) {
  std::set<std::string> out;
  for (std::size_t i = from; i < messages.size(); ++i) {
    for (const auto& rcpt : messages[i]["rcpt_tos"]) out.insert(rcpt.get<std::string>());
  }
  return out;
}

// Runs a command, returning its exit status and what it printed (stdout and stderr).
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    open_app();
    User admin;
    admin.username = "system";
    admin.role = Role::admin;
    admin_ = admin;
    auto unit = [](std::string code, std::string name, UnitKind kind, std::string parent,
                   std::string email) {
      Population population;
      if (kind == UnitKind::school) population = {{"students", 100}, {"staff", 10}};
      if (kind == UnitKind::village) population = {{"residents", 500}};
      return testing_support::unit_input(std::move(code), std::move(name), kind, std::move(parent),
                                         population, SchoolLevel::none, std::move(email));
    };
    store_->units().upsert_units({
        unit("HP", "Thành phố Hải Phòng", UnitKind::province, "", "so@haiphong.gov.vn"),
        unit("HP-X", "Xã An Hưng", UnitKind::commune, "HP", "xa@anhung.gov.vn"),
        unit("HP-X-A", "Trường Tiểu học An Hưng", UnitKind::school, "HP-X", "a@anhung.edu.vn"),
        unit("HP-X-B", "Trường THCS An Hưng", UnitKind::school, "HP-X", "b@anhung.edu.vn"),
        unit("HP-X-C", "Trường Mầm non Hoa Sen", UnitKind::school, "HP-X", "c@anhung.edu.vn"),
        unit("HP-X-D", "Trường Mầm non Đông Hải", UnitKind::school, "HP-X", "d@anhung.edu.vn"),
        unit("HP-X-V", "Thôn Đông", UnitKind::village, "HP-X", ""),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_code = "HP-X";
    c.plan = {{"number", "83/KH-UBND"}};
    campaign_ = app_->campaigns().create_campaign(admin_, c);

    // A submitted, B a draft, C not started, D returned, V has no address.
    const json values{{"media_articles", 1}};
    app_->reports().save_draft(admin_, campaign_.id, "HP-X-A", 0, values);
    app_->reports().submit(admin_, campaign_.id, "HP-X-A", {});
    app_->reports().save_draft(admin_, campaign_.id, "HP-X-B", 0, values);
    app_->reports().save_draft(admin_, campaign_.id, "HP-X-D", 0, values);
    app_->reports().submit(admin_, campaign_.id, "HP-X-D", {});
    app_->reports().return_report(admin_, campaign_.id, "HP-X-D", "Thiếu số liệu", {});
    // The return queued D's e-mail (version 3); these tests are about reminders, not that one.
    store_->reminder_log().release_reminder(campaign_.id, store_->units().find_unit("HP-X-D")->id,
                                            review_mail_slot(3));
    sink_ = std::make_unique<SmtpSink>(dir_ / "mail");
  }

  void TearDown() override {
    sink_.reset();
    app_.reset();
    store_.reset();
  }

  // Opens (or reopens, as a restarted server would) the database.
  void open_app() {
    app_.reset();
    store_.reset();
    store_ = open_sqlite_store((dir_ / "llw.sqlite").string());
    ApplicationConfig config;
    config.forms_dir = fs::path(LLW_SOURCE_DIR) / "forms";
    app_ = std::make_unique<Application>(store_, config, [this] { return now_.load(); });
  }

  std::shared_ptr<Mailer> mailer(const std::string& url) {
    SmtpConfig config;
    config.url = url;
    config.from = "llw@anhung.gov.vn";
    config.connect_timeout_seconds = 5;
    return std::make_shared<SmtpMailer>(config);
  }

  ReminderOptions options() {
    ReminderOptions o;
    o.base_url = "https://llw.anhung.gov.vn/";
    return o;
  }

  const std::set<std::string> not_submitted_{"<b@anhung.edu.vn>", "<c@anhung.edu.vn>",
                                             "<d@anhung.edu.vn>"};
  testing_support::TempDir temp_{"llw-mail"};
  fs::path dir_ = temp_.path();  // removed with temp_, after everything else
  std::shared_ptr<Store> store_;
  std::unique_ptr<Application> app_;
  std::atomic<Timestamp> now_{vietnam_time(10, 5, 10)};
  User admin_;
  Campaign campaign_;
  std::unique_ptr<SmtpSink> sink_;
};

std::set<std::string> bare(const std::set<std::string>& addresses) {
  std::set<std::string> out;
  for (std::string a : addresses) out.insert(a.substr(1, a.size() - 2));
  return out;
}

TEST_F(RemindersTest, EachSlotGoesOnceToExactlyTheUnitsThatHaveNotSubmitted) {
  ReminderScheduler scheduler(*app_, mailer(sink_->url()), {}, options());
  // 05/10: no slot is due yet (the first is 09/10 at 07:00).
  EXPECT_TRUE(scheduler.check_now().empty());
  now_ = vietnam_time(10, 9, 6, 59);
  EXPECT_TRUE(scheduler.check_now().empty());
  EXPECT_TRUE(sink_->messages().empty());

  now_ = vietnam_time(10, 9, 7, 0);
  auto runs = scheduler.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].slot, "d-3");
  EXPECT_EQ(runs[0].count("sent"), 3);
  EXPECT_EQ(runs[0].count("no_email"), 1);  // the village
  auto messages = sink_->messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(recipients(messages), bare(not_submitted_));

  // The message as a mail reader decodes it.
  const json* b = nullptr;
  for (const auto& m : messages) {
    if (m["rcpt_tos"][0] == "b@anhung.edu.vn") b = &m;
  }
  ASSERT_NE(b, nullptr);
  EXPECT_EQ((*b)["subject"],
            "Nhắc nộp báo cáo Tuần lễ hưởng ứng học tập suốt đời năm 2025 – hạn 12/10/2025");
  EXPECT_TRUE((*b)["headers_ascii"].get<bool>());  // encoded words, not raw UTF-8
  EXPECT_EQ((*b)["raw_subject"].get<std::string>().rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ((*b)["content_type"], "text/plain");
  EXPECT_EQ((*b)["charset"], "utf-8");
  EXPECT_EQ((*b)["mail_from"], "llw@anhung.gov.vn");
  const std::string body = (*b)["body"];
  EXPECT_NE(body.find("Kính gửi: Trường THCS An Hưng"), std::string::npos) << body;
  EXPECT_NE(body.find("Hạn nộp báo cáo: hết ngày 12/10/2025"), std::string::npos) << body;
  EXPECT_NE(body.find("https://llw.anhung.gov.vn/dot/" + std::to_string(campaign_.id) +
                      "/bao-cao/HP-X-B"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("83/KH-UBND"), std::string::npos) << body;
  EXPECT_NE(body.find("Xã An Hưng"), std::string::npos) << body;

  // Checking again, and after a restart, sends nothing more for this slot.
  scheduler.check_now();
  open_app();
  ReminderScheduler restarted(*app_, mailer(sink_->url()), {}, options());
  auto again = restarted.check_now();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].count("sent"), 0);
  EXPECT_EQ(again[0].count("already_sent"), 3);
  EXPECT_EQ(sink_->messages().size(), 3u);

  // B submits; the next slot goes to C and D only.
  app_->reports().submit(admin_, campaign_.id, "HP-X-B", {});
  now_ = vietnam_time(10, 11, 8);
  runs = restarted.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].slot, "d-1");
  messages = sink_->messages();
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(recipients(messages, 3), (std::set<std::string>{"c@anhung.edu.vn", "d@anhung.edu.vn"}));

  // After the deadline day nothing is due.
  now_ = vietnam_time(10, 13, 8);
  EXPECT_TRUE(restarted.check_now().empty());
  EXPECT_EQ(store_->reminder_log().reminders(campaign_.id).size(), 5u);
}

TEST_F(RemindersTest, AMailServerThatIsDownMarksNothingAndTheNextCheckSends) {
  now_ = vietnam_time(10, 12, 9);  // the deadline day
  const RefusingPort refusing;
  ReminderScheduler down(*app_, mailer(refusing.url()), {}, options());
  std::vector<ReminderRun> runs;
  EXPECT_NO_THROW(runs = down.check_now());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].slot, "d-0");
  EXPECT_EQ(runs[0].count("failed"), 3);
  EXPECT_FALSE(runs[0].outcomes.front().reason.empty());
  EXPECT_TRUE(store_->reminder_log().reminders(campaign_.id).empty());

  ReminderScheduler up(*app_, mailer(sink_->url()), {}, options());
  runs = up.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count("sent"), 3);
  EXPECT_EQ(recipients(sink_->messages()), bare(not_submitted_));
}

// The message sent to `address`, the latest of them; null when none was.
const json* message_to(const std::vector<json>& messages, const std::string& address) {
  const json* found = nullptr;
  for (const auto& m : messages) {
    if (m["rcpt_tos"][0] == address) found = &m;
  }
  return found;
}

TEST_F(RemindersTest, AReturnAnAcceptAndAReopenAreMailedToTheUnitWithTheComment) {
  const json values{{"media_articles", 2}};
  app_->reports().save_draft(admin_, campaign_.id, "HP-X-C", 0, values);
  app_->reports().submit(admin_, campaign_.id, "HP-X-C", {});
  app_->reports().return_report(admin_, campaign_.id, "HP-X-C", "Thiếu số lượt người tham gia", {});
  // Queued, not sent by the decision itself.
  EXPECT_TRUE(sink_->messages().empty());
  ReminderScheduler scheduler(*app_, mailer(sink_->url()), {}, options());
  auto runs = scheduler.check_now();  // 05/10: no reminder is due, the queue is
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].slot, "queued");
  EXPECT_EQ(runs[0].count("sent"), 1);
  auto messages = sink_->messages();
  ASSERT_EQ(messages.size(), 1u);
  const json* returned = message_to(messages, "c@anhung.edu.vn");
  ASSERT_NE(returned, nullptr);
  EXPECT_EQ((*returned)["subject"],
            "Báo cáo Tuần lễ hưởng ứng học tập suốt đời năm 2025 đã được cấp trên trả lại để sửa");
  std::string body = (*returned)["body"];
  EXPECT_NE(body.find("Kính gửi: Trường Mầm non Hoa Sen"), std::string::npos) << body;
  // The comment on the line after its heading (the mail's lines end in CRLF).
  const std::size_t heading = body.find("Ý kiến của cấp trên:");
  ASSERT_NE(heading, std::string::npos) << body;
  EXPECT_NE(body.find("Thiếu số lượt người tham gia", heading), std::string::npos) << body;
  EXPECT_NE(body.find("https://llw.anhung.gov.vn/dot/" + std::to_string(campaign_.id) +
                      "/bao-cao/HP-X-C"),
            std::string::npos)
      << body;
  // Sent once: checking again sends nothing.
  EXPECT_TRUE(scheduler.check_now().empty());
  EXPECT_EQ(sink_->messages().size(), 1u);

  app_->reports().save_draft(admin_, campaign_.id, "HP-X-C", 3, values);
  app_->reports().submit(admin_, campaign_.id, "HP-X-C", {});
  app_->reports().accept_report(admin_, campaign_.id, "HP-X-C", {});
  app_->reports().reopen_report(admin_, campaign_.id, "HP-X-C", "Bổ sung ảnh hoạt động", {});
  runs = scheduler.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count("sent"), 2);
  messages = sink_->messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_NE(messages[1]["subject"].get<std::string>().find("đã được cấp trên tiếp nhận"),
            std::string::npos);
  EXPECT_NE(messages[2]["subject"].get<std::string>().find("mở lại để bổ sung"), std::string::npos);
  body = messages[2]["body"];
  EXPECT_NE(body.find("Bổ sung ảnh hoạt động"), std::string::npos) << body;
  // Each recorded in the audit log.
  AuditQuery mails;
  mails.action = "review.mail";
  EXPECT_EQ(app_->audit().audit_log(admin_, "", mails).size(), 3u);
}

TEST_F(RemindersTest, AReviewWhileTheMailServerIsDownSucceedsAndTheMailGoesLater) {
  app_->reports().save_draft(admin_, campaign_.id, "HP-X-C", 0, {{"media_articles", 2}});
  app_->reports().submit(admin_, campaign_.id, "HP-X-C", {});
  const RefusingPort refusing;
  ReminderScheduler down(*app_, mailer(refusing.url()), {}, options());
  // The decision never waits for the mail server.
  const UnitReport returned =
      app_->reports().return_report(admin_, campaign_.id, "HP-X-C", "Sửa mục 2", {});
  EXPECT_EQ(returned.status, ReportStatus::returned);
  auto runs = down.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count("failed"), 1);
  EXPECT_EQ(store_->reminder_log().queued_reminders(10).size(), 1u);  // still queued

  ReminderScheduler up(*app_, mailer(sink_->url()), {}, options());
  runs = up.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count("sent"), 1);
  EXPECT_EQ(recipients(sink_->messages()), (std::set<std::string>{"c@anhung.edu.vn"}));
  EXPECT_TRUE(store_->reminder_log().queued_reminders(10).empty());
}

TEST_F(RemindersTest, AUnitWithoutAnAddressIsToldInTheAppOnly) {
  store_->units().update_unit(
      testing_support::unit_input("HP-X-C", "Trường Mầm non Hoa Sen", UnitKind::school, "HP-X",
                                  {{"students", 100}, {"staff", 10}}, SchoolLevel::none, ""));
  app_->reports().save_draft(admin_, campaign_.id, "HP-X-C", 0, {{"media_articles", 2}});
  app_->reports().submit(admin_, campaign_.id, "HP-X-C", {});
  app_->reports().return_report(admin_, campaign_.id, "HP-X-C", "Sửa mục 2", {});
  EXPECT_TRUE(store_->reminder_log().queued_reminders(10).empty());
}

TEST_F(RemindersTest, TheNhacButtonQueuesOneReminderADayForTheLevelAboveOnly) {
  const User coordinator = app_->accounts().add_user("dp.anhung", "Điều phối An Hưng",
                                                     Role::coordinator, "HP-X", "mat-khau-dai-1");
  const User school = app_->accounts().add_user("gv.thcs", "Giáo viên THCS", Role::reporter,
                                                "HP-X-B", "mat-khau-dai-2");
  // A school cannot remind, not even itself.
  try {
    app_->reports().remind_unit(school, campaign_.id, "HP-X-B");
    FAIL() << "a school reminded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
  }
  // A submitted unit needs no reminder; an unknown unit is not found.
  try {
    app_->reports().remind_unit(coordinator, campaign_.id, "HP-X-A");
    FAIL() << "a submitted unit reminded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_NE(e.message().find("đã nộp"), std::string::npos) << e.message();
  }
  EXPECT_THROW(app_->reports().remind_unit(coordinator, campaign_.id, "HP-NOPE"), Error);
  // The village has no address: said in Vietnamese, nothing queued.
  try {
    app_->reports().remind_unit(coordinator, campaign_.id, "HP-X-V");
    FAIL() << "a unit without an address reminded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    EXPECT_EQ(e.field(), "email");
  }

  const ReminderRecord queued = app_->reports().remind_unit(coordinator, campaign_.id, "HP-X-B");
  EXPECT_TRUE(queued.queued);
  EXPECT_EQ(queued.slot, "manual-2025-10-05");
  // A double click: refused as already reminded, nothing more queued.
  try {
    app_->reports().remind_unit(coordinator, campaign_.id, "HP-X-B");
    FAIL() << "reminded twice in a day";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.field(), "reminded");
  }
  EXPECT_EQ(store_->reminder_log().queued_reminders(10).size(), 1u);

  ReminderScheduler scheduler(*app_, mailer(sink_->url()), {}, options());
  const auto runs = scheduler.check_now();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count("sent"), 1);
  const auto messages = sink_->messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(recipients(messages), (std::set<std::string>{"b@anhung.edu.vn"}));
  EXPECT_NE(messages[0]["subject"].get<std::string>().find("Nhắc nộp báo cáo"), std::string::npos);
  // The next day it may be reminded again.
  now_ = vietnam_time(10, 6, 8);
  EXPECT_EQ(app_->reports().remind_unit(coordinator, campaign_.id, "HP-X-B").slot,
            "manual-2025-10-06");
  // The request and the sending are in the audit log.
  AuditQuery requests;
  requests.action = "reminder.request";
  EXPECT_GE(app_->audit().audit_log(admin_, "", requests).size(), 2u);
}

TEST_F(RemindersTest, TheBackgroundThreadSendsOnItsOwnAndStopsCleanly) {
  now_ = vietnam_time(10, 11, 9);
  ReminderScheduler scheduler(*app_, mailer(sink_->url()), {}, options(),
                              std::chrono::milliseconds(50));
  scheduler.start();
  // The first check sends the three reminders before it finishes; three more checks send none.
  ASSERT_GE(scheduler.wait_for_checks(1, std::chrono::seconds(30)), 1u);
  EXPECT_EQ(sink_->messages().size(), 3u);
  ASSERT_GE(scheduler.wait_for_checks(4, std::chrono::seconds(30)), 4u);
  scheduler.stop();
  EXPECT_EQ(sink_->messages().size(), 3u);
}

TEST_F(RemindersTest, ScheduleAndAddressesAreChecked) {
  EXPECT_EQ(parse_reminder_days("3,1,0"), (std::vector<int>{3, 1, 0}));
  EXPECT_EQ(parse_reminder_days("0, 7,7"), (std::vector<int>{7, 0}));
  for (const std::string bad : {"", "3,,1", "-1", "x", "61", "3;1"}) {
    EXPECT_THROW(parse_reminder_days(bad), Error) << bad;
  }
  EXPECT_TRUE(is_plain_email_address("a.b@xa.gov.vn"));
  for (const std::string bad : {"a@b", "a b@c.vn", "a@b.vn\r\nBcc: x@y.vn", "<a@b.vn>", "@b.vn"}) {
    EXPECT_FALSE(is_plain_email_address(bad)) << bad;
  }
  SmtpConfig config;
  config.url = "http://127.0.0.1:25";
  EXPECT_THROW(SmtpMailer{config}, Error);
}

TEST_F(RemindersTest, LlwRemindSendsOnceAndFailsWithTheReasonWhenNoServerAnswers) {
  const std::string db = (dir_ / "llw.sqlite").string();
  const std::string base = std::string(LLW_BINARY) + " remind --db '" + db + "' --campaign " +
                           std::to_string(campaign_.id);

  auto [dry_status, dry] = run(base + " --dry-run");
  EXPECT_EQ(dry_status, 0) << dry;
  EXPECT_NE(dry.find("HP-X-B"), std::string::npos) << dry;
  EXPECT_EQ(dry.find("HP-X-A "), std::string::npos) << dry;
  EXPECT_TRUE(sink_->messages().empty());
  EXPECT_TRUE(store_->reminder_log().reminders(campaign_.id).empty());

  const RefusingPort refusing;
  auto [down_status, down] = run(base + " --smtp " + refusing.url());
  EXPECT_NE(down_status, 0) << down;
  EXPECT_NE(down.find("không gửi được thư"), std::string::npos) << down;
  EXPECT_TRUE(store_->reminder_log().reminders(campaign_.id).empty());

  auto [status, output] = run(base + " --smtp " + sink_->url() + " --smtp-from llw@anhung.gov.vn");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(recipients(sink_->messages()), bare(not_submitted_));
  auto [again_status, again] = run(base + " --smtp " + sink_->url());
  EXPECT_EQ(again_status, 0) << again;
  EXPECT_EQ(sink_->messages().size(), 3u) << again;

  auto [usage_status, usage] = run(base);  // no --smtp and no --dry-run
  EXPECT_NE(usage_status, 0) << usage;
  EXPECT_NE(usage.find("--smtp"), std::string::npos) << usage;
}

// Issue 13: a plan issued is e-mailed to every unit below that reports and has an address, with
// its own tasks and deadline, once — also across a restart — and a mail server that is down
// leaves every one to the next run.
TEST_F(RemindersTest, AnIssuedPlanIsMailedOnceToEveryUnitBelowWithItsTasks) {
  using namespace std::chrono;
  LevelPlanDraft draft;
  draft.number = "83/KH-UBND";
  draft.issued_on = 2025y / October / 1;
  draft.deadline = campaign_.deadline;
  draft.lock_date = campaign_.lock_date;
  draft.content = {
      {"assignments",
       json::array({{{"title", "Các trường học"}, {"tasks", {"Tổ chức Ngày hội đọc sách."}}},
                    {{"title", "Các thôn"}, {"tasks", {"Tuyên truyền trên loa truyền thanh."}}}})}};
  const LevelPlan saved = app_->plans().save_level_plan(admin_, campaign_.id, "HP-X", 0, draft);
  app_->plans().issue_level_plan(admin_, campaign_.id, "HP-X", saved.version);

  const RefusingPort refusing;
  const ReminderRun down =
      send_plan_emails(*app_, campaign_.id, mailer(refusing.url()).get(), options());
  EXPECT_EQ(down.count("failed"), 4);
  EXPECT_EQ(down.count("no_email"), 1);  // the village
  EXPECT_TRUE(sink_->messages().empty());

  ReminderScheduler scheduler(*app_, mailer(sink_->url()), {}, options());
  scheduler.check_now();
  const auto messages = sink_->messages();
  EXPECT_EQ(recipients(messages), (std::set<std::string>{"a@anhung.edu.vn", "b@anhung.edu.vn",
                                                         "c@anhung.edu.vn", "d@anhung.edu.vn"}));
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages[0]["subject"], "Kế hoạch số 83/KH-UBND của Xã An Hưng: " + campaign_.name);
  const std::string body = messages[0]["body"];
  EXPECT_NE(body.find("Xã An Hưng đã ban hành Kế hoạch số 83/KH-UBND ngày 01/10/2025"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("- Tổ chức Ngày hội đọc sách."), std::string::npos) << body;
  EXPECT_EQ(body.find("Tuyên truyền trên loa"), std::string::npos) << body;
  EXPECT_NE(body.find("Hạn nộp báo cáo của đơn vị: hết ngày " +
                      format_vietnamese_date(campaign_.deadline)),
            std::string::npos);
  EXPECT_NE(
      body.find("https://llw.anhung.gov.vn/dot/" + std::to_string(campaign_.id) + "/ke-hoach/HP-X"),
      std::string::npos)
      << body;

  // Once: neither the next check nor a restarted server sends it again.
  scheduler.check_now();
  open_app();
  ReminderScheduler restarted(*app_, mailer(sink_->url()), {}, options());
  restarted.check_now();
  EXPECT_EQ(sink_->messages().size(), messages.size());
}

}  // namespace
}  // namespace llw
