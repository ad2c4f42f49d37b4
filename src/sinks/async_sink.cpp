#include "sinks/async_sink.hpp"

#include <chrono>
#include <stdexcept>

namespace naap::sinks {

AsyncSink::AsyncSink(std::vector<Sink*> writers, size_t max_queued)
    : writers_(std::move(writers)), max_queued_(max_queued == 0 ? 1 : max_queued) {
  if (writers_.empty()) throw std::invalid_argument("AsyncSink needs at least one writer");
  for (Sink* w : writers_) workers_.emplace_back([this, w] { work(*w); });
}

AsyncSink::~AsyncSink() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  for (auto& w : workers_) w.join();
}

void AsyncSink::rethrow_locked() {
  if (error_) std::rethrow_exception(error_);
}

void AsyncSink::write(const Batch& batch) {
  std::string buffer;
  {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return error_ || queue_.size() < max_queued_; });
    rethrow_locked();
    if (!spare_.empty()) {
      buffer = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  // The copy is made outside the lock: the worker goes on writing meanwhile.
  buffer.assign(batch.payload);
  Job job{std::string(batch.table), std::string(batch.columns), std::move(buffer), batch.rows};
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(job));
  }
  changed_.notify_all();
}

void AsyncSink::drain() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return error_ || (queue_.empty() && in_flight_.empty()); });
  rethrow_locked();
}

std::map<std::string, double> AsyncSink::write_seconds() const {
  std::lock_guard lock(mu_);
  return seconds_;
}

void AsyncSink::work(Sink& writer) {
  std::unique_lock lock(mu_);
  for (;;) {
    // The first queued batch whose table no other worker is writing.
    auto next = queue_.end();
    changed_.wait(lock, [&] {
      if (stop_) return true;
      if (error_) {
        // Nothing is written after a failure: drop what waits, let write()
        // and drain() see the error.
        if (!queue_.empty()) {
          queue_.clear();
          changed_.notify_all();
        }
        return false;
      }
      next = std::find_if(queue_.begin(), queue_.end(), [&](const Job& j) {
        return std::find(in_flight_.begin(), in_flight_.end(), j.table) == in_flight_.end();
      });
      return next != queue_.end();
    });
    if (stop_) return;
    Job job = std::move(*next);
    queue_.erase(next);
    in_flight_.push_back(job.table);
    lock.unlock();
    changed_.notify_all();  // room in the queue
    std::exception_ptr failed;
    const auto start = std::chrono::steady_clock::now();
    try {
      writer.write(Batch{job.table, job.columns, job.payload, job.rows});
    } catch (...) {
      failed = std::current_exception();
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    lock.lock();
    in_flight_.erase(std::find(in_flight_.begin(), in_flight_.end(), job.table));
    seconds_[job.table] += secs;
    if (failed && !error_) error_ = failed;
    if (spare_.size() <= max_queued_) spare_.push_back(std::move(job.payload));
    changed_.notify_all();
  }
}

}  // namespace naap::sinks
