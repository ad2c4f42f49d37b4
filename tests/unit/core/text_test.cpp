// append_json_string: the one JSON string escaper (harness JSON output, sink re-encoders).
#include "core/text.hpp"

#include <gtest/gtest.h>

TEST(AppendJsonString, EscapesWhatJsonRequiresAndPassesTheRest) {
  std::string out = "x=";
  naap::append_json_string(out, std::string_view("a\"b\\c\nd\re\tf\bg\fh\x01i\x1f j\xc3\xa9", 22));
  EXPECT_EQ(out, "x=\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001f j\xc3\xa9\"");
  out.clear();
  naap::append_json_string(out, "");
  EXPECT_EQ(out, "\"\"");
}
