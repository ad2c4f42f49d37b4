#include "harness/sql_blocks.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace naap::harness {
namespace {
std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}
}  // namespace

std::vector<SqlBlock> parse_blocks(std::string_view text, std::string_view marker,
                                   const std::string& source_file) {
  const std::string prefix = "-- " + std::string(marker) + ":";
  std::vector<SqlBlock> out;
  SqlBlock cur;
  bool in_block = false;
  std::string body;
  auto finish = [&] {
    if (!in_block) return;
    std::string_view b = strip(body);
    while (!b.empty() && b.back() == ';') b = strip(b.substr(0, b.size() - 1));
    if (!b.empty()) out.push_back({cur.name, std::string(b), source_file});
    body.clear();
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with(prefix)) {
      finish();
      in_block = true;
      cur.name = std::string(strip(line.substr(prefix.size())));
    } else if (in_block) {
      body.append(line);
      body.push_back('\n');
    }
    pos = eol + 1;
  }
  finish();
  return out;
}

std::vector<SqlBlock> load_blocks(const std::string& path, std::string_view marker) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_blocks(ss.str(), marker, path);
}

}  // namespace naap::harness
