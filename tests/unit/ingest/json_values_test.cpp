// The value rules (events-and-ingest "Conventions"), the JSON document
// parser, lenient UTF-8, and the utilities U1-U4.
#include "ingest/json_values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "core/text.hpp"
#include "ingest/json_document.hpp"
#include "ingest/utf8.hpp"

namespace naap::ingest {
namespace {

// Parses `{"v": <value>}` and returns v (absent when `value` is empty).
class Values : public ::testing::Test {
 protected:
  JsonRef v(std::string_view value) {
    text_ = value.empty() ? std::string("{}") : "{\"v\":" + std::string(value) + "}";
    auto r = parser_.parse(text_);
    EXPECT_EQ(r.status, JsonDocumentParser::Status::kOk) << text_;
    return JsonRef(r.root)["v"];
  }
  JsonDocumentParser parser_;
  std::string text_;
};

TEST_F(Values, TextOrEmpty) {
  EXPECT_EQ(text_or_empty(v("")), "");
  EXPECT_EQ(text_or_empty(v("null")), "");
  EXPECT_EQ(text_or_empty(v("\"abc\"")), "abc");
  EXPECT_EQ(text_or_empty(v("\"a\\\"b\\u00e9\"")), "a\"b\xC3\xA9");
  EXPECT_EQ(text_or_empty(v("12")), "12");
  EXPECT_EQ(text_or_empty(v("-7")), "-7");
  EXPECT_EQ(text_or_empty(v("18446744073709551615")), "18446744073709551615");
  EXPECT_EQ(text_or_empty(v("1.5")), "1.5");
  EXPECT_EQ(text_or_empty(v("1.0")), "1.0");
  EXPECT_EQ(text_or_empty(v("true")), "true");
  EXPECT_EQ(text_or_empty(v("false")), "false");
  EXPECT_EQ(text_or_empty(v("{\"a\":1}")), "");
  EXPECT_EQ(text_or_empty(v("[1]")), "");
}

TEST_F(Values, NullableText) {
  OptStr out = std::string("stale");
  assign_nullable_text(out, v(""));
  EXPECT_FALSE(out.has_value());
  assign_nullable_text(out, v("null"));
  EXPECT_FALSE(out.has_value());
  assign_nullable_text(out, v("\"\""));
  EXPECT_FALSE(out.has_value());
  assign_nullable_text(out, v("{}"));
  EXPECT_FALSE(out.has_value());
  assign_nullable_text(out, v("\" value \""));
  EXPECT_EQ(out, " value ");  // U4: blank-to-null keeps the value untrimmed
  assign_nullable_text(out, v("3"));
  EXPECT_EQ(out, "3");
}

TEST_F(Values, PresentAndNonEmpty) {
  EXPECT_FALSE(present_and_non_empty(v("")));
  EXPECT_FALSE(present_and_non_empty(v("null")));
  EXPECT_FALSE(present_and_non_empty(v("\"\"")));
  EXPECT_TRUE(present_and_non_empty(v("\" \"")));
  EXPECT_TRUE(present_and_non_empty(v("0")));
  EXPECT_TRUE(present_and_non_empty(v("false")));
  EXPECT_TRUE(present_and_non_empty(v("{}")));
  EXPECT_TRUE(present_and_non_empty(v("[]")));
}

TEST_F(Values, JavaDoubleText) {
  auto j = [](double d) {
    std::string s;
    append_java_double(s, d);
    return s;
  };
  EXPECT_EQ(j(1.0), "1.0");
  EXPECT_EQ(j(0.1), "0.1");
  EXPECT_EQ(j(23.58), "23.58");
  EXPECT_EQ(j(-0.0), "-0.0");
  EXPECT_EQ(j(0.0), "0.0");
  EXPECT_EQ(j(0.001), "0.001");
  EXPECT_EQ(j(0.0001), "1.0E-4");
  EXPECT_EQ(j(9999999.0), "9999999.0");
  EXPECT_EQ(j(1e7), "1.0E7");
  EXPECT_EQ(j(1.0e10), "1.0E10");
  EXPECT_EQ(j(1.2345e22), "1.2345E22");
  EXPECT_EQ(j(123456.789), "123456.789");
  EXPECT_EQ(j(-2.5e-7), "-2.5E-7");
  EXPECT_EQ(j(100.0), "100.0");
  EXPECT_EQ(j(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(j(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(j(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(j(5e-324), "4.9E-324");
}

TEST_F(Values, LenientInt) {
  EXPECT_FALSE(lenient_int(v("")).has_value());
  EXPECT_FALSE(lenient_int(v("null")).has_value());
  EXPECT_EQ(lenient_int(v("42")), 42);
  EXPECT_EQ(lenient_int(v("-42")), -42);
  EXPECT_EQ(lenient_int(v("2.9")), 2);
  EXPECT_EQ(lenient_int(v("-2.9")), -2);
  EXPECT_EQ(lenient_int(v("true")), 1);
  EXPECT_EQ(lenient_int(v("false")), 0);
  EXPECT_EQ(lenient_int(v("\" 42 \"")), 42);
  EXPECT_EQ(lenient_int(v("\"+42\"")), 42);
  EXPECT_EQ(lenient_int(v("\"-42\"")), -42);
  EXPECT_EQ(lenient_int(v("\"12.7\"")), 12);  // Jackson falls back to parseDouble
  EXPECT_EQ(lenient_int(v("\"1e3\"")), 1000);
  EXPECT_EQ(lenient_int(v("\"1.5d\"")), 1);
  EXPECT_FALSE(lenient_int(v("\"abc\"")).has_value());
  EXPECT_FALSE(lenient_int(v("\"\"")).has_value());
  EXPECT_FALSE(lenient_int(v("\"NaN\"")).has_value());
  EXPECT_FALSE(lenient_int(v("\"inf\"")).has_value());
  EXPECT_FALSE(lenient_int(v("{}")).has_value());
  EXPECT_FALSE(lenient_int(v("[1]")).has_value());
  EXPECT_EQ(lenient_int(v("9223372036854775807")), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(lenient_int(v("9223372036854775808")).has_value());
  EXPECT_FALSE(lenient_int(v("1e19")).has_value());
  EXPECT_FALSE(lenient_int(v("\"99999999999999999999\"")).has_value());
}

TEST_F(Values, Narrow) {
  EXPECT_EQ(narrow<uint8_t>(255), 255);
  EXPECT_FALSE(narrow<uint8_t>(256).has_value());
  EXPECT_FALSE(narrow<uint8_t>(-1).has_value());
  EXPECT_EQ(narrow<int32_t>(-2147483648LL), std::numeric_limits<int32_t>::min());
  EXPECT_FALSE(narrow<int32_t>(2147483648LL).has_value());
  EXPECT_EQ(narrow<uint32_t>(4294967295LL), 4294967295u);
  EXPECT_FALSE(narrow<uint32_t>(4294967296LL).has_value());
  EXPECT_EQ(narrow<uint64_t>(std::numeric_limits<int64_t>::max()),
            static_cast<uint64_t>(std::numeric_limits<int64_t>::max()));
  EXPECT_FALSE(narrow<uint16_t>(std::nullopt).has_value());
}

TEST_F(Values, LenientFloat) {
  EXPECT_EQ(lenient_float(v("")), 0.0);
  EXPECT_EQ(lenient_float(v("null")), 0.0);
  EXPECT_EQ(lenient_float(v("23.58")), 23.58);
  EXPECT_EQ(lenient_float(v("7")), 7.0);
  EXPECT_EQ(lenient_float(v("\" 1.5 \"")), 1.5);
  EXPECT_EQ(lenient_float(v("\"+2\"")), 2.0);
  EXPECT_EQ(lenient_float(v("\".5\"")), 0.5);
  EXPECT_EQ(lenient_float(v("\"1e2\"")), 100.0);
  EXPECT_EQ(lenient_float(v("\"2.5f\"")), 2.5);
  EXPECT_TRUE(std::isnan(lenient_float(v("\"NaN\""))));
  EXPECT_EQ(lenient_float(v("\"-Infinity\"")), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(lenient_float(v("\"1e999\"")), std::numeric_limits<double>::infinity());
  EXPECT_EQ(lenient_float(v("\"1e-999\"")), 0.0);
  EXPECT_EQ(lenient_float(v("\"nan\"")), 0.0);
  EXPECT_EQ(lenient_float(v("\"x\"")), 0.0);
  EXPECT_EQ(lenient_float(v("true")), 1.0);
  EXPECT_EQ(lenient_float(v("[]")), 0.0);
}

TEST_F(Values, ToFloat32) {
  EXPECT_EQ(to_float32(1.5), 1.5f);
  EXPECT_EQ(to_float32(1e300), std::numeric_limits<float>::infinity());
  EXPECT_EQ(to_float32(-1e300), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(to_float32(static_cast<double>(std::numeric_limits<float>::max())),
            std::numeric_limits<float>::max());
  EXPECT_TRUE(std::isnan(to_float32(std::numeric_limits<double>::quiet_NaN())));
}

TEST_F(Values, NullableInt) {
  EXPECT_FALSE(nullable_int(v("")).has_value());
  EXPECT_FALSE(nullable_int(v("null")).has_value());
  EXPECT_EQ(nullable_int(v("84")), 84);
  EXPECT_EQ(nullable_int(v("\"84\"")), 84);
  EXPECT_EQ(nullable_int(v("\" 84 \"")), 84);
  EXPECT_EQ(nullable_int(v("\"-3\"")), -3);
  EXPECT_EQ(nullable_int(v("\"+3\"")), 3);
  EXPECT_EQ(nullable_int(v("12.9")), 12);
  EXPECT_FALSE(nullable_int(v("\"12.9\"")).has_value());
  EXPECT_FALSE(nullable_int(v("\"\"")).has_value());
  EXPECT_FALSE(nullable_int(v("true")).has_value());
  EXPECT_FALSE(nullable_int(v("{}")).has_value());
  EXPECT_EQ(nullable_int(v("25757220864")), 25757220864);
  EXPECT_EQ(bool_or_nullable_int(v("true")), 1);
  EXPECT_EQ(bool_or_nullable_int(v("false")), 0);
  EXPECT_EQ(bool_or_nullable_int(v("\"1\"")), 1);
  EXPECT_FALSE(bool_or_nullable_int(v("\"true\"")).has_value());
}

TEST_F(Values, TsMs) {
  EXPECT_FALSE(ts_ms(v("")).has_value());
  EXPECT_FALSE(ts_ms(v("null")).has_value());
  EXPECT_EQ(ts_ms(v("1710000000000")), 1710000000000);
  EXPECT_EQ(ts_ms(v("\"1710000000000\"")), 1710000000000);
  EXPECT_EQ(ts_ms(v("\" 17 \"")), 17);
  EXPECT_EQ(ts_ms(v("-1")), -1);
  EXPECT_EQ(ts_ms(v("1710000000000.9")), 1710000000000);
  EXPECT_EQ(ts_ms(v("1e300")), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(ts_ms(v("-1e300")), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(ts_ms(v("\"-1\"")).has_value());
  EXPECT_FALSE(ts_ms(v("\"+1\"")).has_value());
  EXPECT_FALSE(ts_ms(v("\"1.5\"")).has_value());
  EXPECT_FALSE(ts_ms(v("\"17e11\"")).has_value());
  EXPECT_FALSE(ts_ms(v("\"\"")).has_value());
  EXPECT_FALSE(ts_ms(v("\"9223372036854775808\"")).has_value());
  EXPECT_EQ(ts_ms(v("\"9223372036854775807\"")), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(ts_ms(v("true")).has_value());
  EXPECT_FALSE(ts_ms(v("{}")).has_value());
  EXPECT_FALSE(ts_ms_column(v("99999999999999999")).has_value());
  EXPECT_EQ(ts_ms_column(v("0")), 0);
}

TEST_F(Values, Int32Keys) {
  EXPECT_EQ(parse_int32_key("35"), 35);
  EXPECT_EQ(parse_int32_key("-5"), -5);
  EXPECT_EQ(parse_int32_key("+5"), 5);
  EXPECT_EQ(parse_int32_key("007"), 7);
  EXPECT_FALSE(parse_int32_key("abc").has_value());
  EXPECT_FALSE(parse_int32_key(" 5").has_value());
  EXPECT_FALSE(parse_int32_key("").has_value());
  EXPECT_FALSE(parse_int32_key("-").has_value());
  EXPECT_FALSE(parse_int32_key("2147483648").has_value());
  EXPECT_EQ(parse_int32_key("2147483647"), 2147483647);
}

TEST_F(Values, CompactJsonAsJackson) {
  auto compact = [&](std::string_view value) {
    std::string s;
    append_compact_json(s, v(value));
    return s;
  };
  EXPECT_EQ(compact(R"( { "b" : [ 1 , 2.50 , -0 , 1e2 , true , null ] , "a" : "x" } )"),
            R"({"b":[1,2.5,0,100.0,true,null],"a":"x"})");
  EXPECT_EQ(compact(R"("\u0001\b\f\n\r\t\"\\/\u00e9\u2028")"),
            "\"\\u0001\\b\\f\\n\\r\\t\\\"\\\\/\xC3\xA9\xE2\x80\xA8\"");
  EXPECT_EQ(compact(R"("\u001f\u007f")"), "\"\\u001F\x7F\"");
  EXPECT_EQ(compact(R"("a\u0000b")"), "\"a\\u0000b\"");
  // Duplicate keys: the last value, at the first key's position.
  EXPECT_EQ(compact(R"({"a":1,"b":2,"a":3})"), R"({"a":3,"b":2})");
  std::string many = "{";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += R"("k3":"last"})";
  const std::string out = compact(many);
  EXPECT_NE(out.find(R"("k3":"last")"), std::string::npos);
  EXPECT_EQ(out.find(R"("k3":3)"), std::string::npos);
  EXPECT_LT(out.find(R"("k3")"), out.find(R"("k4")"));
  EXPECT_EQ(compact("{}"), "{}");
  EXPECT_EQ(compact("[]"), "[]");
  EXPECT_EQ(compact(""), "");
}

TEST_F(Values, MemberLookupLastWins) {
  const JsonRef o = v(R"({"a":1,"a":{"b":2}})");
  EXPECT_TRUE(o["a"].is_object());
  EXPECT_EQ(nullable_int(o["a"]["b"]), 2);
  EXPECT_FALSE(o["zz"].present());
  EXPECT_FALSE(o["a"]["b"]["c"].present());  // path through a non-object
  std::vector<std::string> keys;
  for_each_member(v(R"({"x":1,"y":2,"x":3})"), [&](std::string_view k, JsonRef val) {
    keys.push_back(std::string(k) + "=" + text_or_empty(val));
  });
  EXPECT_EQ(keys, (std::vector<std::string>{"x=3", "y=2"}));
}

// Objects of every size class of the duplicate-key check (linear scan up to
// 16 keys, a hash table up to 256, sorting beyond): without duplicates the
// members come out unchanged; a repeated key anywhere collapses.
TEST_F(Values, DuplicateKeysInObjectsOfEverySize) {
  for (int n : {2, 16, 17, 40, 100, 255, 256, 257, 600}) {
    std::string obj = "{";
    std::vector<std::string> expected;
    for (int i = 0; i < n; ++i) {
      // Keys of one and many characters, some sharing prefixes.
      const std::string k =
          i % 3 == 0 ? std::to_string(i) : "key_" + std::to_string(i * 7919 % 1000003);
      obj += (i ? "," : "") + ("\"" + k + "\":" + std::to_string(i));
      expected.push_back(k + "=" + std::to_string(i));
    }
    std::vector<std::string> got;
    for_each_member(v(obj + "}"), [&](std::string_view k, JsonRef val) {
      got.push_back(std::string(k) + "=" + text_or_empty(val));
    });
    EXPECT_EQ(got, expected) << n << " keys, no duplicate";
    for (int dup : {0, n / 2, n - 1}) {
      // The key of member `dup` again, last: its value wins at its first position.
      const std::string key = expected[static_cast<size_t>(dup)].substr(
          0, expected[static_cast<size_t>(dup)].find('='));
      got.clear();
      for_each_member(v(obj + ",\"" + key + "\":\"again\"}"), [&](std::string_view k, JsonRef val) {
        got.push_back(std::string(k) + "=" + text_or_empty(val));
      });
      std::vector<std::string> want = expected;
      want[static_cast<size_t>(dup)] = key + "=again";
      EXPECT_EQ(got, want) << n << " keys, duplicate of member " << dup;
    }
  }
}

TEST_F(Values, CanonicalJsonDropsTopLevelReplayMarkers) {
  std::string s;
  append_canonical_json(
      s,
      v(R"({"__replay":true,"a":{"__replay":1},"__replay_ts":5,"__replay_source":"dlq","__replay_failure_class":"X","b":2})"));
  EXPECT_EQ(s, R"({"a":{"__replay":1},"b":2})");
}

TEST_F(Values, U1AddressNormalization) {
  std::string out = "stale";
  assign_address(out, v(""));
  EXPECT_EQ(out, "");
  assign_address(out, v("null"));
  EXPECT_EQ(out, "");
  assign_address(out, v("\"   \""));
  EXPECT_EQ(out, "");
  assign_address(out, v("\" 0xAbC123 \""));
  EXPECT_EQ(out, "0xabc123");
  assign_address(out, v("\"\\t0xDEF\\u0001\""));
  EXPECT_EQ(out, "0xdef");
  for (std::string_view s : {"", "   ", " 0xAbC123 ", "\t\nX\x01", "ÄbC"}) {
    EXPECT_EQ(normalize_address(s), [&] {
      std::string lit;
      append_json_string(lit, s);
      std::string r;
      assign_address(r, v(lit));
      return r;
    }());
  }
}

TEST(Utilities, U2WorkflowSessionId) {
  EXPECT_EQ(workflow_session_id("stream-1", "req-1", "evt-1"), "stream-1|req-1");
  EXPECT_EQ(workflow_session_id("stream-1", "", "evt-1"), "stream-1|_missing_request");
  EXPECT_EQ(workflow_session_id("", "req-1", "evt-1"), "_missing_stream|req-1");
  EXPECT_EQ(workflow_session_id("", "", "evt-1"), "_missing_stream|_missing_request|evt-1");
}

TEST(Utilities, U3Sha256) {
  EXPECT_EQ(sha256_hex("hello"), sha256_hex("hello"));
  EXPECT_EQ(sha256_hex("hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
}

TEST(Utilities, U4Blank) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank("   "));
  EXPECT_FALSE(is_blank("a"));
  EXPECT_EQ(event_uid("  ", "msg"), sha256_hex("msg"));
  EXPECT_EQ(event_uid("id", "msg"), "id");
}

// ---- the document parser -----------------------------------------------------

TEST(JsonDocument, FirstValueOnly) {
  JsonDocumentParser p;
  auto r = p.parse(R"({"a":1} trailing {"b")");
  ASSERT_EQ(r.status, JsonDocumentParser::Status::kOk);
  std::string s;
  append_compact_json(s, JsonRef(r.root));
  EXPECT_EQ(s, R"({"a":1})");
  r = p.parse(R"({"a":"}"}}}])");
  ASSERT_EQ(r.status, JsonDocumentParser::Status::kOk);
  EXPECT_EQ(text_or_empty(JsonRef(r.root)["a"]), "}");
  r = p.parse(R"([1,2]{)");
  ASSERT_EQ(r.status, JsonDocumentParser::Status::kOk);
  EXPECT_TRUE(JsonRef(r.root).is_array());
  EXPECT_EQ(p.parse("").status, JsonDocumentParser::Status::kEmpty);
  EXPECT_EQ(p.parse(" \r\n\t").status, JsonDocumentParser::Status::kEmpty);
  EXPECT_EQ(p.parse(R"({"a":1)").status, JsonDocumentParser::Status::kError);
  EXPECT_EQ(p.parse(R"({"a":1,} x)").status, JsonDocumentParser::Status::kError);
}

TEST(JsonDocument, NumbersBeyondSimdjson) {
  JsonDocumentParser p;
  auto r = p.parse(
      R"({"big":99999999999999999999999,"neg":-9223372036854775809,"inf":1e400,"ninf":-1e400,"s":"1e400","u":18446744073709551615})");
  ASSERT_EQ(r.status, JsonDocumentParser::Status::kOk);
  const JsonRef o(r.root);
  EXPECT_DOUBLE_EQ(lenient_float(o["big"]), 1e23);
  EXPECT_DOUBLE_EQ(lenient_float(o["neg"]), -9223372036854775809.0);
  EXPECT_EQ(lenient_float(o["inf"]), std::numeric_limits<double>::max());
  EXPECT_EQ(lenient_float(o["ninf"]), -std::numeric_limits<double>::max());
  EXPECT_EQ(text_or_empty(o["s"]), "1e400");  // strings untouched
  EXPECT_EQ(text_or_empty(o["u"]), "18446744073709551615");
  EXPECT_FALSE(lenient_int(o["u"]).has_value());
  EXPECT_EQ(p.parse(R"({"a":1e400 x})").status, JsonDocumentParser::Status::kError);
  EXPECT_EQ(p.parse(R"({"a":--1})").status, JsonDocumentParser::Status::kError);
  EXPECT_EQ(p.parse(R"({"a":NaN})").status, JsonDocumentParser::Status::kError);
  // A parser reused after errors still works.
  EXPECT_EQ(p.parse(R"({"a":2})").status, JsonDocumentParser::Status::kOk);
}

TEST(JsonDocument, ErrorsCarryAMessage) {
  JsonDocumentParser p;
  const auto r = p.parse("{\"a\":\"\x01\"}");
  EXPECT_EQ(r.status, JsonDocumentParser::Status::kError);
  EXPECT_FALSE(r.error.empty());
}

// ---- lenient UTF-8 -----------------------------------------------------------

std::string utf8(std::string_view in) {
  std::string out;
  return decode_utf8_lenient(in, out) ? std::string(in) : out;
}

TEST(Utf8, ValidInputIsUntouched) {
  std::string out = "untouched";
  EXPECT_TRUE(decode_utf8_lenient("plain \xC3\xA9 \xF0\x9F\x98\x80", out));
  EXPECT_EQ(out, "untouched");
}

TEST(Utf8, IllFormedSequencesBecomeReplacementCharacters) {
  const std::string R = "\xEF\xBF\xBD";
  EXPECT_EQ(utf8("a\xFF"
                 "b"),
            "a" + R + "b");
  EXPECT_EQ(utf8("\x80\x80"), R + R);                  // stray continuations
  EXPECT_EQ(utf8("\xC0\xAF"), R + R);                  // overlong lead bytes
  EXPECT_EQ(utf8("\xE0\x80\xAF"), R + R + R);          // overlong 3-byte
  EXPECT_EQ(utf8("\xED\xA0\x80"), R + R + R);          // a surrogate
  EXPECT_EQ(utf8("\xF4\x90\x80\x80"), R + R + R + R);  // above U+10FFFF
  EXPECT_EQ(utf8("\xE2\x82"
                 "x"),
            R + "x");                  // truncated: one replacement
  EXPECT_EQ(utf8("\xF0\x9F\x98"), R);  // truncated at the end
  EXPECT_EQ(utf8("ok\xE2\x82\xAC\xFE"), "ok\xE2\x82\xAC" + R);
}

}  // namespace
}  // namespace naap::ingest
