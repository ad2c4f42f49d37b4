// Per-table batching of encoded rows, bounded by rows, bytes and time. Row
// types describe themselves (kTable, kColumns, encode()); the batcher keeps
// one RowBinaryWithNamesAndTypes buffer per table and hands full batches to
// the sink.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/row_binary.hpp"
#include "sinks/sink.hpp"

namespace naap::sinks {

struct BatchLimits {
  // Per table: a batch is sent when it reaches either limit (or max_age).
  uint64_t max_rows = 200'000;
  uint64_t max_bytes = 32u << 20;
  std::chrono::milliseconds max_age{1000};
  // All tables together: when the open batches hold more than this many
  // bytes, the largest is sent. It bounds the memory the batches use (the
  // per-table limit alone allows max_bytes for every table) while the tables
  // that carry most of the bytes still get large batches. Never below
  // max_bytes.
  uint64_t max_total_bytes = 64u << 20;
};

struct TableStats {
  uint64_t rows = 0;
  uint64_t bytes = 0;
  uint64_t batches = 0;
  // Wall seconds the warehouse spent inserting this table's batches, when the
  // sink measures it (Sink::write_seconds); not known otherwise.
  std::optional<double> insert_seconds;
};

class Batcher {
 public:
  Batcher(Sink& sink, BatchLimits limits)
      : sink_(sink),
        limits_(limits),
        total_limit_(std::max(limits.max_total_bytes, limits.max_bytes)) {}

  // Appends one row; may flush that table's batch.
  template <typename Row>
  void add(const Row& row) {
    Table& t = table(Row::kTable, std::span<const Column>(Row::kColumns));
    const size_t before = t.payload.size();
    RowBinaryWriter w(t.payload);
    row.encode(w);
    committed(t, t.payload.size() - before, 1);
  }

  // Direct encoding, for a producer that writes rows straight into the open
  // batch (the quality gate, see QualityGate::encode_into) instead of handing
  // over a copy: declare() the table once, append whole rows to payload(),
  // then commit() them. payload() is the same string object for the
  // batcher's lifetime (a flush empties it back to the header, keeping its
  // capacity); bytes appended but not yet committed would be sent with the
  // next flush, so commit right after appending.
  using TableRef = size_t;
  TableRef declare(std::string_view table, std::span<const Column> columns) {
    Table& t = this->table(table, columns);
    for (size_t i = 0; i < tables_.size(); ++i) {
      if (tables_[i].get() == &t) return i;
    }
    return 0;  // unreachable: table() returns one of tables_
  }
  std::string& payload(TableRef t) { return tables_[t]->payload; }
  void commit(TableRef t, uint64_t bytes, uint64_t rows) {
    if (rows > 0) committed(*tables_[t], bytes, rows);
  }

  // Flushes batches older than the age limit (call periodically).
  void flush_aged();
  // Flushes everything buffered.
  void flush_all();

  // Rows written per table (after flush), in table-name order.
  std::map<std::string, TableStats> stats() const;

 private:
  struct Table {
    std::string_view name;
    std::string columns;  // "a, b, c"
    std::string header;   // RowBinaryWithNamesAndTypes header
    std::string payload;  // header + rows of the open batch
    uint64_t rows_in_batch = 0;
    uint64_t bytes_in_batch = 0;
    std::chrono::steady_clock::time_point started;
    TableStats stats;
    bool active = false;
  };
  Table& table(std::string_view name, std::span<const Column> columns);
  void committed(Table& t, uint64_t bytes, uint64_t rows) {
    if (!t.active) {
      t.active = true;
      active_.push_back(&t);
    }
    t.bytes_in_batch += bytes;
    buffered_ += bytes;
    if (t.rows_in_batch == 0) t.started = std::chrono::steady_clock::now();
    t.rows_in_batch += rows;
    if (t.rows_in_batch >= limits_.max_rows || t.payload.size() >= limits_.max_bytes) flush(t);
    if (buffered_ > total_limit_) flush_largest();
  }
  void flush(Table& t);
  void flush_largest();

  Sink& sink_;
  BatchLimits limits_;
  uint64_t total_limit_;
  uint64_t buffered_ = 0;  // rows' bytes in all open batches
  std::vector<std::unique_ptr<Table>> tables_;
  // Tables that received rows, in the order of their first row: flushes and
  // stats walk these (a declared table without rows writes and reports nothing).
  std::vector<Table*> active_;
};

}  // namespace naap::sinks
