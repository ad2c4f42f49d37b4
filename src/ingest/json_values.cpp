#include "ingest/json_values.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/text.hpp"

namespace naap::ingest {

using simdjson::dom::element_type;

JsonRef JsonRef::operator[](std::string_view key) const {
  if (!is_object()) return {};
  JsonRef found;
  const size_t n = key.size();
  for (auto field : object()) {
    // Length and first byte before memcmp: most keys differ there.
    const std::string_view k = field.key;
    if (k.size() == n &&
        (n == 0 || (k[0] == key[0] && std::memcmp(k.data(), key.data(), n) == 0))) {
      found = JsonRef(field.value);
    }
  }
  return found;
}

namespace detail {

bool has_duplicate_keys(simdjson::dom::object obj) {
  const size_t n = obj.size();
  if (n < 2) return false;
  if (n <= 16) {
    std::array<std::string_view, 16> keys;
    size_t i = 0;
    for (auto field : obj) {
      const std::string_view k = field.key;
      for (size_t j = 0; j < i; ++j) {
        // Length and first byte first: most pairs differ there.
        if (keys[j].size() == k.size() && (k.empty() || keys[j][0] == k[0]) && keys[j] == k)
          return true;
      }
      keys[i++] = k;
    }
    return false;
  }
  if (n <= 256) {
    // Open addressing on the stack (no allocation, no sort): slots hold
    // 1 + the index of a key, at most half of them are used.
    std::array<std::string_view, 256> keys;
    std::array<uint16_t, 512> slots{};
    size_t mask = 63;
    while (mask + 1 < 2 * n) mask = mask * 2 + 1;
    size_t i = 0;
    for (auto field : obj) {
      const std::string_view k = field.key;
      uint64_t h = 0xcbf29ce484222325ull ^ k.size();  // FNV-1a
      for (char c : k) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
      for (size_t s = (h ^ (h >> 29)) & mask;; s = (s + 1) & mask) {
        if (slots[s] == 0) {
          keys[i] = k;
          slots[s] = static_cast<uint16_t>(++i);
          break;
        }
        if (keys[slots[s] - 1] == k) return true;
      }
    }
    return false;
  }
  std::vector<std::string_view> keys;
  keys.reserve(n);
  for (auto field : obj) keys.push_back(field.key);
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

std::vector<std::pair<std::string_view, simdjson::dom::element>> collapse_duplicates(
    simdjson::dom::object obj) {
  // (key, document position), sorted by key then position: the first entry of
  // a run is the first occurrence, the last entry holds the winning value.
  std::vector<std::pair<std::string_view, simdjson::dom::element>> fields;
  for (auto field : obj) fields.emplace_back(field.key, field.value);
  std::vector<size_t> order(fields.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return fields[a].first < fields[b].first; });
  std::vector<bool> keep(fields.size(), false);
  std::vector<simdjson::dom::element> value(fields.size());
  for (size_t r = 0; r < order.size();) {
    size_t e = r;
    while (e + 1 < order.size() && fields[order[e + 1]].first == fields[order[r]].first) ++e;
    keep[order[r]] = true;
    value[order[r]] = fields[order[e]].second;
    r = e + 1;
  }
  std::vector<std::pair<std::string_view, simdjson::dom::element>> out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (keep[i]) out.emplace_back(fields[i].first, value[i]);
  }
  return out;
}

}  // namespace detail

// ---- text ------------------------------------------------------------------

namespace {

template <typename I>
void append_integer(std::string& out, I v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace

void append_java_double(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (d == 0) {
    out += std::signbit(d) ? "-0.0" : "0.0";
    return;
  }
  // Shortest round-trip digits in scientific form: "-1.2345e+22". Java always
  // prints at least two digits and then picks the two-digit decimal closest
  // to the exact value (Double.MIN_VALUE is "4.9E-324", not "5.0E-324").
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  if (std::string_view(buf, static_cast<size_t>(r.ptr - buf)).find('.') == std::string_view::npos) {
    r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific, 1);
  }
  std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const size_t epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exp = 0;
  std::string_view es = sci.substr(epos + 1);
  if (!es.empty() && es.front() == '+') es.remove_prefix(1);
  std::from_chars(es.data(), es.data() + es.size(), exp);
  const double a = std::fabs(d);
  if (a >= 1e-3 && a < 1e7) {
    if (exp >= 0) {
      const size_t int_digits = static_cast<size_t>(exp) + 1;
      if (digits.size() <= int_digits) {
        out += digits;
        out.append(int_digits - digits.size(), '0');
        out += ".0";
      } else {
        out.append(digits, 0, int_digits);
        out += '.';
        out.append(digits, int_digits, std::string::npos);
      }
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-exp - 1), '0');
      out += digits;
    }
    return;
  }
  out += digits[0];
  out += '.';
  if (digits.size() > 1) {
    out.append(digits, 1, std::string::npos);
  } else {
    out += '0';
  }
  out += 'E';
  append_integer(out, exp);
}

void append_text_or_empty(std::string& out, JsonRef v) {
  if (!v.present()) return;
  switch (v.type()) {
    case element_type::STRING:
      out += v.string();
      break;
    case element_type::INT64:
      append_integer(out, v.element().get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      append_integer(out, v.element().get_uint64().value_unsafe());
      break;
    case element_type::DOUBLE:
      append_java_double(out, v.element().get_double().value_unsafe());
      break;
    case element_type::BOOL:
      out += v.boolean() ? "true" : "false";
      break;
    default:
      break;
  }
}

void assign_address(std::string& out, JsonRef v) {
  assign_text_or_empty(out, v);
  const std::string_view t = java_trim(out);
  const size_t start = static_cast<size_t>(t.data() - out.data());
  const size_t len = t.size();
  if (start > 0) out.erase(0, start);
  out.resize(len);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
}

void assign_nullable_text(OptStr& out, JsonRef v) {
  if (v.missing_or_null() || (v.is_string() && v.string().empty())) {
    out.reset();
    return;
  }
  if (!out) out.emplace();
  out->clear();
  append_text_or_empty(*out, v);
  if (out->empty()) out.reset();
}

bool present_and_non_empty(JsonRef v) {
  if (v.missing_or_null()) return false;
  return !(v.is_string() && v.string().empty());
}

// ---- numbers ---------------------------------------------------------------

namespace {

constexpr double kTwo63 = 9223372036854775808.0;

// Truncation toward zero; NULL when the result does not fit int64.
std::optional<int64_t> double_to_int64(double d) {
  if (std::isnan(d) || d >= kTwo63 || d < -kTwo63) return std::nullopt;
  return static_cast<int64_t>(d);
}

// Truncation toward zero, saturated as Java's (long) cast (NaN -> 0).
int64_t double_to_int64_saturated(double d) {
  if (std::isnan(d)) return 0;
  if (d >= kTwo63) return std::numeric_limits<int64_t>::max();
  if (d < -kTwo63) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Base-10 integer with an optional sign (Long.parseLong); NULL on overflow.
std::optional<int64_t> parse_signed_decimal(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  if (!all_digits(s)) return std::nullopt;
  uint64_t mag = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), mag);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  if (neg) {
    if (mag > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1) return std::nullopt;
    return static_cast<int64_t>(0 - mag);
  }
  if (mag > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
  return static_cast<int64_t>(mag);
}

// Java's Double.parseDouble (decimal forms, NaN, Infinity, a trailing
// f/F/d/D; hex floats are not accepted).
std::optional<double> java_parse_double(std::string_view s) {
  s = java_trim(s);
  bool neg = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Infinity") {
    return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (s.size() > 1) {
    const char last = s.back();
    if (last == 'f' || last == 'F' || last == 'd' || last == 'D') s.remove_suffix(1);
  }
  if (s.empty() || !((s.front() >= '0' && s.front() <= '9') || s.front() == '.')) {
    return std::nullopt;
  }
  double d = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d, std::chars_format::general);
  if (r.ptr != s.data() + s.size()) return std::nullopt;
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow gives Infinity, underflow 0 (as Java does): let strtod decide.
    const std::string copy(s);
    d = std::strtod(copy.c_str(), nullptr);
  } else if (r.ec != std::errc()) {
    return std::nullopt;
  }
  return neg ? -d : d;
}

std::optional<int64_t> lenient_int_from_string(std::string_view s) {
  s = java_trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::string_view digits = s;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  if (all_digits(digits)) return parse_signed_decimal(s);
  auto d = java_parse_double(s);
  if (!d) return std::nullopt;
  return double_to_int64(*d);
}

}  // namespace

std::optional<int64_t> lenient_int(JsonRef v) {
  if (!v.present()) return std::nullopt;
  switch (v.type()) {
    case element_type::INT64:
      return v.element().get_int64().value_unsafe();
    case element_type::UINT64: {
      const uint64_t u = v.element().get_uint64().value_unsafe();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
      return static_cast<int64_t>(u);
    }
    case element_type::DOUBLE:
      return double_to_int64(v.element().get_double().value_unsafe());
    case element_type::BOOL:
      return v.boolean() ? 1 : 0;
    case element_type::STRING:
      return lenient_int_from_string(v.string());
    default:
      return std::nullopt;
  }
}

double lenient_float(JsonRef v) {
  if (!v.present()) return 0.0;
  switch (v.type()) {
    case element_type::INT64:
      return static_cast<double>(v.element().get_int64().value_unsafe());
    case element_type::UINT64:
      return static_cast<double>(v.element().get_uint64().value_unsafe());
    case element_type::DOUBLE:
      return v.element().get_double().value_unsafe();
    case element_type::BOOL:
      return v.boolean() ? 1.0 : 0.0;
    case element_type::STRING:
      return java_parse_double(v.string()).value_or(0.0);
    default:
      return 0.0;
  }
}

std::optional<int64_t> nullable_int(JsonRef v) {
  if (!v.present()) return std::nullopt;
  switch (v.type()) {
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return lenient_int(v);
    case element_type::STRING:
      return parse_signed_decimal(java_trim(v.string()));
    default:
      return std::nullopt;
  }
}

std::optional<int64_t> bool_or_nullable_int(JsonRef v) {
  if (v.is_bool()) return v.boolean() ? 1 : 0;
  return nullable_int(v);
}

std::optional<int64_t> ts_ms(JsonRef v) {
  if (!v.present()) return std::nullopt;
  switch (v.type()) {
    case element_type::INT64:
      return v.element().get_int64().value_unsafe();
    case element_type::UINT64: {
      const uint64_t u = v.element().get_uint64().value_unsafe();
      constexpr auto kMax = std::numeric_limits<int64_t>::max();
      return u > static_cast<uint64_t>(kMax) ? kMax : static_cast<int64_t>(u);
    }
    case element_type::DOUBLE:
      return double_to_int64_saturated(v.element().get_double().value_unsafe());
    case element_type::STRING: {
      const std::string_view s = java_trim(v.string());
      if (!all_digits(s)) return std::nullopt;
      return parse_signed_decimal(s);
    }
    default:
      return std::nullopt;
  }
}

std::optional<int32_t> parse_int32_key(std::string_view s) {
  auto v = parse_signed_decimal(s);
  return narrow<int32_t>(v);
}

float to_float32(double d) {
  constexpr double kMax = std::numeric_limits<float>::max();
  // Values from FLT_MAX + half an ulp up round to infinity (Java's (float) cast).
  constexpr double kRoundsToInf = kMax + 10141204801825835211973625643008.0;  // 2^103
  if (std::isnan(d)) return std::numeric_limits<float>::quiet_NaN();
  if (std::fabs(d) > kMax) {
    const float m = std::fabs(d) >= kRoundsToInf ? std::numeric_limits<float>::infinity()
                                                 : std::numeric_limits<float>::max();
    return d > 0 ? m : -m;
  }
  return static_cast<float>(d);
}

// ---- serialization ---------------------------------------------------------

namespace {
// Bytes that need escaping in a JSON string: control characters, '"' and '\\'.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

// Appends to a std::string through a raw cursor: room is made in chunks
// (resize) and written through a pointer, so the writer does not pay
// push_back's capacity check and terminator store per character. The string
// holds the exact text again when the Out is destroyed.
class Out {
 public:
  explicit Out(std::string& s) : s_(s), n_(s.size()) {}
  ~Out() { s_.resize(n_); }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  // Room for k more bytes at cursor(); write them, then advance(k).
  char* room(size_t k) {
    if (n_ + k > s_.size()) grow(k);
    return s_.data() + n_;
  }
  void advance(size_t k) { n_ += k; }
  void put(char c) {
    *room(1) = c;
    ++n_;
  }
  void put(std::string_view v) {
    std::memcpy(room(v.size()), v.data(), v.size());
    n_ += v.size();
  }

 private:
  void grow(size_t k) { s_.resize(std::max({n_ + k, s_.size() * 2, size_t{256}})); }
  std::string& s_;
  size_t n_;
};

// Index of the first byte of s[from..] that needs escaping, or s.size().
// Eight bytes at a time (SWAR): a byte needs escaping when it is < 0x20, '"'
// or '\'.
// True when one of the 8 bytes of w is < 0x20, '"' or '\'. A zero byte of x
// sets that byte's high bit in (x - 1) & ~x, a byte below 0x20 in
// (w - 0x20) & ~w; a borrow only runs upward from such a byte, so "any high
// bit set" is exact for the word.
bool needs_escape8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t slash = w ^ (kOnes * '\\');
  return (((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash)) &
         kHigh;
}

size_t find_escape(std::string_view s, size_t from) {
  size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (needs_escape8(w)) break;  // the byte loop below finds which one
  }
  for (; i < s.size(); ++i) {
    if (kNeedsEscape[static_cast<unsigned char>(s[i])]) return i;
  }
  return i;
}

void write_json_string(Out& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // Worst case: every byte as \u00XX, plus the quotes.
  char* const begin = out.room(2 + 6 * s.size());
  char* p = begin;
  *p++ = '"';
  if (s.size() <= 24) {
    // Short (most keys and values): copy and test in one pass.
    size_t i = 0;
    for (; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (kNeedsEscape[c]) break;
      p[i] = static_cast<char>(c);
    }
    if (i == s.size()) {
      p[i] = '"';
      out.advance(s.size() + 2);
      return;
    }
  }
  size_t run = 0;
  for (size_t i = find_escape(s, 0); i < s.size(); i = find_escape(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::memcpy(p, s.data() + run, i - run);
    p += i - run;
    run = i + 1;
    *p++ = '\\';
    switch (c) {
      case '"':
        *p++ = '"';
        break;
      case '\\':
        *p++ = '\\';
        break;
      case '\b':
        *p++ = 'b';
        break;
      case '\f':
        *p++ = 'f';
        break;
      case '\n':
        *p++ = 'n';
        break;
      case '\r':
        *p++ = 'r';
        break;
      case '\t':
        *p++ = 't';
        break;
      default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 0xf];
        break;
    }
  }
  std::memcpy(p, s.data() + run, s.size() - run);
  p += s.size() - run;
  *p++ = '"';
  out.advance(static_cast<size_t>(p - begin));
}

template <typename I>
void write_integer(Out& out, I v) {
  char* const begin = out.room(24);
  out.advance(static_cast<size_t>(std::to_chars(begin, begin + 24, v).ptr - begin));
}

bool is_replay_marker(std::string_view key) {
  return key == "__replay" || key == "__replay_ts" || key == "__replay_source" ||
         key == "__replay_failure_class";
}

void write_value(Out& out, JsonRef v, bool drop_replay_markers) {
  switch (v.type()) {
    case element_type::OBJECT: {
      out.put('{');
      bool first = true;
      for_each_member(v, [&](std::string_view key, JsonRef value) {
        if (drop_replay_markers && is_replay_marker(key)) return;
        if (!first) out.put(',');
        first = false;
        write_json_string(out, key);
        out.put(':');
        write_value(out, value, false);
      });
      out.put('}');
      break;
    }
    case element_type::ARRAY: {
      out.put('[');
      bool first = true;
      for (auto item : v.array()) {
        if (!first) out.put(',');
        first = false;
        write_value(out, JsonRef(item), false);
      }
      out.put(']');
      break;
    }
    case element_type::STRING:
      write_json_string(out, v.string());
      break;
    case element_type::BOOL:
      out.put(v.boolean() ? std::string_view("true") : std::string_view("false"));
      break;
    case element_type::NULL_VALUE:
      out.put(std::string_view("null"));
      break;
    case element_type::INT64:
      write_integer(out, v.element().get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      write_integer(out, v.element().get_uint64().value_unsafe());
      break;
    default: {        // DOUBLE
      std::string d;  // Java formatting; short enough for the small-string buffer
      append_java_double(d, v.element().get_double().value_unsafe());
      out.put(d);
      break;
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  Out o(out);
  write_json_string(o, s);
}

void append_compact_json(std::string& out, JsonRef v) {
  if (!v.present()) return;
  Out o(out);
  write_value(o, v, false);
}

void append_canonical_json(std::string& out, JsonRef root) {
  if (!root.present()) return;
  Out o(out);
  write_value(o, root, true);
}

}  // namespace naap::ingest
