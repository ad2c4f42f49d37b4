#include "harness/sql_blocks.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "store/embedded_sql.hpp"

namespace naap::harness {
namespace {
std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

template <typename F>
void for_each_line(std::string_view text, F&& f) {
  size_t pos = 0, line_no = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line, ++line_no);
    pos = eol + 1;
  }
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
    if (!b.empty()) out.push_back({cur.name, std::string(b), source_file, cur.line});
    body.clear();
  };
  for_each_line(text, [&](std::string_view line, size_t line_no) {
    if (line.starts_with(prefix)) {
      finish();
      in_block = true;
      cur.name = std::string(strip(line.substr(prefix.size())));
      cur.line = line_no;
    } else if (in_block) {
      body.append(line);
      body.push_back('\n');
    }
  });
  finish();
  return out;
}

size_t count_markers(std::string_view text, std::string_view marker) {
  const std::string prefix = "-- " + std::string(marker) + ":";
  size_t n = 0;
  for_each_line(text, [&](std::string_view line, size_t) { n += line.starts_with(prefix); });
  return n;
}

SqlSource read_source(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    if (std::filesystem::is_directory(path, ec)) {
      throw std::runtime_error("cannot read '" + path + "': it is a directory");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    return {path, ss.str()};
  }
  std::string_view rel = path;
  if (rel.starts_with("sql/")) rel.remove_prefix(4);
  for (const auto& f : store::embedded_sql()) {
    const bool same = f.path == rel || (rel.find('/') == std::string_view::npos &&
                                        f.path.ends_with("/" + std::string(rel)) &&
                                        !f.path.starts_with("migrations/"));
    if (same) return {"sql/" + std::string(f.path) + " (bundled)", std::string(f.content)};
  }
  throw std::runtime_error("cannot read '" + path +
                           "': no such file (and no bundled sql/ file of that name)");
}

std::vector<SqlSource> bundled_sources(std::string_view dir) {
  const std::string prefix = std::string(dir) + "/";
  std::vector<SqlSource> out;
  for (const auto& f : store::embedded_sql()) {
    if (f.path.starts_with(prefix) && f.path.ends_with(".sql")) {
      out.push_back({"sql/" + std::string(f.path), std::string(f.content)});
    }
  }
  return out;
}

std::vector<SqlBlock> load_blocks(const std::string& path, std::string_view marker) {
  const SqlSource src = read_source(path);
  return parse_blocks(src.text, marker, src.label);
}

}  // namespace naap::harness
