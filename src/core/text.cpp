#include "core/text.hpp"

namespace naap {

std::string workflow_session_id(std::string_view stream_id, std::string_view request_id,
                                std::string_view event_id) {
  const std::string_view s = java_trim(stream_id);
  const std::string_view r = java_trim(request_id);
  std::string out;
  out.reserve(s.size() + r.size() + 32);
  if (!s.empty()) {
    out.append(s);
    out.append(r.empty() ? "|_missing_request" : "|");
    if (!r.empty()) out.append(r);
    return out;
  }
  if (!r.empty()) {
    out.append("_missing_stream|");
    out.append(r);
    return out;
  }
  const std::string_view e = java_trim(event_id);
  out.append("_missing_stream|_missing_request|");
  out.append(e.empty() ? std::string_view("_missing_event") : e);
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

}  // namespace naap
