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

}  // namespace naap
