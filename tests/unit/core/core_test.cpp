#include <gtest/gtest.h>

#include "core/hash.hpp"
#include "core/row_binary.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace naap {
namespace {

TEST(Text, JavaTrimStripsControlCharactersButNotUnicodeSpaces) {
  EXPECT_EQ(java_trim(" \t\x01 a b \n"), "a b");
  EXPECT_EQ(java_trim("\xc2\xa0x"), "\xc2\xa0x");  // U+00A0 is not trimmed
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank("   "));
  EXPECT_FALSE(is_blank("a"));
}

// Spec events-and-ingest §6.1 U1.
TEST(Text, NormalizeAddress) {
  EXPECT_EQ(normalize_address(""), "");
  EXPECT_EQ(normalize_address("   "), "");
  EXPECT_EQ(normalize_address(" 0xAbC123 "), "0xabc123");
}

// Spec events-and-ingest §6.1 U2 and lifecycle §2.1.
TEST(Text, WorkflowSessionId) {
  EXPECT_EQ(workflow_session_id("stream-1", "req-1", "evt-1"), "stream-1|req-1");
  EXPECT_EQ(workflow_session_id("stream-1", "", "evt-1"), "stream-1|_missing_request");
  EXPECT_EQ(workflow_session_id("", "req-1", "evt-1"), "_missing_stream|req-1");
  EXPECT_EQ(workflow_session_id("", "", "evt-1"), "_missing_stream|_missing_request|evt-1");
  EXPECT_EQ(workflow_session_id(" ", "", ""), "_missing_stream|_missing_request|_missing_event");
  EXPECT_EQ(workflow_session_id(" s ", " r ", ""), "s|r");
}

// Spec events-and-ingest §6.1 U3.
TEST(Hash, Sha256Hex) {
  EXPECT_EQ(sha256_hex("hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_EQ(sha256_hex("hello"), sha256_hex("hello"));
  EXPECT_EQ(event_uid("evt-1", "{}"), "evt-1");
  EXPECT_EQ(event_uid("  ", "hello"), sha256_hex("hello"));
}

TEST(Time, FormatUtcMs) {
  EXPECT_EQ(format_utc_ms(1770062787846), "2026-02-02 20:06:27.846");
  EXPECT_EQ(format_utc_ms(0), "1970-01-01 00:00:00.000");
  EXPECT_EQ(format_utc_ms(-1), "1969-12-31 23:59:59.999");
  EXPECT_EQ(format_utc_ms(kDateTime64MaxMs), "2299-12-31 23:59:59.999");
  EXPECT_EQ(format_utc_ms(kDateTime64MinMs), "1900-01-01 00:00:00.000");
  EXPECT_TRUE(representable_as_datetime64(0));
  EXPECT_FALSE(representable_as_datetime64(kDateTime64MaxMs + 1));
  EXPECT_FALSE(representable_as_datetime64(kDateTime64MinMs - 1));
}

TEST(RowBinary, EncodesLittleEndianVarintsAndNullables) {
  std::string out;
  RowBinaryWriter w(out);
  w.u32(1);
  w.str("ab");
  w.nullable_str(std::nullopt);
  w.nullable_str(std::string("c"));
  w.varint(300);
  EXPECT_EQ(out, std::string("\x01\x00\x00\x00\x02"
                             "ab\x01\x00\x01"
                             "c\xac\x02",
                             13));
}

}  // namespace
}  // namespace naap
