// ClickHouse RowBinary encoding: the binary wire format every naap row is
// written in (embedded store and server alike). Values are appended to one
// growing buffer; a row is the concatenation of its column values in the
// order the row type declares.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace naap {

// One column of a row type: its name and exact ClickHouse type. The sink sends
// these as the RowBinaryWithNamesAndTypes header, so the engine rejects any
// disagreement between a row type and the DDL instead of misreading bytes.
struct Column {
  std::string_view name;
  std::string_view type;
};

class RowBinaryWriter {
 public:
  explicit RowBinaryWriter(std::string& out) : out_(out) {}

  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u16(uint16_t v) { pod(v); }
  void u32(uint32_t v) { pod(v); }
  void u64(uint64_t v) { pod(v); }
  void i32(int32_t v) { pod(v); }
  void i64(int64_t v) { pod(v); }
  void f32(float v) { pod(v); }
  void f64(double v) { pod(v); }
  // DateTime64(3): signed milliseconds since the epoch.
  void dt64(int64_t ms) { pod(ms); }
  void str(std::string_view s) {
    if (s.size() < 0x80) {  // the usual case: a one-byte length
      out_.push_back(static_cast<char>(s.size()));
    } else {
      varint(s.size());
    }
    out_.append(s.data(), s.size());
  }
  void varint(uint64_t v) {
    // Built on the stack and appended at once: one capacity check, not one
    // per byte.
    char b[10];
    size_t n = 0;
    while (v >= 0x80) {
      b[n++] = static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    b[n++] = static_cast<char>(v);
    out_.append(b, n);
  }

  // Nullable(T): a 1-byte null marker, then the value when present.
  template <typename T, typename F>
  void nullable(const std::optional<T>& v, F&& write) {
    if (!v) {
      u8(1);
      return;
    }
    u8(0);
    write(*v);
  }
  void nullable_str(const std::optional<std::string>& v) {
    nullable(v, [&](const std::string& s) { str(s); });
  }
  void nullable_dt64(const std::optional<int64_t>& v) {
    nullable(v, [&](int64_t ms) { dt64(ms); });
  }

  std::string& buffer() { return out_; }

 private:
  template <typename T>
  void pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out_.append(b, sizeof(T));
  }
  std::string& out_;
};

}  // namespace naap
