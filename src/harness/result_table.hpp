// Query results as tables: fetched in ClickHouse's
// JSONCompactEachRowWithNamesAndTypes format (the same bytes from the embedded
// store and a server), kept as display text plus a JSON value per cell, and
// rendered for a terminal (aligned table, or one record as name/value lines)
// or as JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/connection.hpp"

namespace naap::harness {

inline constexpr std::string_view kResultFormat = "JSONCompactEachRowWithNamesAndTypes";

struct Cell {
  bool is_null = false;
  std::string text;  // for display: strings unquoted, NULL as "NULL"
  std::string json;  // a JSON value; 64-bit integers as numbers even when the engine quotes them
};

struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::string> types;
  std::vector<std::vector<Cell>> rows;
  // Index of the column, or nullopt.
  std::optional<size_t> column(std::string_view name) const;
};

// Parses the bytes of a kResultFormat result. Throws std::runtime_error when
// they are not that format.
ResultTable parse_result(std::string_view data);

// Runs one statement and parses its result.
ResultTable run_table(store::Connection& conn, std::string_view sql,
                      const store::QueryParams& params = {});

// JSON string literal of `s` (UTF-8 kept, control characters escaped).
std::string json_quote(std::string_view s);

struct RenderOptions {
  size_t max_rows = 50;        // rows shown; the rest counted in a "... (k more rows)" line
  size_t max_cell_width = 80;  // longer cells are cut and end with "..."
  std::string indent;          // prefix of every line
};

// An aligned table with a header line and a rule; numbers right-aligned.
// Nothing but "(no rows)" when empty.
std::string render_table(const ResultTable& t, const RenderOptions& o = {});
// One row as "name  value" lines (for wide single-row results).
std::string render_record(const ResultTable& t, size_t row, const RenderOptions& o = {});
// {"col": value, ...} for one row.
std::string row_json(const ResultTable& t, size_t row);
// {"columns": [...], "types": [...], "rows": [{...}, ...], "total_rows": n}; at most max_rows rows.
std::string table_json(const ResultTable& t, size_t max_rows = static_cast<size_t>(-1));

// Display width of UTF-8 text (code points; no East Asian width rules).
size_t display_width(std::string_view s);

}  // namespace naap::harness
