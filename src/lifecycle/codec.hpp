// Compact binary encoding of lifecycle state (checkpoints and spilled
// sessions): unsigned LEB128 varints, zig-zag signed varints, raw IEEE floats,
// length-prefixed strings, 1-byte presence markers for optionals. Reading
// malformed or truncated input throws StateFormatError, never reads out of
// bounds.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace naap::lifecycle {

struct StateFormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void uv(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void sv(int64_t v) { uv((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void f32(float v) {
    const uint32_t bits = std::bit_cast<uint32_t>(v);
    for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(bits >> (8 * i)));
  }
  void str(std::string_view s) {
    uv(s.size());
    out_.append(s.data(), s.size());
  }
  void opt_str(const std::optional<std::string>& s) {
    boolean(s.has_value());
    if (s) str(*s);
  }
  void opt_ts(const std::optional<int64_t>& v) {
    boolean(v.has_value());
    if (v) sv(*v);
  }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool at_end() const { return pos_ == in_.size(); }
  uint8_t u8() {
    need(1);
    return static_cast<uint8_t>(in_[pos_++]);
  }
  bool boolean() {
    const uint8_t v = u8();
    if (v > 1) fail("bad boolean");
    return v == 1;
  }
  uint64_t uv() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const uint8_t b = u8();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    fail("varint too long");
  }
  int64_t sv() {
    const uint64_t u = uv();
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  float f32() {
    uint32_t bits = 0;
    for (int i = 0; i < 4; ++i) bits |= static_cast<uint32_t>(u8()) << (8 * i);
    return std::bit_cast<float>(bits);
  }
  std::string str() {
    const uint64_t n = uv();
    need(n);
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::optional<std::string> opt_str() {
    if (!boolean()) return std::nullopt;
    return str();
  }
  std::optional<int64_t> opt_ts() {
    if (!boolean()) return std::nullopt;
    return sv();
  }
  // A count of items that each take at least one byte (guards allocations).
  uint64_t count() {
    const uint64_t n = uv();
    if (n > in_.size() - pos_) fail("count exceeds input");
    return n;
  }
  [[noreturn]] static void fail(const char* what) {
    throw StateFormatError(std::string("lifecycle state: ") + what);
  }

 private:
  void need(uint64_t n) const {
    if (n > in_.size() - pos_) fail("truncated input");
  }
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace naap::lifecycle
