// AsyncSink: batches reach the inner sink whole, in order, with their own
// bytes (the caller may reuse its buffer at once); a failure surfaces on the
// next write() or drain() and nothing after it is written; the queue bound
// holds.
#include "sinks/async_sink.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

namespace naap::sinks {
namespace {

struct Recorded {
  std::string table, columns, payload;
  uint64_t rows;
};

class RecordingSink final : public Sink {
 public:
  void write(const Batch& b) override {
    {
      std::lock_guard lock(mu);
      // Two batches of one table must never be written at the same time.
      if (!writing.insert(std::string(b.table)).second) overlapped = true;
    }
    if (delay.count()) std::this_thread::sleep_for(delay);
    std::lock_guard lock(mu);
    writing.erase(std::string(b.table));
    if (fail_at >= 0 && static_cast<int>(got.size()) == fail_at) {
      throw std::runtime_error("engine said no to " + std::string(b.table));
    }
    got.push_back({std::string(b.table), std::string(b.columns), std::string(b.payload), b.rows});
    ++written;
  }
  std::string describe() const override { return "recording"; }
  std::mutex mu;
  std::set<std::string> writing;
  bool overlapped = false;
  std::vector<Recorded> got;
  std::atomic<int> written{0};
  int fail_at = -1;
  std::chrono::milliseconds delay{0};
};

TEST(AsyncSink, WritesEveryBatchOfATableInOrderWithItsOwnBytes) {
  RecordingSink inner;
  inner.delay = std::chrono::milliseconds(1);
  AsyncSink sink({&inner, &inner, &inner}, /*max_queued=*/4);
  const std::vector<std::string> tables = {"streaming_events", "fact_workflow_sessions",
                                           "network_capabilities_advertised"};
  std::string buffer;
  for (int i = 0; i < 150; ++i) {
    buffer = "rows-" + std::to_string(i);
    // Uneven: the first table gets most of the batches.
    const std::string& table = tables[i % 5 < 3 ? 0 : (i % 5 == 3 ? 1 : 2)];
    sink.write(Batch{table, "a, b", buffer, static_cast<uint64_t>(i)});
    buffer.assign("overwritten by the caller");  // the sink kept its own copy
  }
  sink.drain();
  ASSERT_EQ(inner.got.size(), 150u);
  EXPECT_FALSE(inner.overlapped) << "two batches of one table were written at once";
  std::map<std::string, int> last;
  for (const auto& g : inner.got) {
    EXPECT_EQ(g.payload, "rows-" + std::to_string(g.rows));
    EXPECT_EQ(g.columns, "a, b");
    auto [it, fresh] = last.emplace(g.table, static_cast<int>(g.rows));
    if (!fresh) {
      EXPECT_GT(static_cast<int>(g.rows), it->second) << g.table << " out of order";
      it->second = static_cast<int>(g.rows);
    }
  }
  EXPECT_EQ(last.size(), 3u);
  EXPECT_EQ(sink.write_seconds().size(), 3u);
}

TEST(AsyncSink, AFailureIsThrownByDrainAndNothingAfterItIsWritten) {
  RecordingSink inner;
  inner.fail_at = 3;
  AsyncSink sink({&inner, &inner});
  bool thrown = false;
  try {
    for (int i = 0; i < 50; ++i) sink.write(Batch{"t", "a", "x", 1});
    sink.drain();
  } catch (const std::runtime_error& e) {
    thrown = true;
    EXPECT_STREQ(e.what(), "engine said no to t");
  }
  EXPECT_TRUE(thrown);
  EXPECT_EQ(inner.got.size(), 3u);
  // Every later call says the same.
  EXPECT_THROW(sink.write(Batch{"t", "a", "x", 1}), std::runtime_error);
  EXPECT_THROW(sink.drain(), std::runtime_error);
  EXPECT_EQ(inner.got.size(), 3u);
}

TEST(AsyncSink, WriteBlocksWhileTheQueueIsFull) {
  RecordingSink inner;
  inner.delay = std::chrono::milliseconds(30);
  AsyncSink sink({&inner}, /*max_queued=*/1);
  // One batch being written and one queued: the third write waits for the first.
  sink.write(Batch{"t", "a", "1", 1});
  sink.write(Batch{"t", "a", "2", 1});
  sink.write(Batch{"t", "a", "3", 1});
  EXPECT_GE(inner.written.load(), 1);
  sink.drain();
  EXPECT_EQ(inner.written.load(), 3);
}

// Destroyed without drain() (the producer failed): the batch being written is
// finished, the queued ones are not written, and nothing is written afterwards.
TEST(AsyncSink, DestroyedWithoutDrainDropsWhatIsQueued) {
  RecordingSink inner;
  inner.delay = std::chrono::milliseconds(50);
  {
    AsyncSink sink({&inner}, /*max_queued=*/2);
    sink.write(Batch{"t", "a", "1", 1});
    sink.write(Batch{"t", "a", "2", 1});
    sink.write(Batch{"t", "a", "3", 1});
  }
  const int after = inner.written.load();
  EXPECT_LE(after, 1) << "queued batches were written after the sink was destroyed";
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_EQ(inner.written.load(), after);
}

}  // namespace
}  // namespace naap::sinks
