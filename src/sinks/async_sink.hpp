// Writes batches on a worker thread, so decoding, the lifecycle and encoding
// go on while the warehouse ingests the previous batch (the engine's insert is
// most of a run's time; the two overlap on two cores).
//
// One worker per writer sink (e.g. one embedded-store connection each: the
// engine runs one insert per connection at a time) writes batches of
// different tables at the same time; the
// batches of one table keep their order and never overlap (a worker takes the
// first queued batch whose table no other worker is writing): the inserts into
// one table run one after another, as the count-once rollup ledgers require
// (docs/warehouse.md). At most `max_queued` batches wait besides those being
// written; write() blocks beyond that, which bounds the memory of the copies.
// A failed write is kept and thrown by the next write() or drain(); nothing
// after it is written.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sinks/sink.hpp"

namespace naap::sinks {

class AsyncSink final : public Sink {
 public:
  // `writers`: one sink per worker, all writing to the same warehouse; each
  // is only ever called from its own worker.
  explicit AsyncSink(std::vector<Sink*> writers, size_t max_queued = 2);
  // Stops the worker; batches still queued (only after a failure or an
  // exception in the producer) are not written.
  ~AsyncSink() override;
  AsyncSink(const AsyncSink&) = delete;
  AsyncSink& operator=(const AsyncSink&) = delete;

  // Copies the batch and queues it.
  void write(const Batch& batch) override;
  // Waits until every queued batch is written; throws the first failure.
  void drain() override;
  std::string describe() const override { return writers_.front()->describe(); }

  // Wall seconds the writers spent writing, per table (complete after drain()).
  std::map<std::string, double> write_seconds() const override;

 private:
  struct Job {
    std::string table, columns, payload;
    uint64_t rows = 0;
  };
  void work(Sink& writer);
  void rethrow_locked();

  std::vector<Sink*> writers_;
  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  std::vector<std::string> in_flight_;  // tables being written now
  std::vector<std::string> spare_;      // payload buffers kept for their capacity
  bool stop_ = false;
  std::exception_ptr error_;
  std::map<std::string, double> seconds_;
  std::vector<std::thread> workers_;  // last: they start after everything they use exists
};

}  // namespace naap::sinks
