// Reads newline-delimited input (a file or stdin) one line at a time, in
// arrival order, without ever failing on content: binary bytes, invalid
// UTF-8, NUL bytes and lines of any length are passed through. Lines longer
// than `max_line_bytes` are cut to that prefix and flagged with their full
// size, so memory stays bounded and the caller can still record them.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace naap::sources {

struct Line {
  std::string_view bytes;     // the line without its '\n' (and a trailing '\r')
  uint64_t number = 0;        // 1-based line number within the input
  uint64_t original_size = 0; // full length in bytes, > bytes.size() when cut
  bool truncated() const { return original_size > bytes.size(); }
};

// Moves the process's stdin to a private descriptor that LineReader("-")
// reads, and puts /dev/null on fd 0. The embedded engine treats a non-tty
// stdin as data for its own statements, so it must never see ours. Call once,
// early in main(); idempotent.
void detach_stdin();

class LineReader {
 public:
  // Opens `path` ("-" is stdin). Throws std::runtime_error with one clear
  // sentence when the input cannot be opened.
  explicit LineReader(const std::string& path, size_t max_line_bytes = 64u << 20);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Next line; false at end of input. A final line without '\n' counts.
  bool next(Line& out);
  const std::string& path() const { return path_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  bool fill();
  std::string path_;
  FILE* file_ = nullptr;
  bool owns_file_ = false;
  size_t max_line_bytes_;
  size_t cap_ = 1u << 20;  // read buffer size; declared before buf_, which uses it
  std::unique_ptr<char[]> buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  uint64_t line_no_ = 0;
  uint64_t bytes_read_ = 0;
  std::string long_line_;
};

}  // namespace naap::sources
