#pragma once
// Group commit for a database with one writer at a time (SQLite): the writes that arrive while a
// transaction is being written or synced share the next transaction and its one sync, instead of
// each waiting for a sync of its own.
//
// Every write enqueues its work and waits. The first waiting thread that finds no leader becomes
// the leader: it leases one connection, begins one transaction, runs each queued work inside a
// savepoint of its own (taking the works that arrived meanwhile, up to `max_batch`), commits once,
// and only then wakes the writers of the batch. So:
//   - every write is answered only after its own data is committed (and, with SQLite's
//     synchronous=FULL, on disk);
//   - a work that throws is rolled back to its savepoint and its writer gets its exception; its
//     neighbours commit as if it had not run;
//   - a failure that aborts the whole transaction (SQLite's disk full, an I/O error) fails the
//     work that caused it, and the others run again in a new transaction;
//   - when BEGIN or COMMIT fails, every writer of the batch gets that failure and none of their
//     changes is kept.
//
// The works run on the leader's thread: a work must not depend on its writer's thread-local state
// (the caller resolves that before enqueueing, as SqlContext does with the staged audit entry).

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "storage/sql/transaction.h"

namespace llw::sql {

template <typename Pool>
class GroupCommit {
 public:
  using Connection = std::remove_reference_t<decltype(*std::declval<Pool&>().acquire())>;
  using Work = std::function<void(Connection&)>;

  GroupCommit(Pool& pool, const char* begin, std::size_t max_batch = 256)
      : pool_(pool), begin_(begin), max_batch_(max_batch) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // How a work shares its transaction: `shared`, in a savepoint beside the works that arrive
  // together; `alone`, in a transaction of its own without a savepoint — for the large writes
  // (rebuilding a campaign's aggregates, loading a country's reports), which SQLite slows down
  // by orders of magnitude inside a savepoint (it pays for every statement in proportion to the
  // pages the savepoint has changed so far).
  enum class Sharing { shared, alone };

  // Runs `work` in a committed transaction shared with the works that arrive together; returns
  // once it is committed, or rethrows what the work (or the transaction's BEGIN/COMMIT) threw.
  void run(const Work& work, Sharing sharing = Sharing::shared) {
    Job job{&work, sharing == Sharing::alone, false, nullptr};
    std::unique_lock lock(mutex_);
    queue_.push_back(&job);
    while (!job.done) {
      if (leading_) {
        changed_.wait(lock);
        continue;
      }
      leading_ = true;
      lead(lock);
      leading_ = false;
      changed_.notify_all();
    }
    if (job.error) std::rethrow_exception(job.error);
  }

  // Writes queued behind the one being written (for tests).
  std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }

  // Statistics for benchmarks and tests: transactions committed and works they held.
  std::pair<long long, long long> committed() const {
    std::lock_guard lock(mutex_);
    return {transactions_, works_};
  }

 private:
  struct Job {
    const Work* work;
    bool alone = false;
    bool done = false;
    std::exception_ptr error;
  };

  // With `lock` held on entry and on return; released while writing.
  void lead(std::unique_lock<std::mutex>& lock) {
    std::vector<Job*> batch;
    take_queued(batch);
    lock.unlock();
    write(batch);
    lock.lock();
    for (Job* job : batch) job->done = true;
  }

  // Moves queued jobs into `batch` (and `also`, when given) up to the batch limit. `mutex_` held.
  // A work that runs alone is taken only into an empty batch, and nothing joins it.
  void take_queued(std::vector<Job*>& batch, std::vector<Job*>* also = nullptr) {
    std::size_t n = 0;
    while (n < queue_.size() && batch.size() < max_batch_) {
      if (!batch.empty() && (batch.front()->alone || queue_[n]->alone)) break;
      batch.push_back(queue_[n]);
      if (also) also->push_back(queue_[n]);
      ++n;
    }
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
  }

  void write(std::vector<Job*>& batch) {
    auto lease = pool_.acquire();
    Connection& connection = *lease;
    if (batch.size() == 1 && batch.front()->alone) {
      Job& job = *batch.front();
      try {
        Transaction transaction(connection.sql, begin_);
        (*job.work)(connection);
        transaction.commit();
        std::lock_guard lock(mutex_);
        ++transactions_;
        ++works_;
      } catch (...) {
        job.error = std::current_exception();
      }
      return;
    }
    std::vector<Job*> pending = batch;  // the jobs the next transaction runs
    for (;;) {
      try {
        Transaction transaction(connection.sql, begin_);
        Job* poisoner = nullptr;
        for (std::size_t i = 0;;) {
          for (; i < pending.size() && poisoner == nullptr; ++i) {
            if (!run_in_savepoint(connection, *pending[i])) poisoner = pending[i];
          }
          if (poisoner != nullptr) break;
          // Writers that arrived while these ran join this transaction.
          std::lock_guard lock(mutex_);
          take_queued(batch, &pending);
          if (i == pending.size()) break;
        }
        if (poisoner != nullptr) {
          // The transaction is gone (rolled back by the database with the poisoner's failure):
          // everything else runs again in a new one.
          std::erase(pending, poisoner);
          continue;
        }
        transaction.commit();
        std::lock_guard lock(mutex_);
        ++transactions_;
        works_ += static_cast<long long>(pending.size());
        return;
      } catch (...) {
        // BEGIN or COMMIT failed: nothing of this batch is kept.
        for (Job* job : pending) job->error = std::current_exception();
        return;
      }
    }
  }

  // Runs one job inside a savepoint. False when rolling back to the savepoint failed: the
  // database has already aborted the whole transaction.
  static bool run_in_savepoint(Connection& connection, Job& job) {
    job.error = nullptr;
    connection.sql << "SAVEPOINT llw_write";
    try {
      (*job.work)(connection);
      connection.sql << "RELEASE llw_write";
      return true;
    } catch (...) {
      job.error = std::current_exception();
    }
    try {
      connection.sql << "ROLLBACK TO llw_write";
      connection.sql << "RELEASE llw_write";
      return true;
    } catch (...) {
      return false;
    }
  }

  Pool& pool_;
  const char* begin_;
  std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Job*> queue_;
  bool leading_ = false;
  long long transactions_ = 0;
  long long works_ = 0;
};

}  // namespace llw::sql
