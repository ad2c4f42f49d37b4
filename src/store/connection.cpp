#include "store/connection.hpp"

#include <filesystem>
#include <stdexcept>

#include "store/clickhouse_http.hpp"
#include "store/store_dir.hpp"
#include "store/warehouse.hpp"

namespace naap::store {
namespace fs = std::filesystem;

QueryResult EmbeddedConnection::query(std::string_view sql, const QueryParams& params,
                                      std::string_view format) {
  try {
    return db_->query(sql, params, format);
  } catch (const ChdbError& e) {
    throw QueryError(e.what());
  }
}

namespace {

std::unique_ptr<Connection> open_embedded(const ConnectionOptions& o) {
  std::error_code ec;
  if (!o.allow_empty_store) {
    if (!fs::exists(o.store, ec)) {
      throw ConnectionError("store directory '" + o.store +
                            "' does not exist (create one with: naap run --store " + o.store +
                            " --input FILE)");
    }
    if (!fs::is_directory(o.store, ec)) {
      throw ConnectionError("store directory '" + o.store + "' is not a directory");
    }
  }
  std::unique_ptr<Chdb> db;
  try {
    if (o.allow_empty_store) {
      db = open_store(o.store);  // creates the directory, checks it is writable
    } else {
      // Parameters such as {from_ts:DateTime64(3)} carry no zone: read them,
      // and bucket them, in UTC whatever TZ the process runs with.
      db = std::make_unique<Chdb>(fs::absolute(o.store).string(),
                                  std::vector<std::string>{"--session_timezone=UTC"});
    }
  } catch (const std::exception& e) {
    throw ConnectionError(std::string("store directory '") + o.store + "': " + e.what());
  }
  return std::make_unique<EmbeddedConnection>(std::move(db));
}

}  // namespace

std::unique_ptr<Connection> connect(const ConnectionOptions& o) {
  if (!o.store.empty() && !o.clickhouse.empty()) {
    throw std::invalid_argument("give either --store DIR or --clickhouse URL, not both");
  }
  if (o.store.empty() && o.clickhouse.empty()) {
    throw std::invalid_argument("no warehouse: give --store DIR (embedded) or --clickhouse URL");
  }
  std::unique_ptr<Connection> conn;
  if (!o.store.empty()) {
    conn = open_embedded(o);
  } else {
    conn = std::make_unique<ClickHouseHttp>(o.clickhouse, o.user, o.password, o.database,
                                            o.connect_timeout_s);
  }
  // Prove the connection: reachability and credentials surface here, once.
  std::string one;
  const std::string no_database = conn->describe() + " has no " + std::string(kDatabase) +
                                  " database (apply the schema with: naap schema apply, or load "
                                  "data with: naap run)";
  try {
    one = conn->query("SELECT 1", "TSV").data;
  } catch (const QueryError& e) {
    // A server session opens in the database: a missing one fails the probe
    // itself (81 UNKNOWN_DATABASE).
    const std::string what = e.what();
    if (!o.allow_empty_store &&
        (what.find("UNKNOWN_DATABASE") != std::string::npos || what.rfind("Code: 81", 0) == 0)) {
      throw ConnectionError(no_database);
    }
    throw ConnectionError(conn->describe() + ": " + what);
  }
  if (one != "1\n") {
    // Whatever answered (a web page, say), quoted on the message's one line.
    std::string got = one.substr(0, 80);
    for (char& c : got) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    while (!got.empty() && got.back() == ' ') got.pop_back();
    throw ConnectionError(conn->describe() + " does not answer like ClickHouse (SELECT 1 gave '" +
                          got + "')");
  }
  if (!o.allow_empty_store) {
    std::string n;
    try {
      n = conn->query("SELECT count() FROM system.databases WHERE name = '" +
                          std::string(kDatabase) + "'",
                      "TSV")
              .data;
    } catch (const QueryError& e) {
      throw ConnectionError(conn->describe() + ": " + e.what());
    }
    if (n.empty() || n[0] == '0') {
      throw ConnectionError(no_database);
    }
  }
  return conn;
}

}  // namespace naap::store
