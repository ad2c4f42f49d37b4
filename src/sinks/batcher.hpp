// Per-table batching of encoded rows, bounded by rows, bytes and time. Row
// types describe themselves (kTable, kColumns, encode()); the batcher keeps
// one RowBinaryWithNamesAndTypes buffer per table and hands full batches to
// the sink.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/row_binary.hpp"
#include "sinks/sink.hpp"

namespace naap::sinks {

struct BatchLimits {
  uint64_t max_rows = 200'000;
  uint64_t max_bytes = 32u << 20;
  std::chrono::milliseconds max_age{1000};
};

struct TableStats {
  uint64_t rows = 0;
  uint64_t bytes = 0;
  uint64_t batches = 0;
};

class Batcher {
 public:
  Batcher(Sink& sink, BatchLimits limits) : sink_(sink), limits_(limits) {}

  // Appends one row; may flush that table's batch.
  template <typename Row>
  void add(const Row& row) {
    Table& t = table(Row::kTable, std::span<const Column>(Row::kColumns));
    const size_t before = t.payload.size();
    RowBinaryWriter w(t.payload);
    row.encode(w);
    t.bytes_in_batch += t.payload.size() - before;
    if (++t.rows_in_batch == 1) t.started = std::chrono::steady_clock::now();
    if (t.rows_in_batch >= limits_.max_rows || t.payload.size() >= limits_.max_bytes) flush(t);
  }

  // Appends rows already encoded in `columns` order (RowBinary).
  void add_encoded(std::string_view table, std::span<const Column> columns, std::string_view bytes,
                   uint64_t rows) {
    if (rows == 0) return;
    Table& t = this->table(table, columns);
    t.payload.append(bytes);
    t.bytes_in_batch += bytes.size();
    if (t.rows_in_batch == 0) t.started = std::chrono::steady_clock::now();
    t.rows_in_batch += rows;
    if (t.rows_in_batch >= limits_.max_rows || t.payload.size() >= limits_.max_bytes) flush(t);
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
  };
  Table& table(std::string_view name, std::span<const Column> columns);
  void flush(Table& t);

  Sink& sink_;
  BatchLimits limits_;
  std::vector<std::unique_ptr<Table>> tables_;
};

}  // namespace naap::sinks
