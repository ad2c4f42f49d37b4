// String semantics the reference inherits from Java: "trim" strips every code
// unit <= U+0020 (control characters too, not Unicode spaces); "blank" means
// empty after such a trim; lower-casing is ASCII only.
#pragma once

#include <string>
#include <string_view>

namespace naap {

inline std::string_view java_trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
  return s.substr(b, e - b);
}

inline bool is_blank(std::string_view s) { return java_trim(s).empty(); }

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// addr-norm: blank -> "", else trimmed and ASCII lower-cased.
inline std::string normalize_address(std::string_view s) { return lower_ascii(java_trim(s)); }

// workflow_session_id from (stream_id, request_id, fallback event id), each
// trimmed: "stream|request", "stream|_missing_request", "_missing_stream|request",
// "_missing_stream|_missing_request|<event id>" or "...|_missing_event".
std::string workflow_session_id(std::string_view stream_id, std::string_view request_id,
                                std::string_view event_id);

}  // namespace naap
