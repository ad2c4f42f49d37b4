#include "ingest/utf8.hpp"

#include <simdjson.h>

namespace naap::ingest {

namespace {
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
}

bool decode_utf8_lenient(std::string_view in, std::string& out) {
  if (simdjson::validate_utf8(in.data(), in.size())) return true;
  out.clear();
  out.reserve(in.size() + 16);
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char b = s[i];
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // no overlongs
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;  // no overlongs
      if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      out += kReplacement;  // 0x80..0xC1, 0xF5..0xFF: never valid as a lead byte
      ++i;
      continue;
    }
    size_t k = 1;
    while (k < len && i + k < n) {
      const unsigned char c = s[i + k];
      const bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
      if (!ok) break;
      ++k;
    }
    if (k == len) {
      out.append(in.data() + i, len);
    } else {
      out += kReplacement;  // the maximal subpart s[i, i+k) is one replacement
    }
    i += k;
  }
  return false;
}

}  // namespace naap::ingest
