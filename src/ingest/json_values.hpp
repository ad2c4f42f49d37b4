// The value rules of the reference (Jackson `JsonNode` semantics) over
// simdjson DOM elements: events-and-ingest.md "Conventions". Every decoder
// reads JSON only through these functions, so each rule lives here once.
//
// Integer overflow (events-and-ingest §7.3, a deliberate deviation): Jackson
// wraps or saturates integers that do not fit a Java int/long, and the job
// never checks the range of narrow or unsigned ClickHouse columns. naap reads
// every integer as int64 (a JSON number is truncated toward zero; a double
// outside int64, or an unsigned value above INT64_MAX, is out of range) and
// then narrows it to the column type: a value that does not fit the column
// gives NULL for a nullable column and 0 otherwise (`narrow<T>`).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace naap::ingest {

using OptStr = std::optional<std::string>;

// A JSON value that may be absent (Jackson's MissingNode): what `path(key)`
// returns for a missing key, or for any key of a non-object.
class JsonRef {
 public:
  JsonRef() = default;
  explicit JsonRef(simdjson::dom::element e) : el_(e), present_(true) {}

  bool present() const { return present_; }
  // Absent or JSON null.
  bool missing_or_null() const {
    return !present_ || type() == simdjson::dom::element_type::NULL_VALUE;
  }
  simdjson::dom::element_type type() const { return el_.type(); }
  bool is(simdjson::dom::element_type t) const { return present_ && el_.type() == t; }
  bool is_object() const { return is(simdjson::dom::element_type::OBJECT); }
  bool is_array() const { return is(simdjson::dom::element_type::ARRAY); }
  bool is_string() const { return is(simdjson::dom::element_type::STRING); }
  bool is_bool() const { return is(simdjson::dom::element_type::BOOL); }
  bool is_number() const {
    if (!present_) return false;
    const auto t = el_.type();
    return t == simdjson::dom::element_type::INT64 || t == simdjson::dom::element_type::UINT64 ||
           t == simdjson::dom::element_type::DOUBLE;
  }
  simdjson::dom::element element() const { return el_; }

  // The member `key` of an object. A repeated key yields its last value, as
  // Jackson keeps it. Absent when this is not an object or has no such key.
  JsonRef operator[](std::string_view key) const;

  // Unchecked accessors: call only after the matching is_*() test.
  std::string_view string() const { return el_.get_string().value_unsafe(); }
  bool boolean() const { return el_.get_bool().value_unsafe(); }
  simdjson::dom::object object() const { return el_.get_object().value_unsafe(); }
  simdjson::dom::array array() const { return el_.get_array().value_unsafe(); }
  // Elements of an array (0 for anything else).
  size_t array_size() const { return is_array() ? array().size() : 0; }

 private:
  simdjson::dom::element el_{};
  bool present_ = false;
};

// Members of an object in document order, with Jackson's duplicate-key rule
// (the last value wins, at the position of the first occurrence). Calls
// f(std::string_view key, JsonRef value). Does nothing for a non-object.
template <typename F>
void for_each_member(JsonRef obj, F&& f);

// ---- text ------------------------------------------------------------------

// text-or-empty(x), appended to `out`: "" for absent/null/object/array, the
// string's value, or the JSON text of a number or boolean (Java formatting).
void append_text_or_empty(std::string& out, JsonRef v);
inline void assign_text_or_empty(std::string& out, JsonRef v) {
  out.clear();
  append_text_or_empty(out, v);
}
inline std::string text_or_empty(JsonRef v) {
  std::string s;
  append_text_or_empty(s, v);
  return s;
}
// addr-norm(text-or-empty(x)) into `out`, in place (no allocation once
// warmed up): the same result as core's normalize_address.
void assign_address(std::string& out, JsonRef v);
// nullable-text(x): NULL for absent/null/"", else text-or-empty (and NULL if that is "").
void assign_nullable_text(OptStr& out, JsonRef v);
// The "present and non-empty" test of the validator: present, not null, and
// not the empty string (whitespace, numbers, objects all pass).
bool present_and_non_empty(JsonRef v);

// Java's Double.toString (the shortest round-trip digits): "1.0", "0.001",
// "1.0E7", "1.0E-4", "-0.0", "Infinity", "NaN".
void append_java_double(std::string& out, double d);

// ---- numbers ---------------------------------------------------------------

// lenient-int / lenient-long (Jackson asInt/asLong with default 0): number ->
// truncated toward zero; numeric string (trimmed; an optional '+'; digits, or
// anything Double.parseDouble accepts, then truncated) -> its value; boolean ->
// 1/0. NULL (i.e. the default) for absent, null, other text, containers and
// values outside int64.
std::optional<int64_t> lenient_int(JsonRef v);
// lenient-float (Jackson asDouble with default 0.0).
double lenient_float(JsonRef v);
// nullable-int / nullable-long (JsonNodeUtils.asNullableInt/Long): number ->
// truncated; trimmed base-10 integer string (optional sign) -> value; NULL otherwise.
std::optional<int64_t> nullable_int(JsonRef v);
// `warm` of a capability model config: a boolean gives 1/0, otherwise nullable-int.
std::optional<int64_t> bool_or_nullable_int(JsonRef v);
// ts-ms (JsonNodeUtils.parseTimestampMillis): a number -> its integer part
// (saturated to int64); a trimmed string of [0-9]+ that fits int64 -> its
// value; NULL for everything else. The result may be outside DateTime64(3).
std::optional<int64_t> ts_ms(JsonRef v);
// ts-ms for a nested nullable DateTime64 column: NULL also when the value is
// outside what DateTime64(3) represents (naap deviation: see quality_gate.hpp).
inline std::optional<EpochMs> ts_ms_column(JsonRef v) {
  auto t = ts_ms(v);
  if (t && !representable_as_datetime64(*t)) return std::nullopt;
  return t;
}
// Plain decimal int32 with an optional sign, no whitespace (Integer.parseInt):
// capability-id keys.
std::optional<int32_t> parse_int32_key(std::string_view s);

// Narrows an int64 to a column type; NULL when it does not fit (§7.3).
template <typename T>
std::optional<T> narrow(std::optional<int64_t> v) {
  if (!v) return std::nullopt;
  if constexpr (std::is_unsigned_v<T>) {
    if (*v < 0 || static_cast<uint64_t>(*v) > std::numeric_limits<T>::max()) return std::nullopt;
  } else {
    if (*v < std::numeric_limits<T>::min() || *v > std::numeric_limits<T>::max())
      return std::nullopt;
  }
  return static_cast<T>(*v);
}
// A double to Float32 as Java's (float) cast does: out-of-range -> +-Infinity.
float to_float32(double d);

// ---- serialization ---------------------------------------------------------

// Compact JSON of a value as Jackson writes a tree: members in document order
// (duplicate keys collapsed as above), no whitespace, strings escaped as
// Jackson does (\" \\ \b \f \n \r \t, other control characters as \u00XX),
// non-ASCII kept as UTF-8, doubles in Java format. Appends to `out`.
void append_compact_json(std::string& out, JsonRef v);
// The canonical JSON of an envelope (events-and-ingest §4.1/4.2): the compact
// JSON with the top-level members __replay, __replay_ts, __replay_source and
// __replay_failure_class removed. Keys are not sorted (the reference's
// practical behaviour); the form is deterministic for the same bytes.
void append_canonical_json(std::string& out, JsonRef root);
// A JSON string literal (with quotes) for `s`.
void append_json_string(std::string& out, std::string_view s);

// ---- implementation of the template ----------------------------------------

namespace detail {
// True when the object has a repeated key.
bool has_duplicate_keys(simdjson::dom::object obj);
// The members of an object with duplicates collapsed (rare path).
std::vector<std::pair<std::string_view, simdjson::dom::element>> collapse_duplicates(
    simdjson::dom::object obj);
}  // namespace detail

template <typename F>
void for_each_member(JsonRef obj, F&& f) {
  if (!obj.is_object()) return;
  const simdjson::dom::object o = obj.object();
  if (!detail::has_duplicate_keys(o)) {
    for (auto field : o) f(field.key, JsonRef(field.value));
    return;
  }
  for (const auto& [key, value] : detail::collapse_duplicates(o)) f(key, JsonRef(value));
}

}  // namespace naap::ingest
