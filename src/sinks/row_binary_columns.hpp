// Reads a RowBinaryWithNamesAndTypes batch (what the Batcher builds) back
// into columns, and re-encodes it in the other formats the embedded engine
// accepts: JSONEachRow text, Native (column-major binary) and Arrow arrays.
// Used by the alternative sinks (sinks/format_sinks.hpp) that the benchmarks
// compare against the default RowBinary streaming insert; not on the default
// write path.
//
// Types understood: (U)Int8..64, Float32/64, Bool, Date, DateTime,
// DateTime64(P[, tz]), String, and Nullable(...) / LowCardinality(...) of
// those: every type naap's row types declare.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace naap::sinks {

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class BaseType : uint8_t {
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kBool,
  kDate,
  kDateTime,
  kDateTime64,
  kString,
};

struct ColumnType {
  BaseType base = BaseType::kString;
  bool nullable = false;
  bool low_cardinality = false;
  uint32_t scale = 0;    // DateTime64 precision
  size_t width() const;  // bytes of one fixed-width value (0 for String)
};

// Parses a ClickHouse type name ("Nullable(DateTime64(3, 'UTC'))"); throws
// FormatError for types outside the list above.
ColumnType parse_column_type(std::string_view name);

struct ColumnData {
  std::string name;
  std::string type_name;  // as declared in the batch header
  ColumnType type;
  std::vector<uint8_t> nulls;  // per row, 1 = NULL (nullable columns only)
  std::string fixed;           // width() bytes per row (NULL rows zeroed)
  std::vector<uint64_t> ends;  // String: end offset of each row in `chars`
  std::string chars;           // String: concatenated values
  std::string_view string_at(size_t row) const {
    const uint64_t b = row ? ends[row - 1] : 0;
    return std::string_view(chars).substr(b, ends[row] - b);
  }
};

struct ColumnBatch {
  std::vector<ColumnData> columns;
  size_t rows = 0;
};

// Decodes a whole RowBinaryWithNamesAndTypes payload; reuses `out`'s buffers.
void decode_row_binary(std::string_view payload, ColumnBatch& out);

// JSONEachRow: one object per row (DateTime64 as "yyyy-MM-dd HH:mm:ss.SSS").
void encode_json_each_row(const ColumnBatch& batch, std::string& out);
// Native: one block; LowCardinality columns are sent as their inner type
// (the engine converts on insert).
void encode_native(const ColumnBatch& batch, std::string& out);

}  // namespace naap::sinks
