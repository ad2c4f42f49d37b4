// The warehouse schema lifecycle: versioned migrations (sql/migrations/*.sql,
// embedded in the binary), their `schema_migrations` record, and retention
// (sql/retention.tsv), applied identically to the embedded store and a server.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naap::store {

inline constexpr std::string_view kDatabase = "livepeer_analytics";

// Runs one SQL statement and returns its TSV output (embedded or server).
using SqlExecutor = std::function<std::string(std::string_view sql)>;

struct Migration {
  uint32_t version = 0;
  std::string name;  // file name, e.g. "0003_typed_tables.sql"
  std::string_view sql;
};

// Migrations ordered by version. Throws if two files share a version.
std::vector<Migration> migrations();

// Splits a SQL file into statements at ';' ending a line; drops empty and
// comment-only pieces.
std::vector<std::string> split_statements(std::string_view sql);

// Retention: how long each table keeps rows.
struct Retention {
  enum class Mode { kSpec, kNone, kDays } mode = Mode::kNone;
  uint32_t days = 0;  // kDays only
  // Parses "spec", "none" or a positive number of days; nullopt otherwise.
  static std::optional<Retention> parse(std::string_view text);
  std::string describe() const;
};

struct TableRetention {
  std::string table;
  std::string ttl_expression;  // e.g. "event_date", "toDate(session_start_ts)"
  uint32_t spec_days = 0;
};
std::vector<TableRetention> table_retentions();

struct ApplyReport {
  std::vector<std::string> applied;  // migrations newly recorded
  size_t already_applied = 0;
  size_t statements = 0;
};

// Applies every migration not yet recorded in schema_migrations (statements
// are idempotent, so re-applying after a crash mid-migration is safe), then
// sets every table's TTL according to `retention`.
ApplyReport apply_schema(const SqlExecutor& exec, const Retention& retention);

}  // namespace naap::store
