// The harness's SQL block files (warehouse spec §2): named one-statement
// blocks introduced by `-- TEST: name` (assertion suites) or
// `-- QUERY: name` (query packs) at column 0.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace naap::harness {

struct SqlBlock {
  std::string name;
  std::string sql;
  std::string source_file;
};

// marker: "TEST" or "QUERY". Lines before the first marker are ignored; a
// body is joined with '\n', trimmed, trailing ';' removed; empty bodies dropped.
std::vector<SqlBlock> parse_blocks(std::string_view text, std::string_view marker,
                                   const std::string& source_file);

// Reads and parses a file; throws std::runtime_error with a clear message.
std::vector<SqlBlock> load_blocks(const std::string& path, std::string_view marker);

}  // namespace naap::harness
