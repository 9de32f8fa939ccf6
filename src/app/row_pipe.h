#pragma once
// RowPipe: rows of a data export handed from the thread that reads the store to a thread that
// writes the file, so that reading and writing overlap (app/data_export.cpp).

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "documents/data_table.h"

namespace llw {

// Rows handed from the thread that reads them to a thread that writes them, in order, in
// batches through a queue of bounded length. An exception on either side stops both and comes
// out of push() or finish() on the reading side.
class RowPipe {
 public:
  using Sink = std::function<void(const std::string&, const std::vector<documents::DataCell>&)>;

  explicit RowPipe(Sink sink) : sink_(std::move(sink)), thread_([this] { drain(); }) {}
  ~RowPipe() {
    // Abandoned by an exception on the reading side: stop the writer and wait for it.
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      stopped_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void push(std::string level, std::vector<documents::DataCell> cells) {
    batch_.emplace_back(std::move(level), std::move(cells));
    if (batch_.size() >= kBatchRows) hand_over();
  }

  // Waits until every row is written; rethrows the writer's exception.
  void finish() {
    if (!batch_.empty()) hand_over();
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
    thread_.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  using Batch = std::vector<std::pair<std::string, std::vector<documents::DataCell>>>;
  static constexpr std::size_t kBatchRows = 256;
  static constexpr std::size_t kMaxBatches = 8;

  void hand_over() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < kMaxBatches || stopped_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(batch_));
    batch_ = {};
    lock.unlock();
    changed_.notify_all();
  }

  void drain() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
        if (queue_.empty() || stopped_) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      changed_.notify_all();
      try {
        for (const auto& [level, cells] : batch) sink_(level, cells);
      } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
        stopped_ = true;
        changed_.notify_all();
        return;
      }
    }
  }

  Sink sink_;
  Batch batch_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool closed_ = false;   // no more batches will come
  bool stopped_ = false;  // stop now (an error, or the reading side gave up)
  std::exception_ptr error_;
  std::thread thread_;  // last: started once every other member is ready
};

}  // namespace llw
