// Group commit (src/storage/sql/group_commit.h) on a real SQLite file: the writes that arrive
// while one is being written share its transaction; a write that fails is rolled back alone; a
// write that aborts the whole transaction fails alone while the others run again; a COMMIT that
// fails fails the whole batch and keeps nothing. Each test holds the leader's write until the
// others are queued, so the batch is known, not left to timing.

#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/sql/group_commit.h"

namespace llw::sql {
namespace {

namespace fs = std::filesystem;

struct TestConnection {
  soci::session sql;
};

// One connection (the writer's), leased as SqlStore's pool leases one.
struct OneConnectionPool {
  struct Lease {
    TestConnection* connection;
    TestConnection& operator*() const { return *connection; }
  };
  Lease acquire() { return Lease{&connection}; }
  TestConnection connection;
};

using Group = GroupCommit<OneConnectionPool>;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("llw-group-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    pool_.connection.sql.open(soci::sqlite3, "db=" + (dir_ / "g.db").string());
    pool_.connection.sql << "PRAGMA journal_mode = WAL";
    pool_.connection.sql << "PRAGMA foreign_keys = ON";
    pool_.connection.sql << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
    pool_.connection.sql
        << "CREATE TABLE saves (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) "
           "DEFERRABLE INITIALLY DEFERRED)";
  }
  void TearDown() override {
    pool_.connection.sql.close();
    fs::remove_all(dir_);
  }

  static Group::Work insert(int id) {
    return
        [id](TestConnection& c) { c.sql << "INSERT INTO saves (id) VALUES (:id)", soci::use(id); };
  }

  // Runs `first` as the leader and holds it until `others` are all queued behind it; returns each
  // writer's outcome: "ok" or the message of what it threw, the leader's first.
  std::vector<std::string> run_batch(const Group::Work& first,
                                     const std::vector<Group::Work>& others) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> leading{false};
    std::atomic<int> runs{0};
    Group::Work held = [&](TestConnection& c) {
      if (runs++ == 0) {
        leading = true;
        released.wait();
      }
      first(c);
    };
    std::vector<std::string> outcomes(others.size() + 1);
    auto outcome_of = [&](const Group::Work& work, std::size_t slot) {
      try {
        group_.run(work);
        outcomes[slot] = "ok";
      } catch (const std::exception& e) {
        outcomes[slot] = e.what();
      }
    };
    std::vector<std::thread> threads;
    threads.emplace_back(outcome_of, std::cref(held), 0);
    while (!leading) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (std::size_t i = 0; i < others.size(); ++i) {
      threads.emplace_back(outcome_of, std::cref(others[i]), i + 1);
    }
    while (group_.waiting() < others.size())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    release.set_value();
    for (auto& thread : threads) thread.join();
    return outcomes;
  }

  std::vector<int> saved_ids() {
    std::vector<int> ids(100);
    pool_.connection.sql << "SELECT id FROM saves ORDER BY id", soci::into(ids);
    return ids;
  }

  fs::path dir_;
  OneConnectionPool pool_;
  Group group_{pool_, "BEGIN IMMEDIATE"};
};

TEST_F(GroupCommitTest, WritesThatArriveWhileOneIsWrittenShareItsTransaction) {
  auto outcomes = run_batch(insert(1), {insert(2), insert(3), insert(4), insert(5), insert(6)});
  EXPECT_EQ(outcomes, std::vector<std::string>(6, "ok"));
  EXPECT_EQ(group_.committed(), std::make_pair(1LL, 6LL));
  EXPECT_EQ(saved_ids(), (std::vector<int>{1, 2, 3, 4, 5, 6}));
  // A lone write afterwards is a transaction of its own.
  group_.run(insert(7));
  EXPECT_EQ(group_.committed(), std::make_pair(2LL, 7LL));
}

TEST_F(GroupCommitTest, AFailingWriteIsRolledBackAloneAndItsNeighboursCommit) {
  Group::Work fails_half_way = [](TestConnection& c) {
    c.sql << "INSERT INTO saves (id) VALUES (30)";
    throw std::runtime_error("phiên bản cũ");
  };
  // A duplicate key: the statement fails inside the transaction, which stays usable.
  auto outcomes = run_batch(insert(1), {insert(2), fails_half_way, insert(1), insert(4)});
  EXPECT_EQ(outcomes[0], "ok");
  EXPECT_EQ(outcomes[1], "ok");
  EXPECT_EQ(outcomes[2], "phiên bản cũ");
  EXPECT_NE(outcomes[3].find("UNIQUE"), std::string::npos) << outcomes[3];
  EXPECT_EQ(outcomes[4], "ok");
  EXPECT_EQ(saved_ids(), (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(group_.committed(), std::make_pair(1LL, 5LL));
}

TEST_F(GroupCommitTest, AWriteThatAbortsTheTransactionFailsAloneAndTheOthersRunAgain) {
  // As SQLite does by itself on a full disk or an I/O error: the whole transaction is gone.
  Group::Work aborts = [](TestConnection& c) {
    c.sql << "INSERT INTO saves (id) VALUES (40)";
    c.sql << "ROLLBACK";
    throw std::runtime_error("đĩa đầy");
  };
  auto outcomes = run_batch(insert(1), {insert(2), aborts, insert(3)});
  EXPECT_EQ(outcomes, (std::vector<std::string>{"ok", "ok", "đĩa đầy", "ok"}));
  // Each of the others once (a primary key: a second insert of one would have failed).
  EXPECT_EQ(saved_ids(), (std::vector<int>{1, 2, 3}));
}

TEST_F(GroupCommitTest, ACommitThatFailsFailsTheWholeBatchAndKeepsNothing) {
  // A deferred foreign key is checked at COMMIT: the one bad row makes the commit fail.
  Group::Work dangling = [](TestConnection& c) {
    c.sql << "INSERT INTO saves (id, parent_id) VALUES (50, 999)";
  };
  auto outcomes = run_batch(insert(1), {insert(2), dangling});
  for (const auto& outcome : outcomes)
    EXPECT_NE(outcome.find("FOREIGN KEY"), std::string::npos) << outcome;
  EXPECT_TRUE(saved_ids().empty());
  EXPECT_EQ(group_.committed(), std::make_pair(0LL, 0LL));
  // The connection is usable afterwards.
  group_.run(insert(5));
  EXPECT_EQ(saved_ids(), (std::vector<int>{5}));
}

TEST_F(GroupCommitTest, ManyWritersEachGetTheirOwnOutcome) {
  constexpr int kWriters = 16;
  constexpr int kEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        const int id = w * 1000 + i;
        try {
          group_.run([&](TestConnection& c) {
            c.sql << "INSERT INTO saves (id) VALUES (:id)", soci::use(id);
            if (i % 10 == 9) throw std::runtime_error("refused");
          });
        } catch (const std::runtime_error&) {
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  int rows = 0;
  pool_.connection.sql << "SELECT COUNT(*) FROM saves", soci::into(rows);
  EXPECT_EQ(failures.load(), kWriters * kEach / 10);
  EXPECT_EQ(rows, kWriters * kEach - failures.load());
  auto [transactions, works] = group_.committed();
  EXPECT_EQ(works, kWriters * kEach);
  EXPECT_LE(transactions, works);
}

}  // namespace
}  // namespace llw::sql
