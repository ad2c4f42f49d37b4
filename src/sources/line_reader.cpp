#include "sources/line_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace naap::sources {

namespace {
int g_stdin_fd = STDIN_FILENO;
}

void detach_stdin() {
  if (g_stdin_fd != STDIN_FILENO) return;
  const int saved = ::dup(STDIN_FILENO);
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (saved < 0 || null_fd < 0) return;
  ::dup2(null_fd, STDIN_FILENO);
  ::close(null_fd);
  g_stdin_fd = saved;
}

LineReader::LineReader(const std::string& path, size_t max_line_bytes)
    : path_(path), max_line_bytes_(max_line_bytes), buf_(new char[cap_]) {
  if (path == "-") {
    if (g_stdin_fd == STDIN_FILENO) {
      file_ = stdin;
    } else {
      file_ = ::fdopen(g_stdin_fd, "rb");
      if (!file_) throw std::runtime_error(std::string("cannot read stdin: ") + std::strerror(errno));
      owns_file_ = true;
    }
    return;
  }
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) {
    throw std::runtime_error("cannot open input '" + path + "': " + std::strerror(errno));
  }
  owns_file_ = true;
}

LineReader::~LineReader() {
  if (owns_file_ && file_) std::fclose(file_);
}

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const size_t n = std::fread(buf_.get() + end_, 1, cap_ - end_, file_);
  if (n == 0) {
    if (std::ferror(file_)) {
      throw std::runtime_error("read error on input '" + path_ + "': " + std::strerror(errno));
    }
    eof_ = true;
    return false;
  }
  end_ += n;
  bytes_read_ += n;
  return true;
}

bool LineReader::next(Line& out) {
  long_line_.clear();
  uint64_t total = 0;    // bytes of this line already moved out of the buffer
  bool spilled = false;  // the line outgrew the buffer; its prefix is in long_line_
  for (;;) {
    const char* start = buf_.get() + begin_;
    const size_t avail = end_ - begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    size_t len = 0;
    if (nl) {
      len = static_cast<size_t>(nl - start);
      begin_ += len + 1;
    } else if (begin_ == 0 && end_ == cap_) {
      // A full buffer without a newline: keep a bounded prefix, skip the rest.
      const size_t room = max_line_bytes_ - std::min(max_line_bytes_, long_line_.size());
      long_line_.append(start, std::min(room, avail));
      total += avail;
      begin_ = end_ = 0;
      spilled = true;
      continue;
    } else if (!eof_) {
      fill();  // moves the buffer: rescan from the top
      continue;
    } else {
      // End of input: whatever is left is the last line (if anything).
      if (avail == 0 && !spilled) return false;
      len = avail;
      begin_ = end_;
    }
    const bool ends_with_cr = len > 0 ? start[len - 1] == '\r'
                                      : (spilled && !long_line_.empty() && long_line_.back() == '\r');
    total += len;
    std::string_view piece(start, len);
    if (spilled) {
      const size_t room = max_line_bytes_ - std::min(max_line_bytes_, long_line_.size());
      long_line_.append(start, std::min(room, len));
      piece = long_line_;
    } else if (piece.size() > max_line_bytes_) {
      piece = piece.substr(0, max_line_bytes_);
    }
    if (ends_with_cr) {
      --total;
      if (piece.size() > total) piece.remove_suffix(1);
    }
    out.bytes = piece;
    out.number = ++line_no_;
    out.original_size = total;
    return true;
  }
}

}  // namespace naap::sources
