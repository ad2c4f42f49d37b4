// Sinks: where encoded row batches go. One interface, several warehouses
// (the embedded store now; a ClickHouse server over HTTP later), so the
// batching and the formats can be measured against each other.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace naap::sinks {

// One batch for one table: a complete RowBinaryWithNamesAndTypes payload
// (header with column names and types, then the rows).
struct Batch {
  std::string_view table;    // unqualified table name
  std::string_view columns;  // "a, b, c": the insert's column list
  std::string_view payload;
  uint64_t rows = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Writes the batch durably or throws with the warehouse's own message.
  virtual void write(const Batch& batch) = 0;
  // Returns once every batch given to write() is durable; throws the first
  // failure. A sink that writes synchronously has nothing to wait for.
  virtual void drain() {}
  // Wall seconds spent writing, per table, when the sink measures it itself
  // (a sink writing on other threads); empty otherwise.
  virtual std::map<std::string, double> write_seconds() const { return {}; }
  virtual std::string describe() const = 0;
};

}  // namespace naap::sinks
