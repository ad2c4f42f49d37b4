// Lenient UTF-8 decoding, as Java's `new String(bytes, UTF_8)`: every
// ill-formed sequence (its maximal subpart, Unicode §3.9) becomes U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace naap::ingest {

// True when `in` is valid UTF-8 (then nothing is written). Otherwise `out`
// receives the decoded text, with U+FFFD for each ill-formed subsequence.
bool decode_utf8_lenient(std::string_view in, std::string& out);

}  // namespace naap::ingest
