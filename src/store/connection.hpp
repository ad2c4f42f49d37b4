// A connection to the warehouse for the harness commands (query, check,
// trace, fixtures export, schema apply): the embedded store (libchdb) or a
// ClickHouse server over its HTTP interface. Both run one statement at a time
// and bind {name:Type} parameters server-side; neither pastes values into SQL.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/chdb.hpp"

namespace naap::store {

// The warehouse cannot be reached or used at all: no such store directory,
// server unreachable, credentials rejected, no livepeer_analytics database.
// what() is one line that names the target.
class ConnectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One statement failed; what() is the engine's or server's own message.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement and returns its output in `format` (a ClickHouse
  // output format name). Throws QueryError for a statement the warehouse
  // rejects, ConnectionError when the warehouse went away.
  virtual QueryResult query(std::string_view sql, const QueryParams& params,
                            std::string_view format) = 0;
  QueryResult query(std::string_view sql, std::string_view format = "TSV") {
    return query(sql, {}, format);
  }
  // "embedded store /path" or "ClickHouse http://host:8123 (database d, user u)".
  virtual std::string describe() const = 0;
};

struct ConnectionOptions {
  std::string store;       // embedded store directory, or
  std::string clickhouse;  // ClickHouse HTTP(S) URL, e.g. http://localhost:8123
  std::string user;        // empty: the server's default user
  std::string password;
  std::string database = "livepeer_analytics";  // server session's default database
  long connect_timeout_s = 10;
  // Open the embedded store even when it holds no warehouse yet (schema apply).
  bool allow_empty_store = false;
};

// Opens the connection and proves it works (a trivial query, and, unless
// allow_empty_store, that the livepeer_analytics database exists). Throws
// ConnectionError with one clear line otherwise, std::invalid_argument when
// neither or both of store and clickhouse are given.
std::unique_ptr<Connection> connect(const ConnectionOptions& options);

// The embedded store, for callers that need the engine itself.
class EmbeddedConnection : public Connection {
 public:
  explicit EmbeddedConnection(std::unique_ptr<Chdb> db) : db_(std::move(db)) {}
  QueryResult query(std::string_view sql, const QueryParams& params,
                    std::string_view format) override;
  std::string describe() const override { return "embedded store " + db_->path(); }
  Chdb& engine() { return *db_; }

 private:
  std::unique_ptr<Chdb> db_;
};

}  // namespace naap::store
