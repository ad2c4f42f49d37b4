// The quality gate (events-and-ingest §3): G1-G2, V1-V5, the "further edge
// cases" table of §6.1, and hostile input.
#include "ingest/quality_gate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "ingest/failures.hpp"
#include "test_support.hpp"

namespace naap::ingest {
namespace {

using testing::kNow;
using testing::only_dlq;
using testing::test_source;

constexpr std::string_view kStatusData = R"({"stream_id":"s1","request_id":"r1","pipeline":"p1"})";

std::string status_event(std::string_view extra_top = "", std::string_view data = kStatusData) {
  std::string s = R"({"id":"evt-2","type":"ai_stream_status","timestamp":1710000000000,)";
  s += extra_top;
  s += R"("data":)";
  s += data;
  s += "}";
  return s;
}

GateConfig with_versions(std::vector<std::string> versions) {
  GateConfig c;
  c.supported_versions = std::move(versions);
  return c;
}

// Runs one line through a fresh gate and expects one DLQ row.
testing::DecodedReject reject_of(std::string_view line, GateConfig config = {}) {
  QualityGate gate(std::move(config));
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  EXPECT_EQ(o.disposition, Disposition::kRejected) << line;
  EXPECT_EQ(o.dlq.size(), 1u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 0u);
  EXPECT_EQ(o.rows.row_count(), 0u);
  return only_dlq(o);
}

void expect_validation(std::string_view line, std::string_view klass, std::string_view reason,
                       std::string_view details, GateConfig config = {}) {
  const auto d = reject_of(line, std::move(config));
  EXPECT_EQ(d.failure_stage, "SCHEMA_VALIDATION") << line;
  EXPECT_EQ(d.failure_class, klass) << line;
  EXPECT_EQ(d.failure_reason, reason) << line;
  EXPECT_EQ(d.failure_details, details) << line;
}

void expect_accepted(std::string_view line, GateConfig config = {}) {
  QualityGate gate(std::move(config));
  const GateOutcome& o = gate.process(line, test_source(), kNow);
  EXPECT_EQ(o.disposition, Disposition::kAccepted) << line;
  EXPECT_EQ(o.dlq.size(), 0u) << line;
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u) << line;
}

TEST(QualityGate, G1MissingStreamIdStringTimestampReplay) {
  const std::string line =
      R"({"id":"evt-1","type":"ai_stream_status","timestamp":"1710000000000","__replay":true,"data":{"request_id":"r1","pipeline":"p1"}})";
  const auto d = reject_of(line);
  EXPECT_EQ(d.failure_class, "SCHEMA_INVALID");
  EXPECT_EQ(d.failure_reason, "missing_field");
  EXPECT_EQ(d.failure_details, "Missing required field: data.stream_id");
  EXPECT_EQ(d.replay, 1);
  EXPECT_EQ(d.event_id, "evt-1");
  EXPECT_EQ(d.event_type, "ai_stream_status");
  EXPECT_EQ(d.event_timestamp, 1710000000000);
  EXPECT_FALSE(d.event_version.has_value());
  EXPECT_FALSE(d.dedup_key.has_value());
  EXPECT_FALSE(d.dedup_strategy.has_value());
  EXPECT_EQ(d.payload_encoding, "json");
  EXPECT_EQ(d.payload_body, line);
  // Canonical JSON: compact, replay markers removed.
  EXPECT_EQ(
      d.payload_canonical_json,
      R"({"id":"evt-1","type":"ai_stream_status","timestamp":"1710000000000","data":{"request_id":"r1","pipeline":"p1"}})");
  EXPECT_EQ(d.raw_event_uid, "evt-1");
  EXPECT_EQ(d.schema_version, "v1");
  EXPECT_EQ(d.source_topic, "events.jsonl");
  EXPECT_EQ(d.source_offset, 7u);
  EXPECT_EQ(d.source_record_timestamp, kNow);  // no record timestamp: the ingestion time
  EXPECT_EQ(d.ingestion_timestamp, kNow);
  EXPECT_EQ(d.payload_original_size, line.size());
  EXPECT_EQ(d.payload_truncated, 0);
}

TEST(QualityGate, G2NumericTimestampAccepted) {
  QualityGate gate;
  const GateOutcome& o = gate.process(status_event(), test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.event.event_id, "evt-2");
  EXPECT_EQ(o.event.event_type, "ai_stream_status");
  EXPECT_EQ(o.event.type, EventType::kAiStreamStatus);
  EXPECT_EQ(o.event.timestamp, 1710000000000);
  EXPECT_EQ(o.event.version, "1");
  EXPECT_EQ(o.event.dedup_key, "evt-2");
  EXPECT_EQ(o.event.dedup_strategy, DedupStrategy::kEventId);
  EXPECT_EQ(o.event.raw_event_uid, "evt-2");
  EXPECT_FALSE(o.event.replay);
  EXPECT_EQ(o.dlq.size(), 0u);
  EXPECT_EQ(o.encoded_for(TableId::kStreamingEventsDlq).rows, 0u);
  EXPECT_EQ(o.rows.status.size(), 1u);
  EXPECT_EQ(o.encoded_for(TableId::kAiStreamStatus).rows, 1u);
  EXPECT_EQ(o.rows.row_count(), 1u);
}

TEST(QualityGate, V1ValidStatusVersionDefaultsTo1) {
  QualityGate gate(with_versions({"1"}));
  const auto& o = gate.process(
      status_event("", R"({"stream_id":"s1","request_id":"r1","pipeline":"p1","pipeline_id":""})"),
      test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.event.version, "1");
}

TEST(QualityGate, V2IngestMetricsMissingStreamId) {
  expect_validation(
      R"({"id":"a","type":"stream_ingest_metrics","timestamp":"1","data":{"request_id":"r1"}})",
      "SCHEMA_INVALID", "missing_field", "Missing required field: data.stream_id",
      with_versions({"1"}));
}

TEST(QualityGate, V3UnsupportedTopLevelVersion) {
  const auto d = reject_of(status_event(R"("version":"2",)"), with_versions({"1"}));
  EXPECT_EQ(d.failure_class, "UNSUPPORTED_VERSION");
  EXPECT_EQ(d.failure_reason, "unsupported_version");
  EXPECT_EQ(d.failure_details, "Unsupported event version: 2");
  EXPECT_EQ(d.event_version, "2");
}

TEST(QualityGate, V4NetworkCapabilitiesObjectDataIsValid) {
  QualityGate gate(with_versions({"1"}));
  const auto& o = gate.process(
      R"({"id":"n","type":"network_capabilities","timestamp":"1","data":{"address":"0xabc"}})",
      test_source(), kNow);
  EXPECT_EQ(o.disposition, Disposition::kAccepted);
}

TEST(QualityGate, V5NetworkCapabilitiesStringData) {
  expect_validation(
      R"({"id":"n","type":"network_capabilities","timestamp":"1","data":"bad-shape"})",
      "SCHEMA_INVALID", "invalid_data_shape", "Expected data object or array");
}

TEST(QualityGate, NullPayloadTombstone) {
  QualityGate gate;
  const GateOutcome& o = gate.process_null(SourcePointer{"t", 3, 42, 1700000000000}, kNow);
  EXPECT_EQ(o.disposition, Disposition::kRejected);
  const auto d = only_dlq(o);
  EXPECT_EQ(d.failure_stage, "DESERIALIZATION");
  EXPECT_EQ(d.failure_class, "DESERIALIZATION_FAILED");
  EXPECT_EQ(d.failure_reason, "null_payload");
  EXPECT_EQ(d.failure_details, "Record value is null");
  EXPECT_EQ(d.payload_encoding, "json");
  EXPECT_EQ(d.payload_body, "");
  EXPECT_EQ(d.source_topic, "t");
  EXPECT_EQ(d.source_partition, 3u);
  EXPECT_EQ(d.source_offset, 42u);
  EXPECT_EQ(d.source_record_timestamp, 1700000000000);
  EXPECT_EQ(d.event_id, "");
  EXPECT_FALSE(d.event_timestamp.has_value());
  EXPECT_EQ(d.replay, 0);
  EXPECT_EQ(d.raw_event_uid, sha256_hex(""));
}

TEST(QualityGate, NotJsonIsBase64ParseError) {
  const auto d = reject_of("not json");
  EXPECT_EQ(d.failure_stage, "DESERIALIZATION");
  EXPECT_EQ(d.failure_class, "DESERIALIZATION_FAILED");
  EXPECT_EQ(d.failure_reason, "json_parse_error");
  EXPECT_FALSE(d.failure_details.empty());
  EXPECT_EQ(d.payload_encoding, "base64");
  EXPECT_EQ(d.payload_body, "bm90IGpzb24=");
  EXPECT_FALSE(d.payload_canonical_json.has_value());
  EXPECT_FALSE(d.event_timestamp.has_value());
  EXPECT_EQ(d.event_id, "");
  EXPECT_EQ(d.raw_event_uid, sha256_hex("not json"));
}

TEST(QualityGate, MalformedInputsAreParseErrors) {
  for (
      std::string_view line :
      {std::string_view(
           R"({"id":"a","type":"ai_stream_status","timestamp":"1","data":{"stream_id":"s)"),  // truncated
       std::string_view(R"({"id":"a",)"), std::string_view("{"), std::string_view("}"),
       std::string_view(R"({"a":NaN})"), std::string_view(R"({"a":Infinity})"),
       std::string_view("{\"a\":\"x\x01y\"}"),  // raw control character in a string
       std::string_view("{\"a\":\"x\ny\"}"), std::string_view(R"({'a':1})"),
       std::string_view(R"({"a":01})"), std::string_view("tru"), std::string_view("123abc")}) {
    const auto d = reject_of(line);
    EXPECT_EQ(d.failure_reason, "json_parse_error") << line;
    EXPECT_EQ(d.payload_encoding, "base64") << line;
  }
}

TEST(QualityGate, DeeplyNestedJsonIsParseError) {
  const std::string deep(100000, '[');
  EXPECT_EQ(reject_of(deep).failure_reason, "json_parse_error");
  std::string closed = std::string(5000, '[') + std::string(5000, ']');
  EXPECT_EQ(reject_of(closed).failure_reason, "json_parse_error");  // deeper than 1024
  std::string objects;
  for (int i = 0; i < 3000; ++i) objects += R"({"a":)";
  objects += "1";
  for (int i = 0; i < 3000; ++i) objects += "}";
  EXPECT_EQ(reject_of(objects).failure_reason, "json_parse_error");
}

TEST(QualityGate, BinaryGarbage) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 131 + 7) & 0xff);
  const auto d = reject_of(garbage);
  EXPECT_EQ(d.failure_reason, "json_parse_error");
  EXPECT_EQ(d.payload_encoding, "base64");
  EXPECT_EQ(d.payload_body.size(), (garbage.size() + 2) / 3 * 4);  // the raw bytes, Base64
  EXPECT_EQ(d.payload_original_size, garbage.size());
  std::string nul_bytes("\0\0\0", 3);
  EXPECT_EQ(reject_of(nul_bytes).failure_reason, "json_parse_error");
}

TEST(QualityGate, RootNotObject) {
  for (std::string_view line : {"[]", "\"x\"", "5", "null", "true", "[1,2]"}) {
    const auto d = reject_of(line);
    EXPECT_EQ(d.failure_reason, "root_not_object") << line;
    EXPECT_EQ(d.failure_class, "SCHEMA_INVALID");
    EXPECT_EQ(d.failure_details, "Root node is missing or not an object");
    EXPECT_EQ(d.payload_canonical_json, std::string(line)) << line;
  }
  // An empty value is Jackson's "missing" root: no canonical JSON.
  for (std::string_view line : {"", "   ", "\n\t "}) {
    const auto d = reject_of(line);
    EXPECT_EQ(d.failure_reason, "root_not_object");
    EXPECT_FALSE(d.payload_canonical_json.has_value());
    EXPECT_EQ(d.payload_encoding, "json");
  }
  // Trailing content after a scalar root is ignored: still a scalar root.
  EXPECT_EQ(reject_of("\"x\" trailing").failure_reason, "root_not_object");
  EXPECT_EQ(reject_of("123 456").failure_reason, "root_not_object");
}

TEST(QualityGate, MissingType) {
  for (std::string_view t :
       {R"("type":5,)", R"("type":null,)", "", R"("type":{},)", R"("type":true,)"}) {
    std::string line(1, '{');
    line += t;
    line += R"("timestamp":"1","data":{}})";
    const auto d = reject_of(line);
    EXPECT_EQ(d.failure_reason, "missing_type") << line;
    EXPECT_EQ(d.failure_details, "Event type is missing or not a string");
  }
  EXPECT_EQ(reject_of(R"({"type":5,"timestamp":"1","data":{}})").event_type, "5");
}

TEST(QualityGate, MissingTimestamp) {
  for (std::string_view ts :
       {"null", "\"-1\"", "\"17e11\"", "\"1.7e12\"", "true", "\"\"", "\"abc\"", "\"-5\"", "\"1.5\"",
        "{}", "[]", "\"99999999999999999999\"", "\"+1\"", "\"1 2\""}) {
    std::string line = R"({"id":"x","type":"ai_stream_status","timestamp":)" + std::string(ts) +
                       R"(,"data":{"stream_id":"s","request_id":"r","pipeline":"p"}})";
    const auto d = reject_of(line);
    EXPECT_EQ(d.failure_reason, "missing_timestamp") << ts;
    EXPECT_EQ(d.failure_details, "Event timestamp is missing or not numeric");
    EXPECT_FALSE(d.event_timestamp.has_value());
  }
  EXPECT_EQ(reject_of(R"({"type":"x","data":{}})").failure_reason, "missing_timestamp");
  // Order (§7.14): an unknown type with a bad timestamp reports the timestamp.
  EXPECT_EQ(reject_of(R"({"type":"foo","timestamp":"bad","data":{}})").failure_reason,
            "missing_timestamp");
}

TEST(QualityGate, TimestampOutOfDateTime64Range) {
  for (std::string_view ts :
       {"99999999999999", "\"9223372036854775807\"", "-2208988800001", "1e300", "-1e300",
        "18446744073709551615", "123456789012345678901234567890"}) {
    std::string line = R"({"id":"x","type":"ai_stream_status","timestamp":)" + std::string(ts) +
                       R"(,"data":{"stream_id":"s","request_id":"r","pipeline":"p"}})";
    const auto d = reject_of(line);
    EXPECT_EQ(d.failure_stage, "SCHEMA_VALIDATION") << ts;
    EXPECT_EQ(d.failure_class, "SCHEMA_INVALID") << ts;
    EXPECT_EQ(d.failure_reason, "timestamp_out_of_range") << ts;
    EXPECT_EQ(d.failure_details.rfind("Event timestamp is outside the DateTime64(3) range: ", 0),
              0u);
    EXPECT_FALSE(d.event_timestamp.has_value());
  }
  EXPECT_EQ(
      reject_of(R"({"id":"x","type":"ai_stream_status","timestamp":99999999999999,"data":{}})")
          .failure_details,
      "Event timestamp is outside the DateTime64(3) range: 99999999999999");
  // Checked after missing_timestamp and before missing_data.
  EXPECT_EQ(reject_of(R"({"type":"foo","timestamp":99999999999999})").failure_reason,
            "timestamp_out_of_range");
  // The range ends are accepted.
  expect_accepted(
      status_event().replace(status_event().find("1710000000000"), 13, "-2208988800000"));
  expect_accepted(
      status_event().replace(status_event().find("1710000000000"), 13, "10413791999999"));
}

TEST(QualityGate, AcceptedTimestampForms) {
  for (std::string_view ts : {"-1", "0", "\" 1771936670203 \"", "1710000000000.9", "\"0001\""}) {
    std::string line = R"({"id":"x","type":"ai_stream_status","timestamp":)" + std::string(ts) +
                       R"(,"data":{"stream_id":"s","request_id":"r","pipeline":"p"}})";
    QualityGate gate;
    const auto& o = gate.process(line, test_source(), kNow);
    ASSERT_EQ(o.disposition, Disposition::kAccepted) << ts;
  }
  QualityGate gate;
  auto ts_of = [&](std::string_view ts) {
    std::string line = R"({"type":"ai_stream_status","timestamp":)" + std::string(ts) +
                       R"(,"data":{"stream_id":"s","request_id":"r","pipeline":"p"}})";
    return gate.process(line, test_source(), kNow).event.timestamp;
  };
  EXPECT_EQ(ts_of("-1"), -1);
  EXPECT_EQ(ts_of("0"), 0);
  EXPECT_EQ(ts_of("\" 1771936670203 \""), 1771936670203);
  EXPECT_EQ(ts_of("1710000000000.9"), 1710000000000);
  EXPECT_EQ(ts_of("\"\\t42\\n\""), 42);  // Java trim strips control characters
}

TEST(QualityGate, MissingData) {
  const auto d = reject_of(R"({"id":"x","type":"ai_stream_status","timestamp":"1"})");
  EXPECT_EQ(d.failure_reason, "missing_data");
  EXPECT_EQ(d.failure_details, "Event data payload is missing");
}

TEST(QualityGate, DataNull) {
  expect_validation(R"({"id":"x","type":"ai_stream_status","timestamp":"1","data":null})",
                    "SCHEMA_INVALID", "missing_field", "Missing required field: data.stream_id");
  expect_validation(R"({"id":"x","type":"network_capabilities","timestamp":"1","data":null})",
                    "SCHEMA_INVALID", "missing_field", "Missing required field: data");
  expect_validation(R"({"id":"x","type":"network_capabilities","timestamp":"1","data":""})",
                    "SCHEMA_INVALID", "missing_field", "Missing required field: data");
  expect_validation(R"({"id":"x","type":"network_capabilities","timestamp":"1","data":5})",
                    "SCHEMA_INVALID", "invalid_data_shape", "Expected data object or array");
  expect_validation(R"({"id":"x","type":"network_capabilities","timestamp":"1","data":true})",
                    "SCHEMA_INVALID", "invalid_data_shape", "Expected data object or array");
}

TEST(QualityGate, UnsupportedEventType) {
  expect_validation(R"({"id":"x","type":"foo","timestamp":"1","data":{}})", "SCHEMA_INVALID",
                    "unsupported_event_type", "Unsupported event type: foo");
  expect_validation(R"({"id":"x","type":"AI_STREAM_STATUS","timestamp":"1","data":{}})",
                    "SCHEMA_INVALID", "unsupported_event_type",
                    "Unsupported event type: AI_STREAM_STATUS");
  expect_validation(R"({"id":"x","type":"","timestamp":"1","data":{}})", "SCHEMA_INVALID",
                    "unsupported_event_type", "Unsupported event type: ");
}

TEST(QualityGate, Versions) {
  expect_validation(status_event(R"("version":2,)"), "UNSUPPORTED_VERSION", "unsupported_version",
                    "Unsupported event version: 2");
  expect_validation(
      status_event("", R"({"stream_id":"s1","request_id":"r1","pipeline":"p1","version":"v2"})"),
      "UNSUPPORTED_VERSION", "unsupported_version", "Unsupported event version: v2");
  expect_validation(status_event(R"("version":"1.0",)"), "UNSUPPORTED_VERSION",
                    "unsupported_version", "Unsupported event version: 1.0");
  expect_validation(status_event(R"("version":true,)"), "UNSUPPORTED_VERSION",
                    "unsupported_version", "Unsupported event version: true");
  // A bad version is reported before missing fields (§7.14).
  expect_validation(status_event(R"("version":"9",)", "{}"), "UNSUPPORTED_VERSION",
                    "unsupported_version", "Unsupported event version: 9");
  // Numeric versions are truncated: 1.9 -> "1".
  QualityGate gate;
  const auto& o = gate.process(status_event(R"("version":1.9,)"), test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.event.version, "1");
  QualityGate gate2;
  EXPECT_EQ(gate2.process(status_event(R"("version":"v1",)"), test_source(), kNow).event.version,
            "v1");
  // Top-level null falls back to data.version.
  expect_validation(
      status_event(R"("version":null,)",
                   R"({"stream_id":"s1","request_id":"r1","pipeline":"p1","version":3})"),
      "UNSUPPORTED_VERSION", "unsupported_version", "Unsupported event version: 3");
  // An empty supported set disables the check.
  expect_accepted(status_event(R"("version":"77",)"), with_versions({}));
}

TEST(QualityGate, RequiredFieldsPerType) {
  struct Case {
    std::string type;
    std::string full_data;
    std::vector<std::string> fields;  // data.* fields, in check order
  };
  const std::vector<Case> cases = {
      {"ai_stream_status",
       R"({"stream_id":"s","request_id":"r","pipeline":"p"})",
       {"stream_id", "request_id", "pipeline"}},
      {"stream_ingest_metrics",
       R"({"stream_id":"s","request_id":"r"})",
       {"stream_id", "request_id"}},
      {"stream_trace",
       R"({"stream_id":"s","request_id":"r","type":"t"})",
       {"stream_id", "request_id", "type"}},
      {"ai_stream_events",
       R"({"stream_id":"s","request_id":"r","pipeline":"p","type":"t"})",
       {"stream_id", "request_id", "pipeline", "type"}},
      {"create_new_payment",
       R"({"sessionID":"a","manifestID":"b","sender":"c","recipient":"d","orchestrator":"e","faceValue":"f","numTickets":"g","price":"h","winProb":"i"})",
       {"sessionID", "manifestID", "sender", "recipient", "orchestrator", "faceValue", "numTickets",
        "price", "winProb"}},
  };
  for (const Case& c : cases) {
    const std::string head = R"({"id":"e1","type":")" + c.type + R"(","timestamp":"5","data":)";
    expect_accepted(head + c.full_data + "}");
    for (const std::string& f : c.fields) {
      const std::string quoted = "\"" + f + "\":";
      const size_t at = c.full_data.find(quoted);
      ASSERT_NE(at, std::string::npos);
      const size_t value_end = c.full_data.find_first_of(",}", at + quoted.size());
      const std::string value =
          c.full_data.substr(at + quoted.size(), value_end - at - quoted.size());
      for (std::string_view bad : {"\"\"", "null"}) {
        std::string data = c.full_data;
        data.replace(at + quoted.size(), value.size(), bad);
        expect_validation(head + data + "}", "SCHEMA_INVALID", "missing_field",
                          "Missing required field: data." + f);
      }
      // Absent.
      std::string data = c.full_data;
      size_t erase_from = at, erase_len = value_end - at;
      if (c.full_data[value_end] == ',') {
        ++erase_len;
      } else if (c.full_data[at - 1] == ',') {
        --erase_from;
        ++erase_len;
      }
      data.erase(erase_from, erase_len);
      expect_validation(head + data + "}", "SCHEMA_INVALID", "missing_field",
                        "Missing required field: data." + f);
      // Whitespace and non-strings pass ("present and non-empty" is loose).
      for (std::string_view ok : {"\"  \"", "123", "{}", "false"}) {
        std::string d2 = c.full_data;
        d2.replace(at + quoted.size(), value.size(), ok);
        expect_accepted(head + d2 + "}");
      }
    }
  }
  // stream_trace needs the envelope id.
  expect_validation(
      R"({"type":"stream_trace","timestamp":"5","data":{"stream_id":"s","request_id":"r","type":"t"}})",
      "SCHEMA_INVALID", "missing_field", "Missing required field: id");
  expect_validation(
      R"({"id":"","type":"stream_trace","timestamp":"5","data":{"stream_id":"s","request_id":"r","type":"t"}})",
      "SCHEMA_INVALID", "missing_field", "Missing required field: id");
  // Data of the wrong type: an intermediate non-object fails the path walk.
  expect_validation(R"({"id":"x","type":"ai_stream_status","timestamp":"1","data":[1,2]})",
                    "SCHEMA_INVALID", "missing_field", "Missing required field: data.stream_id");
  expect_validation(R"({"id":"x","type":"ai_stream_status","timestamp":"1","data":"str"})",
                    "SCHEMA_INVALID", "missing_field", "Missing required field: data.stream_id");
}

TEST(QualityGate, StreamIdValuesStoredAsText) {
  QualityGate gate;
  const auto& o =
      gate.process(status_event("", R"({"stream_id":"  ","request_id":123,"pipeline":1.5e10})"),
                   test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.rows.status[0].stream_id, "  ");
  EXPECT_EQ(o.rows.status[0].request_id, "123");
  EXPECT_EQ(o.rows.status[0].pipeline, "1.5E10");
}

TEST(QualityGate, DiscoveryShapes) {
  for (std::string_view data : {"[]", "{}", R"({"a":1})", "5", "\"x\"", "true"}) {
    expect_validation(
        std::string(R"({"id":"x","type":"discovery_results","timestamp":"1","data":)") +
            std::string(data) + "}",
        "SCHEMA_INVALID", "empty_array", "Expected non-empty data array");
  }
  expect_validation(R"({"id":"x","type":"discovery_results","timestamp":"1","data":null})",
                    "SCHEMA_INVALID", "missing_field", "Missing required field: data");
}

TEST(QualityGate, NetworkCapabilitiesEmptyDataGivesNoRows) {
  for (std::string_view data : {"[]", "{}", "[null, {}, 5]"}) {
    QualityGate gate;
    const auto& o = gate.process(
        std::string(R"({"id":"x","type":"network_capabilities","timestamp":"1","data":)") +
            std::string(data) + "}",
        test_source(), kNow);
    ASSERT_EQ(o.disposition, Disposition::kAccepted) << data;
    EXPECT_EQ(o.rows.row_count(), 0u);
    EXPECT_EQ(o.dlq.size(), 0u);
    EXPECT_EQ(o.encoded_for(TableId::kStreamingEvents).rows, 1u);
  }
}

TEST(QualityGate, TrailingContentIgnoredDuplicateKeysLastWins) {
  QualityGate gate;
  const std::string line = status_event() + R"( {"more"} garbage )";
  const auto& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.rows.status[0].raw_json, line);  // raw_json is the whole message
  const auto& o2 = gate.process(
      R"({"id":"dup","type":"foo","type":"stream_trace","timestamp":"1","data":{"stream_id":"a","stream_id":"b","request_id":"r","type":"t"}})",
      test_source(), kNow);
  ASSERT_EQ(o2.disposition, Disposition::kAccepted);
  EXPECT_EQ(o2.rows.trace[0].stream_id, "b");
  EXPECT_EQ(o2.raw.data, R"({"stream_id":"b","request_id":"r","type":"t"})");
}

TEST(QualityGate, InvalidUtf8IsDecodedLeniently) {
  QualityGate gate;
  std::string line = status_event("", R"({"stream_id":"s)"
                                      "\xff\xfe"
                                      R"(","request_id":"r)"
                                      "\xe2\x82"
                                      R"(","pipeline":"p"})");
  const auto& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.rows.status[0].stream_id, "s\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(o.rows.status[0].request_id, "r\xEF\xBF\xBD");
  std::string decoded = line;
  decoded.replace(decoded.find("\xff\xfe"), 2, "\xEF\xBF\xBD\xEF\xBF\xBD");
  decoded.replace(decoded.find("\xe2\x82"), 2, "\xEF\xBF\xBD");
  EXPECT_EQ(o.event.raw_json, decoded);
  EXPECT_EQ(o.rows.status[0].raw_json, decoded);
  // A validation failure carries the decoded message as its JSON payload.
  const auto d = reject_of(R"({"id":"x)"
                           "\xc0"
                           R"(","type":"foo","timestamp":"1","data":{}})");
  EXPECT_EQ(d.failure_reason, "unsupported_event_type");
  EXPECT_EQ(d.event_id, "x\xEF\xBF\xBD");
  EXPECT_EQ(d.payload_body, R"({"id":"x)"
                            "\xEF\xBF\xBD"
                            R"(","type":"foo","timestamp":"1","data":{}})");
}

TEST(QualityGate, HugeAndSpecialNumbersNeverCrash) {
  QualityGate gate;
  const auto& o = gate.process(
      status_event(
          "",
          R"({"stream_id":"s","request_id":"r","pipeline":"p","inference_status":{"fps":1e400,"restart_count":123456789012345678901234567890,"last_params":{"width":-1e400,"height":99999999999999999999}},"input_status":{"fps":-1e400},"start_time":1e400})"),
      test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  const AiStreamStatusRow& r = o.rows.status[0];
  EXPECT_TRUE(std::isinf(r.output_fps) && r.output_fps > 0);  // Jackson: Infinity
  EXPECT_TRUE(std::isinf(r.input_fps) && r.input_fps < 0);
  EXPECT_EQ(r.restart_count, 0u);  // out of range -> 0 (§7.3)
  EXPECT_EQ(r.prompt_width, 0);
  EXPECT_EQ(r.prompt_height, 0);
  EXPECT_FALSE(r.start_time.has_value());  // not representable -> absent (epoch)
}

TEST(QualityGate, ReplayFlag) {
  auto replay_of = [](std::string_view v) {
    QualityGate gate;
    return gate
        .process(status_event(std::string(R"("__replay":)") + std::string(v) + ","), test_source(),
                 kNow)
        .event.replay;
  };
  EXPECT_TRUE(replay_of("true"));
  EXPECT_TRUE(replay_of("1"));
  EXPECT_TRUE(replay_of("-3"));
  EXPECT_TRUE(replay_of("\"true\""));
  EXPECT_FALSE(replay_of("false"));
  EXPECT_FALSE(replay_of("0"));
  EXPECT_FALSE(replay_of("\"yes\""));
  EXPECT_FALSE(replay_of("1.5"));
  EXPECT_FALSE(replay_of("null"));
}

TEST(QualityGate, DimensionsInRejectRows) {
  auto d = reject_of(
      R"({"id":"x","type":"foo","timestamp":"1","data":{"orchestrator_info":{"address":"0xABC"},"orchestrator":"o","broadcaster":"b","region":""}})");
  EXPECT_EQ(d.orchestrator, "0xABC");  // not normalized
  EXPECT_EQ(d.broadcaster, "b");
  EXPECT_FALSE(d.region.has_value());
  d = reject_of(
      R"({"id":"x","type":"foo","timestamp":"1","data":{"orchestrator_info":{"address":""},"orchestrator":"https://o:1"}})");
  EXPECT_EQ(d.orchestrator, "https://o:1");
  EXPECT_FALSE(d.broadcaster.has_value());
  d = reject_of(R"({"id":"x","type":"foo","timestamp":"1","data":[1]})");
  EXPECT_FALSE(d.orchestrator.has_value());
}

TEST(QualityGate, SourceRecordTimestampAndVersionInRejects) {
  QualityGate gate;
  const auto& o =
      gate.process(R"({"id":"x","type":"foo","timestamp":"12","data":{"version":"v1"}})",
                   SourcePointer{"topic-a", 2, 99, 1234}, kNow);
  const auto d = only_dlq(o);
  EXPECT_EQ(d.source_topic, "topic-a");
  EXPECT_EQ(d.source_partition, 2u);
  EXPECT_EQ(d.source_offset, 99u);
  EXPECT_EQ(d.source_record_timestamp, 1234);
  EXPECT_EQ(d.event_version, "v1");
  EXPECT_EQ(d.event_timestamp, 12);
}

TEST(QualityGate, RawArchiveRow) {
  QualityGate gate;
  const auto& o = gate.process(
      R"({"id":"e9","type":"ai_stream_status","timestamp":"1770062064713","gateway":"gw-1","data":{ "stream_id" : "s1", "request_id":"r1","pipeline":"p1","x":[1, 2.50, true, null]}})",
      test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.raw.id, "e9");
  EXPECT_EQ(o.raw.type, "ai_stream_status");
  EXPECT_EQ(o.raw.timestamp, 1770062064713);
  EXPECT_EQ(o.raw.gateway, "gw-1");
  EXPECT_EQ(o.raw.data,
            R"({"stream_id":"s1","request_id":"r1","pipeline":"p1","x":[1,2.5,true,null]})");
  EXPECT_EQ(o.raw.raw_event_uid, "e9");
  const EncodedRows& e = o.encoded_for(TableId::kStreamingEvents);
  ASSERT_EQ(e.rows, 1u);
  testing::RowBinaryReader r(e.bytes);
  EXPECT_EQ(r.str(), "e9");
  EXPECT_EQ(r.str(), "ai_stream_status");
  EXPECT_EQ(r.u64(), 1770062064713u);
  EXPECT_EQ(r.str(), "gw-1");
  EXPECT_EQ(r.str(), o.raw.data);
  EXPECT_EQ(r.str(), "e9");
  EXPECT_TRUE(r.done());
}

TEST(QualityGate, RawEventUidHashesWhenIdBlank) {
  QualityGate gate;
  const std::string line =
      R"({"id":"  ","type":"ai_stream_status","timestamp":"1","data":{"stream_id":"s","request_id":"r","pipeline":"p"}})";
  const auto& o = gate.process(line, test_source(), kNow);
  ASSERT_EQ(o.disposition, Disposition::kAccepted);
  EXPECT_EQ(o.event.raw_event_uid, sha256_hex(line));
  EXPECT_EQ(o.event.dedup_key, "  ");  // dedup: non-empty, not non-blank (§7.6)
  EXPECT_EQ(o.event.dedup_strategy, DedupStrategy::kEventId);
  EXPECT_EQ(o.rows.status[0].raw_event_uid, sha256_hex(line));
  EXPECT_EQ(o.raw.raw_event_uid, sha256_hex(line));
}

TEST(QualityGate, OutcomeIsResetBetweenEvents) {
  QualityGate gate;
  gate.process(status_event(), test_source(), kNow);
  const auto& o = gate.process("nope", test_source(), kNow);
  EXPECT_EQ(o.disposition, Disposition::kRejected);
  EXPECT_EQ(o.rows.row_count(), 0u);
  EXPECT_EQ(o.dlq.size(), 1u);
  for (size_t t = 0; t < kTableCount; ++t) {
    if (static_cast<TableId>(t) == TableId::kStreamingEventsDlq) continue;
    EXPECT_EQ(o.encoded[t].rows, 0u);
    EXPECT_TRUE(o.encoded[t].bytes.empty());
  }
}

}  // namespace
}  // namespace naap::ingest
