// RAII wrapper over the embedded ClickHouse engine (libchdb).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace naap::store {

// An error reported by the engine; what() carries the engine's own message.
class ChdbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The outcome of one statement: its output bytes and counters.
struct QueryResult {
  std::string data;
  uint64_t rows_read = 0;
  uint64_t rows_written = 0;
  double elapsed_s = 0;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// One connection to an embedded store at `path` (the engine's data directory,
// the same layout clickhouse-local/server use). The engine is per process and
// supports one path at a time; several connections to that path may coexist.
class Chdb {
 public:
  explicit Chdb(const std::string& path, const std::vector<std::string>& extra_args = {});
  ~Chdb();
  Chdb(const Chdb&) = delete;
  Chdb& operator=(const Chdb&) = delete;

  // Runs one statement; `format` names the output format (e.g. "TSV").
  QueryResult query(std::string_view sql, std::string_view format = "TSV");
  // Binds {name:Type} placeholders server-side (no string interpolation).
  QueryResult query(std::string_view sql, const QueryParams& params,
                    std::string_view format = "TSV");
  // Inserts a payload encoded in `format` into `insert_head`
  // ("INSERT INTO db.t (a, b)") with a streaming insert: no copy of the
  // payload into the SQL text, binary-safe.
  QueryResult insert(std::string_view insert_head, std::string_view format,
                     std::string_view payload);

  const std::string& path() const { return path_; }
  static std::string version();

 private:
  std::string path_;
  void* conn_ = nullptr;  // chdb_connection*
};

}  // namespace naap::store
