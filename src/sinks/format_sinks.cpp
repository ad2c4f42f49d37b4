#include "sinks/format_sinks.hpp"

#include <cstring>
#include <vector>

#include "store/chdb_c_api.h"

namespace naap::sinks {
namespace {

using Clock = std::chrono::steady_clock;

// The Arrow C data interface (arrow/c/abi.h), declared here: no Arrow library
// is needed to hand the engine columns.
struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  ArrowSchema** children;
  ArrowSchema* dictionary;
  void (*release)(ArrowSchema*);
  void* private_data;
};
struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  ArrowArray** children;
  ArrowArray* dictionary;
  void (*release)(ArrowArray*);
  void* private_data;
};
constexpr int64_t kArrowFlagNullable = 2;

// The sink owns every buffer and keeps it alive until the insert that reads
// it has finished; release callbacks only mark the structs released.
void release_schema(ArrowSchema* s) { s->release = nullptr; }
void release_array(ArrowArray* a) { a->release = nullptr; }

struct ArrowColumns {
  std::vector<ArrowSchema> schemas;
  std::vector<ArrowSchema*> schema_ptrs;
  std::vector<ArrowArray> arrays;
  std::vector<ArrowArray*> array_ptrs;
  std::vector<std::vector<const void*>> buffers;
  std::vector<std::string> validity, values;  // per column
  std::vector<std::vector<int32_t>> offsets;
  ArrowSchema root_schema{};
  ArrowArray root_array{};
  const void* root_buffers[1] = {nullptr};

  void build(const ColumnBatch& b) {
    const size_t n = b.columns.size();
    schemas.assign(n, ArrowSchema{});
    arrays.assign(n, ArrowArray{});
    schema_ptrs.resize(n);
    array_ptrs.resize(n);
    buffers.assign(n, {});
    validity.assign(n, {});
    values.assign(n, {});
    offsets.assign(n, {});
    for (size_t i = 0; i < n; ++i) {
      const ColumnData& c = b.columns[i];
      ArrowSchema& s = schemas[i];
      ArrowArray& a = arrays[i];
      s.name = c.name.c_str();
      s.release = release_schema;
      a.length = static_cast<int64_t>(b.rows);
      a.release = release_array;
      const void* valid = nullptr;
      if (c.type.nullable) {
        s.flags = kArrowFlagNullable;
        std::string& bits = validity[i];
        bits.assign((b.rows + 7) / 8, '\0');
        int64_t nulls = 0;
        for (size_t r = 0; r < b.rows; ++r) {
          if (c.nulls[r]) {
            ++nulls;
          } else {
            bits[r / 8] = static_cast<char>(bits[r / 8] | (1 << (r % 8)));
          }
        }
        a.null_count = nulls;
        valid = bits.data();
      }
      auto& buf = buffers[i];
      buf.push_back(valid);
      switch (c.type.base) {
        case BaseType::kString: {
          s.format = "u";
          auto& off = offsets[i];
          off.resize(b.rows + 1);
          off[0] = 0;
          for (size_t r = 0; r < b.rows; ++r) off[r + 1] = static_cast<int32_t>(c.ends[r]);
          buf.push_back(off.data());
          buf.push_back(c.chars.data());
          break;
        }
        case BaseType::kDate: {  // UInt16 days -> date32
          s.format = "tdD";
          std::string& v = values[i];
          v.resize(b.rows * 4);
          for (size_t r = 0; r < b.rows; ++r) {
            uint16_t d;
            std::memcpy(&d, c.fixed.data() + r * 2, 2);
            const int32_t d32 = d;
            std::memcpy(v.data() + r * 4, &d32, 4);
          }
          buf.push_back(v.data());
          break;
        }
        default: {
          static constexpr const char* kFormats[] = {"C", "S", "I", "L",   "c", "s",       "i", "l",
                                                     "f", "g", "C", "tdD", "I", "tsm:UTC", "u"};
          s.format = kFormats[static_cast<size_t>(c.type.base)];
          buf.push_back(c.fixed.data());
        }
      }
      a.n_buffers = static_cast<int64_t>(buf.size());
      a.buffers = buf.data();
      schema_ptrs[i] = &s;
      array_ptrs[i] = &a;
    }
    root_schema = ArrowSchema{};
    root_schema.format = "+s";
    root_schema.name = "";
    root_schema.n_children = static_cast<int64_t>(n);
    root_schema.children = schema_ptrs.data();
    root_schema.release = release_schema;
    root_array = ArrowArray{};
    root_array.length = static_cast<int64_t>(b.rows);
    root_array.n_buffers = 1;
    root_array.buffers = root_buffers;
    root_array.n_children = static_cast<int64_t>(n);
    root_array.children = array_ptrs.data();
    root_array.release = release_array;
  }
};

void check(chdb_result* r) {
  if (!r) throw store::ChdbError("arrow insert: engine returned no result");
  std::string err;
  if (const char* e = chdb_result_error(r); e && *e) err = e;
  chdb_destroy_query_result(r);
  if (!err.empty()) throw store::ChdbError(err);
}

}  // namespace

std::string_view sink_format_name(SinkFormat f) {
  switch (f) {
    case SinkFormat::kRowBinaryStream:
      return "RowBinary, streaming insert";
    case SinkFormat::kRowBinaryQuery:
      return "RowBinary, chdb_query_n";
    case SinkFormat::kJsonEachRow:
      return "JSONEachRow, streaming insert";
    case SinkFormat::kNative:
      return "Native, streaming insert";
    case SinkFormat::kArrow:
      return "Arrow arrays, arrow scan";
  }
  return "?";
}

FormatSink::FormatSink(store::Chdb& db, SinkFormat format, std::string settings)
    : db_(db), format_(format), settings_(std::move(settings)) {
  if (format_ == SinkFormat::kArrow) {
    std::string a0 = "naap", a1 = "--path=" + db_.path();
    char* argv[] = {a0.data(), a1.data()};
    chdb_connection* c = chdb_connect(2, argv);
    if (!c || !*c) throw store::ChdbError("arrow sink: cannot open a second connection");
    arrow_conn_ = c;
  }
}

FormatSink::~FormatSink() {
  if (arrow_conn_) chdb_close_conn(static_cast<chdb_connection*>(arrow_conn_));
}

std::string FormatSink::describe() const {
  return std::string(sink_format_name(format_)) + " into " + db_.path();
}

void FormatSink::write(const Batch& batch) {
  ++times_.batches;
  head_.assign("INSERT INTO livepeer_analytics.");
  head_.append(batch.table);
  head_.append(" (");
  head_.append(batch.columns);
  head_.append(")");
  if (!settings_.empty()) {
    head_.append(" SETTINGS ");
    head_.append(settings_);
  }
  const auto t0 = Clock::now();
  switch (format_) {
    case SinkFormat::kRowBinaryStream: {
      times_.encoded_bytes += batch.payload.size();
      db_.insert(head_, "RowBinaryWithNamesAndTypes", batch.payload);
      times_.insert += Clock::now() - t0;
      return;
    }
    case SinkFormat::kRowBinaryQuery: {
      encoded_.assign(head_);
      encoded_.append(" FORMAT RowBinaryWithNamesAndTypes\n");
      encoded_.append(batch.payload);
      const auto t1 = Clock::now();
      times_.encode += t1 - t0;
      times_.encoded_bytes += batch.payload.size();
      db_.query(encoded_, "TSV");
      times_.insert += Clock::now() - t1;
      return;
    }
    case SinkFormat::kJsonEachRow:
    case SinkFormat::kNative: {
      decode_row_binary(batch.payload, columns_);
      if (format_ == SinkFormat::kNative) {
        encode_native(columns_, encoded_);
      } else {
        encode_json_each_row(columns_, encoded_);
      }
      const auto t1 = Clock::now();
      times_.encode += t1 - t0;
      times_.encoded_bytes += encoded_.size();
      db_.insert(head_, format_ == SinkFormat::kNative ? "Native" : "JSONEachRow", encoded_);
      times_.insert += Clock::now() - t1;
      return;
    }
    case SinkFormat::kArrow:
      write_arrow(batch);
      return;
  }
}

void FormatSink::write_arrow(const Batch& batch) {
  const auto t0 = Clock::now();
  decode_row_binary(batch.payload, columns_);
  ArrowColumns arrow;
  arrow.build(columns_);
  const auto t1 = Clock::now();
  times_.encode += t1 - t0;
  times_.encoded_bytes += batch.payload.size();
  chdb_connection conn = *static_cast<chdb_connection*>(arrow_conn_);
  const std::string name = "naap_arrow_batch";
  if (chdb_arrow_array_scan(conn, name.c_str(),
                            reinterpret_cast<chdb_arrow_schema>(&arrow.root_schema),
                            reinterpret_cast<chdb_arrow_array>(&arrow.root_array)) != CHDBSuccess) {
    throw store::ChdbError("arrow sink: chdb_arrow_array_scan failed");
  }
  std::string sql = head_ + " SELECT * FROM arrowstream(" + name + ")";
  try {
    check(chdb_query_n(conn, sql.data(), sql.size(), "TSV", 3));
  } catch (...) {
    chdb_arrow_unregister_table(conn, name.c_str());
    throw;
  }
  chdb_arrow_unregister_table(conn, name.c_str());
  times_.insert += Clock::now() - t1;
}

}  // namespace naap::sinks
