// The harness's SQL block files (warehouse spec §2): named one-statement
// blocks introduced by `-- TEST: name` (assertion suites) or
// `-- QUERY: name` (query packs) at column 0. Files come from disk or from the
// copies of sql/ compiled into the binary ("bundled").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace naap::harness {

struct SqlBlock {
  std::string name;
  std::string sql;
  std::string source_file;
  size_t line = 0;  // 1-based line of the marker
};

// marker: "TEST" or "QUERY". Lines before the first marker are ignored; a
// body is joined with '\n', trimmed, trailing ';' removed; empty bodies dropped.
std::vector<SqlBlock> parse_blocks(std::string_view text, std::string_view marker,
                                   const std::string& source_file);

// Number of lines starting with `-- <marker>:` (to tell "wrong kind of file"
// from "no blocks at all").
size_t count_markers(std::string_view text, std::string_view marker);

// A block file's text and the label it is reported under.
struct SqlSource {
  std::string label;  // the path given, or "sql/<path> (bundled)"
  std::string text;
};

// Reads `path` from disk; when no such file exists but `path` names a bundled
// file ("sql/packs/demo.sql", "packs/demo.sql" or "demo.sql"), that copy.
// Throws std::runtime_error("cannot read 'path': reason") otherwise.
SqlSource read_source(const std::string& path);

// Every bundled file under sql/<dir>/ ("checks", "packs"), in path order.
std::vector<SqlSource> bundled_sources(std::string_view dir);

// Reads and parses a file; throws std::runtime_error with a clear message.
std::vector<SqlBlock> load_blocks(const std::string& path, std::string_view marker);

}  // namespace naap::harness
