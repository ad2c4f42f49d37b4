// Alternative sinks for the embedded store, one per wire format the engine
// accepts, behind the same Sink interface as ChdbSink (the default: the
// Batcher's RowBinaryWithNamesAndTypes payload through a streaming insert,
// no re-encoding). The benchmarks (bench/) write the same batches through
// each and keep the fastest as the default; see docs/performance.md.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "sinks/row_binary_columns.hpp"
#include "sinks/sink.hpp"
#include "store/chdb.hpp"

namespace naap::sinks {

enum class SinkFormat : uint8_t {
  kRowBinaryStream,  // = ChdbSink: RowBinaryWithNamesAndTypes, chdb_stream_insert
  kRowBinaryQuery,   // the same payload inlined in one chdb_query_n ("INSERT ... FORMAT
                     // ...\n<bytes>")
  kJsonEachRow,      // JSONEachRow text (the reference's HTTP format), streaming insert
  kNative,           // Native column-major blocks, streaming insert
  kArrow,            // Arrow C data arrays registered with chdb_arrow_array_scan, INSERT ... SELECT
};
std::string_view sink_format_name(SinkFormat f);

// Time spent re-encoding vs inside the engine, accumulated over writes.
struct FormatSinkTimes {
  std::chrono::nanoseconds encode{0};
  std::chrono::nanoseconds insert{0};
  uint64_t batches = 0;
  uint64_t encoded_bytes = 0;
};

class FormatSink final : public Sink {
 public:
  // `settings`: appended to every INSERT as "SETTINGS <settings>" (empty: none).
  FormatSink(store::Chdb& db, SinkFormat format, std::string settings = {});
  ~FormatSink() override;
  void write(const Batch& batch) override;
  std::string describe() const override;
  const FormatSinkTimes& times() const { return times_; }

 private:
  void write_arrow(const Batch& batch);

  store::Chdb& db_;
  SinkFormat format_;
  std::string settings_;
  std::string head_, encoded_;
  ColumnBatch columns_;
  FormatSinkTimes times_;
  void* arrow_conn_ = nullptr;  // chdb_connection* of a second connection (Arrow only)
};

}  // namespace naap::sinks
