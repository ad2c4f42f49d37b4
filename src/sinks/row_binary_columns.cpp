#include "sinks/row_binary_columns.hpp"

#include <fmt/format.h>

#include <cstring>

#include "core/row_binary.hpp"
#include "core/time.hpp"
#include "ingest/json_values.hpp"

namespace naap::sinks {
namespace {

bool strip(std::string_view& s, std::string_view prefix) {
  if (s.starts_with(prefix) && s.ends_with(")")) {
    s = s.substr(prefix.size(), s.size() - prefix.size() - 1);
    return true;
  }
  return false;
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const uint8_t c = static_cast<uint8_t>(byte());
      v |= static_cast<uint64_t>(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    throw FormatError("RowBinary: varint too long");
  }
  char byte() {
    need(1);
    return b_[p_++];
  }
  std::string_view take(size_t n) {
    need(n);
    std::string_view s = b_.substr(p_, n);
    p_ += n;
    return s;
  }
  std::string_view str() { return take(varint()); }
  bool done() const { return p_ == b_.size(); }

 private:
  void need(size_t n) const {
    if (b_.size() - p_ < n) throw FormatError("RowBinary: truncated payload");
  }
  std::string_view b_;
  size_t p_ = 0;
};

void json_string(std::string& out, std::string_view s) { ingest::append_json_string(out, s); }

template <typename T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

std::string date_text(int64_t days) {
  // Civil from days (H. Hinnant).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

void json_value(std::string& out, const ColumnData& c, size_t row) {
  if (c.type.nullable && c.nulls[row]) {
    out += "null";
    return;
  }
  const char* p = c.fixed.data() + row * c.type.width();
  auto it = std::back_inserter(out);
  switch (c.type.base) {
    case BaseType::kUInt8:
      fmt::format_to(it, "{}", load<uint8_t>(p));
      break;
    case BaseType::kBool:
      out += load<uint8_t>(p) ? "true" : "false";
      break;
    case BaseType::kUInt16:
      fmt::format_to(it, "{}", load<uint16_t>(p));
      break;
    case BaseType::kUInt32:
      fmt::format_to(it, "{}", load<uint32_t>(p));
      break;
    case BaseType::kUInt64:
      fmt::format_to(it, "{}", load<uint64_t>(p));
      break;
    case BaseType::kInt8:
      fmt::format_to(it, "{}", load<int8_t>(p));
      break;
    case BaseType::kInt16:
      fmt::format_to(it, "{}", load<int16_t>(p));
      break;
    case BaseType::kInt32:
      fmt::format_to(it, "{}", load<int32_t>(p));
      break;
    case BaseType::kInt64:
      fmt::format_to(it, "{}", load<int64_t>(p));
      break;
    case BaseType::kFloat32:
      fmt::format_to(it, "{}", load<float>(p));
      break;
    case BaseType::kFloat64:
      fmt::format_to(it, "{}", load<double>(p));
      break;
    case BaseType::kDate:
      json_string(out, date_text(load<uint16_t>(p)));
      break;
    case BaseType::kDateTime:
      fmt::format_to(it, "{}", load<uint32_t>(p));
      break;
    case BaseType::kDateTime64: {
      const int64_t v = load<int64_t>(p);
      if (c.type.scale == 3) {
        json_string(out, format_utc_ms(v));
      } else {
        fmt::format_to(it, "{}", v);  // raw ticks (not used by naap's tables)
      }
      break;
    }
    case BaseType::kString:
      json_string(out, c.string_at(row));
      break;
  }
}

}  // namespace

size_t ColumnType::width() const {
  switch (base) {
    case BaseType::kUInt8:
    case BaseType::kInt8:
    case BaseType::kBool:
      return 1;
    case BaseType::kUInt16:
    case BaseType::kInt16:
    case BaseType::kDate:
      return 2;
    case BaseType::kUInt32:
    case BaseType::kInt32:
    case BaseType::kFloat32:
    case BaseType::kDateTime:
      return 4;
    case BaseType::kUInt64:
    case BaseType::kInt64:
    case BaseType::kFloat64:
    case BaseType::kDateTime64:
      return 8;
    case BaseType::kString:
      return 0;
  }
  return 0;
}

ColumnType parse_column_type(std::string_view name) {
  ColumnType t;
  std::string_view s = name;
  if (strip(s, "LowCardinality(")) t.low_cardinality = true;
  if (strip(s, "Nullable(")) t.nullable = true;
  if (!t.low_cardinality && strip(s, "LowCardinality(")) t.low_cardinality = true;
  struct Named {
    std::string_view n;
    BaseType b;
  };
  static constexpr Named kNames[] = {
      {"UInt8", BaseType::kUInt8},       {"UInt16", BaseType::kUInt16},
      {"UInt32", BaseType::kUInt32},     {"UInt64", BaseType::kUInt64},
      {"Int8", BaseType::kInt8},         {"Int16", BaseType::kInt16},
      {"Int32", BaseType::kInt32},       {"Int64", BaseType::kInt64},
      {"Float32", BaseType::kFloat32},   {"Float64", BaseType::kFloat64},
      {"Bool", BaseType::kBool},         {"Date", BaseType::kDate},
      {"DateTime", BaseType::kDateTime}, {"String", BaseType::kString},
  };
  for (const auto& n : kNames) {
    if (s == n.n) {
      t.base = n.b;
      return t;
    }
  }
  if (s.starts_with("DateTime64(")) {
    t.base = BaseType::kDateTime64;
    t.scale = static_cast<uint32_t>(s[11] - '0');
    return t;
  }
  if (s.starts_with("DateTime(")) {
    t.base = BaseType::kDateTime;
    return t;
  }
  throw FormatError("unsupported column type '" + std::string(name) + "'");
}

void decode_row_binary(std::string_view payload, ColumnBatch& out) {
  Reader r(payload);
  const size_t n = r.varint();
  out.columns.resize(n);
  for (auto& c : out.columns) c.name.assign(r.str());
  for (auto& c : out.columns) {
    c.type_name.assign(r.str());
    c.type = parse_column_type(c.type_name);
    c.nulls.clear();
    c.fixed.clear();
    c.ends.clear();
    c.chars.clear();
  }
  size_t rows = 0;
  while (!r.done()) {
    for (auto& c : out.columns) {
      bool null = false;
      if (c.type.nullable) {
        null = r.byte() != 0;
        c.nulls.push_back(null ? 1 : 0);
      }
      if (c.type.base == BaseType::kString) {
        if (!null) c.chars.append(r.str());
        c.ends.push_back(c.chars.size());
      } else if (null) {
        c.fixed.append(c.type.width(), '\0');
      } else {
        c.fixed.append(r.take(c.type.width()));
      }
    }
    ++rows;
  }
  out.rows = rows;
}

void encode_json_each_row(const ColumnBatch& batch, std::string& out) {
  out.clear();
  std::vector<std::string> keys;
  for (const auto& c : batch.columns) {
    std::string k;
    json_string(k, c.name);
    k.push_back(':');
    keys.push_back(std::move(k));
  }
  for (size_t row = 0; row < batch.rows; ++row) {
    out.push_back('{');
    for (size_t i = 0; i < batch.columns.size(); ++i) {
      if (i) out.push_back(',');
      out += keys[i];
      json_value(out, batch.columns[i], row);
    }
    out += "}\n";
  }
}

void encode_native(const ColumnBatch& batch, std::string& out) {
  out.clear();
  RowBinaryWriter w(out);
  w.varint(batch.columns.size());
  w.varint(batch.rows);
  for (const auto& c : batch.columns) {
    w.str(c.name);
    std::string_view type = c.type_name;
    if (c.type.low_cardinality) strip(type, "LowCardinality(");
    w.str(type);
    if (c.type.nullable) out.append(reinterpret_cast<const char*>(c.nulls.data()), c.nulls.size());
    if (c.type.base == BaseType::kString) {
      for (size_t row = 0; row < batch.rows; ++row) w.str(c.string_at(row));
    } else {
      out.append(c.fixed);
    }
  }
}

}  // namespace naap::sinks
