// Bad input never kills the pipeline and is never lost: a file mixing every
// kind of garbage with valid events gives exactly one DLQ row per bad line,
// with the expected class and reason, and accepts every valid event.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <tuple>

#include "harness.hpp"

namespace naap::testing {
namespace {

std::string valid(int i, const std::string& extra = "") {
  return R"({"id":"ok-)" + std::to_string(i) +
         R"(","type":"ai_stream_status","timestamp":"1771800000)" + std::to_string(100 + i) +
         R"(","gateway":"g","data":{"stream_id":"s)" + std::to_string(i) +
         R"(","request_id":"r","pipeline":"p")" + extra + "}}";
}

struct Expect {
  std::string line;
  std::string failure_class;  // "" = accepted
  std::string reason;
};

std::vector<Expect> cases() {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
  std::string binary;
  for (int c = 0; c < 256; ++c) {
    if (c != '\n') binary.push_back(static_cast<char>(c));
  }
  const std::string D = "DESERIALIZATION_FAILED", S = "SCHEMA_INVALID";
  return {
      {valid(1), "", ""},
      {R"({"id":"t1","type":"ai_stream_status","timestamp":"1771)", D, "json_parse_error"},
      {"{\"id\":\"u1\",\"type\":\"ai_stream_status\xff\xfe\",\"timestamp\":\"1771800000000\","
       "\"data\":{}}",
       S, "unsupported_event_type"},
      {"{\"id\":\"u2\",\xff\"type\":\"x\"}", D, "json_parse_error"},
      {"{\"id\":\"c1\",\"type\":\"ai_stream_status\",\"timestamp\":\"1771800000000\",\"data\":{"
       "\"stream_id\":\"a\x01"
       "b\",\"request_id\":\"r\",\"pipeline\":\"p\"}}",
       D, "json_parse_error"},
      {"hello world", D, "json_parse_error"},
      {"[1,2,3]", S, "root_not_object"},
      {deep, D, "json_parse_error"},
      {R"({"id":"n1","type":"ai_stream_status","timestamp":NaN,"data":{}})", D,
       "json_parse_error"},
      {R"({"id":"n2","type":"ai_stream_status","timestamp":1e400,"data":{"stream_id":"s","request_id":"r","pipeline":"p"}})",
       S, "timestamp_out_of_range"},
      {R"({"id":"x1","type":"foo","timestamp":"1771800000000","data":{}})", S,
       "unsupported_event_type"},
      {R"({"id":"m1","type":"ai_stream_status","timestamp":"1771800000000","data":{"request_id":"r","pipeline":"p"}})",
       S, "missing_field"},
      {R"({"id":"m2","type":"ai_stream_status","timestamp":"1771800000000","data":{"stream_id":"","request_id":"r","pipeline":"p"}})",
       S, "missing_field"},
      {R"({"id":"m3","type":"stream_trace","timestamp":"1771800000000","data":{"stream_id":"s","request_id":"r"}})",
       S, "missing_field"},
      {R"({"id":"ts1","type":"ai_stream_status","timestamp":"abc","data":{}})", S,
       "missing_timestamp"},
      {R"({"id":"ts2","type":"ai_stream_status","timestamp":"99999999999999","data":{"stream_id":"s","request_id":"r","pipeline":"p"}})",
       S, "timestamp_out_of_range"},
      {R"({"id":"d1","type":"discovery_results","timestamp":"1771800000000","data":{"a":1}})", S,
       "empty_array"},
      {R"({"id":"d2","type":"network_capabilities","timestamp":"1771800000000","data":"bad-shape"})",
       S, "invalid_data_shape"},
      {R"({"id":"d3","type":"ai_stream_status","timestamp":"1771800000000"})", S,
       "missing_data"},
      {R"({"id":"d4","type":"ai_stream_status","timestamp":"1771800000000","data":[1]})", S,
       "missing_field"},
      {binary, D, "json_parse_error"},
      {"", S, "root_not_object"},
      {std::string(3u << 20, 'x'), D, "json_parse_error"},  // oversized garbage
      {valid(3), "", ""},
  };
}

std::string q(store::Chdb& db, const std::string& sql) {
  std::string out = db.query(sql, "TSV").data;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(BadInput, EachBadLineIsOneDlqRowAndEveryValidEventIsAccepted) {
  TempDir dir("bad-input");
  const auto expected = cases();
  {
    std::ofstream f(dir / "mixed.jsonl", std::ios::binary);
    for (const auto& e : expected) f << e.line << '\n';
  }
  const auto r = run_command(naap() + " run --input " + shell_quote(dir / "mixed.jsonl") +
                             " --store " + shell_quote(dir / "store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;

  store::Chdb db(dir / "store");
  std::map<uint64_t, std::pair<std::string, std::string>> dlq;
  std::istringstream rows(q(db,
                            "SELECT source_offset, failure_class, failure_reason FROM "
                            "livepeer_analytics.streaming_events_dlq ORDER BY source_offset"));
  std::string line;
  while (std::getline(rows, line)) {
    std::istringstream cols(line);
    uint64_t offset;
    std::string cls, reason;
    cols >> offset >> cls >> reason;
    EXPECT_FALSE(dlq.count(offset)) << "two DLQ rows for line " << offset;
    dlq[offset] = {cls, reason};
  }
  size_t bad = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    const uint64_t line_no = i + 1;
    SCOPED_TRACE("line " + std::to_string(line_no));
    if (expected[i].failure_class.empty()) {
      EXPECT_FALSE(dlq.count(line_no));
      continue;
    }
    ++bad;
    ASSERT_TRUE(dlq.count(line_no));
    EXPECT_EQ(dlq[line_no].first, expected[i].failure_class);
    EXPECT_EQ(dlq[line_no].second, expected[i].reason);
  }
  EXPECT_EQ(dlq.size(), bad);
  EXPECT_EQ(q(db, "SELECT arrayStringConcat(groupArray(id), ',') FROM (SELECT id FROM "
                  "livepeer_analytics.streaming_events ORDER BY id)"),
            "ok-1,ok-3");
  EXPECT_EQ(q(db, "SELECT count() FROM livepeer_analytics.ai_stream_status"), "2");
  // The oversized garbage line is kept, truncated, with its size recorded.
  EXPECT_EQ(q(db,
              "SELECT payload_truncated, payload_original_size, length(payload_body) <= 1000000 "
              "FROM livepeer_analytics.streaming_events_dlq WHERE source_offset = " +
                  std::to_string(expected.size() - 1)),
            "1\t" + std::to_string(3u << 20) + "\t1");
}

TEST(BadInput, DuplicatesAreQuarantinedAndCounted) {
  TempDir dir("duplicates");
  {
    std::ofstream f(dir / "dups.jsonl");
    f << valid(1) << '\n' << valid(2) << '\n' << valid(1) << '\n' << valid(1) << '\n';
  }
  const auto r = run_command(naap() + " run --input " + shell_quote(dir / "dups.jsonl") +
                             " --store " + shell_quote(dir / "store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("quarantined                2"), std::string::npos) << r.out;
  store::Chdb db(dir / "store");
  EXPECT_EQ(q(db,
              "SELECT groupArray(source_offset), any(failure_class), any(failure_reason), "
              "any(dedup_key), any(dedup_strategy) FROM (SELECT * FROM "
              "livepeer_analytics.streaming_events_quarantine ORDER BY source_offset)"),
            "[3,4]\tDUPLICATE\tduplicate_event\tok-1\tevent_id");
  EXPECT_EQ(q(db, "SELECT count() FROM livepeer_analytics.streaming_events"), "2");
}

TEST(BadInput, OversizedValidEventIsArchivedWholeAndItsTypedRowGoesToTheDlq) {
  TempDir dir("oversized");
  const std::string big = valid(7, ",\"blob\":\"" + std::string(3u << 20, 'A') + "\"");
  {
    std::ofstream f(dir / "big.jsonl");
    f << big << '\n';
  }
  const auto r = run_command(naap() + " run --input " + shell_quote(dir / "big.jsonl") +
                             " --store " + shell_quote(dir / "store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  store::Chdb db(dir / "store");
  EXPECT_EQ(q(db, "SELECT count() FROM livepeer_analytics.streaming_events WHERE id = 'ok-7'"),
            "1");
  EXPECT_EQ(q(db,
              "SELECT failure_stage, failure_reason, payload_truncated, payload_original_size, "
              "raw_event_uid FROM livepeer_analytics.streaming_events_dlq"),
            "SINK_GUARD\trecord_too_large\t1\t" + std::to_string(big.size()) + "\tok-7");
}

TEST(BadInput, ABinaryFileIsAllDlqAndTheRunCompletes) {
  TempDir dir("binary-file");
  const std::string binary = "/bin/true";  // an ELF executable: bytes, NULs, few newlines
  const auto r = run_command(naap() + " run --input " + shell_quote(binary) + " --store " +
                             shell_quote(dir / "store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Expected lines, read independently: split on '\n', a trailing '\r' is
  // part of the terminator (as the reader treats it).
  std::ifstream in(binary, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint64_t expected_lines = 0, expected_bytes = 0;
  size_t start = 0;
  while (start < bytes.size()) {
    size_t nl = bytes.find('\n', start);
    const bool last = nl == std::string::npos;
    if (last) nl = bytes.size();
    size_t len = nl - start;
    if (len > 0 && bytes[nl - 1] == '\r') --len;
    ++expected_lines;
    expected_bytes += len;
    start = nl + 1;
  }
  store::Chdb db(dir / "store");
  EXPECT_EQ(to_u64(q(db, "SELECT count() FROM livepeer_analytics.streaming_events_dlq")),
            expected_lines);
  EXPECT_EQ(q(db, "SELECT count() FROM livepeer_analytics.streaming_events"), "0");
  EXPECT_EQ(q(db,
              "SELECT countIf(failure_reason NOT IN ('json_parse_error', 'root_not_object')) FROM "
              "livepeer_analytics.streaming_events_dlq"),
            "0");
  // Every byte of every line is accounted for in the DLQ.
  EXPECT_EQ(to_u64(q(db,
                     "SELECT sum(payload_original_size) FROM "
                     "livepeer_analytics.streaming_events_dlq")),
            expected_bytes);
}

}  // namespace
}  // namespace naap::testing
