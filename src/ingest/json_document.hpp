// Parsing one raw message into a DOM, as the reference's Jackson `readTree`
// does: one reused simdjson parser, the first JSON value only (content after
// it is ignored), numbers simdjson cannot hold accepted the way Jackson
// accepts them.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace naap::ingest {

class JsonDocumentParser {
 public:
  enum class Status {
    kOk,     // `root` is the first JSON value of the text
    kEmpty,  // no JSON value at all (empty or whitespace): Jackson's "missing" root
    kError,  // not JSON: `error` says why
  };
  struct Result {
    Status status = Status::kError;
    simdjson::dom::element root;
    std::string_view error;
  };

  // Parses `text` (valid UTF-8). The root stays valid until the next call.
  //
  // Differences from plain simdjson, to match Jackson:
  //  * trailing content after a complete first value is ignored
  //    (`{"a":1} xyz` parses as {"a":1});
  //  * an integer beyond 64 bits is read as a double, and a number beyond the
  //    double range as +-1.7976931348623157e308 (Jackson: BigInteger /
  //    Infinity; naap has no such values, so they stand in).
  // Depth is limited to simdjson's 1024 levels (deeper input is an error);
  // NaN / Infinity literals are errors, as in Jackson's default.
  Result parse(std::string_view text);

 private:
  simdjson::error_code parse_padded(std::string_view text, simdjson::dom::element& root);

  simdjson::dom::parser parser_;
  std::string buf_;        // the padded copy simdjson reads
  std::string rewritten_;  // the number-rewritten text (rare path)
};

}  // namespace naap::ingest
