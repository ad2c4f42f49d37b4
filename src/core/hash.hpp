// Hashes with fixed, documented meanings.
#pragma once

#include <string>
#include <string_view>

namespace naap {

// Lower-case hex SHA-256 (64 characters) of the bytes of `s` (OpenSSL).
std::string sha256_hex(std::string_view s);

// The event uid rule (spec README item 4): the envelope id when non-blank,
// else the SHA-256 hex of the raw message bytes.
inline std::string event_uid(std::string_view id, std::string_view raw_message);

}  // namespace naap

#include "core/text.hpp"

namespace naap {
inline std::string event_uid(std::string_view id, std::string_view raw_message) {
  return is_blank(id) ? sha256_hex(raw_message) : std::string(id);
}
}  // namespace naap
