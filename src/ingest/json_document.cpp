#include "ingest/json_document.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace naap::ingest {

namespace {

bool is_json_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool all_ws(std::string_view s) {
  for (char c : s) {
    if (!is_json_ws(c)) return false;
  }
  return true;
}

// The end offset of the first JSON value of `s` (brackets matched, strings
// skipped; not validated), or nullopt when it does not end.
std::optional<size_t> first_value_end(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_json_ws(s[i])) ++i;
  if (i == s.size()) return std::nullopt;
  const char c = s[i];
  if (c == '{' || c == '[') {
    size_t depth = 0;
    bool in_string = false;
    for (size_t j = i; j < s.size(); ++j) {
      const char ch = s[j];
      if (in_string) {
        if (ch == '\\') {
          ++j;
        } else if (ch == '"') {
          in_string = false;
        }
      } else if (ch == '"') {
        in_string = true;
      } else if (ch == '{' || ch == '[') {
        ++depth;
      } else if (ch == '}' || ch == ']') {
        if (--depth == 0) return j + 1;
      }
    }
    return std::nullopt;
  }
  if (c == '"') {
    for (size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] == '\\') {
        ++j;
      } else if (s[j] == '"') {
        return j + 1;
      }
    }
    return std::nullopt;
  }
  size_t j = i;
  while (j < s.size() && !is_json_ws(s[j]) &&
         std::string_view(",:[]{}\"").find(s[j]) == std::string_view::npos) {
    ++j;
  }
  return j;
}

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Rewrites number tokens simdjson rejects but Jackson accepts: integers
// beyond 64 bits get a ".0" (read as double), numbers beyond the double range
// become +-DBL_MAX. Returns false when nothing was rewritten.
bool rewrite_out_of_range_numbers(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size() + 16);
  bool changed = false;
  bool in_string = false;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < s.size()) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      ++i;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      out += c;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && is_number_char(s[j])) ++j;
    const std::string_view tok = s.substr(i, j - i);
    i = j;
    const bool integer = tok.find_first_of(".eE") == std::string_view::npos;
    const std::string copy(tok);
    char* end = nullptr;
    const double d = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size()) {  // not a number: leave it to the parser
      out += tok;
      continue;
    }
    if (std::isinf(d)) {
      out += d < 0 ? "-1.7976931348623157e308" : "1.7976931348623157e308";
      changed = true;
      continue;
    }
    if (integer) {
      bool fits = false;
      if (tok.front() == '-') {
        int64_t v;
        auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
        fits = r.ec == std::errc() && r.ptr == tok.data() + tok.size();
      } else {
        uint64_t v;
        auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
        fits = r.ec == std::errc() && r.ptr == tok.data() + tok.size();
      }
      if (!fits) {
        out += tok;
        out += ".0";
        changed = true;
        continue;
      }
    }
    out += tok;
  }
  return changed;
}

}  // namespace

simdjson::error_code JsonDocumentParser::parse_padded(std::string_view text,
                                                      simdjson::dom::element& root) {
  buf_.assign(text);
  buf_.append(simdjson::SIMDJSON_PADDING, '\0');
  return parser_.parse(buf_.data(), text.size(), false).get(root);
}

JsonDocumentParser::Result JsonDocumentParser::parse(std::string_view text) {
  Result r;
  simdjson::error_code err = parse_padded(text, r.root);
  if (err == simdjson::SUCCESS) {
    r.status = Status::kOk;
    return r;
  }
  if (err == simdjson::EMPTY) {
    r.status = Status::kEmpty;
    return r;
  }
  const simdjson::error_code original = err;
  std::string_view doc = text;
  if (auto end = first_value_end(text); end && !all_ws(text.substr(*end))) {
    doc = text.substr(0, *end);
    err = parse_padded(doc, r.root);
  }
  if (err == simdjson::NUMBER_ERROR || err == simdjson::NUMBER_OUT_OF_RANGE) {
    if (rewrite_out_of_range_numbers(doc, rewritten_)) err = parse_padded(rewritten_, r.root);
  }
  if (err == simdjson::SUCCESS) {
    r.status = Status::kOk;
    return r;
  }
  r.status = Status::kError;
  r.error = simdjson::error_message(original);
  return r;
}

}  // namespace naap::ingest
