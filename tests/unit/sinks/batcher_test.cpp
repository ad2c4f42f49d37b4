// The per-table batcher: batch boundaries (rows, bytes, the budget over all
// tables), the direct-encoding interface the quality gate writes through,
// and what a flush hands to the sink.
#include "sinks/batcher.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace naap::sinks {
namespace {

struct Row {
  static constexpr std::string_view kTable = "t_rows";
  static constexpr std::array kColumns = {Column{"a", "UInt32"}, Column{"s", "String"}};
  uint32_t a = 0;
  std::string s;
  void encode(RowBinaryWriter& w) const {
    w.u32(a);
    w.str(s);
  }
};

constexpr std::array kOther = {Column{"x", "String"}};

struct Written {
  std::string table, columns, payload;
  uint64_t rows;
};

class RecordingSink final : public Sink {
 public:
  void write(const Batch& b) override {
    batches.push_back(
        {std::string(b.table), std::string(b.columns), std::string(b.payload), b.rows});
  }
  std::string describe() const override { return "recording"; }
  std::vector<Written> batches;
};

std::string header_of(std::span<const Column> columns) {
  std::string h;
  RowBinaryWriter w(h);
  w.varint(columns.size());
  for (const auto& c : columns) w.str(c.name);
  for (const auto& c : columns) w.str(c.type);
  return h;
}

std::string encoded(const Row& r) {
  std::string out;
  RowBinaryWriter w(out);
  r.encode(w);
  return out;
}

TEST(Batcher, AddAndDirectEncodingWriteTheSameBatches) {
  const std::vector<Row> rows = {{1, "one"}, {2, std::string(300, 'x')}, {3, ""}};
  const auto run = [&](int mode) {
    RecordingSink sink;
    Batcher b(sink, BatchLimits{});
    if (mode == 1) {
      const auto ref = b.declare(Row::kTable, std::span<const Column>(Row::kColumns));
      for (const Row& r : rows) {
        std::string& p = b.payload(ref);
        const size_t before = p.size();
        RowBinaryWriter w(p);
        r.encode(w);
        b.commit(ref, p.size() - before, 1);
      }
    } else {
      for (const Row& r : rows) b.add(r);
    }
    b.flush_all();
    EXPECT_EQ(b.stats().at("t_rows").rows, 3u);
    EXPECT_EQ(b.stats().at("t_rows").batches, 1u);
    return sink.batches;
  };
  const auto a = run(0), d = run(1);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].table, "t_rows");
  EXPECT_EQ(a[0].columns, "a, s");
  EXPECT_EQ(a[0].rows, 3u);
  EXPECT_EQ(a[0].payload,
            header_of(Row::kColumns) + encoded(rows[0]) + encoded(rows[1]) + encoded(rows[2]));
  for (const auto* other : {&d}) {
    ASSERT_EQ(other->size(), 1u);
    EXPECT_EQ((*other)[0].payload, a[0].payload);
    EXPECT_EQ((*other)[0].rows, 3u);
  }
}

TEST(Batcher, RowAndByteLimitsPerTable) {
  RecordingSink sink;
  BatchLimits limits;
  limits.max_rows = 3;
  Batcher b(sink, limits);
  for (uint32_t i = 0; i < 7; ++i) b.add(Row{i, "r"});
  EXPECT_EQ(sink.batches.size(), 2u);  // after rows 3 and 6
  b.flush_all();
  ASSERT_EQ(sink.batches.size(), 3u);
  EXPECT_EQ(sink.batches[0].rows, 3u);
  EXPECT_EQ(sink.batches[2].rows, 1u);
  EXPECT_EQ(sink.batches[2].payload, header_of(Row::kColumns) + encoded(Row{6, "r"}));

  RecordingSink sink2;
  BatchLimits bytes;
  bytes.max_bytes = 1000;
  Batcher b2(sink2, bytes);
  const Row big{1, std::string(400, 'y')};
  b2.add(big);
  b2.add(big);
  EXPECT_TRUE(sink2.batches.empty());
  b2.add(big);  // the payload passes 1000 bytes: sent with this row
  ASSERT_EQ(sink2.batches.size(), 1u);
  EXPECT_EQ(sink2.batches[0].rows, 3u);
}

// A declared table that never gets a row sends nothing and reports nothing;
// stats are by table name, flushes in the order tables got their first row.
TEST(Batcher, DeclaredTablesWithoutRowsStaySilent) {
  RecordingSink sink;
  Batcher b(sink, BatchLimits{});
  const auto unused = b.declare("t_unused", std::span<const Column>(kOther));
  const auto other = b.declare("t_other", std::span<const Column>(kOther));
  b.commit(unused, 0, 0);
  b.add(Row{1, "a"});
  std::string& p = b.payload(other);
  RowBinaryWriter w(p);
  w.str("x1");
  b.commit(other, 3, 1);
  b.flush_all();
  ASSERT_EQ(sink.batches.size(), 2u);
  EXPECT_EQ(sink.batches[0].table, "t_rows");
  EXPECT_EQ(sink.batches[1].table, "t_other");
  EXPECT_EQ(sink.batches[1].payload, header_of(kOther) + std::string("\x02x1", 3));
  const auto stats = b.stats();
  EXPECT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats.count("t_unused"), 0u);
  EXPECT_EQ(stats.at("t_other").bytes, 3u);
}

// The payload is one string for the batcher's lifetime and keeps its
// capacity across flushes: no reallocation, no fresh pages per batch.
TEST(Batcher, PayloadBufferIsReusedAcrossFlushes) {
  RecordingSink sink;
  BatchLimits limits;
  limits.max_rows = 2;
  Batcher b(sink, limits);
  const auto ref = b.declare(Row::kTable, std::span<const Column>(Row::kColumns));
  const std::string* object = &b.payload(ref);
  const char* data = b.payload(ref).data();
  for (uint32_t i = 0; i < 10; ++i) b.add(Row{i, std::string(100, 'z')});
  EXPECT_EQ(sink.batches.size(), 5u);
  EXPECT_EQ(&b.payload(ref), object);
  EXPECT_EQ(b.payload(ref).data(), data);
  EXPECT_EQ(b.payload(ref), header_of(Row::kColumns));
}

// Over the budget for all tables, the table holding the most bytes is sent.
TEST(Batcher, TotalBudgetSendsTheLargestTable) {
  RecordingSink sink;
  BatchLimits limits;
  limits.max_bytes = 2000;
  limits.max_total_bytes = 2000;
  Batcher b(sink, limits);
  const auto other = b.declare("t_other", std::span<const Column>(kOther));
  const auto put_other = [&](size_t n) {
    std::string& p = b.payload(other);
    const size_t before = p.size();
    RowBinaryWriter w(p);
    w.str(std::string(n, 'o'));
    b.commit(other, p.size() - before, 1);
  };
  put_other(300);
  b.add(Row{1, std::string(900, 'r')});
  EXPECT_TRUE(sink.batches.empty());
  b.add(Row{2, std::string(900, 'r')});  // 300 + 1800 > 2000: t_rows is the largest
  ASSERT_EQ(sink.batches.size(), 1u);
  EXPECT_EQ(sink.batches[0].table, "t_rows");
  EXPECT_EQ(sink.batches[0].rows, 2u);
  put_other(300);
  EXPECT_EQ(sink.batches.size(), 1u);  // 600 bytes buffered
  b.flush_all();
  ASSERT_EQ(sink.batches.size(), 2u);
  EXPECT_EQ(sink.batches[1].table, "t_other");
  EXPECT_EQ(sink.batches[1].rows, 2u);
}

// The budget is never below the per-table limit.
TEST(Batcher, TotalBudgetIsAtLeastTheTableLimit) {
  RecordingSink sink;
  BatchLimits limits;
  limits.max_bytes = 5000;
  limits.max_total_bytes = 100;
  Batcher b(sink, limits);
  b.add(Row{1, std::string(1000, 'r')});
  EXPECT_TRUE(sink.batches.empty());
}

}  // namespace
}  // namespace naap::sinks
