// PARSE rejects (R1), the row guard (S1-S3) and never-dropped, truncated
// reject rows (spec README 7).
#include "ingest/reject_rows.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "ingest/quality_gate.hpp"
#include "test_support.hpp"

namespace naap::ingest {
namespace {

using testing::kNow;
using testing::test_source;

const std::string kNetCapsEvent =
    R"({"id":"evt-1","type":"network_capabilities","timestamp":1771936670203,"data":[{"address":"0xAA","capabilities":{"capacities":{"35":1},"constraints":{"PerCapability":{"35":{"models":{"m":{"warm":true}}}}}},"capabilities_prices":[{"capability":35,"pricePerUnit":5,"constraint":"m"}],"hardware":[{"pipeline":"p","model_id":"m","gpu_info":{"0":{"id":"g"}}}]}]})";

struct EmptyMessageError : std::exception {
  const char* what() const noexcept override { return ""; }
};

void fail_snapshots(TableId t) {
  if (t == TableId::kNetworkCapabilities) throw EmptyMessageError();
}

TEST(RejectRows, R1ParseExceptionWithoutMessage) {
  GateConfig config;
  config.parser_hook = &fail_snapshots;
  QualityGate gate(config);
  const GateOutcome& o = gate.process(kNetCapsEvent, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  // The failing parser's rows are gone; the other three parsers' rows stay.
  EXPECT_EQ(o.rows.capabilities.size(), 0u);
  EXPECT_EQ(o.rows.capabilities_advertised.size(), 1u);
  EXPECT_EQ(o.rows.capability_model_constraints.size(), 1u);
  EXPECT_EQ(o.rows.capability_prices.size(), 1u);
  EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilities).rows, 0u);
  EXPECT_EQ(o.encoded_for(TableId::kNetworkCapabilitiesPrices).rows, 1u);
  const auto d = testing::only_dlq(o);
  EXPECT_EQ(d.failure_stage, "PARSE");
  EXPECT_EQ(d.failure_class, "PARSING_FAILED");
  EXPECT_EQ(d.failure_reason, "parse_exception");
  EXPECT_NE(d.failure_details.find("EmptyMessageError"), std::string::npos) << d.failure_details;
  EXPECT_EQ(d.event_id, "evt-1");
  EXPECT_EQ(d.event_timestamp, 1771936670203);
  EXPECT_EQ(d.dedup_key, "evt-1");
  EXPECT_EQ(d.dedup_strategy, "event_id");
  EXPECT_EQ(d.event_version, "1");
  EXPECT_EQ(d.payload_body, kNetCapsEvent);
  EXPECT_FALSE(d.payload_canonical_json.has_value());
}

void fail_everything(TableId) { throw std::runtime_error("boom"); }
void fail_with_int(TableId) { throw 42; }

TEST(RejectRows, ParseExceptionDetails) {
  EXPECT_EQ(parse_exception_details(std::runtime_error("boom")), "std::runtime_error: boom");
  EXPECT_EQ(parse_exception_details(std::bad_alloc()), "std::bad_alloc: std::bad_alloc");
  GateConfig config;
  config.parser_hook = &fail_everything;
  QualityGate gate(config);
  const GateOutcome& o = gate.process(kNetCapsEvent, test_source(), kNow);
  EXPECT_EQ(o.dlq.size(), 4u);  // one per failing parser
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEventsDlq).rows, 4u);
  EXPECT_EQ(o.rows.row_count(), 0u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u);  // the event was accepted
  EXPECT_EQ(o.dlq[0].failure_details, "std::runtime_error: boom");
  config.parser_hook = &fail_with_int;
  QualityGate gate2(config);
  EXPECT_EQ(gate2.process(kNetCapsEvent, test_source(), kNow).dlq[0].failure_details,
            "Unknown parse error");
}

TEST(RejectRows, S1OversizedTypedRowGoesToDlq) {
  GateConfig config;
  config.max_record_bytes = 10;
  QualityGate gate(config);
  const std::string line =
      R"({"id":"big","type":"stream_trace","timestamp":1,"data":{"stream_id":"s","request_id":"r","type":"t"}})";
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.encoded_for(TableId::kStreamTraceEvents).rows, 0u);
  EXPECT_TRUE(o.encoded_for(TableId::kStreamTraceEvents).bytes.empty());
  // The archive keeps the accepted event whole (it is not guarded).
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u);
  EXPECT_EQ(o.rows.trace.size(), 1u);  // the lifecycle still sees the row
  ASSERT_EQ(o.dlq.size(), 1u);         // the trace row
  for (const DlqRow& r : o.dlq) {
    EXPECT_EQ(r.failure_stage, "SINK_GUARD");
    EXPECT_EQ(r.failure_class, "RECORD_TOO_LARGE");
    EXPECT_EQ(r.failure_reason, "record_too_large");
    EXPECT_TRUE(r.payload_truncated);  // S2: the DLQ row is too big as well: truncated, kept
    EXPECT_EQ(r.payload_original_size, line.size());
    EXPECT_EQ(r.payload_body, "");
  }
  std::string trace_bytes;
  RowBinaryWriter wt(trace_bytes);
  o.rows.trace[0].encode(wt);
  EXPECT_EQ(o.dlq[0].failure_details,
            "Row size " + std::to_string(trace_bytes.size()) + " exceeds limit 10");
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEventsDlq).rows, 1u);
}

TEST(RejectRows, S3SmallRowsPassUnchanged) {
  QualityGate gate;
  const GateOutcome& o = gate.process(
      R"({"id":"ok","type":"stream_trace","timestamp":1,"data":{"stream_id":"s","request_id":"r","type":"t"}})",
      test_source(), kNow);
  EXPECT_EQ(o.dlq.size(), 0u);
  std::string expected;
  RowBinaryWriter w(expected);
  o.rows.trace[0].encode(w);
  EXPECT_EQ(o.encoded_for(TableId::kStreamTraceEvents).bytes, expected);
  EXPECT_EQ(o.encoded_for(TableId::kStreamTraceEvents).rows, 1u);
}

TEST(RejectRows, OversizedLineIsAcceptedButGuarded) {
  // A valid 3 MB event: the archive keeps it whole; its typed row exceeds
  // 1 MB and goes to the DLQ, truncated to fit, recording the original size.
  const std::string prompt(3'000'000, 'x');
  const std::string line =
      R"({"id":"huge","type":"ai_stream_status","timestamp":1,"data":{"stream_id":"s","request_id":"r","pipeline":"p","inference_status":{"last_params":{"prompt":")" +
      prompt + R"("}}}})";
  QualityGate gate;
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.rows.status.size(), 1u);
  EXPECT_EQ(o.rows.status[0].prompt_text->size(), prompt.size());
  EXPECT_EQ(o.encoded_for(TableId::kAiStreamStatus).rows, 0u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u);
  const EncodedRows& e = o.encoded_for(TableId::kStreamingEventsDlq);
  ASSERT_EQ(e.rows, 1u);
  testing::RowBinaryReader r(e.bytes);
  for (int i = 0; i < 1; ++i) {
    const size_t start = r.pos();
    const auto d = testing::read_reject(r);
    EXPECT_LE(r.pos() - start, 1'000'000u);
    EXPECT_GE(r.pos() - start, 999'000u);  // truncated to fit, not emptied
    EXPECT_EQ(d.failure_reason, "record_too_large");
    EXPECT_EQ(d.payload_truncated, 1);
    EXPECT_EQ(d.payload_original_size, line.size());
    EXPECT_EQ(d.payload_body, line.substr(0, d.payload_body.size()));
    EXPECT_EQ(d.raw_event_uid, "huge");
  }
  EXPECT_TRUE(r.done());
}

TEST(RejectRows, OversizedGarbageLineTruncatedBase64) {
  std::string line(3 * 1024 * 1024, '\0');
  for (size_t i = 0; i < line.size(); ++i) line[i] = static_cast<char>((i * 2654435761u) >> 13);
  QualityGate gate;
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kRejected);
  const EncodedRows& e = o.encoded_for(TableId::kStreamingEventsDlq);
  EXPECT_LE(e.bytes.size(), 1'000'000u);
  const auto d = testing::only_dlq(o);
  EXPECT_EQ(d.failure_reason, "json_parse_error");
  EXPECT_EQ(d.payload_encoding, "base64");
  EXPECT_EQ(d.payload_truncated, 1);
  EXPECT_EQ(d.payload_original_size, line.size());  // bytes received, not their Base64
  EXPECT_EQ(d.payload_body.size() % 4, 0u);
  std::string full;
  append_base64(full, line);
  EXPECT_EQ(d.payload_body, full.substr(0, d.payload_body.size()));
}

TEST(RejectRows, OversizedValidationFailureTruncatesBodyThenCanonical) {
  const std::string big(700'000, 'y');
  const std::string line =
      R"({"id":"v","type":"foo","timestamp":1,"data":{"blob":")" + big + R"("}})";
  QualityGate gate;
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  const EncodedRows& e = o.encoded_for(TableId::kStreamingEventsDlq);
  EXPECT_LE(e.bytes.size(), 1'000'000u);
  const auto d = testing::only_dlq(o);
  EXPECT_EQ(d.failure_reason, "unsupported_event_type");
  EXPECT_EQ(d.payload_truncated, 1);
  EXPECT_EQ(d.payload_original_size, line.size());
  // Body first: it is cut, the canonical copy is cut only as far as needed.
  EXPECT_LT(d.payload_body.size(), line.size());
  ASSERT_TRUE(d.payload_canonical_json.has_value());
  EXPECT_GT(d.payload_body.size() + d.payload_canonical_json->size(), 990'000u);
  EXPECT_EQ(*d.payload_canonical_json, line.substr(0, d.payload_canonical_json->size()));
}

TEST(RejectRows, TruncationKeepsUtf8Whole) {
  DlqRow r;
  r.payload_encoding = "json";
  r.payload_body =
      "ab\xE2\x82\xAC"
      "cd";  // a 3-byte euro sign
  r.payload_original_size = r.payload_body.size();
  std::string bytes;
  RowBinaryWriter w(bytes);
  r.encode(w);
  // Remove 4 bytes: "ab€" would split, so it cuts to "ab".
  EXPECT_TRUE(r.shrink_to(bytes.size(), bytes.size() - 4));
  EXPECT_EQ(r.payload_body, "ab");
  EXPECT_TRUE(r.payload_truncated);
  EXPECT_EQ(r.payload_original_size, 7u);
  EXPECT_FALSE(r.shrink_to(10, 10));
}

TEST(RejectRows, HugeNonPayloadFieldsAreCapped) {
  // A 2 MB unsupported type: the details and event_type alone exceed the limit.
  const std::string type(2'000'000, 't');
  const std::string line = R"({"id":"c","type":")" + type + R"(","timestamp":1,"data":{}})";
  QualityGate gate;
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  EXPECT_LE(o.encoded_for(TableId::kStreamingEventsDlq).bytes.size(), 1'000'000u);
  const auto d = testing::only_dlq(o);
  EXPECT_EQ(d.failure_reason, "unsupported_event_type");
  EXPECT_EQ(d.event_type.size(), 1024u);
  EXPECT_EQ(d.failure_details.size(), 1024u);
  EXPECT_EQ(d.payload_truncated, 1);
}

TEST(RejectRows, Base64) {
  auto b64 = [](std::string_view s) {
    std::string out;
    append_base64(out, s);
    return out;
  };
  EXPECT_EQ(b64(""), "");
  EXPECT_EQ(b64("f"), "Zg==");
  EXPECT_EQ(b64("fo"), "Zm8=");
  EXPECT_EQ(b64("foo"), "Zm9v");
  EXPECT_EQ(b64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(b64(std::string("\xff\x00\xfe", 3)), "/wD+");
}

TEST(RejectRows, ColumnsMatchEncoding) {
  EXPECT_EQ(RejectRow::kColumns.size(), 26u);
  EXPECT_EQ(DlqRow::kTable, "streaming_events_dlq");
  EXPECT_EQ(QuarantineRow::kTable, "streaming_events_quarantine");
  EXPECT_EQ(table_name(TableId::kStreamingEventsDlq), "streaming_events_dlq");
  EXPECT_EQ(table_name(TableId::kStreamingEventsQuarantine), "streaming_events_quarantine");
  DlqRow r;
  r.source_topic = "t";
  r.source_partition = 1;
  r.source_offset = 2;
  r.source_record_timestamp = 3;
  r.event_id = "id";
  r.event_type = "ty";
  r.event_version = "1";
  r.event_timestamp = 4;
  r.dedup_key = "k";
  r.dedup_strategy = "event_id";
  r.replay = true;
  r.failure_stage = "S";
  r.failure_class = "C";
  r.failure_reason = "R";
  r.failure_details = "D";
  r.orchestrator = "o";
  r.region = "re";
  r.payload_encoding = "json";
  r.payload_body = "{}";
  r.payload_canonical_json = "{}";
  r.ingestion_timestamp = 5;
  r.raw_event_uid = "u";
  r.payload_original_size = 2;
  std::string bytes;
  RowBinaryWriter w(bytes);
  r.encode(w);
  testing::RowBinaryReader rd(bytes);
  const auto d = testing::read_reject(rd);
  EXPECT_TRUE(rd.done());
  EXPECT_EQ(d.schema_version, "v1");
  EXPECT_EQ(d.source_topic, "t");
  EXPECT_EQ(d.source_partition, 1u);
  EXPECT_EQ(d.source_offset, 2u);
  EXPECT_EQ(d.source_record_timestamp, 3);
  EXPECT_EQ(d.event_id, "id");
  EXPECT_EQ(d.event_type, "ty");
  EXPECT_EQ(d.event_version, "1");
  EXPECT_EQ(d.event_timestamp, 4);
  EXPECT_EQ(d.dedup_key, "k");
  EXPECT_EQ(d.dedup_strategy, "event_id");
  EXPECT_EQ(d.replay, 1);
  EXPECT_EQ(d.failure_stage, "S");
  EXPECT_EQ(d.failure_class, "C");
  EXPECT_EQ(d.failure_reason, "R");
  EXPECT_EQ(d.failure_details, "D");
  EXPECT_EQ(d.orchestrator, "o");
  EXPECT_FALSE(d.broadcaster.has_value());
  EXPECT_EQ(d.region, "re");
  EXPECT_EQ(d.payload_encoding, "json");
  EXPECT_EQ(d.payload_body, "{}");
  EXPECT_EQ(d.payload_canonical_json, "{}");
  EXPECT_EQ(d.ingestion_timestamp, 5);
  EXPECT_EQ(d.raw_event_uid, "u");
  EXPECT_EQ(d.payload_original_size, 2u);
  EXPECT_EQ(d.payload_truncated, 0);
}

}  // namespace
}  // namespace naap::ingest
